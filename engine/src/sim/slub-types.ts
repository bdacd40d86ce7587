/**
 * What a simulated SLUB allocation or free reports: the path it took, named after the kernel's
 * functions, and counters in the spirit of SLUB's stat items (mm/slub.c enum stat_item).
 */
import type { BuddyEvent } from './buddy-allocator.js';
import type { SlubStatItem } from '../data/slub-stat-items.js';
import type { NewSlab } from './slab-store.js';

/** The allocation paths, with what each means (shown to users as-is). */
export const SLUB_ALLOC_PATHS = {
  alloc_from_pcs: '7.0+ fast path: popped from the per-CPU main sheaf, no atomics',
  'sheaf-spare': '7.0+: the main sheaf was empty; swapped with the non-empty spare sheaf',
  barn: '7.0+: the main sheaf was empty; exchanged for a full sheaf from the per-node barn',
  refill_sheaf: '7.0+: no full sheaf anywhere; an empty sheaf (the spare, one from the barn, or a new one) was filled from slabs (node partial list, then new slabs) and became the main sheaf',
  fastpath: '6.x fast path: taken from the per-CPU slab’s freelist (this_cpu_cmpxchg on freelist + tid)',
  'cpu-partial': '6.x slow path: the CPU slab was full; a per-CPU partial slab became the CPU slab',
  'node-partial': 'slow path: a slab from the node partial list (get_partial, under n->list_lock)',
  'new-slab': 'slow path: new_slab() took pages from the buddy allocator',
} as const;

export type SlubAllocPath = keyof typeof SLUB_ALLOC_PATHS;

export const SLUB_FREE_PATHS = {
  free_to_pcs: '7.0+ fast path: pushed onto the per-CPU main sheaf',
  'sheaf-swap': '7.0+: the main sheaf was full; it swapped places with a spare that had room (or became the spare, and an empty sheaf the main)',
  'barn-put': '7.0+: the full main sheaf went to the barn for an empty one',
  'sheaf-flush': '7.0+: the barn already held MAX_FULL_SHEAVES full sheaves; the full spare was flushed back to its slabs and became the main, the old main the spare',
  fastpath: '6.x fast path: the object belongs to the CPU slab',
  'cpu-partial': '6.x: a full slab got a free object and went on the per-CPU partial list',
  slowpath: 'the object went back to its slab (__slab_free)',
} as const;

export type SlubFreePath = keyof typeof SLUB_FREE_PATHS;

export type SlubAllocResult =
  | {
      readonly ok: true;
      readonly object: number;
      readonly path: SlubAllocPath;
      /** The first slab new_slab() made for this allocation, if any. */
      readonly newSlab: NewSlab | null;
      /** How many new slabs this allocation took from the buddy allocator (a sheaf refill may take several). */
      readonly newSlabs: number;
    }
  | { readonly ok: false; readonly reason: string };

export interface SlubFreeResult {
  readonly path: SlubFreePath;
  /** Empty slabs given back to the buddy allocator by this free. */
  readonly slabsDiscarded: number;
}

/** What a cache reports: its kernel's stat items (data/slub-stat-items.ts) and the model's own tallies. */
export interface SlubCounters {
  /** CONFIG_SLUB_STATS items of this front end's kernel, named as mm/slub.c names them. */
  readonly stats: Readonly<Partial<Record<SlubStatItem, number>>>;
  readonly slabs: number;
  readonly nodePartialSlabs: number;
  readonly objectsInUse: number;
  /** Allocations that found no memory (not a kernel stat item). */
  readonly allocFailures: number;
}

export interface SlubCache {
  /** 'sheaves' (7.0+), 'cpu-slab' (6.x) or 'none' (SLUB_TINY: every call takes the slow path). */
  readonly frontEnd: 'sheaves' | 'cpu-slab' | 'none';
  alloc(events?: BuddyEvent[]): SlubAllocResult;
  free(object: number, events?: BuddyEvent[]): SlubFreeResult;
  /** kmem_cache_shrink(): flush per-CPU layers and give every empty slab back. */
  shrink(events?: BuddyEvent[]): void;
  counters(): SlubCounters;
}
