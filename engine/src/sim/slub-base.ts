/**
 * What every SLUB front end shares: the slab store, counters, and the record of which objects
 * the user holds (so a double free is an error, as slub_debug would report it).
 */
import { EngineError } from '../errors.js';
import type { BuddyEvent } from './buddy-allocator.js';
import type { SlabStore } from './slab-store.js';
import type { SlubCounters } from './slub-types.js';

export function zeroCounters(): SlubCounters {
  return {
    ALLOC_FASTPATH: 0, ALLOC_SLOWPATH: 0, ALLOC_PCS: 0, SHEAF_SWAP: 0, BARN_GET: 0, SHEAF_REFILL: 0,
    CPU_PARTIAL_ALLOC: 0, ALLOC_FROM_PARTIAL: 0, ALLOC_SLAB: 0, ALLOC_FAILED: 0,
    FREE_FASTPATH: 0, FREE_SLOWPATH: 0, FREE_PCS: 0, BARN_PUT: 0, SHEAF_FLUSH: 0, CPU_PARTIAL_FREE: 0, FREE_SLAB: 0,
    slabs: 0, nodePartialSlabs: 0, objectsInUse: 0,
  };
}

export abstract class SlubBase {
  protected readonly stats: SlubCounters = zeroCounters();
  private held = new Uint8Array(1024);

  constructor(protected readonly store: SlabStore) {}

  protected markHeld(object: number): void {
    if (object >= this.held.length) {
      const grown = new Uint8Array(Math.max(this.held.length * 2, object + 1));
      grown.set(this.held);
      this.held = grown;
    }
    if (this.held[object]) throw new Error(`simulator bug: object ${object} handed out twice`);
    this.held[object] = 1;
    this.stats.objectsInUse++;
  }

  protected releaseHeld(object: number): void {
    if (!Number.isInteger(object) || object < 0 || !this.held[object]) {
      throw new EngineError('invalid-argument', `free of object ${object}: not allocated from this cache (double free?)`);
    }
    this.held[object] = 0;
    this.stats.objectsInUse--;
  }

  /**
   * An object goes back to its slab (__slab_free): a full slab becomes partial; an empty one is
   * discarded when the node already keeps min_partial slabs. Returns slabs discarded (0 or 1).
   */
  protected returnToSlab(object: number, events?: BuddyEvent[]): number {
    const store = this.store;
    const slab = store.slabOf(object);
    const wasFull = !store.hasFree(slab);
    store.put(object);
    if (this.isPerCpu(slab)) return 0;
    if (store.isEmpty(slab) && store.nodePartialCount >= store.minPartial) {
      store.discardSlab(slab, events);
      this.stats.FREE_SLAB++;
      return 1;
    }
    if (wasFull || !store.isOnNodePartial(slab)) store.addPartial(slab);
    return 0;
  }

  /** Slabs the per-CPU layer holds frozen are not on node lists. */
  protected isPerCpu(_slab: number): boolean {
    return false;
  }

  /** Take one object from a node partial slab or a new slab (___slab_alloc without the CPU layer). */
  protected objectFromSlabs(events?: BuddyEvent[]): { object: number; fromNew: boolean; newSlab: ReturnType<SlabStore['newSlab']> } | null {
    const store = this.store;
    let slab = store.takePartial();
    let newSlab = null;
    if (slab < 0) {
      newSlab = store.newSlab(events);
      if (!newSlab) return null;
      slab = newSlab.slab;
      this.stats.ALLOC_SLAB++;
    }
    const object = store.take(slab);
    if (store.hasFree(slab)) store.addPartial(slab);
    return { object, fromNew: newSlab !== null, newSlab };
  }

  counters(): SlubCounters {
    return { ...this.stats, slabs: this.store.liveSlabs, nodePartialSlabs: this.store.nodePartialCount };
  }

  protected failure(): { ok: false; reason: string } {
    this.stats.ALLOC_FAILED++;
    const c = this.store.cache;
    return { ok: false, reason: `new_slab() failed: the buddy allocator has no free block of order ${c.order} (nor the minimum order for ${c.slabSizeBytes} B)` };
  }
}
