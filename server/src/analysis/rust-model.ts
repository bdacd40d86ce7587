/**
 * The plain model of Rust types, constant expressions and item definitions that the analyzer
 * reasons about. The Tree-sitter layer fills these in; the layout engine and the constant
 * evaluator read them. Nothing here knows about syntax trees, so both sides can be tested with
 * hand-built values. Lifetimes and trait bounds are left out: they never change a layout.
 */

/** Rust's integer types, by name. */
export type IntTypeName = 'u8' | 'u16' | 'u32' | 'u64' | 'u128' | 'usize' | 'i8' | 'i16' | 'i32' | 'i64' | 'i128' | 'isize';

export type TypeExpr =
  /** `u32`, `KVec<Desc>`, `kernel::alloc::KBox<T>`, `bindings::spinlock_t`, a generic parameter `T`. */
  | { readonly kind: 'path'; readonly segments: readonly string[]; readonly generics: readonly TypeExpr[] }
  /** `[T; N]` */
  | { readonly kind: 'array'; readonly element: TypeExpr; readonly length: ConstExpr }
  /** `(A, B)`; the unit type `()` is the empty tuple. */
  | { readonly kind: 'tuple'; readonly elements: readonly TypeExpr[] }
  /** `&T` / `&mut T` */
  | { readonly kind: 'ref'; readonly mutable: boolean; readonly target: TypeExpr }
  /** `*const T` / `*mut T` */
  | { readonly kind: 'ptr'; readonly mutable: boolean; readonly target: TypeExpr }
  /** `[T]` (unsized: only behind a pointer) */
  | { readonly kind: 'slice'; readonly element: TypeExpr }
  /** `dyn Trait + Send` (unsized: only behind a pointer) */
  | { readonly kind: 'dyn'; readonly traits: readonly string[] }
  /** `fn(u32) -> u32`, `unsafe extern "C" fn(...)`: the text is only shown, never read. */
  | { readonly kind: 'fn-ptr'; readonly text: string }
  /** `!` */
  | { readonly kind: 'never' }
  /** A const generic argument inside a generic list: the `16` of `Ring<u64, 16>`. */
  | { readonly kind: 'const-arg'; readonly value: ConstExpr }
  /** Anything the extractor could not turn into one of the above (macros, `impl Trait`, `_`). */
  | { readonly kind: 'unknown'; readonly text: string };

export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '<<' | '>>' | '&' | '|' | '^';

/** A constant expression. Every node keeps its source text so formulas can quote it. */
export type ConstExpr =
  /** `48`, `0x1000`, `4096usize`, `1_000`: the value is already parsed from the token. */
  | { readonly kind: 'int'; readonly value: bigint; readonly suffix?: IntTypeName; readonly text: string }
  /** `MAX_ENTRIES`, `kernel::page::PAGE_SIZE`, `Self::LEN`, `u32::MAX` */
  | { readonly kind: 'path'; readonly segments: readonly string[]; readonly text: string }
  | { readonly kind: 'unary'; readonly op: '-' | '!'; readonly operand: ConstExpr; readonly text: string }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: ConstExpr; readonly right: ConstExpr; readonly text: string }
  /** `x as usize` */
  | { readonly kind: 'cast'; readonly operand: ConstExpr; readonly type: TypeExpr; readonly text: string }
  | { readonly kind: 'paren'; readonly inner: ConstExpr; readonly text: string }
  /** `size_of::<T>()`, `core::mem::size_of::<T>()`, `align_of::<T>()` */
  | { readonly kind: 'layout-call'; readonly fn: 'size_of' | 'align_of'; readonly type: TypeExpr; readonly text: string }
  | { readonly kind: 'unknown'; readonly text: string };

/** `#[repr(...)]`, merged over all repr attributes of an item. */
export interface Repr {
  /** 'rust' when there is no repr(C)/repr(transparent). */
  readonly base: 'rust' | 'C' | 'transparent';
  /** `repr(u8)`, `repr(C, u32)`: the discriminant type of an enum. */
  readonly int?: IntTypeName;
  /** `repr(packed)` = 1, `repr(packed(N))` = N. */
  readonly packedBytes?: number;
  /** `repr(align(N))` */
  readonly alignBytes?: number;
}

export const DEFAULT_REPR: Repr = { base: 'rust' };

export type GenericParam =
  { readonly kind: 'type'; readonly name: string; readonly default?: TypeExpr } | { readonly kind: 'const'; readonly name: string; readonly type: TypeExpr; readonly default?: ConstExpr };

/** A named field, or a tuple field named by its position ('0', '1', ...). */
export interface FieldDef {
  readonly name: string;
  readonly type: TypeExpr;
  /** The predicate of a `#[cfg(..)]` on the field (`CONFIG_CPUMASK_OFFSTACK`), when it has one. */
  readonly cfg?: string;
}

export interface StructDef {
  readonly kind: 'struct';
  readonly name: string;
  readonly generics: readonly GenericParam[];
  /** True for `struct S(u32, u64);` (and unit structs have no fields either way). */
  readonly tuple: boolean;
  readonly fields: readonly FieldDef[];
  readonly repr: Repr;
}

export interface VariantDef {
  readonly name: string;
  readonly fields: readonly FieldDef[];
  /** `A = 5` */
  readonly discriminant?: ConstExpr;
}

export interface EnumDef {
  readonly kind: 'enum';
  readonly name: string;
  readonly generics: readonly GenericParam[];
  readonly variants: readonly VariantDef[];
  readonly repr: Repr;
}

export interface UnionDef {
  readonly kind: 'union';
  readonly name: string;
  readonly generics: readonly GenericParam[];
  readonly fields: readonly FieldDef[];
  readonly repr: Repr;
}

/** `type KVec<T> = Vec<T, Kmalloc>;` */
export interface AliasDef {
  readonly kind: 'alias';
  readonly name: string;
  readonly generics: readonly GenericParam[];
  readonly target: TypeExpr;
}

export type TypeDef = StructDef | EnumDef | UnionDef | AliasDef;

/** `const MAX_ENTRIES: usize = 48;` (statics are recorded the same way when their value is needed). */
export interface ConstDef {
  readonly name: string;
  readonly type?: TypeExpr;
  readonly value: ConstExpr;
}

/**
 * `fn new() -> Result<Foo>` in `impl Foo`: what a call hands back. `owner` is the impl's type
 * (last segment) or null for a free function; `Self` in `returns` is already the impl's type.
 * `impl PinInit<T, E>` / `impl Init<T, E>` are stored as T: what an initialiser builds.
 */
export interface FnDef {
  readonly owner: string | null;
  readonly name: string;
  readonly returns: TypeExpr;
}

/**
 * Where the analyzer looks up names. The caller's index decides scoping: a first version may
 * key by the last path segment only, a later one may follow `use` items and modules. Either
 * way the layout engine and the evaluator only ask, and treat `undefined` as "unknown".
 */
export interface TypeIndex {
  lookupType(segments: readonly string[]): TypeDef | undefined;
  lookupConst(segments: readonly string[]): ConstDef | undefined;
  /** A function's signature by impl type (last segment) or null for free functions; optional for hand-built indexes. */
  lookupFn?(owner: string | null, name: string): FnDef | undefined;
  /**
   * The kernel crate's own definition of a type (a file under rust/kernel/ of the indexed tree),
   * if the workspace holds one; optional for hand-built indexes.
   */
  lookupKernelType?(segments: readonly string[]): TypeDef | undefined;
  /**
   * True when every type this index holds is sized (a C header's bindings): a pointer to one
   * is then thin without reading the pointee's definition. Optional.
   */
  readonly allSized?: boolean;
}

/** A path type: `KVec<Desc>`, a generic parameter `T`. */
export type TypePath = Extract<TypeExpr, { kind: 'path' }>;

/**
 * The type with each path rewritten by `onPath` (which gets `again` to carry on into its generic
 * arguments); arrays, slices, tuples, references and pointers are walked through unchanged.
 */
export function mapTypePaths(type: TypeExpr, onPath: (path: TypePath, again: (t: TypeExpr) => TypeExpr) => TypeExpr): TypeExpr {
  const again = (t: TypeExpr): TypeExpr => mapTypePaths(t, onPath);
  switch (type.kind) {
    case 'path':
      return onPath(type, again);
    case 'array':
    case 'slice':
      return { ...type, element: again(type.element) };
    case 'tuple':
      return { ...type, elements: type.elements.map(again) };
    case 'ref':
    case 'ptr':
      return { ...type, target: again(type.target) };
    default:
      return type;
  }
}

/** Whether some path in the type (its generic arguments included) satisfies `test`. */
export function someTypePath(type: TypeExpr, test: (path: TypePath) => boolean): boolean {
  const again = (t: TypeExpr): boolean => someTypePath(t, test);
  switch (type.kind) {
    case 'path':
      return test(type) || type.generics.some(again);
    case 'array':
    case 'slice':
      return again(type.element);
    case 'tuple':
      return type.elements.some(again);
    case 'ref':
    case 'ptr':
      return again(type.target);
    default:
      return false;
  }
}

/** A type as a person writes it, for formulas and for matching user-given sizes. */
export function typeText(type: TypeExpr): string {
  switch (type.kind) {
    case 'path': {
      const path = type.segments.join('::');
      return type.generics.length ? `${path}<${type.generics.map(typeText).join(', ')}>` : path;
    }
    case 'array':
      return `[${typeText(type.element)}; ${type.length.text}]`;
    case 'tuple':
      return type.elements.length === 1 ? `(${typeText(type.elements[0]!)},)` : `(${type.elements.map(typeText).join(', ')})`;
    case 'ref':
      return `&${type.mutable ? 'mut ' : ''}${typeText(type.target)}`;
    case 'ptr':
      return `*${type.mutable ? 'mut' : 'const'} ${typeText(type.target)}`;
    case 'slice':
      return `[${typeText(type.element)}]`;
    case 'dyn':
      return `dyn ${type.traits.join(' + ')}`;
    case 'never':
      return '!';
    case 'const-arg':
      return type.value.text;
    case 'fn-ptr':
    case 'unknown':
      return type.text;
  }
}
