/**
 * SLUB's 7.0+ per-CPU front end: sheaves (mm/slub.c alloc_from_pcs / free_to_pcs). Each CPU has
 * a main and a spare sheaf (arrays of object pointers); each node has a barn of full and empty
 * sheaves. The fast path pops or pushes main->objects[] under a local trylock, with no atomics.
 * Slabs are only touched to refill a sheaf or to flush one.
 */
import { BARN_MAX_EMPTY_SHEAVES, BARN_MAX_FULL_SHEAVES } from '../data/slub-tunables.js';
import type { BuddyEvent } from './buddy-allocator.js';
import type { NewSlab, SlabStore } from './slab-store.js';
import { SlubBase } from './slub-base.js';
import type { SlubAllocResult, SlubCache, SlubFreeResult } from './slub-types.js';

interface Sheaf {
  readonly objects: Int32Array;
  size: number;
}

export class SheavesSlub extends SlubBase implements SlubCache {
  readonly frontEnd = 'sheaves' as const;
  private main: Sheaf;
  private spare: Sheaf | null = null;
  private readonly barnFull: Sheaf[] = [];
  private readonly barnEmpty: Sheaf[] = [];

  constructor(store: SlabStore, readonly capacity: number) {
    super(store);
    this.main = this.emptySheaf();
  }

  private emptySheaf(): Sheaf {
    return this.barnEmpty.pop() ?? { objects: new Int32Array(this.capacity), size: 0 };
  }

  private retireEmpty(sheaf: Sheaf): void {
    if (this.barnEmpty.length < BARN_MAX_EMPTY_SHEAVES) this.barnEmpty.push(sheaf);
  }

  alloc(events?: BuddyEvent[]): SlubAllocResult {
    let path: 'alloc_from_pcs' | 'sheaf-spare' | 'barn' | 'refill_sheaf' = 'alloc_from_pcs';
    let newSlab: NewSlab | null = null;
    if (this.main.size === 0) {
      // __pcs_replace_empty_main()
      if (this.spare && this.spare.size > 0) {
        [this.main, this.spare] = [this.spare, this.main];
        this.stats.SHEAF_SWAP++;
        path = 'sheaf-spare';
      } else if (this.barnFull.length > 0) {
        this.retireEmpty(this.main);
        this.main = this.barnFull.pop()!;
        this.stats.BARN_GET++;
        path = 'barn';
      } else {
        this.stats.ALLOC_SLOWPATH++;
        this.stats.SHEAF_REFILL++;
        newSlab = this.refill(this.main, events);
        if (this.main.size === 0) return this.failure();
        path = 'refill_sheaf';
      }
    } else {
      this.stats.ALLOC_FASTPATH++;
    }
    this.stats.ALLOC_PCS++;
    const object = this.main.objects[--this.main.size]!;
    this.markHeld(object);
    return { ok: true, object, path, newSlab };
  }

  /** refill_sheaf() → refill_objects(): node partial slabs first, then new slabs; the first new slab is reported. */
  private refill(sheaf: Sheaf, events?: BuddyEvent[]): NewSlab | null {
    const store = this.store;
    let first: NewSlab | null = null;
    while (sheaf.size < this.capacity) {
      let slab = store.takePartial();
      if (slab < 0) {
        const made = store.newSlab(events);
        if (!made) break;
        first ??= made;
        this.stats.ALLOC_SLAB++;
        slab = made.slab;
      } else {
        this.stats.ALLOC_FROM_PARTIAL++;
      }
      while (sheaf.size < this.capacity && store.hasFree(slab)) sheaf.objects[sheaf.size++] = store.take(slab);
      if (store.hasFree(slab)) store.addPartial(slab);
    }
    return first;
  }

  free(object: number, events?: BuddyEvent[]): SlubFreeResult {
    this.releaseHeld(object);
    if (this.main.size < this.capacity) {
      this.main.objects[this.main.size++] = object;
      this.stats.FREE_FASTPATH++;
      this.stats.FREE_PCS++;
      return { path: 'free_to_pcs', slabsDiscarded: 0 };
    }
    // __pcs_replace_full_main()
    this.stats.FREE_SLOWPATH++;
    let path: 'sheaf-swap' | 'barn-put' | 'sheaf-flush';
    let discarded = 0;
    if (!this.spare || this.spare.size === 0) {
      const empty = this.spare ?? this.emptySheaf();
      this.spare = this.main;
      this.main = empty;
      this.stats.SHEAF_SWAP++;
      path = 'sheaf-swap';
    } else if (this.barnFull.length < BARN_MAX_FULL_SHEAVES) {
      this.barnFull.push(this.main);
      this.main = this.emptySheaf();
      this.stats.BARN_PUT++;
      path = 'barn-put';
    } else {
      discarded = this.flush(this.main, events);
      this.stats.SHEAF_FLUSH++;
      path = 'sheaf-flush';
    }
    this.main.objects[this.main.size++] = object;
    this.stats.FREE_PCS++;
    return { path, slabsDiscarded: discarded };
  }

  /** sheaf_flush(): every object back to its slab. */
  private flush(sheaf: Sheaf, events?: BuddyEvent[]): number {
    let discarded = 0;
    for (let i = 0; i < sheaf.size; i++) discarded += this.returnToSlab(sheaf.objects[i]!, events);
    sheaf.size = 0;
    return discarded;
  }

  shrink(events?: BuddyEvent[]): void {
    this.flush(this.main, events);
    if (this.spare) this.flush(this.spare, events);
    for (const sheaf of this.barnFull.splice(0)) {
      this.flush(sheaf, events);
      this.retireEmpty(sheaf);
    }
    for (const slab of this.store.liveSlabIds()) {
      if (this.store.isEmpty(slab)) {
        this.store.discardSlab(slab, events);
        this.stats.FREE_SLAB++;
      }
    }
  }
}
