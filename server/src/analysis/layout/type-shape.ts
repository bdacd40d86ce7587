/**
 * The row format of the built-in type tables (core-types.ts, kernel-types.ts). A row says what
 * a library type is made of, in terms the resolver can compute for any target; the numbers
 * a row holds are read from the source file it names.
 */
import type { EnumDef, GenericParam, IntTypeName } from '../rust-model.js';

export type TypeShape =
  /** A fixed size on every 64-bit target. */
  | { readonly kind: 'fixed'; readonly sizeBytes: number; readonly alignBytes: number; readonly hasNiche: boolean; readonly what: string }
  /** `count` pointer-sized fields (usize, NonNull of a sized type). */
  | { readonly kind: 'words'; readonly count: number; readonly hasNiche: boolean; readonly what: string }
  /** One NonNull pointer to generic parameter `param`: two words when that type is unsized. */
  | { readonly kind: 'pointer-to'; readonly param: number; readonly what: string }
  /**
   * Same size and alignment as generic parameter `param`. `keep`: the wrapper passes the
   * inner niche on (Pin, ManuallyDrop); `hide`: it does not (MaybeUninit, UnsafeCell, Opaque);
   * `add`: zero becomes invalid (NonZero<T>).
   */
  | { readonly kind: 'wraps'; readonly param: number; readonly niche: 'keep' | 'hide' | 'add' }
  /** A non-zero integer (NonZeroU32, ...): the integer's layout, with 0 as the niche. */
  | { readonly kind: 'nonzero'; readonly int: IntTypeName }
  | { readonly kind: 'zst' }
  /** `str`, `CStr`, `BStr`: exist only behind a pointer, which is then fat. */
  | { readonly kind: 'unsized' }
  /**
   * A C object whose size depends on the kernel config, optionally followed by the data of
   * generic parameter `dataParam` in a repr(C) struct (the kernel's `Lock<T, B>`).
   */
  | { readonly kind: 'c-state'; readonly cType: string; readonly configNote: string; readonly dataParam?: number }
  /** `ArcInner<T>`: see arc-inner.ts. */
  | { readonly kind: 'arc-inner'; readonly param: number }
  /** A generic enum laid out by the enum rules; `nicheGuaranteed` when Rust documents the niche (Option). */
  | { readonly kind: 'enum'; readonly def: EnumDef; readonly nicheGuaranteed: boolean };

export interface TypeTableRow {
  /** Names the row answers to (the last path segment). */
  readonly names: readonly string[];
  /** Generic parameters, with defaults where the library has them. */
  readonly generics: readonly GenericParam[];
  readonly shape: TypeShape;
  /** The file (and for kernel files, the v7.1.5 blob and line) the layout is read from. */
  readonly source: string;
  /**
   * A common name (`List`, `RBTree`) a driver may define for itself: the row answers only where
   * the workspace has no type of that name.
   */
  readonly onlyWhereUndefined?: boolean;
}

export function typeParams(...names: string[]): GenericParam[] {
  return names.map((name) => ({ kind: 'type', name }));
}
