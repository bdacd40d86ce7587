/**
 * The engine against tables computed by compiling the kernel's own C (../shared/golden/README.md).
 * Every row of every table, for every profile; a mismatch prints inputs, expected, actual and
 * the kernel source lines the table came from.
 */
import { describe, expect, test } from 'vitest';
import { pow2 } from '../../engine/src/bits.js';
import { kernelTarget } from '../../engine/src/kernel-version.js';
import { kmallocCacheName, kmallocCacheTable, kmallocIndex, kmallocSlab } from '../../engine/src/kmalloc-caches.js';
import { kmallocPlacement } from '../../engine/src/kmalloc.js';
import { kmallocType, parseGfp } from '../../engine/src/gfp.js';
import { kvmallocDecision } from '../../engine/src/kvmalloc.js';
import { simulateGrowth } from '../../engine/src/kvec-growth.js';
import { makeLayout } from '../../engine/src/layout.js';
import { resolveProfile, type ProfileOptions } from '../../engine/src/profile.js';
import { vmallocArea } from '../../engine/src/vmalloc.js';
import { mismatch, readGolden, report } from './golden-tables.js';

const NEWEST = kernelTarget('7.1.5').rules;

/** "arm64-4k+noswiotlb+cl64" → profile arm64-4k with __kmalloc_minalign() = 64. */
function goldenProfile(name: string, options: ProfileOptions = {}) {
  const [base, ...variants] = name.split('+');
  const cl = variants.find((v) => v.startsWith('cl'));
  return resolveProfile(base!, { ...options, ...(cl ? { kmallocMinalign: Number(cl.slice(2)) } : {}) });
}

function num(s: string | undefined): number {
  const n = Number(s);
  if (s === undefined || s === '' || Number.isNaN(n)) throw new Error(`not a number: ${s}`);
  return n;
}

describe('profiles.tsv', () => {
  const table = readGolden('profiles.tsv');
  test('every profile constant matches', () => {
    expect(table.rows.length).toBe(4);
    const bad: string[] = [];
    for (const row of table.rows) {
      const p = resolveProfile(row.profile!);
      const c = p.constants;
      const actual: Record<string, number> = {
        page_size: c.PAGE_SIZE,
        KMALLOC_MIN_SIZE: c.KMALLOC_MIN_SIZE,
        KMALLOC_SHIFT_LOW: c.KMALLOC_SHIFT_LOW,
        KMALLOC_SHIFT_HIGH: c.KMALLOC_SHIFT_HIGH,
        KMALLOC_MAX_CACHE_SIZE: c.KMALLOC_MAX_CACHE_SIZE,
        MAX_PAGE_ORDER: c.MAX_PAGE_ORDER,
        KMALLOC_MAX_SIZE: c.KMALLOC_MAX_SIZE,
        ARCH_KMALLOC_MINALIGN: c.ARCH_KMALLOC_MINALIGN,
        PAGE_ALLOC_COSTLY_ORDER: c.PAGE_ALLOC_COSTLY_ORDER,
        page_shift: c.PAGE_SHIFT,
        ARCH_DMA_MINALIGN: c.ARCH_DMA_MINALIGN,
        runtime_kmalloc_minalign: p.kmallocMinalign,
        slub_min_order: 0,
        slub_max_order: 3,
        PMD_SIZE: c.PMD_SIZE,
      };
      for (const [key, value] of Object.entries(actual)) {
        if (num(row[key]) !== value) bad.push(mismatch({ profile: row.profile, key }, num(row[key]), value));
      }
    }
    expect(bad, report(table, bad)).toEqual([]);
  });
});

describe('kmalloc-caches.tsv', () => {
  const table = readGolden('kmalloc-caches.tsv');
  test('every cache slot: name, object size, s->size, align, and the rcl/cg/dma names', () => {
    expect(table.rows.length).toBeGreaterThan(50);
    const bad: string[] = [];
    const seen = new Map<string, number>();
    for (const row of table.rows) {
      const profile = goldenProfile(row.profile!);
      const cache = kmallocCacheTable(profile).bySlot[num(row.index)];
      seen.set(row.profile!, (seen.get(row.profile!) ?? 0) + 1);
      const actual = cache && {
        name: kmallocCacheName(cache, 'KMALLOC_NORMAL'),
        object_size: cache.objectSizeBytes,
        slab_size: cache.slabSizeBytes,
        align: cache.alignBytes,
        rcl_name: kmallocCacheName(cache, 'KMALLOC_RECLAIM'),
        cg_name: kmallocCacheName(cache, 'KMALLOC_CGROUP'),
        dma_name: kmallocCacheName(cache, 'KMALLOC_DMA'),
      };
      const expected = {
        name: row.name,
        object_size: num(row.object_size),
        slab_size: num(row.slab_size),
        align: num(row.align),
        rcl_name: row.rcl_name,
        cg_name: row.cg_name,
        dma_name: row.dma_name,
      };
      if (JSON.stringify(actual) !== JSON.stringify(expected)) bad.push(mismatch({ profile: row.profile, index: row.index }, expected, actual));
    }
    expect(bad, report(table, bad)).toEqual([]);
    // No cache left over: the engine has exactly the caches the kernel created.
    for (const [name, count] of seen) expect(kmallocCacheTable(goldenProfile(name)).caches.length, name).toBe(count);
  });
});

for (const file of ['kmalloc-index.tsv', 'kmalloc-index-arm64-nobounce.tsv']) {
  describe(file, () => {
    const table = readGolden(file);
    test('every size 1..KMALLOC_MAX_CACHE_SIZE picks the kernel’s slot, cache and object size', () => {
      expect(table.rows.length).toBeGreaterThan(30);
      const bad: string[] = [];
      const covered = new Map<string, number>();
      for (const row of table.rows) {
        const profile = goldenProfile(row.profile!);
        const lo = num(row.size_lo);
        const hi = num(row.size_hi);
        if ((covered.get(row.profile!) ?? 0) !== lo - 1) bad.push(`${row.profile}: ranges not contiguous at ${lo}`);
        covered.set(row.profile!, hi);
        for (let size = lo; size <= hi; size++) {
          const cache = kmallocSlab(size, profile);
          const actual = { index: cache.index, cache_name: kmallocCacheName(cache, 'KMALLOC_NORMAL'), object_size: cache.objectSizeBytes };
          const expected = { index: num(row.index), cache_name: row.cache_name, object_size: num(row.object_size) };
          if (actual.index !== expected.index || actual.cache_name !== expected.cache_name || actual.object_size !== expected.object_size) {
            bad.push(mismatch({ profile: row.profile, size }, expected, actual));
          }
          // The constant-size path (__kmalloc_index) reaches the same cache.
          const viaConst = kmallocCacheTable(profile).bySlot[kmallocIndex(size, profile)];
          if (viaConst !== cache) bad.push(mismatch({ profile: row.profile, size, path: '__kmalloc_index' }, expected.index, viaConst?.index));
        }
      }
      for (const [name, hi] of covered) expect(hi, name).toBe(goldenProfile(name).constants.KMALLOC_MAX_CACHE_SIZE);
      expect(bad, report(table, bad)).toEqual([]);
    });
  });
}

describe('kmalloc-types.tsv', () => {
  const table = readGolden('kmalloc-types.tsv');
  test('kmalloc_type() and the 64-byte cache for each GFP set, with and without CONFIG_MEMCG', () => {
    expect(table.rows.length).toBeGreaterThan(20);
    const bad: string[] = [];
    for (const row of table.rows) {
      const profile = goldenProfile(row.profile!, { memcg: row.memcg === 'y' });
      const gfp = parseGfp(row.gfp!);
      const type = kmallocType(gfp.mask, profile);
      const placement = kmallocPlacement(64, gfp.mask, profile);
      const actual = { gfp_hex: `0x${gfp.mask.toString(16)}`, kmalloc_type: type, cache_for_64: placement.path === 'slab' ? placement.cacheName : placement.path };
      const expected = { gfp_hex: row.gfp_hex, kmalloc_type: row.kmalloc_type, cache_for_64: row.cache_for_64 };
      if (JSON.stringify(actual) !== JSON.stringify(expected)) bad.push(mismatch({ profile: row.profile, memcg: row.memcg, gfp: row.gfp }, expected, actual));
    }
    expect(bad, report(table, bad)).toEqual([]);
  });
});

describe('page-order.tsv', () => {
  const table = readGolden('page-order.tsv');
  test('get_order() ranges: both ends and the middle of every range; large kmalloc uses that order', () => {
    expect(table.rows.length).toBeGreaterThan(40);
    const bad: string[] = [];
    for (const row of table.rows) {
      const profile = goldenProfile(row.profile!);
      const c = profile.constants;
      const lo = num(row.size_lo);
      const hi = num(row.size_hi);
      const order = num(row.order);
      for (const size of new Set([lo, lo + 1, Math.floor((lo + hi) / 2), hi - 1, hi])) {
        if (size < lo || size > hi) continue;
        const placement = kmallocPlacement(size, parseGfp('GFP_KERNEL').mask, profile);
        const actual = size > c.KMALLOC_MAX_CACHE_SIZE ? (placement.path === 'large' ? placement.order : placement.path) : order;
        if (actual !== order) bad.push(mismatch({ profile: row.profile, size }, order, actual));
      }
    }
    // One byte past the last range fails: order MAX_PAGE_ORDER + 1.
    for (const name of ['x86_64', 'arm64-4k', 'arm64-16k', 'arm64-64k']) {
      const profile = resolveProfile(name);
      const over = kmallocPlacement(profile.constants.KMALLOC_MAX_SIZE + 1, parseGfp('GFP_KERNEL').mask, profile);
      if (over.path !== 'fail') bad.push(mismatch({ profile: name, size: 'KMALLOC_MAX_SIZE + 1' }, 'fail', over.path));
    }
    expect(bad, report(table, bad)).toEqual([]);
  });
});

describe('slab-order.tsv', () => {
  const table = readGolden('slab-order.tsv');
  test('calculate_order(): order, objects per slab and leftover for every cache and CPU count', () => {
    expect(table.rows.length).toBeGreaterThan(200);
    const bad: string[] = [];
    for (const row of table.rows) {
      const profile = goldenProfile(row.profile!, { nrCpus: num(row.nr_cpu_ids) });
      const cache = kmallocCacheTable(profile).caches.find((c) => kmallocCacheName(c, 'KMALLOC_NORMAL') === row.cache_name);
      const actual = cache && { object_size: cache.objectSizeBytes, order: cache.order, objects_per_slab: cache.objectsPerSlab, leftover_bytes: cache.leftoverBytes };
      const expected = { object_size: num(row.object_size), order: num(row.order), objects_per_slab: num(row.objects_per_slab), leftover_bytes: num(row.leftover_bytes) };
      if (JSON.stringify(actual) !== JSON.stringify(expected)) bad.push(mismatch({ profile: row.profile, nr_cpu_ids: row.nr_cpu_ids, cache: row.cache_name }, expected, actual));
    }
    expect(bad, report(table, bad)).toEqual([]);
  });
});

describe('kvec-growth.tsv', () => {
  const table = readGolden('kvec-growth.tsv');
  test('every capacity change while pushing into an empty KVec<T> (x86_64, GFP_KERNEL, 7.1.5)', () => {
    expect(table.rows.length).toBeGreaterThan(200);
    const profile = resolveProfile('x86_64');
    const byType = new Map<string, Record<string, string>[]>();
    for (const row of table.rows) byType.set(row.rust_type!, [...(byType.get(row.rust_type!) ?? []), row]);
    expect(byType.size).toBeGreaterThanOrEqual(12);
    const bad: string[] = [];
    for (const [rustType, rows] of byType) {
      const elementBytes = num(rows[0]!.elem_size);
      const element = makeLayout(elementBytes, num(rows[0]!.elem_align));
      // The generator pushed min(100000, 4 MiB / elem_size) elements.
      const pushes = Math.min(100000, Math.floor(pow2(22) / elementBytes));
      const trace = simulateGrowth({ element, pushes, allocator: 'Kmalloc', gfpMask: parseGfp('GFP_KERNEL').mask, profile, rules: NEWEST });
      const actual = trace.steps.map((s) => ({
        len_before: s.lenBefore,
        new_capacity: s.newCapacity,
        requested_bytes: s.requestBytes,
        cache_name: s.landsIn,
        backing_bytes: s.backingBytes,
        object_moved: s.movement === 'new' ? 'new' : s.movement === 'moved' ? 'yes' : s.movement === 'in-place' ? 'no' : '-',
      }));
      const expected = rows.map((r) => ({
        len_before: num(r.len_before),
        new_capacity: num(r.new_capacity),
        requested_bytes: num(r.requested_bytes),
        cache_name: r.cache_name,
        backing_bytes: num(r.backing_bytes),
        object_moved: r.object_moved,
      }));
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        const at = expected.findIndex((e, i) => JSON.stringify(e) !== JSON.stringify(actual[i]));
        bad.push(mismatch({ rust_type: rustType, step: at, steps: `${actual.length} vs ${expected.length}` }, expected[at], actual[at]));
      }
    }
    expect(bad, report(table, bad)).toEqual([]);
  });
});

describe('vmalloc.tsv', () => {
  const table = readGolden('vmalloc.tsv');
  test('vmalloc pages and area (plain and huge), and kvmalloc’s first choice', () => {
    expect(table.rows.length).toBeGreaterThan(20);
    const bad: string[] = [];
    const gfp = parseGfp('GFP_KERNEL').mask;
    for (const row of table.rows) {
      const profile = goldenProfile(row.profile!);
      const size = num(row.size);
      const plain = vmallocArea(size, profile, false);
      const huge = vmallocArea(size, profile, true);
      const kv = kvmallocDecision(size, gfp, profile, NEWEST);
      const first =
        kv.attempt.path === 'slab'
          ? kv.attempt.cacheName
          : kv.attempt.path === 'large'
            ? `order-${kv.attempt.order}`
            : kv.fallback.when === 'always'
              ? `vmalloc(${kv.fallback.area.huge ? 'huge,' : ''}page_shift=${kv.fallback.area.pageShift})`
              : 'fail';
      const actual = {
        pages: plain.pages,
        area: plain.areaBytes,
        page_shift: plain.pageShift,
        huge_page_shift: huge.pageShift,
        huge_pages: huge.pages,
        huge_area: huge.areaBytes,
        kvmalloc_first_choice: first,
      };
      const expected = {
        pages: num(row.pages),
        area: num(row.area_bytes_including_guard),
        page_shift: num(row.page_shift),
        huge_page_shift: num(row.huge_page_shift),
        huge_pages: num(row.huge_pages),
        huge_area: num(row.huge_area_bytes_including_guard),
        kvmalloc_first_choice: row.kvmalloc_first_choice,
      };
      if (JSON.stringify(actual) !== JSON.stringify(expected)) bad.push(mismatch({ profile: row.profile, size }, expected, actual));
    }
    expect(bad, report(table, bad)).toEqual([]);
  });
});
