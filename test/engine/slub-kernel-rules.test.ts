/**
 * The SLUB front ends against the kernel code they model, rule by rule (issue 13, items 8 and 9):
 * the 7.x sheaves (v7.1.5 mm/slub.c) and the 6.x per-CPU partial list (6.12.0 mm/slub.c).
 */
import { describe, expect, test } from 'vitest';
import { CPU_SLAB_STAT_ITEMS, SHEAVES_STAT_ITEMS } from '../../engine/src/data/slub-stat-items.js';
import { BARN_MAX_FULL_SHEAVES } from '../../engine/src/data/slub-tunables.js';
import { kmallocSlab } from '../../engine/src/kmalloc-caches.js';
import { resolveProfile } from '../../engine/src/profile.js';
import { BuddyAllocator } from '../../engine/src/sim/buddy-allocator.js';
import { cpuPartialSlabs, sheafCapacity } from '../../engine/src/sim/per-cpu-capacity.js';
import { createSlubCache } from '../../engine/src/sim/slub-cache.js';
import type { SlubCache } from '../../engine/src/sim/slub-types.js';
import { simulate } from '../../engine/src/simulate.js';

const x86 = resolveProfile('x86_64');
const MIB = 1 << 20;

function allocMany(slub: SlubCache, n: number): number[] {
  const objects: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = slub.alloc();
    if (!r.ok) throw new Error(r.reason);
    objects.push(r.object);
  }
  return objects;
}

describe('7.x sheaves (v7.1.5 mm/slub.c)', () => {
  const cache = kmallocSlab(64, x86);
  const capacity = sheafCapacity(cache, x86);
  const fresh = () => createSlubCache(cache, x86, 'sheaves', new BuddyAllocator(10, 12, { kind: 'free-bytes', bytes: 64 * MIB }));

  test('counters are the 7.x stat items (:338-365): no ALLOC_PCS, FREE_PCS, SHEAF_SWAP, ALLOC_FROM_PARTIAL, CPU_PARTIAL_*', () => {
    const stats = fresh().counters().stats;
    expect(Object.keys(stats).sort()).toEqual([...SHEAVES_STAT_ITEMS].sort());
    for (const gone of ['ALLOC_PCS', 'FREE_PCS', 'SHEAF_SWAP', 'ALLOC_FROM_PARTIAL', 'CPU_PARTIAL_ALLOC', 'CPU_PARTIAL_FREE']) expect(stats).not.toHaveProperty(gone);
  });

  test('ALLOC_FASTPATH counts every allocation from sheaves, refills included (:4776); SHEAF_REFILL counts objects (:2821); no ALLOC_SLOWPATH', () => {
    const slub = fresh();
    allocMany(slub, capacity * 2 + 5);
    const { stats } = slub.counters();
    expect(stats.ALLOC_FASTPATH).toBe(capacity * 2 + 5);
    expect(stats.SHEAF_REFILL).toBe(capacity * 3);
    expect(stats.ALLOC_SLOWPATH).toBe(0);
    // init_percpu_sheaves() allocates the main sheaf; the first refill a second one (the old main becomes the spare).
    expect(stats.SHEAF_ALLOC).toBe(2);
  });

  test('a full barn: BARN_PUT_FAIL, the full spare is flushed (SHEAF_FLUSH counts its objects) and the old main becomes the spare (:5732-5741)', () => {
    const slub = fresh();
    const objects = allocMany(slub, capacity * (BARN_MAX_FULL_SHEAVES + 4));
    let flushAt = -1;
    for (let i = 0; i < objects.length; i++) {
      const r = slub.free(objects[i]!);
      if (r.path === 'sheaf-flush') {
        flushAt = i;
        break;
      }
    }
    expect(flushAt).toBeGreaterThan(0);
    const { stats } = slub.counters();
    expect(stats.BARN_PUT).toBe(BARN_MAX_FULL_SHEAVES);
    expect(stats.BARN_PUT_FAIL).toBe(1);
    expect(stats.SHEAF_FLUSH).toBe(capacity);
    expect(stats.FREE_FASTPATH).toBe(flushAt + 1);
    // The main sheaf now holds the one object just freed and the spare is full: capacity - 1 fast
    // frees, then the next free meets a full main and a full spare and flushes again.
    const paths = objects.slice(flushAt + 1, flushAt + 1 + capacity).map((o) => slub.free(o).path);
    expect(paths.slice(0, capacity - 1).every((p) => p === 'free_to_pcs')).toBe(true);
    expect(paths[capacity - 1]).toBe('sheaf-flush');
    expect(slub.counters().stats.SHEAF_FLUSH).toBe(2 * capacity);
  });

  test('simulate shows every slab a refill takes (NEW SLAB = ALLOC_SLAB), not only the first', () => {
    const c192 = kmallocSlab(192, x86);
    const slabsPerRefill = Math.ceil(sheafCapacity(c192, x86) / c192.objectsPerSlab);
    expect(slabsPerRefill).toBeGreaterThan(1);
    const t = simulate({ sizeBytes: 192, times: 1, kernel: '7.1' });
    expect(t.steps[0]).toMatchObject({ path: 'refill_sheaf', newSlabs: slabsPerRefill, newSlab: { order: c192.order } });
    expect(t.slub[0]!.counters.stats.ALLOC_SLAB).toBe(slabsPerRefill);
  });
});

describe('6.x per-CPU partial slabs (6.12.0 mm/slub.c)', () => {
  const cache = kmallocSlab(64, x86);
  const limit = cpuPartialSlabs(cache, x86);

  test('counters are the 6.x stat items (:349-376)', () => {
    const slub = createSlubCache(cache, x86, 'cpu-slab', new BuddyAllocator(10, 12, { kind: 'free-bytes', bytes: 4 * MIB }));
    expect(Object.keys(slub.counters().stats).sort()).toEqual([...CPU_SLAB_STAT_ITEMS].sort());
  });

  test('put_cpu_partial drains the old list and keeps the new slab; get_partial_node stops once ++partial_slabs > limit / 2 (:2855)', () => {
    expect(limit).toBe(4);
    const slub = createSlubCache(cache, x86, 'cpu-slab', new BuddyAllocator(10, 12, { kind: 'free-bytes', bytes: 64 * MIB }));
    const slabs = 20;
    const objects = allocMany(slub, cache.objectsPerSlab * slabs);
    // One free in each full slab but the CPU slab (the last one): each goes on the per-CPU
    // partial list; when it already holds `limit` slabs, they are drained to the node first.
    const frees = objects.filter((o, i) => i % cache.objectsPerSlab === 0).slice(0, slabs - 1);
    const paths = frees.map((o) => slub.free(o).path);
    expect(paths.every((p) => p === 'cpu-partial')).toBe(true);
    const drains = Math.floor((slabs - 1 - 1) / limit);
    expect(slub.counters().stats.CPU_PARTIAL_DRAIN).toBe(drains);
    expect(slub.counters().nodePartialSlabs).toBe(drains * limit);
    // The per-CPU list holds what the last drain left plus the slabs freed since: (slabs - 1) - drains * limit.
    const onCpu = slabs - 1 - drains * limit;
    const allocPaths = allocMany(slub, onCpu + 1).map(() => '');
    expect(allocPaths).toHaveLength(onCpu + 1);
    const stats = slub.counters().stats;
    expect(stats.CPU_PARTIAL_ALLOC).toBe(onCpu);
    // Then the node list: one slab becomes the CPU slab, limit / 2 + 1 more go on the per-CPU list.
    expect(stats.ALLOC_FROM_PARTIAL).toBe(1);
    expect(stats.CPU_PARTIAL_NODE).toBe(Math.floor(limit / 2) + 1);
  });
});
