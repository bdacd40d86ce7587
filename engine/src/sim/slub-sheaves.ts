/**
 * SLUB's 7.0+ per-CPU front end: sheaves (mm/slub.c alloc_from_pcs / free_to_pcs, v7.1.5). Each
 * CPU has a main and a spare sheaf (arrays of object pointers); each node has a barn of full and
 * empty sheaves. The fast path pops or pushes main->objects[] under a local trylock, with no
 * atomics. Slabs are only touched to refill a sheaf or to flush one. Counters follow the 7.x
 * stat items (data/slub-stat-items.ts); line numbers below are v7.1.5 mm/slub.c.
 */
import { SHEAVES_STAT_ITEMS } from '../data/slub-stat-items.js';
import { BARN_MAX_FULL_SHEAVES } from '../data/slub-tunables.js';
import type { BuddyEvent } from './buddy-allocator.js';
import type { NewSlab, SlabStore } from './slab-store.js';
import { SlubBase } from './slub-base.js';
import type { SlubAllocResult, SlubCache, SlubFreeResult } from './slub-types.js';

interface Sheaf {
  readonly objects: Int32Array;
  size: number;
}

interface Refill {
  readonly first: NewSlab | null;
  readonly slabs: number;
}

export class SheavesSlub extends SlubBase implements SlubCache {
  readonly frontEnd = 'sheaves' as const;
  private main: Sheaf;
  private spare: Sheaf | null = null;
  private readonly barnFull: Sheaf[] = [];
  private readonly barnEmpty: Sheaf[] = [];

  constructor(
    store: SlabStore,
    readonly capacity: number,
  ) {
    super(store, SHEAVES_STAT_ITEMS);
    this.main = this.allocEmptySheaf();
  }

  /** alloc_empty_sheaf() */
  private allocEmptySheaf(): Sheaf {
    this.stat('SHEAF_ALLOC');
    return { objects: new Int32Array(this.capacity), size: 0 };
  }

  alloc(events?: BuddyEvent[]): SlubAllocResult {
    let path: 'alloc_from_pcs' | 'sheaf-spare' | 'barn' | 'refill_sheaf' = 'alloc_from_pcs';
    let refill: Refill = { first: null, slabs: 0 };
    if (this.main.size === 0) {
      // __pcs_replace_empty_main() (:4595)
      if (this.spare && this.spare.size > 0) {
        [this.main, this.spare] = [this.spare, this.main];
        path = 'sheaf-spare';
      } else if (this.barnFull.length > 0) {
        // barn_replace_empty_sheaf(): the empty main goes to the barn whatever its limit.
        this.barnEmpty.push(this.main);
        this.main = this.barnFull.pop()!;
        this.stat('BARN_GET');
        path = 'barn';
      } else {
        this.stat('BARN_GET_FAIL');
        let empty: Sheaf;
        if (this.spare) {
          empty = this.spare;
          this.spare = null;
        } else {
          empty = this.barnEmpty.pop() ?? this.allocEmptySheaf();
        }
        refill = this.refillSheaf(empty, events);
        if (empty.size < this.capacity) {
          // refill_sheaf() failed: flush what it got and fall back to ___slab_alloc (:4415).
          this.flush(empty, events);
          this.barnEmpty.push(empty);
          return this.slowPath(events, refill);
        }
        // The main sheaf is empty: it becomes the spare (or goes to the barn), the refilled one the main.
        if (!this.spare) this.spare = this.main;
        else this.barnEmpty.push(this.main);
        this.main = empty;
        path = 'refill_sheaf';
      }
    }
    const object = this.main.objects[--this.main.size]!;
    this.stat('ALLOC_FASTPATH'); // :4776, after any refill too
    this.markHeld(object);
    return { ok: true, object, path, newSlab: refill.first, newSlabs: refill.slabs };
  }

  /** __slab_alloc_node → ___slab_alloc when the sheaves cannot serve. */
  private slowPath(events: BuddyEvent[] | undefined, before: Refill): SlubAllocResult {
    this.stat('ALLOC_SLOWPATH');
    const got = this.objectFromSlabs(events);
    if (!got) return this.failure();
    this.markHeld(got.object);
    return {
      ok: true,
      object: got.object,
      path: got.fromNew ? 'new-slab' : 'node-partial',
      newSlab: before.first ?? got.newSlab,
      newSlabs: before.slabs + (got.fromNew ? 1 : 0),
    };
  }

  /** refill_sheaf() (:2807) → refill_objects(): node partial slabs first, then new slabs. SHEAF_REFILL counts objects. */
  private refillSheaf(sheaf: Sheaf, events?: BuddyEvent[]): Refill {
    const store = this.store;
    let first: NewSlab | null = null;
    let slabs = 0;
    const before = sheaf.size;
    while (sheaf.size < this.capacity) {
      let slab = store.takePartial();
      if (slab < 0) {
        const made = store.newSlab(events);
        if (!made) break;
        first ??= made;
        slabs++;
        this.stat('ALLOC_SLAB');
        slab = made.slab;
      }
      while (sheaf.size < this.capacity && store.hasFree(slab)) sheaf.objects[sheaf.size++] = store.take(slab);
      if (store.hasFree(slab)) store.addPartial(slab);
    }
    this.stat('SHEAF_REFILL', sheaf.size - before);
    return { first, slabs };
  }

  free(object: number, events?: BuddyEvent[]): SlubFreeResult {
    this.releaseHeld(object);
    let path: 'free_to_pcs' | 'sheaf-swap' | 'barn-put' | 'sheaf-flush' = 'free_to_pcs';
    let discarded = 0;
    if (this.main.size === this.capacity) {
      // __pcs_replace_full_main() (:5684)
      if (!this.spare) {
        // barn_get_empty_sheaf(), else alloc_empty_sheaf() → __pcs_install_empty_sheaf()
        this.spare = this.main;
        this.main = this.barnEmpty.pop() ?? this.allocEmptySheaf();
        path = 'sheaf-swap';
      } else if (this.spare.size < this.capacity) {
        [this.main, this.spare] = [this.spare, this.main];
        path = 'sheaf-swap';
      } else if (this.barnFull.length >= BARN_MAX_FULL_SHEAVES) {
        // -E2BIG (:5732-5741): BARN_PUT_FAIL, flush the full spare; __pcs_install_empty_sheaf()
        // then makes the old main the spare and the flushed sheaf the main.
        this.stat('BARN_PUT_FAIL');
        const toFlush = this.spare;
        discarded = this.flush(toFlush, events);
        this.spare = this.main;
        this.main = toFlush;
        path = 'sheaf-flush';
      } else {
        // barn_replace_full_sheaf() with an empty sheaf in the barn; without one, a new empty
        // sheaf and barn_put_full_sheaf() in __pcs_install_empty_sheaf(): BARN_PUT either way.
        const empty = this.barnEmpty.pop() ?? this.allocEmptySheaf();
        this.barnFull.push(this.main);
        this.main = empty;
        this.stat('BARN_PUT');
        path = 'barn-put';
      }
    }
    this.main.objects[this.main.size++] = object;
    this.stat('FREE_FASTPATH'); // :5827
    return { path, slabsDiscarded: discarded };
  }

  /** sheaf_flush_unused() (:2914): every object back to its slab; SHEAF_FLUSH counts objects. */
  private flush(sheaf: Sheaf, events?: BuddyEvent[]): number {
    let discarded = 0;
    this.stat('SHEAF_FLUSH', sheaf.size);
    for (let i = 0; i < sheaf.size; i++) discarded += this.returnToSlab(sheaf.objects[i]!, events);
    sheaf.size = 0;
    return discarded;
  }

  shrink(events?: BuddyEvent[]): void {
    this.flush(this.main, events);
    if (this.spare) this.flush(this.spare, events);
    for (const sheaf of this.barnFull.splice(0)) {
      this.flush(sheaf, events);
      this.barnEmpty.push(sheaf);
    }
    for (const slab of this.store.liveSlabIds()) {
      if (this.store.isEmpty(slab)) {
        this.store.discardSlab(slab, events);
        this.stat('FREE_SLAB');
      }
    }
  }
}
