/**
 * One allocation call as the finder sees it, before sizes are worked out. Positions are
 * 1-based (line, column) of the first token of the called path: the K of
 * `KVec::<T>::with_capacity`, the p of `.push`, the k of `kvec!`.
 */
import type { ApiRow, KernelApiRow, AllocatorName } from '../../../engine/src/index.js';
import type { AtomicGuard } from './atomic-scope.js';
import type { CountBound } from './count-bound.js';
import type { ConstExpr, TypeDef, TypeExpr } from './rust-model.js';

export interface SourceRange {
  readonly startRow: number;
  readonly startColumn: number;
  readonly endRow: number;
  readonly endColumn: number;
}

/** A Rust Allocator, or who serves a kernel API: a dedicated kmem_cache, the page allocator, DMA. */
export type SiteAllocator = AllocatorName | 'kmem_cache' | 'page_alloc' | 'dma' | 'unknown';

/** The arguments of a kernel-API call that size it (the engine row's `args`), as written. */
export interface KernelApiArgs {
  readonly bytes: ConstExpr | null;
  readonly count: ConstExpr | null;
  readonly order: ConstExpr | null;
}

/**
 * The registry row a site is a call of: a Rust allocation API (engine/src/api-registry.ts) or a
 * kernel API (engine/src/kernel-api.ts). What the call's arguments mean is the row's `args`.
 */
export type SiteApi = { readonly kind: 'rust'; readonly row: ApiRow } | { readonly kind: 'kernel'; readonly row: KernelApiRow };

export interface FoundSite {
  /** The call as reported: the engine's name ('KVec::push', 'kvec![x; n]'), or a method as written on a type that has it ('Ring::with_capacity', 'KBox::try_pin_init'). */
  readonly call: string;
  /** `call` in its two parts: the type it is called on (null for a macro) and the function or macro. */
  readonly callType: string | null;
  readonly callMethod: string;
  /** The registry row of `chainApi` (for a method on a receiver whose type is not visible, that of a vector type that has it). */
  readonly api: SiteApi;
  /** The engine API whose chain this call takes (the same as `call` except for aliases like try_pin_init). */
  readonly chainApi: string;
  readonly kind: 'code' | 'doc';
  readonly line: number;
  readonly column: number;
  /** The whole call, 0-based rows and columns (as LSP ranges), for editors. */
  readonly range: SourceRange;
  /** The flags argument as written, and the count argument (`with_capacity(n, ..)`), for quick fixes. */
  readonly flagsRange: SourceRange | null;
  readonly countRange: SourceRange | null;
  readonly allocator: SiteAllocator;
  /** The flags as written at the call, and as resolved through consts and locals; null when the API takes none. */
  readonly flagsWritten: string | null;
  readonly flags: string | null;
  /** Element type of a vector, or the boxed/shared type T. */
  readonly elementType: TypeExpr | null;
  /** Element count when the call fixes it (with_capacity(n), kvec![x; n], kvec![a, b]). */
  readonly count: ConstExpr | null;
  /** A constant upper bound on a count the call does not fix (`n: u16`, `n.min(MAX)`), if the source gives one. */
  readonly countBound: CountBound | null;
  /** How the size follows from the call. */
  readonly sizing: 'element' | 'array' | 'arc-inner' | 'growth' | 'layout' | 'kernel-api' | 'unknown';
  /** A kernel API's sizing arguments (sizing 'kernel-api'). */
  readonly kernelArgs?: KernelApiArgs;
  /** For Allocator::alloc(Layout::new::<T>()) / Layout::array::<T>(n). */
  readonly layoutNote: string | null;
  /** The receiver of a method call as written (`self.pending`), one line, for messages; else null. */
  readonly receiver: string | null;
  /** A spinlock or RCU read-side guard alive at the call, if the source shows one. */
  readonly atomicGuard: AtomicGuard | null;
  /** Types a doc example defines for itself (`/// struct Foo { .. }`), seen before the workspace's. */
  readonly localTypes?: readonly TypeDef[];
}
