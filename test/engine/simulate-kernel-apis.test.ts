/**
 * simulate() steps the kernel APIs that bypass kmalloc: a dedicated cache through its own SLUB
 * model (x86_64 defconfig layouts, as in kmem-cache.test.ts), the page allocator at the call's
 * order, and DMA coherent memory along dma-direct. Numbers are worked out from v7.1.5 below.
 */
import { describe, expect, test } from 'vitest';
import { EngineError } from '../../engine/src/errors.js';
import { simulate } from '../../engine/src/simulate.js';
import { structSizesSource } from './struct-sizes-source.js';

const cLayouts = structSizesSource('x86_64-defconfig');

describe('simulate: dedicated caches', () => {
  test('40 maple tree inserts on 7.1.5: maple_node (256 B, 32 per order-1 slab) through sheaves of 32', () => {
    const t = simulate({ api: 'MapleTree::insert', cLayouts, times: 40 });
    expect(t.outcome.cache).toBe('maple_node');
    expect(t.slub).toHaveLength(1);
    expect(t.slub[0]).toMatchObject({ cache: 'maple_node', frontEnd: 'sheaves' });
    // The first refill fills a sheaf of 32 from one order-1 slab (32 objects): one new slab.
    expect(t.steps[0]).toMatchObject({ path: 'refill_sheaf', cache: 'maple_node', newSlab: { order: 1 }, newSlabs: 1 });
    expect(t.steps.slice(1, 32).every((s) => s.path === 'alloc_from_pcs')).toBe(true);
    // The 33rd needs another refill and another slab.
    expect(t.steps[32]).toMatchObject({ path: 'refill_sheaf', newSlab: { order: 1 } });
    expect(t.slub[0]!.counters.objectsInUse).toBe(40);
    expect(t.slub[0]!.counters.slabs).toBe(2);
    expect(t.notes.join(' ')).toMatch(/at worst 94 per call/);
  });

  test('before 7.0 only a cache that asked has sheaves: maple_node on 6.18 yes, radix_tree_node on 6.15 takes the per-CPU slab', () => {
    const maple = simulate({ api: 'MapleTree::insert', cLayouts, times: 40, kernel: '6.18' });
    expect(maple.slub[0]).toMatchObject({ cache: 'maple_node', frontEnd: 'sheaves' });
    const xa = simulate({ api: 'XArray::store', cLayouts, times: 40, kernel: '6.15' });
    expect(xa.slub[0]).toMatchObject({ cache: 'radix_tree_node', frontEnd: 'cpu-slab' });
    expect(xa.steps[0]!.path).toBe('new-slab');
    // 28 objects per slab: the first takes a new slab, 27 come from its freelist, the 29th needs another.
    expect(xa.totals.paths.fastpath).toBe(38);
  });

  test('XArray stores take radix_tree_node objects: 584 B, 28 per order-2 slab', () => {
    const t = simulate({ api: 'XArray::store', cLayouts, times: 29 });
    expect(t.outcome.objectsPerSlab).toBe(28);
    expect(t.steps[0]).toMatchObject({ cache: 'radix_tree_node', newSlab: { order: 2 } });
    expect(t.slub[0]!.counters.slabs).toBe(2);
  });

  test('without C layouts the object size is unknown, and simulate says why', () => {
    expect(() => simulate({ api: 'MapleTree::insert', times: 1 })).toThrow(/maple_node whose object size is not known here: object size unknown/);
    expect(() => simulate({ api: 'MapleTree::insert', cLayouts, times: 1, kind: 'kvec-push', element: { sizeBytes: 8 } })).toThrow(EngineError);
  });
});

describe('simulate: pages and DMA', () => {
  test('Page::alloc_page: one order-0 block per call, taken by splitting a max-order block', () => {
    const t = simulate({ api: 'Page::alloc_page', times: 3 });
    expect(t.steps.map((s) => s.path)).toEqual(['alloc_pages', 'alloc_pages', 'alloc_pages']);
    expect(t.steps[0]).toMatchObject({ order: 0, pages: 1 });
    // A fresh 1 GiB zone has only order-10 blocks: the first call splits one down ten times.
    expect(t.steps[0]!.buddyEvents.filter((e) => e.kind === 'split')).toHaveLength(10);
    expect(t.slub).toHaveLength(0);
  });

  test('bindings::alloc_pages at order 5 fails on a zone with nothing free above order 3', () => {
    const memory = { kind: 'free-blocks' as const, countsPerOrder: [4096, 64, 16, 4] };
    const t = simulate({ api: 'bindings::alloc_pages', order: 5, times: 2, memory });
    expect(t.steps[0]).toMatchObject({ path: 'fail', order: 5 });
    expect(t.totals.failures).toBe(2);
  });

  test('a 64 KiB coherent buffer: dma-direct takes order-4 blocks (get_order of 16 pages); the paths stay in the outcome', () => {
    const t = simulate({ api: 'Coherent::zeroed_slice', count: 4096, element: { sizeBytes: 16, alignBytes: 8 }, times: 2 });
    expect(t.steps.map((s) => [s.path, s.order])).toEqual([
      ['dma-direct', 4],
      ['dma-direct', 4],
    ]);
    expect(t.outcome.dma?.paths.map((p) => p.path)).toContain('cma');
    expect(t.notes.join(' ')).toMatch(/assumed without a device/);
  });

  test('devres::register: each call also kmallocs the 64 B devres action node with GFP_KERNEL (48 B devres_node + 2 pointers)', () => {
    const t = simulate({ api: 'devres::register', sizeBytes: 24, alignBytes: 8, flags: 'GFP_ATOMIC', cLayouts, times: 3 });
    const allocs = t.steps.map((s) => s.cache);
    expect(allocs).toEqual(['kmalloc-32', 'kmalloc-64', 'kmalloc-32', 'kmalloc-64', 'kmalloc-32', 'kmalloc-64']);
    expect(t.slub.map((s) => s.cache).sort()).toEqual(['kmalloc-32', 'kmalloc-64']);
    expect(t.notes.join(' ')).toMatch(/also allocates the devres action node .* = 64 B, GFP_KERNEL, in kmalloc-64/);
  });

  test('an inline cpumask allocates nothing: simulate says why instead of stepping', () => {
    expect(() => simulate({ api: 'CpumaskVar::new_zero', times: 1 })).toThrow(/CpumaskVar::new_zero allocates nothing here: CONFIG_CPUMASK_OFFSTACK is off in x86_64 defconfig/);
  });
});
