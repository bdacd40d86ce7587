/**
 * What the layout engine answers for one type: a size and alignment with a readable formula,
 * or "unknown" naming the one term that could not be resolved. `estimated` marks sizes that
 * depend on choices rustc is free to make (field order of default-repr types, enum tags);
 * those are what rustc does today, and the notes say so. Nothing unknown is ever filled in.
 */
import type { CLayoutSource } from '../../../../engine/src/index.js';

export interface KnownLayout {
  readonly known: true;
  readonly sizeBytes: number;
  readonly alignBytes: number;
  /** True when rustc may lay the type out differently from what is computed here. */
  readonly estimated: boolean;
  /** The type has invalid bit patterns (null, 0, bool > 1, ...) an enum tag can live in. */
  readonly hasNiche: boolean;
  readonly formula: string;
  readonly notes: readonly string[];
}

export interface UnknownLayout {
  readonly known: false;
  readonly formula: string;
  /** The term a person must supply or fix, e.g. `size_of::<bindings::spinlock_t>()`. */
  readonly unknownTerm: string;
  readonly reason: string;
}

export type LayoutResult = KnownLayout | UnknownLayout;

/** What a user may give in settings (kallocLens type sizes) for a type the engine cannot know. */
export interface UserTypeSize {
  readonly sizeBytes: number;
  readonly alignBytes: number;
}

export interface LayoutOptions {
  /** 8 on the 64-bit targets we model (x86_64, arm64). */
  readonly pointerBytes: number;
  /** The profile's PAGE_SIZE, for array lengths such as `[u8; PAGE_SIZE]`. */
  readonly pageSizeBytes: number;
  /** Keyed by type text as written: `bindings::spinlock_t`, `SpinLock`, `Foo<u32>`. */
  readonly userSizes?: Readonly<Record<string, UserTypeSize>>;
  /** Sizes of C types (`bindings::X`): a kernel build's bindings or the bundled tables. */
  readonly cLayouts?: CLayoutSource;
  /** Nesting limit for types and constants (default 64). */
  readonly maxDepth?: number;
}

export function known(sizeBytes: number, alignBytes: number, formula: string, extra: { estimated?: boolean; hasNiche?: boolean; notes?: readonly string[] } = {}): KnownLayout {
  return {
    known: true,
    sizeBytes,
    alignBytes,
    estimated: extra.estimated ?? false,
    hasNiche: extra.hasNiche ?? false,
    formula,
    notes: extra.notes ?? [],
  };
}

export function unknown(formula: string, unknownTerm: string, reason: string): UnknownLayout {
  return { known: false, formula, unknownTerm, reason };
}

/** An unknown part makes the whole unknown; the whole's formula says where it sits. */
export function unknownWithin(formula: string, part: UnknownLayout): UnknownLayout {
  return { known: false, formula: `${formula}; ${part.formula}`, unknownTerm: part.unknownTerm, reason: part.reason };
}

/** Round up to a power-of-two alignment (exact for any safe integer). */
export function alignUp(bytes: number, alignBytes: number): number {
  return Math.ceil(bytes / alignBytes) * alignBytes;
}

export function bytes(n: number): string {
  return `${n} B`;
}

export function sizeOfText(type: string): string {
  return `size_of::<${type}>()`;
}
