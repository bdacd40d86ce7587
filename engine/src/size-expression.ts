/**
 * Byte-count expressions a person types on the command line: `4096`, `4K`, `2MiB`, `48*16`,
 * `PAGE_SIZE << 2`, `(1 << 20) + 64`, `0x1000`, `1_000`. Integer arithmetic as in Rust consts
 * (division truncates). Names resolve through a caller-given table (e.g. PAGE_SIZE of the profile).
 * This is a calculator for one argument, not a Rust parser.
 */
import { EngineError } from './errors.js';
import { own } from './own.js';

const SUFFIX_BYTES: Readonly<Record<string, number>> = {
  '': 1,
  B: 1,
  K: 1024,
  KB: 1024,
  KIB: 1024,
  M: 1024 ** 2,
  MB: 1024 ** 2,
  MIB: 1024 ** 2,
  G: 1024 ** 3,
  GB: 1024 ** 3,
  GIB: 1024 ** 3,
};

type Token = { kind: 'num'; value: number } | { kind: 'name'; text: string } | { kind: 'op'; text: string };

// Token patterns for one-line arithmetic input (not Rust source).
const TOKEN = /\s*(?:(0x[0-9a-fA-F_]+|\d[\d_]*)([a-zA-Z]*)|([A-Za-z_][A-Za-z0-9_]*)|(<<|>>|[-+*/()]))/y;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) throw new EngineError('invalid-size', `size '${text}': cannot read '${text.slice(at).trim()}'`);
    if (m[1] !== undefined) {
      const digits = m[1].replace(/_/g, '');
      const base = Number(digits);
      const suffix = (m[2] ?? '').toUpperCase();
      const unit = own(SUFFIX_BYTES, suffix);
      if (unit === undefined) throw new EngineError('invalid-size', `size '${text}': unknown unit '${m[2]}' (use K, M, G or KiB, MiB, GiB)`);
      tokens.push({ kind: 'num', value: base * unit });
    } else if (m[3] !== undefined) {
      tokens.push({ kind: 'name', text: m[3] });
    } else {
      tokens.push({ kind: 'op', text: m[4]! });
    }
  }
  return tokens;
}

/** Evaluate; throws EngineError('invalid-size') with the reason on anything it cannot read. */
export function evaluateSizeExpression(text: string, names: Readonly<Record<string, number>> = {}): number {
  const tokens = tokenize(text);
  let pos = 0;
  const fail = (why: string): never => {
    throw new EngineError('invalid-size', `size '${text}': ${why}`);
  };
  const peek = (): Token | undefined => tokens[pos];
  const isOp = (t: Token | undefined, ...ops: string[]): t is { kind: 'op'; text: string } => t?.kind === 'op' && ops.includes(t.text);

  const primary = (): number => {
    const t = tokens[pos++];
    if (!t) return fail('ends too early');
    if (t.kind === 'num') return t.value;
    if (t.kind === 'name') {
      const value = own(names, t.text);
      if (value === undefined) return fail(`unknown name '${t.text}'${Object.keys(names).length ? ` (known: ${Object.keys(names).join(', ')})` : ''}`);
      return value;
    }
    if (t.text === '(') {
      const v = shift();
      if (!isOp(tokens[pos++], ')')) fail("missing ')'");
      return v;
    }
    if (t.text === '-') return -primary();
    return fail(`unexpected '${t.text}'`);
  };
  const product = (): number => {
    let v = primary();
    while (isOp(peek(), '*', '/')) {
      const op = (tokens[pos++] as { text: string }).text;
      const r = primary();
      if (op === '/' && r === 0) fail('division by zero');
      v = op === '*' ? v * r : Math.trunc(v / r);
    }
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (isOp(peek(), '+', '-')) {
      const op = (tokens[pos++] as { text: string }).text;
      const r = product();
      v = op === '+' ? v + r : v - r;
    }
    return v;
  };
  const shift = (): number => {
    let v = sum();
    while (isOp(peek(), '<<', '>>')) {
      const op = (tokens[pos++] as { text: string }).text;
      const r = sum();
      if (r < 0 || r > 63) fail(`shift by ${r} is out of range`);
      v = op === '<<' ? v * 2 ** r : Math.floor(v / 2 ** r);
    }
    return v;
  };
  if (tokens.length === 0) fail('empty');
  const value = shift();
  if (pos !== tokens.length) fail(`unexpected '${JSON.stringify(tokens[pos])}'`);
  return value;
}
