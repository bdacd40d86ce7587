/**
 * SLUB's 6.x per-CPU front end (struct kmem_cache_cpu): a frozen CPU slab whose freelist serves
 * the fast path, a per-CPU list of partial slabs (CONFIG_SLUB_CPU_PARTIAL), then the node partial
 * list, then a new slab. 6.18–6.19 kmalloc caches did not opt into sheaves, so they run this too.
 */
import { CPU_SLAB_STAT_ITEMS } from '../data/slub-stat-items.js';
import type { BuddyEvent } from './buddy-allocator.js';
import type { SlabStore } from './slab-store.js';
import { SlubBase } from './slub-base.js';
import type { SlubAllocResult, SlubCache, SlubFreeResult } from './slub-types.js';

const NONE = -1;

export class CpuSlabSlub extends SlubBase implements SlubCache {
  readonly frontEnd = 'cpu-slab' as const;
  private cpuSlab = NONE;
  private readonly cpuPartial: number[] = [];
  private readonly onCpuPartial = new Set<number>();

  /** @param cpuPartialLimit s->cpu_partial_slabs (slub_get_cpu_partial(), 6.12 mm/slub.c:622) */
  constructor(
    store: SlabStore,
    private readonly cpuPartialLimit: number,
  ) {
    super(store, CPU_SLAB_STAT_ITEMS);
  }

  protected override isPerCpu(slab: number): boolean {
    return slab === this.cpuSlab || this.onCpuPartial.has(slab);
  }

  alloc(events?: BuddyEvent[]): SlubAllocResult {
    const store = this.store;
    if (this.cpuSlab !== NONE && store.hasFree(this.cpuSlab)) {
      const object = store.take(this.cpuSlab);
      this.markHeld(object);
      this.stat('ALLOC_FASTPATH');
      return { ok: true, object, path: 'fastpath', newSlab: null, newSlabs: 0 };
    }
    this.stat('ALLOC_SLOWPATH');
    // The exhausted CPU slab is full: deactivated, it sits on no list (SLUB keeps no full list).
    this.cpuSlab = NONE;
    let path: 'cpu-partial' | 'node-partial' | 'new-slab';
    let newSlab = null;
    const fromCpuPartial = this.cpuPartial.pop();
    if (fromCpuPartial !== undefined) {
      this.onCpuPartial.delete(fromCpuPartial);
      this.cpuSlab = fromCpuPartial;
      this.stat('CPU_PARTIAL_ALLOC');
      path = 'cpu-partial';
    } else {
      const partial = store.takePartial();
      if (partial !== NONE) {
        this.cpuSlab = partial;
        this.stat('ALLOC_FROM_PARTIAL');
        // get_partial_node() (6.12 mm/slub.c:2843-2858) also stocks the per-CPU partial list and
        // stops once ++partial_slabs > slub_get_cpu_partial(s) / 2, so one slab past half.
        let partialSlabs = 0;
        while (this.cpuPartialLimit > 0) {
          const more = store.takePartial();
          if (more === NONE) break;
          this.cpuPartial.push(more); // put_cpu_partial(s, slab, 0): no drain
          this.onCpuPartial.add(more);
          this.stat('CPU_PARTIAL_NODE');
          if (++partialSlabs > Math.floor(this.cpuPartialLimit / 2)) break;
        }
        path = 'node-partial';
      } else {
        newSlab = store.newSlab(events);
        if (!newSlab) return this.failure();
        this.cpuSlab = newSlab.slab;
        this.stat('ALLOC_SLAB');
        path = 'new-slab';
      }
    }
    const object = store.take(this.cpuSlab);
    this.markHeld(object);
    return { ok: true, object, path, newSlab, newSlabs: newSlab ? 1 : 0 };
  }

  free(object: number, events?: BuddyEvent[]): SlubFreeResult {
    this.releaseHeld(object);
    const store = this.store;
    const slab = store.slabOf(object);
    if (slab === this.cpuSlab) {
      store.put(object);
      this.stat('FREE_FASTPATH');
      return { path: 'fastpath', slabsDiscarded: 0 };
    }
    this.stat('FREE_SLOWPATH');
    if (this.onCpuPartial.has(slab)) {
      store.put(object);
      return { path: 'slowpath', slabsDiscarded: 0 };
    }
    if (!store.hasFree(slab)) {
      // put_cpu_partial(s, slab, 1) (6.12 mm/slub.c): a full slab that gets a free object goes on
      // the per-CPU partial list; when that list already holds cpu_partial_slabs, the old list is
      // drained to the node first and the new slab stays on the per-CPU list alone.
      store.put(object);
      let discarded = 0;
      if (this.cpuPartial.length > 0 && this.cpuPartial.length >= this.cpuPartialLimit) {
        discarded = this.unfreezePartials(events);
        this.stat('CPU_PARTIAL_DRAIN');
      }
      this.cpuPartial.push(slab);
      this.onCpuPartial.add(slab);
      this.stat('CPU_PARTIAL_FREE');
      return { path: 'cpu-partial', slabsDiscarded: discarded };
    }
    return { path: 'slowpath', slabsDiscarded: this.returnToSlab(object, events) };
  }

  /** unfreeze_partials(): the per-CPU partial slabs go to the node list; empty ones beyond min_partial are discarded. */
  private unfreezePartials(events?: BuddyEvent[]): number {
    let discarded = 0;
    for (const slab of this.cpuPartial) {
      this.onCpuPartial.delete(slab);
      if (this.store.isEmpty(slab) && this.store.nodePartialCount >= this.store.minPartial) {
        this.store.discardSlab(slab, events);
        this.stat('FREE_SLAB');
        discarded++;
      } else {
        this.store.addPartial(slab);
      }
    }
    this.cpuPartial.length = 0;
    return discarded;
  }

  shrink(events?: BuddyEvent[]): void {
    if (this.cpuSlab !== NONE) {
      if (this.store.hasFree(this.cpuSlab)) this.store.addPartial(this.cpuSlab);
      this.cpuSlab = NONE;
    }
    this.unfreezePartials(events);
    for (const slab of this.store.liveSlabIds()) {
      if (this.store.isEmpty(slab)) {
        this.store.discardSlab(slab, events);
        this.stat('FREE_SLAB');
      }
    }
  }
}
