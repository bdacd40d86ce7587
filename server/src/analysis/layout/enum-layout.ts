/**
 * Enum layout from already-computed variant field layouts and evaluated discriminants.
 * Exact: fieldless enums (repr(uN), repr(C) = C int, or rustc's smallest integer for the
 * discriminants) and data-carrying repr(C)/repr(uN) enums, whose layout the reference fixes.
 * Estimated: data-carrying default-repr enums. Those use a niche when one variant holds data
 * with a niche and there is exactly one other variant without data (Option-like); else a tag
 * plus the largest variant, fields after the tag in ascending alignment, as rustc does today.
 */
import type { IntTypeName, Repr } from '../rust-model.js';
import { alignUp } from './layout-result.js';
import { intBits, intRange, primitiveLayout, smallestIntFor } from './primitives.js';
import { cStructLayout, describeFields, placeFields, rustStructLayout, type Composite, type FieldLayout } from './record-layout.js';

export interface VariantLayout {
  readonly name: string;
  readonly fields: readonly FieldLayout[];
  readonly discriminant: bigint;
}

function intLayout(int: IntTypeName, pointerBytes: number): FieldLayout {
  const prim = primitiveLayout([int], pointerBytes)!;
  return { label: `tag ${int}`, sizeBytes: prim.sizeBytes, alignBytes: prim.alignBytes, hasNiche: false, estimated: false };
}

/** The tag has spare values (an outer Option can use them) unless every value is a variant. */
function tagHasSpare(int: IntTypeName, variantCount: number, pointerBytes: number): boolean {
  return intBits(int, pointerBytes) >= 32 || variantCount < 2 ** intBits(int, pointerBytes);
}

function discriminantInt(variants: readonly VariantLayout[], repr: Repr): IntTypeName {
  if (repr.int) return repr.int;
  if (repr.base === 'C') return 'i32'; // a C enum is an int on the targets we model
  const values = variants.map((v) => v.discriminant);
  const min = values.reduce((a, b) => (b < a ? b : a), 0n);
  const max = values.reduce((a, b) => (b > a ? b : a), 0n);
  return smallestIntFor(min, max);
}

function fieldless(variants: readonly VariantLayout[], repr: Repr, pointerBytes: number, zstAlign: number): Composite {
  if (variants.length === 1 && repr.base === 'rust' && !repr.int) {
    return { sizeBytes: 0, alignBytes: zstAlign, estimated: false, hasNiche: false, detail: `one variant without data: zero-sized`, notes: [] };
  }
  const int = discriminantInt(variants, repr);
  const tag = intLayout(int, pointerBytes);
  const range = intRange(int, pointerBytes);
  const fits = variants.every((v) => v.discriminant >= range.min && v.discriminant <= range.max);
  const alignBytes = Math.max(tag.alignBytes, zstAlign, repr.alignBytes ?? 1);
  const how = repr.int ? `repr(${repr.int})` : repr.base === 'C' ? 'repr(C): a C int' : `smallest integer for the discriminants`;
  return {
    sizeBytes: alignUp(tag.sizeBytes, alignBytes),
    alignBytes,
    estimated: !fits,
    hasNiche: tagHasSpare(int, variants.length, pointerBytes),
    detail: `${variants.length} variants without data, ${how}: ${int}`,
    notes: fits ? [] : [`a discriminant does not fit in ${int}; rustc would reject or widen this enum`],
  };
}

function paddingOf(sizeBytes: number, fields: readonly FieldLayout[]): number {
  return sizeBytes - fields.reduce((sum, f) => sum + f.sizeBytes, 0);
}

/** repr(uN) / repr(C) enums with data: the layout the Rust reference specifies. */
function fixedTagged(variants: readonly VariantLayout[], repr: Repr, pointerBytes: number): Composite {
  const int = discriminantInt(variants, repr);
  const tag = intLayout(int, pointerBytes);
  const C: Repr = { base: 'C' };
  // repr(uN): each variant is a repr(C) struct starting with the tag. repr(C): struct { tag, union of variant structs }.
  const parts = variants.map((v) => {
    const members = repr.base === 'C' ? v.fields : [tag, ...v.fields];
    return { v, members, layout: cStructLayout(members, C) };
  });
  const largest = parts.reduce((a, b) => (b.layout.sizeBytes > a.layout.sizeBytes ? b : a));
  const estimated = variants.some((v) => v.fields.some((f) => f.estimated));
  const hasNiche = tagHasSpare(int, variants.length, pointerBytes);
  const partsAlign = Math.max(1, ...parts.map((p) => p.layout.alignBytes));
  const alignBytes = Math.max(tag.alignBytes, partsAlign, repr.alignBytes ?? 1);
  const largestText = `largest variant ${largest.v.name}: ${describeFields(largest.members, paddingOf(largest.layout.sizeBytes, largest.members))}`;
  if (repr.base === 'C') {
    const sizeBytes = alignUp(alignUp(tag.sizeBytes, partsAlign) + largest.layout.sizeBytes, alignBytes);
    return { sizeBytes, alignBytes, estimated, hasNiche, detail: `repr(C) enum: ${tag.label}, then a union whose ${largestText}`, notes: [] };
  }
  const sizeBytes = alignUp(largest.layout.sizeBytes, alignBytes);
  return { sizeBytes, alignBytes, estimated, hasNiche, detail: `repr(${int}) enum, ${largestText}`, notes: [] };
}

function nicheFilled(dataful: VariantLayout, others: readonly VariantLayout[], repr: Repr, guaranteed: boolean): Composite | undefined {
  if (others.length !== 1 || !dataful.fields.some((f) => f.hasNiche)) return undefined;
  const inner = rustStructLayout(dataful.fields, repr);
  const carrier = dataful.fields.find((f) => f.hasNiche)!;
  return {
    sizeBytes: inner.sizeBytes,
    alignBytes: inner.alignBytes,
    estimated: inner.estimated || !guaranteed,
    // The one spare value is used up; a second Option around this gets a tag (conservative).
    hasNiche: false,
    detail:
      dataful.fields.length === 1
        ? `${others[0]!.name} is stored in a niche of ${carrier.label}`
        : `${others[0]!.name} is stored in a niche of ${carrier.label}; ${dataful.name}: ${describeFields(dataful.fields, paddingOf(inner.sizeBytes, dataful.fields))}`,
    notes: guaranteed ? [] : ['niche layout: what rustc does today, not a documented guarantee for this type'],
  };
}

function rustTagged(variants: readonly VariantLayout[], repr: Repr, pointerBytes: number): Composite {
  const int = discriminantInt(variants, repr);
  const tag = intLayout(int, pointerBytes);
  let largest = { name: '', endBytes: 0 };
  let alignBytes = Math.max(tag.alignBytes, repr.alignBytes ?? 1);
  for (const v of variants) {
    const ascending = [...v.fields].sort((a, b) => a.alignBytes - b.alignBytes);
    const placed = placeFields(ascending, tag.sizeBytes);
    alignBytes = Math.max(alignBytes, placed.alignBytes);
    if (placed.endBytes > largest.endBytes) largest = { name: v.name, endBytes: placed.endBytes };
  }
  return {
    sizeBytes: alignUp(largest.endBytes, alignBytes),
    alignBytes,
    estimated: true,
    hasNiche: tagHasSpare(int, variants.length, pointerBytes),
    detail: `${tag.label} + largest variant ${largest.name}, rounded to align ${alignBytes}`,
    notes: ['data-carrying enum: rustc chooses the tag and field order; this is its current layout'],
  };
}

export function enumLayout(variants: readonly VariantLayout[], repr: Repr, pointerBytes: number, nicheGuaranteed: boolean): Composite {
  if (variants.length === 0) {
    return { sizeBytes: 0, alignBytes: 1, estimated: false, hasNiche: false, detail: 'no variants: the type has no values', notes: [] };
  }
  const dataful = variants.filter((v) => v.fields.some((f) => f.sizeBytes > 0));
  const zstAlign = Math.max(1, ...variants.flatMap((v) => v.fields.map((f) => f.alignBytes)));
  if (dataful.length === 0) return fieldless(variants, repr, pointerBytes, zstAlign);
  if (repr.base === 'C' || repr.int) return fixedTagged(variants, repr, pointerBytes);
  if (dataful.length === 1) {
    const niche = nicheFilled(
      dataful[0]!,
      variants.filter((v) => v !== dataful[0]),
      repr,
      nicheGuaranteed,
    );
    if (niche) return niche;
  }
  return rustTagged(variants, repr, pointerBytes);
}
