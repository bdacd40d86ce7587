/**
 * Shapes shared by the call-chain tables: one frame, the outcome a chain ends in, and one Rust
 * API's own frames. The tables are rust-frames-*.ts (one per Rust API era) and c-frames.ts;
 * engine/src/call-chain.ts puts them together. Sources are named in each table's header.
 */
import type { AllocatorName } from '../../layout.js';
import type { ApiEra, KernelRules } from '../kernel-changes.js';

export type FrameLayer = 'rust' | 'ffi' | 'c';

/** One step on the way from the Rust call to the allocator, and the kernel file it lives in. */
export interface ChainFrame {
  /** Function name as the kernel spells it (a macro only when it is a real step, e.g. alloc_hooks()). */
  readonly frame: string;
  /** Kernel source path: 'rust/kernel/alloc/kvec.rs', 'mm/slub.c', ... */
  readonly file: string;
  readonly layer: FrameLayer;
  readonly note?: string;
  /** The name or its presence in this era is inferred, not read in that era's source. */
  readonly inferred?: boolean;
}

/** Where the allocation ends up; decides which C frames close the chain. */
export type ChainLeaf =
  /** Size 0 or a zero-sized type: the frames actually reached, then nothing is allocated. */
  | { readonly kind: 'none' }
  | { readonly kind: 'slab'; readonly slubPath?: 'fast' | 'slow' }
  /** Large kmalloc: a compound page straight from the page allocator. */
  | { readonly kind: 'large' }
  | { readonly kind: 'vmalloc'; readonly huge?: boolean }
  /** KVmalloc: the kmalloc attempt failed (or cannot serve the size) and vmalloc serves it. */
  | { readonly kind: 'kvmalloc-fallback'; readonly huge?: boolean }
  | { readonly kind: 'fail'; readonly at: 'page-allocator' | 'layout' | 'rust-align-check' | 'vmalloc' };

/** Stands for the allocator (Kmalloc, Vmalloc, KVmalloc) in frame names of generic APIs. */
export const ALLOCATOR_PLACEHOLDER = '{A}';

/** Where Rust returns before the allocator is asked for memory. */
export interface RustStop {
  /** How many of the API's frames are reached. */
  readonly keep: number;
  /** A last frame reached only on this path (e.g. the layout check). */
  readonly frame?: ChainFrame;
  readonly note: string;
}

export interface RustApi {
  /** Canonical call name, as the analyzer emits it ('KVec::push', 'kvec![x; n]'). */
  readonly api: string;
  /** The allocator the type alias fixes; 'generic' when the caller names it (Box<T, A>, Allocator::*). */
  readonly allocator: AllocatorName | 'generic';
  /** The API's own frames, from the call down to where the request leaves the container code. */
  readonly frames: readonly ChainFrame[];
  /** alloc: goes on to the allocator; free: a size-0 realloc; no-alloc: never allocates; shrink: KVVec::shrink_to. */
  readonly kind: 'alloc' | 'free' | 'no-alloc' | 'shrink';
  /** Size 0 or a ZST: Rust stops early, or the request reaches C with size 0, or it cannot happen. */
  readonly zeroSize: RustStop | 'reaches-c' | { readonly impossible: string };
  /** Where a Layout overflow stops the call; absent when it cannot happen inside this API. */
  readonly layoutFailure?: RustStop;
  /** May grow a buffer it already has (growsExisting applies). */
  readonly grows?: boolean;
  /** What to call in another era, phrased to follow "in 6.10–6.12 ...". */
  readonly instead?: Partial<Record<ApiEra, string>>;
  /** Exists only when this holds; `why` says which release added it. */
  readonly requires?: { readonly holds: (rules: KernelRules) => boolean; readonly why: string };
}

export function rustFrame(frame: string, file: string, note?: string, inferred?: boolean): ChainFrame {
  return withOptional({ frame, file, layer: 'rust' }, note, inferred);
}

export function ffiFrame(frame: string, file: string, note?: string, inferred?: boolean): ChainFrame {
  return withOptional({ frame, file, layer: 'ffi' }, note, inferred);
}

export function cFrame(frame: string, file: string, note?: string, inferred?: boolean): ChainFrame {
  return withOptional({ frame, file, layer: 'c' }, note, inferred);
}

function withOptional(base: ChainFrame, note: string | undefined, inferred: boolean | undefined): ChainFrame {
  return {
    ...base,
    ...(note === undefined ? {} : { note }),
    ...(inferred ? { inferred: true } : {}),
  };
}
