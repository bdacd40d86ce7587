import { describe, expect, test } from 'vitest';
import { EngineError } from '../../engine/src/errors.js';
import { simulate } from '../../engine/src/simulate.js';

describe('simulate', () => {
  test('100 KBox<[u8; 64]> on 7.1: one refill, then the sheaf fast path; slabs come from the buddy allocator', () => {
    const t = simulate({ api: 'KBox::new', sizeBytes: 64, times: 100 });
    expect(t.outcome.cache).toBe('kmalloc-64');
    expect(t.totals.operations).toBe(100);
    expect(t.steps[0]).toMatchObject({ path: 'refill_sheaf', cache: 'kmalloc-64', newSlab: { order: 0 } });
    expect(t.steps[0]!.buddyEvents.filter((e) => e.kind === 'split')).toHaveLength(10);
    expect(t.totals.paths.alloc_from_pcs).toBeGreaterThan(90);
    expect(t.slub[0]).toMatchObject({ cache: 'kmalloc-64', frontEnd: 'sheaves' });
    expect(t.slub[0]!.counters.objectsInUse).toBe(100);
    expect(t.buddy.before[10]).toBe(256);
  });

  test('the same on 6.12 takes the per-CPU slab fast path', () => {
    const t = simulate({ api: 'Box::new', sizeBytes: 64, times: 100, kernel: '6.12' });
    expect(t.steps[0]!.path).toBe('new-slab');
    expect(t.totals.paths.fastpath).toBeGreaterThan(90);
    expect(t.slub[0]!.frontEnd).toBe('cpu-slab');
  });

  test('large kmalloc fails on a fragmented zone; kvmalloc falls back to vmalloc there', () => {
    const memory = { kind: 'free-blocks' as const, countsPerOrder: [4096, 64, 16] };
    const kmalloc = simulate({ sizeBytes: 65536, times: 1, memory });
    expect(kmalloc.steps[0]).toMatchObject({ path: 'fail', order: 4 });
    const kv = simulate({ allocator: 'kvmalloc', sizeBytes: 65536, times: 1, memory });
    expect(kv.steps[0]).toMatchObject({ path: 'kvmalloc→vmalloc', pages: 16 });
  });

  test('KVVec pushes: reallocations move data, old buffers are freed, the buffer ends in vmalloc', () => {
    const t = simulate({ kind: 'kvec-push', api: 'KVVec::push', element: { sizeBytes: 8, alignBytes: 8 }, times: 1_000_000 });
    const allocs = t.steps.filter((s) => s.action === 'alloc');
    expect(allocs[0]).toMatchObject({ capacity: 1, movement: 'new', cache: 'kmalloc-8' });
    expect(allocs.at(-1)).toMatchObject({ path: 'vmalloc', capacity: 1048576, movement: 'moved' });
    // The order-10 kmalloc block it moved out of is freed back to the buddy allocator.
    expect(t.steps.at(-1)).toMatchObject({ action: 'free', path: 'free_large_kmalloc' });
    expect(t.steps.filter((s) => s.action === 'free')).toHaveLength(allocs.filter((s) => s.movement === 'moved').length);
    expect(t.totals.failures).toBe(0);
  });

  test('KVec pushes past KMALLOC_MAX_SIZE end in a failure step', () => {
    const t = simulate({ kind: 'kvec-push', api: 'KVec::push', element: { sizeBytes: 8, alignBytes: 8 }, times: 1_000_000 });
    expect(t.steps.at(-1)).toMatchObject({ path: 'fail', capacity: 1048576 });
  });

  test('steps are capped; totals count everything', () => {
    const t = simulate({ sizeBytes: 32, times: 10_000, maxSteps: 10 });
    expect(t.steps).toHaveLength(10);
    expect(t.truncatedSteps).toBe(9990);
    expect(t.totals.operations).toBe(10_000);
  });

  test('bad counts are typed errors', () => {
    expect(() => simulate({ sizeBytes: 32, times: -1 })).toThrow(EngineError);
    expect(() => simulate({ sizeBytes: 32, times: 1.5 })).toThrow(/times must be a whole number/);
    expect(() => simulate({ kind: 'kvec-push', element: undefined, times: 3 })).toThrow(/element size/);
  });
});

describe('vmalloc pages by release (vm_area_alloc_pages, mm/vmalloc.c)', () => {
  // 1 GiB free as 256 order-10 blocks; a 1000-page VVec area.
  const run = (kernel: string) => simulate({ allocator: 'vmalloc', sizeBytes: 1000 * 4096, times: 1, kernel });

  test('6.18: order-0 pages only (6.18.2 mm/vmalloc.c:3591): one order-10 block split down to 1000 pages', () => {
    const step = run('6.18').steps[0]!;
    expect(step.path).toBe('vmalloc');
    expect(step.vmallocBlocks![0]).toBe(1000);
    expect(step.vmallocBlocks!.slice(1).every((n) => n === 0)).toBe(true);
  });

  test('6.19+: high-order blocks first, order min(ilog2(pages left), MAX_PAGE_ORDER) (6.19.9 :3644-3674, 7.1.5 :3640-3664)', () => {
    // 1000 = 512 + 256 + 128 + 64 + 32 + 8, and the loop stops at order 0 (large_order > order).
    for (const kernel of ['6.19', '7.1']) {
      const t = run(kernel);
      expect(t.steps[0]!.vmallocBlocks, kernel).toEqual([0, 0, 0, 1, 0, 1, 1, 1, 1, 1, 0]);
      // Fewer splits than taking 1000 order-0 pages one by one.
      expect(t.totals.buddySplits, kernel).toBeLessThan(run('6.18').totals.buddySplits);
    }
  });

  test('6.19+: a failed high-order attempt lowers the order for the rest of the area (max_attempt_order = --large_order)', () => {
    // Fragmented: order-2 blocks at most. 16 pages: tries order 4, 3 (fail), then 2 four times.
    const t = simulate({ allocator: 'vmalloc', sizeBytes: 16 * 4096, times: 1, kernel: '7.1', memory: { kind: 'free-blocks', countsPerOrder: [0, 0, 8] } });
    expect(t.steps[0]).toMatchObject({ path: 'vmalloc', vmallocBlocks: [0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0] });
  });

  test('a huge kvmalloc area: 6.19+ tries MAX_PAGE_ORDER blocks before PMD-order ones; 6.18 takes PMD-order blocks', () => {
    // 8 MiB, blocking: VM_ALLOW_HUGE_VMAP, PMD mappings (order 9 on x86_64), 2048 pages.
    const run = (kernel: string) => simulate({ allocator: 'kvmalloc', sizeBytes: 8 << 20, times: 1, kernel }).steps[0]!;
    expect(run('6.18')).toMatchObject({ path: 'kvmalloc→vmalloc', order: 9, pages: 2048 });
    expect(run('6.18').vmallocBlocks![9]).toBe(4);
    expect(run('7.1').vmallocBlocks![10]).toBe(2);
    expect(run('7.1').vmallocBlocks![9]).toBe(0);
  });

  test('a VVec that moves frees its old areas with vfree (order-0 pages after split_page)', () => {
    const t = simulate({ kind: 'kvec-push', api: 'VVec::push', element: { sizeBytes: 4096, alignBytes: 8 }, times: 3000, kernel: '7.1' });
    expect(t.totals.failures).toBe(0);
    const frees = t.steps.filter((s) => s.action === 'free');
    expect(frees.length).toBeGreaterThan(0);
    expect(frees.every((s) => s.path === 'vfree')).toBe(true);
  });
});
