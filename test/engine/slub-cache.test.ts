import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { EngineError } from '../../engine/src/errors.js';
import { kmallocCacheTable, kmallocSlab } from '../../engine/src/kmalloc-caches.js';
import { resolveProfile } from '../../engine/src/profile.js';
import { BuddyAllocator } from '../../engine/src/sim/buddy-allocator.js';
import { cpuPartialSlabs, sheafCapacity } from '../../engine/src/sim/per-cpu-capacity.js';
import { createSlubCache } from '../../engine/src/sim/slub-cache.js';

const x86 = resolveProfile('x86_64');
const MIB = 1 << 20;
const FRONT_ENDS = [
  { name: 'sheaves (7.0+)', frontEnd: 'sheaves' as const, profile: x86 },
  { name: 'cpu slab (6.x)', frontEnd: 'cpu-slab' as const, profile: x86 },
  { name: 'SLUB_TINY', frontEnd: 'sheaves' as const, profile: resolveProfile('x86_64', { slubTiny: true }) },
];

describe('per-CPU capacities', () => {
  test('sheaf capacity: 60 / 28 / 12 / 4 objects, so the sheaf fills its kmalloc bucket', () => {
    const caps = Object.fromEntries(kmallocCacheTable(x86).caches.map((c) => [c.shortName, sheafCapacity(c, x86)]));
    expect(caps).toEqual({ '8': 60, '16': 60, '32': 60, '64': 60, '96': 60, '128': 60, '192': 60, '256': 28, '512': 28, '1k': 12, '2k': 12, '4k': 4, '8k': 4 });
  });
  test('6.x cpu_partial_slabs: DIV_ROUND_UP(objects * 2, objects per slab)', () => {
    expect(cpuPartialSlabs(kmallocSlab(64, x86), x86)).toBe(Math.ceil((120 * 2) / 64));
    expect(cpuPartialSlabs(kmallocSlab(4096, x86), x86)).toBe(Math.ceil((6 * 2) / 8));
  });
});

describe.each(FRONT_ENDS)('SLUB, $name', ({ frontEnd, profile }) => {
  test('the first allocation takes a new slab of the cache’s order; the next ones do not', () => {
    const cache = kmallocSlab(64, profile);
    const buddy = new BuddyAllocator(10, 12, { kind: 'free-bytes', bytes: 16 * MIB });
    const slub = createSlubCache(cache, profile, frontEnd, buddy);
    const first = slub.alloc();
    expect(first.ok && first.newSlab?.order).toBe(cache.order);
    expect(buddy.allocatedPages()).toBe(1 << cache.order);
    const second = slub.alloc();
    expect(second.ok && second.newSlab).toBeNull();
    const expected = slub.frontEnd === 'sheaves' ? 'alloc_from_pcs' : slub.frontEnd === 'cpu-slab' ? 'fastpath' : 'node-partial';
    expect(second.ok && second.path).toBe(expected);
  });

  test('a double free is a clear error', () => {
    const slub = createSlubCache(kmallocSlab(128, profile), profile, frontEnd, new BuddyAllocator(10, 12, { kind: 'free-bytes', bytes: 4 * MIB }));
    const a = slub.alloc();
    if (!a.ok) throw new Error('alloc failed');
    slub.free(a.object);
    expect(() => slub.free(a.object)).toThrow(EngineError);
  });

  test('no memory: new_slab fails and says why', () => {
    const slub = createSlubCache(kmallocSlab(4096, profile), profile, frontEnd, new BuddyAllocator(10, 12, { kind: 'free-blocks', countsPerOrder: [0] }));
    const r = slub.alloc();
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/new_slab\(\) failed/);
  });

  test('property: no object is handed out twice; in-use counts add up; after freeing all and shrinking, every page is back', () => {
    fc.assert(
      fc.property(fc.constantFrom(8, 96, 192, 512, 2048, 8192), fc.array(fc.record({ alloc: fc.boolean(), pick: fc.nat() }), { maxLength: 2000 }), (size, ops) => {
        const buddy = new BuddyAllocator(10, 12, { kind: 'free-bytes', bytes: 64 * MIB });
        const slub = createSlubCache(kmallocSlab(size, profile), profile, frontEnd, buddy);
        const initial = buddy.freeCounts();
        const live: number[] = [];
        const held = new Set<number>();
        for (const op of ops) {
          if (op.alloc || live.length === 0) {
            const r = slub.alloc();
            if (!r.ok) continue;
            expect(held.has(r.object)).toBe(false);
            held.add(r.object);
            live.push(r.object);
          } else {
            const [o] = live.splice(op.pick % live.length, 1);
            held.delete(o!);
            slub.free(o!);
          }
          expect(slub.counters().objectsInUse).toBe(live.length);
        }
        for (const o of live) slub.free(o);
        slub.shrink();
        expect(slub.counters().slabs).toBe(0);
        expect(buddy.freeCounts()).toEqual(initial);
      }),
      { numRuns: 150 },
    );
  });
});

test('sheaves: after the main sheaf empties, the spare, the barn and a refill serve in turn', () => {
  const cache = kmallocSlab(1024, x86);
  const cap = sheafCapacity(cache, x86);
  const slub = createSlubCache(cache, x86, 'sheaves', new BuddyAllocator(10, 12, { kind: 'free-bytes', bytes: 16 * MIB }));
  const objs: number[] = [];
  const paths: string[] = [];
  for (let i = 0; i < 4 * cap; i++) {
    const r = slub.alloc();
    if (!r.ok) throw new Error(r.reason);
    objs.push(r.object);
    paths.push(r.path);
  }
  expect(paths[0]).toBe('refill_sheaf');
  expect(paths.slice(1, cap)).toEqual(Array(cap - 1).fill('alloc_from_pcs'));
  expect(paths[cap]).toBe('refill_sheaf');
  // Free 2 sheaves' worth: main fills, swaps with the empty spare, then goes to the barn.
  const frees = objs.slice(0, 3 * cap).map((o) => slub.free(o).path);
  expect(frees).toContain('sheaf-swap');
  expect(frees).toContain('barn-put');
  const again = [...Array(3 * cap)].map(() => {
    const r = slub.alloc();
    return r.ok ? r.path : 'fail';
  });
  expect(again).toContain('sheaf-spare');
  expect(again).toContain('barn');
});
