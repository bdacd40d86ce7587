/**
 * The slabs of one SLUB cache on one node: each slab is 2^order pages from the buddy allocator,
 * cut into objects, with its own free-object stack (the slab freelist), plus the node partial
 * list (struct kmem_cache_node.partial). Both per-CPU front ends (6.x cpu slab, 7.0+ sheaves)
 * take objects from here and give them back.
 *
 * Objects are numbers: slab * maxObjects + index, so no object is allocated per operation.
 */
import { getOrder, ilog2 } from '../bits.js';
import { MAX_PARTIAL, MIN_PARTIAL } from '../data/slub-tunables.js';
import type { Profile } from '../profile.js';
import type { BuddyAllocator, BuddyEvent } from './buddy-allocator.js';

const NONE = -1;

/**
 * What the slab store needs of a cache: its order, objects per slab and s->size. A kmalloc
 * cache (KmallocCache) and a dedicated kmem_cache (kmem-cache.ts) both have these.
 */
export interface SlabCacheShape {
  /** s->oo order: pages per slab = 2^order. */
  readonly order: number;
  readonly objectsPerSlab: number;
  /** s->size */
  readonly slabSizeBytes: number;
}

export interface NewSlab {
  readonly slab: number;
  readonly order: number;
  readonly pfn: number;
  /** allocate_slab() fell back from s->oo to s->min (get_order(size)) because the buddy allocator had no block. */
  readonly fallback: boolean;
}

export class SlabStore {
  readonly maxObjects: number;
  readonly minPartial: number;
  private readonly minOrder: number;
  private readonly sizeBytes: number;
  private readonly pageShift: number;
  // Per slab id (arrays grow with the number of slabs).
  private pfn: number[] = [];
  private order: number[] = [];
  private capacity: number[] = [];
  private freeCount: number[] = [];
  private freeStacks: Int32Array[] = [];
  private onNodePartial: boolean[] = [];
  private prev: number[] = [];
  private next: number[] = [];
  private reusableIds: number[] = [];
  private partialHead = NONE;
  private partialTail = NONE;
  nodePartialCount = 0;
  liveSlabs = 0;

  constructor(
    readonly cache: SlabCacheShape,
    profile: Profile,
    private readonly buddy: BuddyAllocator,
  ) {
    this.maxObjects = cache.objectsPerSlab;
    this.sizeBytes = cache.slabSizeBytes;
    this.pageShift = profile.constants.PAGE_SHIFT;
    this.minOrder = getOrder(cache.slabSizeBytes, this.pageShift);
    // set_min_partial(s, ilog2(s->size) / 2), clamped.
    this.minPartial = Math.min(MAX_PARTIAL, Math.max(MIN_PARTIAL, Math.floor(ilog2(cache.slabSizeBytes) / 2)));
  }

  /** new_slab() → allocate_slab(): s->oo first, then s->min; null when the buddy allocator fails both. */
  newSlab(events?: BuddyEvent[]): NewSlab | null {
    let order = this.cache.order;
    let pfn = this.buddy.alloc(order, events);
    let fallback = false;
    if (pfn < 0 && this.minOrder < order) {
      order = this.minOrder;
      pfn = this.buddy.alloc(order, events);
      fallback = true;
    }
    if (pfn < 0) return null;
    const slab = this.reusableIds.pop() ?? this.pfn.length;
    const objects = Math.floor(2 ** (this.pageShift + order) / this.sizeBytes);
    this.pfn[slab] = pfn;
    this.order[slab] = order;
    this.capacity[slab] = objects;
    this.freeCount[slab] = objects;
    const stack = this.freeStacks[slab] ?? new Int32Array(this.maxObjects);
    // Highest index at the bottom so objects come out 0, 1, 2, ...
    for (let i = 0; i < objects; i++) stack[i] = objects - 1 - i;
    this.freeStacks[slab] = stack;
    this.onNodePartial[slab] = false;
    this.liveSlabs++;
    return { slab, order, pfn, fallback };
  }

  /** discard_slab(): the pages go back to the buddy allocator. */
  discardSlab(slab: number, events?: BuddyEvent[]): void {
    if (this.onNodePartial[slab]) this.removePartial(slab);
    this.buddy.free(this.pfn[slab]!, this.order[slab]!, events);
    this.freeCount[slab] = 0;
    this.capacity[slab] = 0;
    this.reusableIds.push(slab);
    this.liveSlabs--;
  }

  slabOf(object: number): number {
    return Math.floor(object / this.maxObjects);
  }

  hasFree(slab: number): boolean {
    return this.freeCount[slab]! > 0;
  }

  isEmpty(slab: number): boolean {
    return this.freeCount[slab] === this.capacity[slab];
  }

  isLive(slab: number): boolean {
    return (this.capacity[slab] ?? 0) > 0;
  }

  /** Take one free object from a slab (the slab must have one). */
  take(slab: number): number {
    const n = --this.freeCount[slab]!;
    return slab * this.maxObjects + this.freeStacks[slab]![n]!;
  }

  /** Put an object back on its slab's freelist; returns its slab. */
  put(object: number): number {
    const slab = this.slabOf(object);
    const n = this.freeCount[slab]!;
    this.freeStacks[slab]![n] = object - slab * this.maxObjects;
    this.freeCount[slab] = n + 1;
    return slab;
  }

  // ---- node partial list (add to tail, take from head) ----

  addPartial(slab: number): void {
    if (this.onNodePartial[slab]) return;
    this.onNodePartial[slab] = true;
    this.prev[slab] = this.partialTail;
    this.next[slab] = NONE;
    if (this.partialTail !== NONE) this.next[this.partialTail] = slab;
    else this.partialHead = slab;
    this.partialTail = slab;
    this.nodePartialCount++;
  }

  removePartial(slab: number): void {
    if (!this.onNodePartial[slab]) return;
    this.onNodePartial[slab] = false;
    const p = this.prev[slab]!;
    const n = this.next[slab]!;
    if (p !== NONE) this.next[p] = n;
    else this.partialHead = n;
    if (n !== NONE) this.prev[n] = p;
    else this.partialTail = p;
    this.nodePartialCount--;
  }

  /** get_partial_node(): the first slab on the node partial list, removed from it; -1 when empty. */
  takePartial(): number {
    const slab = this.partialHead;
    if (slab !== NONE) this.removePartial(slab);
    return slab;
  }

  isOnNodePartial(slab: number): boolean {
    return this.onNodePartial[slab] === true;
  }

  /** Every live slab id (for shrinking and checks). */
  liveSlabIds(): number[] {
    const out: number[] = [];
    for (let s = 0; s < this.capacity.length; s++) if (this.isLive(s)) out.push(s);
    return out;
  }

  slabPages(slab: number): { pfn: number; order: number } {
    return { pfn: this.pfn[slab]!, order: this.order[slab]! };
  }
}
