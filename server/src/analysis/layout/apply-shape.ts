/**
 * Turns a built-in table row (core-types.ts, kernel-types.ts) plus the written generic
 * arguments into a layout. The resolver passes itself in as `ShapeContext`, so this file
 * holds the per-shape rules and no lookup logic of its own.
 */
import type { CTypeLayout } from '../../../../engine/src/index.js';
import { typeText, type EnumDef, type TypeExpr } from '../rust-model.js';
import { arcInnerLayout } from './arc-inner.js';
import { CORE_TYPES } from './core-types.js';
import { KERNEL_TYPES } from './kernel-types.js';
import { bytes, known, sizeOfText, unknown, unknownWithin, type LayoutResult, type UserTypeSize } from './layout-result.js';
import { builtinName, primitiveLayout } from './primitives.js';
import { cStructLayout, type FieldLayout } from './record-layout.js';
import type { TypeShape, TypeTableRow } from './type-shape.js';

export interface ShapeContext {
  readonly pointerBytes: number;
  layout(type: TypeExpr): LayoutResult;
  isUnsized(type: TypeExpr): boolean;
  /** The first user-given size among `keys` (settings: kallocLens type sizes). */
  userSize(keys: readonly string[]): UserTypeSize | undefined;
  /** The C layout of `bindings::<name>`, from the build's bindings or the bundled tables. */
  cLayout(name: string): CTypeLayout | undefined;
  /** Where cLayout answers from (`build:<dir>`, `bundled:...`). */
  readonly cLayoutsId: string | undefined;
  layoutEnum(def: EnumDef, args: readonly TypeExpr[], text: string, nicheGuaranteed: boolean): LayoutResult;
}

const ROWS: ReadonlyMap<string, TypeTableRow> = new Map([...CORE_TYPES, ...KERNEL_TYPES].flatMap((row) => row.names.map((name) => [name, row] as const)));

/** The table row a path names, if it can name a library type (one segment, or core::/kernel::...). */
export function builtinRow(segments: readonly string[]): TypeTableRow | undefined {
  const name = builtinName(segments);
  return name === undefined ? undefined : ROWS.get(name);
}

export function fieldOf(label: string, layout: { sizeBytes: number; alignBytes: number; hasNiche: boolean; estimated: boolean }): FieldLayout {
  return { label, sizeBytes: layout.sizeBytes, alignBytes: layout.alignBytes, hasNiche: layout.hasNiche, estimated: layout.estimated };
}

function cState(shape: Extract<TypeShape, { kind: 'c-state' }>, row: TypeTableRow, args: readonly TypeExpr[], text: string, ctx: ShapeContext): LayoutResult {
  const stateTerm = sizeOfText(shape.cType);
  const dataArg = shape.dataParam === undefined ? undefined : args[shape.dataParam];
  // `SpinLock` read from `SpinLock::new(42, ..)` has no written T: the data's size is not 0.
  if (shape.dataParam !== undefined && !dataArg) {
    const param = row.generics[shape.dataParam]?.name ?? 'T';
    return unknown(sizeOfText(text), sizeOfText(text), `${text} needs its generic argument ${param} (the data the lock holds)`);
  }
  const whole = dataArg ? `${sizeOfText(text)} = ${stateTerm} + ${sizeOfText(typeText(dataArg))} (repr(C), padded)` : `${sizeOfText(text)} = ${stateTerm}`;
  const cName = shape.cType.split('::').pop()!;
  const user = ctx.userSize([shape.cType, cName, ...row.names]);
  const c = user ? undefined : ctx.cLayout(cName);
  const state = user ?? (c ? { sizeBytes: c.size, alignBytes: c.align } : undefined);
  if (!state) {
    const where = ctx.cLayoutsId ? `, and ${ctx.cLayoutsId} does not have it` : '';
    return unknown(whole, stateTerm, `${stateTerm} depends on the kernel config (${shape.configNote})${where}; give it in kallocLens type sizes as "${shape.cType}"`);
  }
  const fields = [fieldOf(`${shape.cType} ${bytes(state.sizeBytes)}`, { ...state, hasNiche: false, estimated: false })];
  const from = user ? 'from kallocLens type sizes' : `from ${ctx.cLayoutsId}`;
  const notes = [`${shape.cType} = ${bytes(state.sizeBytes)} ${from}; it changes with ${shape.configNote}`, ...(c?.note ? [c.note] : []), row.source];
  if (dataArg) {
    const data = ctx.layout(dataArg);
    if (!data.known) return unknownWithin(whole, data);
    fields.push(fieldOf(`${typeText(dataArg)} ${bytes(data.sizeBytes)}`, data));
    notes.push(...data.notes);
  }
  const layout = cStructLayout(fields, { base: 'C' });
  // Opaque<state> hides niches; the data sits in an UnsafeCell, which hides them too.
  return known(layout.sizeBytes, layout.alignBytes, `${sizeOfText(text)} = ${bytes(layout.sizeBytes)} (${layout.detail})`, {
    estimated: layout.estimated,
    notes,
  });
}

function wraps(shape: Extract<TypeShape, { kind: 'wraps' }>, args: readonly TypeExpr[], text: string, ctx: ShapeContext): LayoutResult {
  const arg = args[shape.param];
  if (!arg) return unknown(sizeOfText(text), sizeOfText(text), `${text} needs its generic argument`);
  const argText = typeText(arg);
  const inner = ctx.layout(arg);
  if (!inner.known) return unknownWithin(`${sizeOfText(text)} = ${sizeOfText(argText)}`, inner);
  const hasNiche = shape.niche === 'add' || (shape.niche === 'keep' && inner.hasNiche);
  return known(inner.sizeBytes, inner.alignBytes, `${sizeOfText(text)} = ${sizeOfText(argText)} = ${bytes(inner.sizeBytes)}`, {
    estimated: inner.estimated,
    hasNiche,
    notes: inner.notes,
  });
}

export function applyShape(row: TypeTableRow, args: readonly TypeExpr[], text: string, ctx: ShapeContext): LayoutResult {
  const shape = row.shape;
  const sizeOf = sizeOfText(text);
  const notes = [row.source];
  switch (shape.kind) {
    case 'fixed':
      return known(shape.sizeBytes, shape.alignBytes, `${sizeOf} = ${bytes(shape.sizeBytes)} (${shape.what})`, { hasNiche: shape.hasNiche, notes });
    case 'words': {
      const sizeBytes = shape.count * ctx.pointerBytes;
      const how = shape.count === 1 ? shape.what : `${shape.count} × ${bytes(ctx.pointerBytes)}: ${shape.what}`;
      return known(sizeBytes, ctx.pointerBytes, `${sizeOf} = ${bytes(sizeBytes)} (${how})`, { hasNiche: shape.hasNiche, notes });
    }
    case 'pointer-to': {
      const pointee = args[shape.param];
      const fat = pointee !== undefined && ctx.isUnsized(pointee);
      const sizeBytes = (fat ? 2 : 1) * ctx.pointerBytes;
      const how = fat ? `${shape.what}, fat: ${typeText(pointee!)} is unsized, so pointer + length/vtable` : shape.what;
      return known(sizeBytes, ctx.pointerBytes, `${sizeOf} = ${bytes(sizeBytes)} (${how})`, { hasNiche: true, notes });
    }
    case 'wraps':
      return wraps(shape, args, text, ctx);
    case 'nonzero': {
      const int = primitiveLayout([shape.int], ctx.pointerBytes)!;
      return known(int.sizeBytes, int.alignBytes, `${sizeOf} = ${sizeOfText(shape.int)} = ${bytes(int.sizeBytes)}`, { hasNiche: true, notes });
    }
    case 'zst':
      return known(0, 1, `${sizeOf} = 0 B (zero-sized marker)`, { notes });
    case 'unsized':
      return unknown(sizeOf, sizeOf, `${text} is unsized: it only exists behind a pointer (&, KBox, Arc), which is then two words`);
    case 'c-state':
      return cState(shape, row, args, text, ctx);
    case 'arc-inner': {
      const arg = args[shape.param];
      if (!arg) return unknown(sizeOf, sizeOf, `${text} needs its generic argument`);
      return arcInnerLayout(ctx.layout(arg), typeText(arg));
    }
    case 'enum':
      // The row's generics carry the library's defaults (kernel Result<T = (), E = Error>).
      return ctx.layoutEnum({ ...shape.def, generics: row.generics }, args, text, shape.nicheGuaranteed);
  }
}
