import { describe, expect, test } from 'vitest';
import { parseGfp } from '../../engine/src/gfp.js';
import { kernelTarget } from '../../engine/src/kernel-version.js';
import { kmallocGfpAdjust, kvmallocDecision } from '../../engine/src/kvmalloc.js';
import { capacityThresholds, reserveNewCapacity, simulateGrowth } from '../../engine/src/kvec-growth.js';
import { makeLayout, requestSizeFor } from '../../engine/src/layout.js';
import { resolveProfile } from '../../engine/src/profile.js';
import { GFP_BITS } from '../../engine/src/data/gfp-flags.js';

const x86 = resolveProfile('x86_64');
const gfp = (t: string) => parseGfp(t).mask;
const rules = (v: string) => kernelTarget(v).rules;

describe('kvmalloc', () => {
  test('≤ PAGE_SIZE: kmalloc only, flags untouched, no vmalloc fallback', () => {
    const d = kvmallocDecision(4096, gfp('GFP_KERNEL'), x86, rules('7.1'));
    expect(d.attemptGfpMask).toBe(gfp('GFP_KERNEL'));
    expect(d.attempt.path === 'slab' && d.attempt.cacheName).toBe('kmalloc-4k');
    expect(d.fallback.when).toBe('never');
  });

  test('6.16+: the kmalloc attempt above PAGE_SIZE drops __GFP_DIRECT_RECLAIM and adds __GFP_NOWARN', () => {
    const m = kmallocGfpAdjust(gfp('GFP_KERNEL | __GFP_NOFAIL'), 8192, x86, rules('7.1'));
    expect(m & GFP_BITS.__GFP_DIRECT_RECLAIM).toBe(0);
    expect(m & GFP_BITS.__GFP_NOWARN).not.toBe(0);
    expect(m & GFP_BITS.__GFP_NOFAIL).toBe(0);
    expect(m & GFP_BITS.__GFP_NORETRY).toBe(0);
  });

  test('≤ 6.15: it adds __GFP_NORETRY instead; __GFP_RETRY_MAYFAIL keeps reclaim in both', () => {
    const m = kmallocGfpAdjust(gfp('GFP_KERNEL'), 8192, x86, rules('6.15'));
    expect(m & GFP_BITS.__GFP_NORETRY).not.toBe(0);
    expect(m & GFP_BITS.__GFP_DIRECT_RECLAIM).not.toBe(0);
    const keep = kmallocGfpAdjust(gfp('GFP_KERNEL | __GFP_RETRY_MAYFAIL'), 8192, x86, rules('7.1'));
    expect(keep & GFP_BITS.__GFP_DIRECT_RECLAIM).not.toBe(0);
  });

  test('over KMALLOC_MAX_SIZE it always falls back to vmalloc, huge-mapped when blocking', () => {
    const d = kvmallocDecision(8 << 20, gfp('GFP_KERNEL'), x86, rules('7.1'));
    expect(d.attempt.path).toBe('fail');
    expect(d.fallback.when).toBe('always');
    expect(d.fallback.when === 'always' && d.fallback.area.huge).toBe(true);
  });

  test('GFP_ATOMIC: no vmalloc fallback before 6.19, a plain (not huge) one after', () => {
    const before = kvmallocDecision(8 << 20, gfp('GFP_ATOMIC'), x86, rules('6.18'));
    expect(before.fails).toBe(true);
    expect(before.failReason).toMatch(/non-blocking GFP has no vmalloc fallback/);
    const after = kvmallocDecision(8 << 20, gfp('GFP_ATOMIC'), x86, rules('7.1'));
    expect(after.fallback.when === 'always' && after.fallback.area.huge).toBe(false);
  });

  test('above INT_MAX it fails', () => {
    expect(kvmallocDecision(2 ** 31, gfp('GFP_KERNEL'), resolveProfile('arm64-64k'), rules('7.1')).failReason).toMatch(/INT_MAX/);
  });
});

describe('layout padding by era', () => {
  const odd = makeLayout(96, 32);
  test('6.5–6.10 round a 96-byte, align-32 layout up to 128 (next_power_of_two); 6.11+ keep 96', () => {
    expect(requestSizeFor(odd, 'Kmalloc', rules('6.8'), x86).sizeBytes).toBe(128);
    expect(requestSizeFor(odd, 'Kmalloc', rules('6.11'), x86).sizeBytes).toBe(96);
  });
  test('6.1–6.4 ignore the alignment and say so', () => {
    const r = requestSizeFor(makeLayout(100, 64), 'Kmalloc', rules('6.1'), x86);
    expect(r.sizeBytes).toBe(100);
    expect(r.notes.join()).toMatch(/ignores the alignment/);
  });
  test('pad_to_align applies to hand-built layouts; Vmalloc stops padding in 6.17', () => {
    const hand = makeLayout(100, 64);
    expect(requestSizeFor(hand, 'Kmalloc', rules('7.1'), x86).sizeBytes).toBe(128);
    expect(requestSizeFor(hand, 'Vmalloc', rules('6.16'), x86).sizeBytes).toBe(128);
    expect(requestSizeFor(hand, 'Vmalloc', rules('6.17'), x86).sizeBytes).toBe(100);
  });
});

describe('KVec growth', () => {
  test('6.10+ grow 1, 2, 4, 8; the 6.1 std rule starts at MIN_NON_ZERO_CAP', () => {
    expect([0, 1, 2, 4].map((c) => reserveNewCapacity(c, c, 1, 8, rules('7.1')))).toEqual([1, 2, 4, 8]);
    expect(reserveNewCapacity(0, 0, 1, 1, rules('6.1'))).toBe(8);
    expect(reserveNewCapacity(0, 0, 1, 8, rules('6.1'))).toBe(4);
    expect(reserveNewCapacity(0, 0, 1, 2048, rules('6.1'))).toBe(1);
    expect(reserveNewCapacity(4, 4, 100, 8, rules('7.1'))).toBe(104);
  });

  test('KVec<u64> (ux example): slab to 1024 elements, page allocator to 524288, then fails', () => {
    const t = capacityThresholds(makeLayout(8, 8), 'Kmalloc', gfp('GFP_KERNEL'), x86, rules('7.1'));
    expect(t[0]).toMatchObject({ elements: 1, path: 'slab', cache: 'kmalloc-8' });
    expect(t.filter((x) => x.path === 'slab').at(-1)).toMatchObject({ elements: 1024, cache: 'kmalloc-8k' });
    expect(t.filter((x) => x.path === 'large').at(-1)).toMatchObject({ elements: 524288, order: 10, costly: true });
    expect(t.at(-1)).toEqual({ elements: 524289, path: 'fail' });
  });

  test('KVVec<u64> past KMALLOC_MAX_SIZE moves to vmalloc and then grows there (vrealloc)', () => {
    const trace = simulateGrowth({ element: makeLayout(8, 8), pushes: 2_000_000, allocator: 'KVmalloc', gfpMask: gfp('GFP_KERNEL'), profile: x86, rules: rules('7.1') });
    expect(trace.failedAtLength).toBeNull();
    const toVmalloc = trace.steps.findIndex((s) => s.landsIn.startsWith('vmalloc'));
    expect(trace.steps[toVmalloc - 1]!.landsIn).toBe('order-10');
    expect(trace.steps[toVmalloc]).toMatchObject({ movement: 'moved', bytesCopied: 4 << 20 });
    expect(trace.steps.slice(toVmalloc).every((s) => s.landsIn.startsWith('vmalloc'))).toBe(true);
  });

  test('KVec past KMALLOC_MAX_SIZE fails with the page allocator’s reason', () => {
    const trace = simulateGrowth({ element: makeLayout(8, 8), pushes: 2_000_000, allocator: 'Kmalloc', gfpMask: gfp('GFP_KERNEL'), profile: x86, rules: rules('7.1') });
    expect(trace.failedAtLength).toBe(524288);
    expect(trace.steps.at(-1)!.failure).toMatch(/order-11 > MAX_PAGE_ORDER \(10\)/);
  });

  test('VVec grows in place inside its pages and moves only when the pages run out', () => {
    const trace = simulateGrowth({ element: makeLayout(1, 1), pushes: 10_000, allocator: 'Vmalloc', gfpMask: gfp('GFP_KERNEL'), profile: x86, rules: rules('7.1') });
    // 1, 2, ... 4096 bytes all fit the first page: in place; 8192 needs a new 2-page area.
    expect(trace.steps.filter((s) => s.landsIn === 'vmalloc(1 page)').length).toBe(13);
    expect(trace.steps.find((s) => s.newCapacity === 8192)).toMatchObject({ movement: 'moved', bytesCopied: 4096 });
  });

  test('a zero-sized element never allocates', () => {
    const trace = simulateGrowth({ element: makeLayout(0, 1), pushes: 5, allocator: 'Kmalloc', gfpMask: gfp('GFP_KERNEL'), profile: x86, rules: rules('7.1') });
    expect(trace.steps).toEqual([]);
    expect(trace.notes[0]).toMatch(/never allocates/);
  });
});

describe('issue 13 rules, each from the kernel source named', () => {
  test('krealloc keeps a large block when align > PAGE_SIZE up to its size: buddy blocks are aligned to their own size (7.1.5 mm/slub.c __do_krealloc IS_ALIGNED)', async () => {
    const { krealloc } = await import('../../engine/src/realloc.js');
    const { kmallocPlacement } = await import('../../engine/src/kmalloc.js');
    const old = { kind: 'kmalloc' as const, placement: kmallocPlacement(16384, gfp('GFP_KERNEL'), x86) };
    expect(old.placement.path).toBe('large');
    // An order-2 block (16 KiB) is 16 KiB-aligned: shrinking or keeping within it with align 16 KiB stays in place.
    expect(krealloc(old, 12288, 16384, gfp('GFP_KERNEL'), x86, rules('7.1')).movement).toBe('in-place');
    // Above the block size the alignment is not guaranteed: a move.
    expect(krealloc(old, 12288, 32768, gfp('GFP_KERNEL'), x86, rules('7.1')).movement).toBe('moved');
  });

  test('vrealloc in 6.13–6.14 copies the page-rounded old area (old_size = get_vm_area_size(vm), 6.13.7 mm/vmalloc.c); 6.17+ the requested size', async () => {
    const { vrealloc } = await import('../../engine/src/realloc.js');
    const { vmallocArea } = await import('../../engine/src/vmalloc.js');
    const old = { kind: 'vmalloc' as const, area: vmallocArea(5000, x86, false), requestedBytes: 5000 };
    expect(vrealloc(old, 20000, gfp('GFP_KERNEL'), x86, rules('6.13')).bytesCopied).toBe(8192);
    expect(vrealloc(old, 20000, gfp('GFP_KERNEL'), x86, rules('6.14')).bytesCopied).toBe(8192);
    expect(vrealloc(old, 20000, gfp('GFP_KERNEL'), x86, rules('6.17')).bytesCopied).toBe(5000);
  });

  test('KVmalloc above PAGE_SIZE from 6.16 has no direct reclaim, so no compaction (7.1.5 mm/page_alloc.c:4686 can_compact, :4809)', async () => {
    const { explain } = await import('../../engine/src/explain.js');
    const late = explain({ allocator: 'kvmalloc', sizeBytes: 65536, kernel: '7.1' }).notes.join(' ');
    expect(late).toMatch(/neither reclaims nor compacts/);
    expect(late).not.toMatch(/compacts, then gives up/);
    const early = explain({ allocator: 'kvmalloc', sizeBytes: 65536, kernel: '6.15' }).notes.join(' ');
    expect(early).toMatch(/compacts, then gives up/);
    // Kmalloc with GFP_KERNEL still compacts.
    expect(explain({ sizeBytes: 65536, kernel: '7.1' }).notes.join(' ')).toMatch(/compacts, then gives up/);
  });
});
