/**
 * What every SLUB front end shares: the slab store, counters, and the record of which objects
 * the user holds (so a double free is an error, as slub_debug would report it).
 */
import { EngineError } from '../errors.js';
import type { BuddyEvent } from './buddy-allocator.js';
import type { SlabStore } from './slab-store.js';
import type { SlubStatItem } from '../data/slub-stat-items.js';
import type { SlubCounters } from './slub-types.js';

export abstract class SlubBase {
  /** Counted by name; counters() reports only the front end's own items. */
  protected readonly stats: Record<SlubStatItem, number>;
  private objectsInUse = 0;
  private allocFailures = 0;
  private held = new Uint8Array(1024);

  constructor(
    protected readonly store: SlabStore,
    private readonly statItems: readonly SlubStatItem[],
  ) {
    this.stats = {} as Record<SlubStatItem, number>;
    for (const item of statItems) this.stats[item] = 0;
  }

  /** stat() / stat_add(): only items this front end's kernel has. */
  protected stat(item: SlubStatItem, by = 1): void {
    if (item in this.stats) this.stats[item] += by;
  }

  protected markHeld(object: number): void {
    if (object >= this.held.length) {
      const grown = new Uint8Array(Math.max(this.held.length * 2, object + 1));
      grown.set(this.held);
      this.held = grown;
    }
    if (this.held[object]) throw new Error(`simulator bug: object ${object} handed out twice`);
    this.held[object] = 1;
    this.objectsInUse++;
  }

  protected releaseHeld(object: number): void {
    if (!Number.isInteger(object) || object < 0 || !this.held[object]) {
      throw new EngineError('invalid-argument', `free of object ${object}: not allocated from this cache (double free?)`);
    }
    this.held[object] = 0;
    this.objectsInUse--;
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
      this.stat('FREE_SLAB');
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
      this.stat('ALLOC_SLAB');
    }
    const object = store.take(slab);
    if (store.hasFree(slab)) store.addPartial(slab);
    return { object, fromNew: newSlab !== null, newSlab };
  }

  counters(): SlubCounters {
    const stats: Partial<Record<SlubStatItem, number>> = {};
    for (const item of this.statItems) stats[item] = this.stats[item];
    return { stats, slabs: this.store.liveSlabs, nodePartialSlabs: this.store.nodePartialCount, objectsInUse: this.objectsInUse, allocFailures: this.allocFailures };
  }

  protected failure(): { ok: false; reason: string } {
    this.allocFailures++;
    const c = this.store.cache;
    return { ok: false, reason: `new_slab() failed: the buddy allocator has no free block of order ${c.order} (nor the minimum order for ${c.slabSizeBytes} B)` };
  }
}
