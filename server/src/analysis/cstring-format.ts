/**
 * The buffer `CString::try_from_fmt(fmt!(..))` allocates: rust/kernel/str.rs (v7.1.5):845-853
 * formats once into a RawFormatter to count the bytes, adds the NUL, then
 * `KVec::with_capacity(size, GFP_KERNEL)`. So the request is the formatted length + 1 bytes.
 * Exact when every argument is a literal; otherwise an upper bound when every argument is an
 * integer, bool or char whose longest rendering is known (`u32`: 10 digits); a string argument
 * has no bound and leaves the size unknown.
 */
import type { Node } from 'web-tree-sitter';
import type { CountBound } from './count-bound.js';
import { typeOfExpr, type TypeContext } from './expr-type.js';
import { parseIntLiteral } from './extract/const-from-node.js';
import type { ConstExpr } from './rust-model.js';
import { findBinding } from './scope.js';
import { typeFromNode } from './extract/type-from-node.js';

export interface FormattedLength {
  readonly count: ConstExpr | null;
  readonly countBound: CountBound | null;
  /** Why there is no exact count. */
  readonly why: string | null;
}

/** Longest Display rendering of each primitive (64-bit usize/isize: the kernel's Rust targets are 64-bit). */
const DECIMAL_MAX: Readonly<Record<string, number>> = {
  u8: 3,
  u16: 5,
  u32: 10,
  u64: 20,
  u128: 39,
  usize: 20,
  i8: 4,
  i16: 6,
  i32: 11,
  i64: 20,
  i128: 40,
  isize: 20,
  bool: 5,
  char: 4,
};
const BITS: Readonly<Record<string, number>> = { u8: 8, u16: 16, u32: 32, u64: 64, u128: 128, usize: 64, i8: 8, i16: 16, i32: 32, i64: 64, i128: 128, isize: 64 };

/** `{}`, `{name}`, `{0:x}`, `{:#010x}`: the argument and the few specs whose length we know. */
const PLACEHOLDER = /^(\w*)(?::(#)?(0)?(\d+)?([xXob?])?)?$/;

interface Piece {
  readonly arg: string;
  readonly alternate: boolean;
  readonly width: number;
  readonly radix: '' | 'x' | 'X' | 'o' | 'b' | '?';
}

/** The bytes of a Rust string literal's body (escapes decoded), or null for forms we do not read. */
function literalBytes(text: string): string | null {
  if (!text.startsWith('"') || !text.endsWith('"')) return null;
  const body = text.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    if (e === 'n') out += '\n';
    else if (e === 't') out += '\t';
    else if (e === 'r') out += '\r';
    else if (e === '0') out += '\0';
    else if (e === '\\' || e === '"' || e === "'") out += e;
    else if (e === '\n') while (/\s/.test(body[i + 1] ?? '')) i++;
    else return null;
  }
  return out;
}

/** Split a format string into its literal byte count and its placeholders; null on a spec we do not read. */
function parseFormat(format: string): { literal: number; pieces: Piece[] } | null {
  let literal = 0;
  const pieces: Piece[] = [];
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if ((c === '{' || c === '}') && format[i + 1] === c) {
      literal += 1;
      i++;
      continue;
    }
    if (c === '{') {
      const end = format.indexOf('}', i);
      if (end < 0) return null;
      const m = PLACEHOLDER.exec(format.slice(i + 1, end));
      if (!m) return null;
      pieces.push({ arg: m[1] ?? '', alternate: m[2] === '#', width: m[4] ? Number(m[4]) : 0, radix: (m[5] ?? '') as Piece['radix'] });
      i = end;
      continue;
    }
    literal += Buffer.byteLength(c, 'utf8');
  }
  return { literal, pieces };
}

function renderLiteral(node: Node, piece: Piece): number | null {
  if (node.type === 'string_literal') {
    const s = literalBytes(node.text);
    return s === null || piece.radix !== '' ? null : Math.max(piece.width, Buffer.byteLength(s, 'utf8'));
  }
  if (node.type === 'integer_literal') {
    const lit = parseIntLiteral(node.text);
    if (!lit) return null;
    const radix = piece.radix === 'x' || piece.radix === 'X' ? 16 : piece.radix === 'o' ? 8 : piece.radix === 'b' ? 2 : 10;
    const prefix = piece.alternate && radix !== 10 ? 2 : 0;
    return Math.max(piece.width, lit.value.toString(radix).length + prefix);
  }
  return null;
}

/** The longest rendering of a value of `type` under this spec, or null when unbounded (strings) or unread. */
function longest(type: string, piece: Piece): number | null {
  let digits: number | undefined;
  if (piece.radix === '' || piece.radix === '?') digits = DECIMAL_MAX[type];
  else if (BITS[type]) {
    const bits = BITS[type]!;
    const per = piece.radix === 'o' ? 3 : piece.radix === 'b' ? 1 : 4;
    digits = Math.ceil(bits / per) + (piece.alternate ? 2 : 0);
  }
  return digits === undefined ? null : Math.max(piece.width, digits);
}

function primitiveName(node: Node, ctx: TypeContext): string | null {
  let type = typeOfExpr(node, ctx);
  while (type?.kind === 'ref') type = type.target;
  return type?.kind === 'path' && type.segments.length === 1 && type.generics.length === 0 ? type.segments[0]! : null;
}

/** `fmt!("{name}-{}", x)` → the exact or bounded byte count of the buffer, NUL included. */
export function formattedLength(argument: Node | null, ctx: TypeContext): FormattedLength {
  const unknown = (why: string): FormattedLength => ({ count: null, countBound: null, why });
  if (argument?.type !== 'macro_invocation' || argument.childForFieldName('macro')?.text.split('::').at(-1) !== 'fmt') {
    return unknown('the format arguments are built elsewhere');
  }
  const tokens = argument.namedChildren.find((c) => c?.type === 'token_tree');
  const items = (tokens?.namedChildren ?? []).filter((c): c is Node => c !== null);
  const format = items[0]?.type === 'string_literal' ? literalBytes(items[0].text) : null;
  const parsed = format === null ? null : parseFormat(format);
  if (!parsed) return unknown('the format string is not one we read');
  // Positional arguments: the token trees between commas after the format string.
  const positional: Node[][] = [];
  for (const child of (tokens?.children ?? [])
    .slice(1, -1)
    .filter((c): c is Node => c !== null)
    .slice(1)) {
    if (child.type === ',') positional.push([]);
    else positional.at(-1)?.push(child);
  }
  const args = positional.filter((a) => a.length > 0);
  let exact = parsed.literal + 1;
  let bound = parsed.literal + 1;
  let isExact = true;
  const bounded: string[] = [];
  let next = 0;
  for (const piece of parsed.pieces) {
    const index = piece.arg === '' ? next++ : /^\d+$/.test(piece.arg) ? Number(piece.arg) : -1;
    const tokensOf = index >= 0 ? args[index] : undefined;
    // A single token is readable: a literal or a name; `{name}` captures a binding in scope.
    const node = index >= 0 ? (tokensOf?.length === 1 ? tokensOf[0]! : null) : null;
    if (node) {
      const rendered = renderLiteral(node, piece);
      if (rendered !== null) {
        exact += rendered;
        bound += rendered;
        continue;
      }
    }
    isExact = false;
    const named = index < 0 ? piece.arg : node?.type === 'identifier' ? node.text : null;
    const at = node ?? argument;
    const binding = named ? (findBinding(named, at) ?? (ctx.host ? findBinding(named, ctx.host) : null)) : null;
    const type = binding?.typeNode ? typeFromNode(binding.typeNode) : null;
    const primitive = type?.kind === 'path' && type.segments.length === 1 ? type.segments[0]! : node ? primitiveName(node, ctx) : null;
    const max = primitive ? longest(primitive, piece) : null;
    if (max === null) return unknown(`\`${named ?? tokensOf?.map((t) => t.text).join(' ') ?? piece.arg}\` has no bounded length`);
    bound += max;
    bounded.push(`\`${named}\` is a ${primitive}: at most ${max} bytes`);
  }
  if (isExact) return { count: { kind: 'int', value: BigInt(exact), text: `${exact}` }, countBound: null, why: null };
  return {
    count: null,
    countBound: { max: { kind: 'int', value: BigInt(bound), text: `${bound}` }, why: `${parsed.literal} bytes of text + NUL; ${bounded.join('; ')}` },
    why: 'the arguments are not literals',
  };
}
