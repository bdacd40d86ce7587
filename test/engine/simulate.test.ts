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
