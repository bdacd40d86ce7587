/**
 * Invariants of placement that hold for every size and profile, checked with fast-check.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { kmallocCacheTable, kmallocSlab } from '../../engine/src/kmalloc-caches.js';
import { kmallocPlacement } from '../../engine/src/kmalloc.js';
import { parseGfp } from '../../engine/src/gfp.js';
import { kernelTarget } from '../../engine/src/kernel-version.js';
import { capacityThresholds, simulateGrowth } from '../../engine/src/kvec-growth.js';
import { makeLayout } from '../../engine/src/layout.js';
import { resolveProfile, PROFILE_NAMES } from '../../engine/src/profile.js';

const GFP_KERNEL = parseGfp('GFP_KERNEL').mask;
const profiles = fc.constantFrom(...PROFILE_NAMES).chain((name) => fc.record({ name: fc.constant(name), nrCpus: fc.integer({ min: 1, max: 256 }), minalign: fc.constantFrom(8, 64, 128) }));

describe('kmalloc placement invariants', () => {
  test('the chosen cache is at least the request and the smallest such cache', () => {
    fc.assert(
      fc.property(profiles, fc.integer({ min: 1, max: 1 << 17 }), ({ name, nrCpus, minalign }, rawSize) => {
        const profile = resolveProfile(name, { nrCpus, kmallocMinalign: minalign });
        const size = Math.min(rawSize, profile.constants.KMALLOC_MAX_CACHE_SIZE);
        const cache = kmallocSlab(size, profile);
        expect(cache.objectSizeBytes).toBeGreaterThanOrEqual(size);
        const smaller = kmallocCacheTable(profile).caches.filter((c) => c.objectSizeBytes >= size && c.objectSizeBytes < cache.objectSizeBytes);
        expect(smaller).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  test('the cache and the page order never fall as the size grows', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PROFILE_NAMES), fc.integer({ min: 1, max: 2 ** 30 }), fc.integer({ min: 1, max: 2 ** 20 }), (name, a, delta) => {
        const profile = resolveProfile(name);
        const rank = (size: number): number => {
          const p = kmallocPlacement(size, GFP_KERNEL, profile);
          if (p.path === 'slab') return p.cache.objectSizeBytes;
          if (p.path === 'large') return p.blockBytes;
          return Infinity;
        };
        expect(rank(a + delta)).toBeGreaterThanOrEqual(rank(a));
      }),
      { numRuns: 3000 },
    );
  });

  test('object size ≥ request on every path that allocates', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PROFILE_NAMES), fc.integer({ min: 1, max: 2 ** 31 }), (name, size) => {
        const p = kmallocPlacement(size, GFP_KERNEL, resolveProfile(name));
        if (p.path === 'slab') expect(p.cache.objectSizeBytes).toBeGreaterThanOrEqual(size);
        else if (p.path === 'large') expect(p.blockBytes).toBeGreaterThanOrEqual(size);
        else expect(p.path).toBe('fail');
      }),
      { numRuns: 3000 },
    );
  });
});

describe('KVec growth invariants', () => {
  const rules = kernelTarget().rules;
  test('capacity ≥ len after every push, for every era, allocator and element', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('6.1', '6.10', '6.13', '7.1'),
        fc.constantFrom('Kmalloc', 'Vmalloc', 'KVmalloc'),
        fc.integer({ min: 1, max: 4096 }),
        fc.constantFrom(1, 2, 4, 8, 16),
        fc.integer({ min: 0, max: 200_000 }),
        (kernel, allocator, size, align, pushes) => {
          const era = kernelTarget(kernel).rules;
          const alloc = era.apiEra === 'alloc-crate' || era.apiEra === 'box-ext' ? 'Kmalloc' : allocator;
          const element = makeLayout(Math.ceil(size / align) * align, align);
          const trace = simulateGrowth({ element, pushes, allocator: alloc as 'Kmalloc', gfpMask: GFP_KERNEL, profile: resolveProfile('x86_64'), rules: era });
          let cap = 0;
          for (const step of trace.steps) {
            if (step.movement === 'failed') break;
            expect(step.newCapacity).toBeGreaterThan(step.lenBefore);
            expect(step.newCapacity).toBeGreaterThan(cap);
            expect(step.backingBytes).toBeGreaterThanOrEqual(step.requestBytes);
            cap = step.newCapacity;
          }
          if (trace.failedAtLength === null) expect(trace.finalCapacity).toBeGreaterThanOrEqual(pushes);
        },
      ),
      { numRuns: 400 },
    );
  });

  test('thresholds grow strictly and every threshold capacity lands where it says', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PROFILE_NAMES), fc.integer({ min: 1, max: 5000 }), (name, size) => {
        const profile = resolveProfile(name);
        const element = makeLayout(size, 1);
        const thresholds = capacityThresholds(element, 'Kmalloc', GFP_KERNEL, profile, rules);
        expect(thresholds.length).toBeGreaterThan(1);
        expect(thresholds.at(-1)!.path).toBe('fail');
        for (let i = 1; i < thresholds.length; i++) expect(thresholds[i]!.elements).toBeGreaterThan(thresholds[i - 1]!.elements);
        for (const t of thresholds) {
          const p = kmallocPlacement(t.elements * size, GFP_KERNEL, profile);
          expect(p.path).toBe(t.path);
          if (t.path === 'slab' && p.path === 'slab') {
            expect(p.cacheName).toBe(t.cache);
            // One more element leaves this cache.
            const next = kmallocPlacement((t.elements + 1) * size, GFP_KERNEL, profile);
            expect(next.path === 'slab' ? next.cacheName : next.path).not.toBe(t.cache);
          }
          if (t.path === 'large' && p.path === 'large') expect(p.order).toBe(t.order);
        }
      }),
      { numRuns: 300 },
    );
  });
});
