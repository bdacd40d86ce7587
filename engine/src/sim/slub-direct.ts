/**
 * SLUB with no per-CPU layer (CONFIG_SLUB_TINY, and debug caches): every allocation takes one
 * object from a node partial slab or a new slab, every free goes straight back to its slab.
 */
import type { BuddyEvent } from './buddy-allocator.js';
import type { SlabStore } from './slab-store.js';
import { SlubBase } from './slub-base.js';
import type { SlubAllocResult, SlubCache, SlubFreeResult } from './slub-types.js';

export class DirectSlub extends SlubBase implements SlubCache {
  readonly frontEnd = 'none' as const;

  constructor(store: SlabStore) {
    // Items both eras have; no per-CPU layer means every call is a slow path.
    super(store, ['ALLOC_SLOWPATH', 'FREE_SLOWPATH', 'ALLOC_SLAB', 'FREE_SLAB']);
  }

  alloc(events?: BuddyEvent[]): SlubAllocResult {
    this.stat('ALLOC_SLOWPATH');
    const got = this.objectFromSlabs(events);
    if (!got) return this.failure();
    this.markHeld(got.object);
    return { ok: true, object: got.object, path: got.fromNew ? 'new-slab' : 'node-partial', newSlab: got.newSlab, newSlabs: got.fromNew ? 1 : 0 };
  }

  free(object: number, events?: BuddyEvent[]): SlubFreeResult {
    this.releaseHeld(object);
    this.stat('FREE_SLOWPATH');
    return { path: 'slowpath', slabsDiscarded: this.returnToSlab(object, events) };
  }

  shrink(events?: BuddyEvent[]): void {
    for (const slab of this.store.liveSlabIds()) {
      if (this.store.isEmpty(slab)) {
        this.store.discardSlab(slab, events);
        this.stat('FREE_SLAB');
      }
    }
  }
}
