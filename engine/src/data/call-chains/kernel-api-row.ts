/**
 * Shapes of the kernel-API tables (kernel-api-*.ts): Rust wrappers and direct C calls that
 * allocate through something other than the Rust Allocator trait — a dedicated slab cache, the
 * page allocator, DMA coherent memory — or through kmalloc on a path of their own (bitmap_zalloc,
 * alloc_cpumask_var, devres). engine/src/kernel-api.ts explains them.
 */
import type { SinceReading } from './kernel-api-since.js';
import type { KernelRules } from '../kernel-changes.js';
import type { ChainFrame } from './chain-frame.js';

/** The allocator leaf a kmalloc-backed chain ends in. */
export type KernelApiLeaf = 'slab' | 'large' | 'fail';

/** What the request's numbers mean for this API (explain's sizeBytes / count / order). */
export type KernelApiInput =
  /** Nothing: the API fixes what it allocates (a maple node, one page). */
  | { readonly kind: 'none' }
  /** sizeBytes is the byte count passed to C (bindings::kmalloc(size, ..)). */
  | { readonly kind: 'bytes'; readonly what: string }
  /** sizeBytes (and alignBytes) is size_of::<T>() of the boxed or DMA'd type. */
  | { readonly kind: 'element'; readonly what: string }
  /** count × element: a slice of T (Coherent::zeroed_slice(dev, count, ..)). */
  | { readonly kind: 'array'; readonly what: string }
  /** count is a number of bits (BitmapVec::new(nbits, ..)). */
  | { readonly kind: 'bits'; readonly what: string; readonly minimumBits?: number }
  /** order is the page order argument (alloc_pages(gfp, order)). */
  | { readonly kind: 'order' };

/** Where the memory comes from. */
export type KernelApiTarget =
  /** A dedicated kmem_cache (data/dedicated-caches.ts); `objects` is how many one call may take. */
  | { readonly kind: 'dedicated-cache'; readonly cache: string | null; readonly objects: ObjectCount }
  /** The page allocator: order 0 unless the input gives an order. */
  | { readonly kind: 'pages' }
  /** dma_alloc_attrs: pages of get_order(size) through dma-direct, or another path. */
  | { readonly kind: 'dma-coherent' }
  /** kmalloc of the input's bytes (possibly transformed: BITS_TO_LONGS × sizeof(long), + a header). */
  | { readonly kind: 'kmalloc'; readonly inline?: InlineRule; readonly extraKmalloc?: ExtraKmalloc }
  /** One of the Rust Allocator's (KBox, KVec::reserve): the classic chain answers, after these frames. */
  | { readonly kind: 'rust-allocation'; readonly api: string; readonly allocator: 'Kmalloc' | 'Vmalloc' | 'KVmalloc' | 'generic'; readonly extraKmalloc?: ExtraKmalloc }
  /** CpumaskVar: a kmalloc of cpumask_size() only with CONFIG_CPUMASK_OFFSTACK. */
  | { readonly kind: 'cpumask' }
  /** vmalloc / kvmalloc of the input's bytes (bindings::vmalloc, bindings::kvmalloc). */
  | { readonly kind: 'vmalloc' }
  | { readonly kind: 'kvmalloc' };

/** Below a size the wrapper keeps the data inline and allocates nothing. */
export interface InlineRule {
  readonly maxBits: number;
  readonly why: string;
}

/** A second, fixed allocation the call always makes (the devres action node). */
export interface ExtraKmalloc {
  readonly what: string;
  /** bindgen names whose sizes add up to the object (resolved through the CLayoutSource). */
  readonly cTypes: readonly string[];
  /** Pointer-sized words added to those types (struct action_devres: data, action). */
  readonly extraPointers: number;
  readonly cFormula: string;
  readonly flags: string;
  readonly source: string;
}

export interface ObjectCount {
  /** The number when it does not depend on state; else the worst case the kernel preallocates. */
  readonly worstCase: number;
  readonly typical: number;
  readonly why: string;
}

/** Which argument (0-based, as written at the call) carries what; for the analyzer. */
export interface KernelApiArgs {
  readonly flags?: number;
  /** The byte count (bindings::kmalloc(size, ..)). */
  readonly bytes?: number;
  /** An element or bit count (zeroed_slice(dev, count, ..), BitmapVec::new(nbits, ..)). */
  readonly count?: number;
  readonly order?: number;
  /** A value whose type is the allocated T (devres::register(dev, data, ..)). */
  readonly value?: number;
  /** The `&mut Vec<u8, A>` a wrapper reserves in (read_all(&mut buf, ..)): its A serves the memory. */
  readonly buffer?: number;
}

export interface KernelApiRow {
  /** Canonical name, as the analyzer emits it and `explain --api` takes it. */
  readonly api: string;
  /** For methods: the receiver types that have it (`tree.insert(..)` on a MapleTree). */
  readonly calledOn?: readonly string[];
  readonly args: KernelApiArgs;
  /** First release with this API, and whether that was read in that release's source. */
  readonly since: readonly [number, number];
  readonly sinceConfirmed: boolean;
  /** Where `since` was read: the trees that lack and have the API (kernel-api-since.ts). */
  readonly sinceRead: SinceReading;
  /** Last release with it (renamed or removed after), when it is gone in the newest kernel. */
  readonly until?: readonly [number, number];
  /** What to call instead outside [since, until]. */
  readonly instead?: string;
  readonly input: KernelApiInput;
  readonly target: KernelApiTarget;
  /** The flags the allocation uses: the caller's, or a fixed GFP the wrapper passes. */
  readonly flags: 'argument' | { readonly fixed: string; readonly why: string };
  /** Frames from the Rust call down to the allocator leaf the placement picked. */
  readonly frames: (rules: KernelRules, leaf: KernelApiLeaf) => readonly ChainFrame[];
  readonly notes: readonly string[];
}
