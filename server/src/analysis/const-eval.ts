/**
 * Evaluates Rust constant expressions over the plain model: integer arithmetic in BigInt with
 * Rust's overflow rules where the type is known, named consts through the index (cycles are
 * reported, not followed), `size_of::<T>()`/`align_of::<T>()` through layoutOf, and the
 * kernel's PAGE_SIZE/PAGE_SHIFT (from the profile) and SZ_* constants. The formula shows each
 * name replaced by its value: `MAX_ENTRIES * size_of::<Desc>() = 48 × 16 = 768`.
 *
 * Import cycle with layout/layout-of.ts, on purpose: Rust's consts and layouts are defined in
 * terms of each other (`[T; N]` needs N, `size_of::<T>()` needs T's layout), so the two recurse
 * into each other under one ResolveGuard; a callback passed in would hide the same recursion.
 */
import { layoutOf } from './layout/layout-of.js';
import type { LayoutOptions } from './layout/layout-result.js';
import { intBits, intRange, intTypeOf, isSignedInt, wrapToInt } from './layout/primitives.js';
import { memoFor } from './layout/eval-memo.js';
import { isTooComplex, ResolveGuard } from './layout/resolve-guard.js';
import { typeText, type BinaryOp, type ConstDef, type ConstExpr, type IntTypeName, type TypeIndex } from './rust-model.js';
import { own } from '../../../engine/src/index.js';

export interface ConstEnv {
  /** PAGE_SIZE of the profile (kernel::page::PAGE_SIZE = bindings::PAGE_SIZE). */
  readonly pageSize: number;
  readonly layoutOptions: LayoutOptions;
}

export type ConstResult =
  | { readonly known: true; readonly value: number; readonly formula: string; readonly exact: boolean }
  | { readonly known: false; readonly formula: string; readonly unknownTerm: string; readonly reason: string };

/** rust/kernel/sizes.rs (v7.1.5 blob 521b2b38bfe7), from include/linux/sizes.h; also u32::/u64::/usize::SZ_*. */
const SIZES: Readonly<Record<string, number>> = {
  SZ_1K: 0x0000_0400,
  SZ_2K: 0x0000_0800,
  SZ_4K: 0x0000_1000,
  SZ_8K: 0x0000_2000,
  SZ_16K: 0x0000_4000,
  SZ_32K: 0x0000_8000,
  SZ_64K: 0x0001_0000,
  SZ_128K: 0x0002_0000,
  SZ_256K: 0x0004_0000,
  SZ_512K: 0x0008_0000,
  SZ_1M: 0x0010_0000,
  SZ_2M: 0x0020_0000,
  SZ_4M: 0x0040_0000,
  SZ_8M: 0x0080_0000,
  SZ_16M: 0x0100_0000,
  SZ_32M: 0x0200_0000,
  SZ_64M: 0x0400_0000,
  SZ_128M: 0x0800_0000,
  SZ_256M: 0x1000_0000,
  SZ_512M: 0x2000_0000,
  SZ_1G: 0x4000_0000,
  SZ_2G: 0x8000_0000,
};

type Ev =
  | { readonly ok: true; readonly value: bigint; readonly type?: IntTypeName; readonly exact: boolean; readonly shown: string; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly shown: string; readonly term: string; readonly reason: string };

interface Ctx {
  readonly index: TypeIndex;
  readonly env: ConstEnv;
  readonly guard: ResolveGuard;
}

export function evaluateConst(expr: ConstExpr, index: TypeIndex, env: ConstEnv, guard = new ResolveGuard(env.layoutOptions.maxDepth)): ConstResult {
  const ev = evalIn(expr, { index, env, guard });
  // `text = substituted = value`, skipping steps that would repeat the previous one.
  const steps = [expr.text];
  if (ev.shown.split(' × ').join(' * ') !== expr.text) steps.push(ev.shown);
  if (!ev.ok) return { known: false, formula: steps.join(' = '), unknownTerm: ev.term, reason: ev.reason };
  const value = Number(ev.value);
  if (String(ev.value) !== steps[steps.length - 1]) steps.push(String(ev.value));
  if (!Number.isSafeInteger(value)) {
    return { known: false, formula: steps.join(' = '), unknownTerm: expr.text, reason: `${ev.value} is beyond 2^53, too large for a byte count` };
  }
  return { known: true, value, formula: [steps.join(' = '), ...ev.warnings].join('; '), exact: ev.exact };
}

function bad(shown: string, term: string, reason: string): Ev {
  return { ok: false, shown, term, reason };
}

function value(v: bigint, type: IntTypeName | undefined, exact = true, warnings: readonly string[] = []): Ev {
  return { ok: true, value: v, exact, shown: String(v), warnings, ...(type ? { type } : {}) };
}

function inRange(v: bigint, type: IntTypeName | undefined, ctx: Ctx): boolean {
  if (!type) return true;
  const range = intRange(type, ctx.env.layoutOptions.pointerBytes);
  return v >= range.min && v <= range.max;
}

function evalIn(e: ConstExpr, ctx: Ctx): Ev {
  switch (e.kind) {
    case 'int':
      if (!inRange(e.value, e.suffix, ctx)) return bad(e.text, e.text, `${e.text} does not fit in ${e.suffix}`);
      return { ...value(e.value, e.suffix), shown: e.text };
    case 'paren': {
      const inner = evalIn(e.inner, ctx);
      return { ...inner, shown: `(${inner.shown})` };
    }
    case 'unary':
      return unaryOp(e.op, evalIn(e.operand, ctx), e.text, ctx);
    case 'binary':
      return binaryOp(e.op, evalIn(e.left, ctx), evalIn(e.right, ctx), ctx);
    case 'cast':
      return castTo(evalIn(e.operand, ctx), e, ctx);
    case 'layout-call': {
      // The env's page size wins, so `[u8; PAGE_SIZE]` inside T agrees with PAGE_SIZE here.
      const options = { ...ctx.env.layoutOptions, pageSizeBytes: ctx.env.pageSize };
      const layout = layoutOf(e.type, ctx.index, options, ctx.guard);
      if (!layout.known) return bad(e.text, layout.unknownTerm, layout.reason);
      const v = e.fn === 'size_of' ? layout.sizeBytes : layout.alignBytes;
      const warnings = layout.estimated ? [`${e.fn}::<${typeText(e.type)}>() is estimated: ${layout.formula}`] : [];
      return value(BigInt(v), 'usize', !layout.estimated, warnings);
    }
    case 'path':
      return resolvePath(e, ctx);
    case 'unknown':
      return bad(e.text, e.text, `\`${e.text}\` is not a constant expression the analyzer evaluates`);
  }
}

function unaryOp(op: '-' | '!', operand: Ev, text: string, ctx: Ctx): Ev {
  if (!operand.ok) return { ...operand, shown: `${op}${operand.shown}` };
  const shown = `${op}${operand.shown}`;
  if (op === '-') {
    if (operand.type && !isSignedInt(operand.type)) return bad(shown, text, `cannot negate the unsigned ${operand.type} ${operand.shown}`);
    const v = -operand.value;
    if (!inRange(v, operand.type, ctx)) return bad(shown, text, `overflow: ${v} does not fit in ${operand.type}`);
    return { ...operand, value: v, shown };
  }
  if (!operand.type) return bad(shown, text, `\`!\` needs the integer type of ${operand.shown}, which could not be inferred`);
  return { ...operand, value: wrapToInt(~operand.value, operand.type, ctx.env.layoutOptions.pointerBytes), shown };
}

function binaryOp(op: BinaryOp, l: Ev, r: Ev, ctx: Ctx): Ev {
  const shown = `${l.shown} ${op === '*' ? '×' : op} ${r.shown}`;
  if (!l.ok) return { ...l, shown };
  if (!r.ok) return { ...r, shown };
  const shift = op === '<<' || op === '>>';
  const type = shift ? l.type : (l.type ?? r.type);
  const pointerBytes = ctx.env.layoutOptions.pointerBytes;
  let v: bigint;
  if ((op === '/' || op === '%') && r.value === 0n) return bad(shown, shown, 'division by zero');
  if (shift) {
    const bits = type ? intBits(type, pointerBytes) : 128;
    if (r.value < 0n || r.value >= BigInt(bits)) return bad(shown, shown, `shift by ${r.value} is out of range for ${type ?? 'a 128-bit integer'}`);
    v = op === '<<' ? l.value << r.value : l.value >> r.value;
    if (type) v = wrapToInt(v, type, pointerBytes); // Rust shifts drop bits; only the amount is checked
  } else {
    const ops: Record<Exclude<BinaryOp, '<<' | '>>'>, (a: bigint, b: bigint) => bigint> = {
      '+': (a, b) => a + b,
      '-': (a, b) => a - b,
      '*': (a, b) => a * b,
      '/': (a, b) => a / b,
      '%': (a, b) => a % b,
      '&': (a, b) => a & b,
      '|': (a, b) => a | b,
      '^': (a, b) => a ^ b,
    };
    v = ops[op](l.value, r.value);
    if (!inRange(v, type, ctx)) return bad(shown, shown, `overflow: ${l.value} ${op} ${r.value} = ${v} does not fit in ${type}`);
  }
  return { ok: true, value: v, exact: l.exact && r.exact, shown, warnings: [...l.warnings, ...r.warnings], ...(type ? { type } : {}) };
}

function castTo(operand: Ev, e: Extract<ConstExpr, { kind: 'cast' }>, ctx: Ctx): Ev {
  const target = typeText(e.type);
  const shown = `${operand.shown} as ${target}`;
  if (!operand.ok) return { ...operand, shown };
  const int = e.type.kind === 'path' && e.type.generics.length === 0 ? intTypeOf(e.type.segments) : undefined;
  if (!int) return bad(shown, e.text, `a cast to ${target} is not evaluated (integers only)`);
  const v = wrapToInt(operand.value, int, ctx.env.layoutOptions.pointerBytes);
  const warnings = v === operand.value ? operand.warnings : [...operand.warnings, `${operand.value} as ${target} wraps to ${v}`];
  return { ...operand, value: v, type: int, shown, warnings };
}

function resolvePath(e: Extract<ConstExpr, { kind: 'path' }>, ctx: Ctx): Ev {
  const segs = e.segments;
  const last = segs[segs.length - 1]!;
  if (segs.length === 2) {
    const int = intTypeOf([segs[0]!]);
    if (int) return associatedConst(int, last, e.text, ctx);
  }
  // Local consts may shadow kernel names; a path rooted in kernel:: or bindings:: means the kernel's.
  const rooted = segs.length > 1 && (segs[0] === 'kernel' || segs[0] === 'bindings');
  const local = rooted ? undefined : ctx.index.lookupConst(segs);
  if (local) return namedConst(local, e.text, ctx);
  if (segs.length === 1 || rooted) {
    const kernel = kernelConst(last, segs[0] === 'bindings', ctx);
    if (kernel) return kernel;
  }
  const def = rooted ? ctx.index.lookupConst(segs) : undefined;
  if (def) return namedConst(def, e.text, ctx);
  return bad(e.text, e.text, `no definition of ${e.text} in the workspace index`);
}

function kernelConst(name: string, fromBindings: boolean, ctx: Ctx): Ev | undefined {
  const pageSize = ctx.env.pageSize;
  if (name === 'PAGE_SIZE') return value(BigInt(pageSize), 'usize');
  if (name === 'PAGE_SHIFT') {
    const shift = Math.log2(pageSize);
    return Number.isInteger(shift) ? value(BigInt(shift), 'usize') : bad(name, name, `page size ${pageSize} is not a power of two`);
  }
  const size = own(SIZES, name);
  // bindgen emits the C macros as u32; kernel::sizes re-exports them as usize.
  return size === undefined ? undefined : value(BigInt(size), fromBindings ? 'u32' : 'usize');
}

function associatedConst(int: IntTypeName, name: string, text: string, ctx: Ctx): Ev {
  const range = intRange(int, ctx.env.layoutOptions.pointerBytes);
  if (name === 'MAX') return value(range.max, int);
  if (name === 'MIN') return value(range.min, int);
  if (name === 'BITS') return value(BigInt(intBits(int, ctx.env.layoutOptions.pointerBytes)), 'u32');
  const size = own(SIZES, name);
  if (size !== undefined && (int === 'u32' || int === 'u64' || int === 'usize')) return value(BigInt(size), int);
  return bad(text, text, `${text} is not a known associated constant of ${int}`);
}

/** A named const: its expression is evaluated once per memo (eval-memo.ts), then checked against its declared type. */
function namedConst(def: ConstDef, text: string, ctx: Ctx): Ev {
  const memo = memoFor(ctx.index, { ...ctx.env.layoutOptions, pageSizeBytes: ctx.env.pageSize }).consts as Map<ConstDef, Ev>;
  const refused = (why: string): Ev => bad(isTooComplex(why) ? `${text} (${why})` : text, text, why.startsWith('cycle') ? `${def.name} is defined in terms of itself (${why})` : why);
  let refusal: Ev | null = null;
  const inner = ctx.guard.memoWithin(
    memo,
    def,
    `const ${def.name}`,
    () => evalIn(def.value, ctx),
    (why) => (refusal = refused(why)),
  );
  if (refusal) return refusal;
  if (!inner.ok) return bad(text, inner.term, `${inner.reason} (in ${def.name} = ${def.value.text})`);
  const declared = def.type?.kind === 'path' ? intTypeOf(def.type.segments) : undefined;
  if (!inRange(inner.value, declared, ctx)) return bad(text, text, `${def.name} = ${inner.value} does not fit in ${declared}`);
  return value(inner.value, declared ?? inner.type, inner.exact, inner.warnings);
}
