/**
 * Struct, tuple and union layout from already-computed field layouts. repr(C) is exact: fields
 * in order, each at the next multiple of its alignment, the size rounded up to the largest
 * alignment. Default repr is what rustc does today (fields sorted by alignment, largest first,
 * which leaves no padding between them); the language does not promise it, so it is marked
 * estimated unless the field order cannot change the size.
 */
import type { Repr } from '../rust-model.js';
import { alignUp, bytes } from './layout-result.js';

export interface FieldLayout {
  /** What formulas show for the field: its type, with the size when it is not a primitive. */
  readonly label: string;
  readonly sizeBytes: number;
  readonly alignBytes: number;
  readonly hasNiche: boolean;
  readonly estimated: boolean;
}

/** A computed layout before the resolver names it: `detail` goes inside the formula's parentheses. */
export interface Composite {
  readonly sizeBytes: number;
  readonly alignBytes: number;
  readonly estimated: boolean;
  readonly hasNiche: boolean;
  readonly detail: string;
  readonly notes: readonly string[];
}

interface Placement {
  readonly endBytes: number;
  readonly alignBytes: number;
  readonly paddingBytes: number;
}

function effectiveAlign(field: FieldLayout, packedBytes: number | undefined): number {
  return packedBytes === undefined ? field.alignBytes : Math.min(field.alignBytes, packedBytes);
}

/** Place fields in the given order after `startBytes` (an enum tag, or 0). */
export function placeFields(fields: readonly FieldLayout[], startBytes = 0, packedBytes?: number): Placement {
  let offset = startBytes;
  let alignBytes = 1;
  let paddingBytes = 0;
  for (const field of fields) {
    const align = effectiveAlign(field, packedBytes);
    const at = alignUp(offset, align);
    paddingBytes += at - offset;
    offset = at + field.sizeBytes;
    alignBytes = Math.max(alignBytes, align);
  }
  return { endBytes: offset, alignBytes, paddingBytes };
}

export function describeFields(fields: readonly FieldLayout[], paddingBytes: number): string {
  const parts = fields.filter((f) => f.sizeBytes > 0).map((f) => f.label);
  if (paddingBytes > 0) parts.push(`${bytes(paddingBytes)} padding`);
  return parts.length ? parts.join(' + ') : 'no data';
}

function reprLabel(isC: boolean, repr: Repr): string {
  const modifiers: string[] = [];
  if (repr.packedBytes !== undefined) modifiers.push(repr.packedBytes === 1 ? 'packed' : `packed(${repr.packedBytes})`);
  if (repr.alignBytes !== undefined) modifiers.push(`align(${repr.alignBytes})`);
  if (isC) return modifiers.length ? `repr(C, ${modifiers.join(', ')})` : 'repr(C)';
  return modifiers.length ? `repr(${modifiers.join(', ')})` : 'default repr';
}

function finish(fields: readonly FieldLayout[], placed: Placement, repr: Repr, isC: boolean, estimated: boolean, notes: string[]): Composite {
  const alignBytes = Math.max(placed.alignBytes, repr.alignBytes ?? 1);
  const sizeBytes = alignUp(placed.endBytes, alignBytes);
  const paddingBytes = placed.paddingBytes + (sizeBytes - placed.endBytes);
  return {
    sizeBytes,
    alignBytes,
    estimated: estimated || fields.some((f) => f.estimated),
    hasNiche: fields.some((f) => f.hasNiche),
    detail: `${reprLabel(isC, repr)}: ${describeFields(fields, paddingBytes)}`,
    notes,
  };
}

export function cStructLayout(fields: readonly FieldLayout[], repr: Repr): Composite {
  return finish(fields, placeFields(fields, 0, repr.packedBytes), repr, true, false, []);
}

/** True when every field order gives the same size: at most one field with data, or all of one alignment. */
function orderCannotMatter(fields: readonly FieldLayout[], packedBytes: number | undefined): boolean {
  const aligns = new Set(fields.filter((f) => f.sizeBytes > 0).map((f) => effectiveAlign(f, packedBytes)));
  return aligns.size <= 1;
}

/** Default-repr structs and tuples: rustc's field order (zero-sized first, then by alignment, largest first). */
export function rustStructLayout(fields: readonly FieldLayout[], repr: Repr): Composite {
  const order = fields
    .map((field, index) => ({ field, index }))
    .sort((a, b) => {
      const zstFirst = Number(a.field.sizeBytes > 0) - Number(b.field.sizeBytes > 0);
      if (zstFirst !== 0) return zstFirst;
      const byAlign = effectiveAlign(b.field, repr.packedBytes) - effectiveAlign(a.field, repr.packedBytes);
      return byAlign !== 0 ? byAlign : a.index - b.index;
    })
    .map((entry) => entry.field);
  const estimated = !orderCannotMatter(fields, repr.packedBytes);
  const notes = estimated ? ['default repr: rustc may reorder fields; it sorts them by alignment today, which this size assumes'] : [];
  return finish(order, placeFields(order, 0, repr.packedBytes), repr, false, estimated, notes);
}

/** repr(transparent): exactly the one field with data (the others are zero-sized, align 1). */
export function transparentLayout(fields: readonly FieldLayout[]): Composite {
  const inner = fields.find((f) => f.sizeBytes > 0) ?? fields.find((f) => f.alignBytes > 1);
  if (!inner) return { sizeBytes: 0, alignBytes: 1, estimated: false, hasNiche: false, detail: 'repr(transparent): no data', notes: [] };
  return {
    sizeBytes: inner.sizeBytes,
    alignBytes: inner.alignBytes,
    estimated: inner.estimated,
    hasNiche: inner.hasNiche,
    detail: `repr(transparent) over ${inner.label}`,
    notes: [],
  };
}

/** Unions: every field at offset 0. No niche: any field's bit pattern is valid. */
export function unionLayout(fields: readonly FieldLayout[], repr: Repr): Composite {
  const largest = Math.max(0, ...fields.map((f) => f.sizeBytes));
  const alignBytes = Math.max(1, repr.alignBytes ?? 1, ...fields.map((f) => effectiveAlign(f, repr.packedBytes)));
  const sizeBytes = alignUp(largest, alignBytes);
  const estimated = repr.base !== 'C' && fields.filter((f) => f.sizeBytes > 0).length > 1;
  return {
    sizeBytes,
    alignBytes,
    estimated: estimated || fields.some((f) => f.estimated),
    hasNiche: false,
    detail: `union${repr.base === 'C' ? ' repr(C)' : ''}: largest of ${fields.map((f) => f.label).join(', ') || 'no fields'}${sizeBytes > largest ? ` + ${bytes(sizeBytes - largest)} padding` : ''}`,
    notes: estimated ? ['default-repr union: rustc places every field at offset 0 today; only repr(C) promises it'] : [],
  };
}
