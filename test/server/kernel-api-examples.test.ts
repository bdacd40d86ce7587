/**
 * examples/kernel-apis/: one call of each kernel API of issue 12 that is not a Rust Allocator
 * call, each expected site as `line → call, allocator, flags, bytes, lands`. Fails on a missing
 * site and on any extra one; the diagnostics are pinned the same way.
 */
import { describe, expect, test } from 'vitest';
import { resolveProfile } from '../../engine/src/profile.js';
import { analyzePaths } from '../../server/src/analysis/analyze.js';

const EXPECTED_SITES = [
  // A kernel API that fixes its own size: sizeof(struct maple_node) is 256 B (lib/maple_tree.c:
  // MAPLE_NODE_SLOTS 31 × 8 B + parent), radix_tree_node 576 B, a page 4096 B.
  '33 → MapleTree::insert, kmem_cache, GFP_KERNEL, 256, slab maple_node',
  '34 → MapleTree::insert_range, kmem_cache, GFP_KERNEL, 256, slab maple_node',
  '35 → MapleTreeAlloc::alloc_range, kmem_cache, GFP_KERNEL, 256, slab maple_node',
  '37 → XArray::store, kmem_cache, GFP_KERNEL, 576, slab radix_tree_node',
  '37 → KBox::new, Kmalloc, GFP_KERNEL, 4, slab kmalloc-8',
  '42 → Page::alloc_page, page_alloc, GFP_KERNEL | __GFP_ZERO, 4096, pages order 0',
  // RING_DESCS = 4096 × 16 B = 64 KiB: order 4.
  '43 → Coherent::zeroed_slice, dma, GFP_KERNEL, 65536, dma order 4',
  '44 → CoherentBox::zeroed_slice, dma, GFP_KERNEL, 128, dma order 0',
  // 2^20 bits = BITS_TO_LONGS(2^20) × 8 B = 128 KiB: a large kmalloc of order 5.
  '45 → BitmapVec::new, Kmalloc, GFP_KERNEL, 131072, large order 5',
  // A BitmapVec of 1024 bits: 16 longs = 128 B.
  '46 → IdPool::with_capacity, Kmalloc, GFP_KERNEL, 128, slab kmalloc-128',
  // x86_64 defconfig has no CPUMASK_OFFSTACK: the mask is inline.
  '47 → CpumaskVar::new_zero, Kmalloc, GFP_KERNEL, ?, none',
  '49 → UserSliceReader::read_all, Kmalloc, GFP_KERNEL, ?, unknown',
  '51 → RBTree::try_create_and_insert, Kmalloc, GFP_KERNEL, ?, unknown',
  '53 → devres::register, Kmalloc, GFP_ATOMIC, 0, none',
  '56 → bindings::kmalloc, Kmalloc, GFP_KERNEL.as_raw(), 300, slab kmalloc-512',
];

const EXPECTED_DIAGNOSTICS = [
  '43 information dma-large-coherent',
  '45 warning kmalloc-costly-order',
  // GFP_ATOMIC for the KBox, but __devm_add_action's node is GFP_KERNEL under the SpinLock guard.
  '53 warning sleep-in-atomic',
  '56 information slab-waste',
];

describe('examples/kernel-apis', async () => {
  const report = await analyzePaths(['examples/kernel-apis'], { profile: resolveProfile('x86_64'), includeDoc: false });

  test('every site, and no other', () => {
    const actual = report.sites.map((s) => {
      const o = s.outcome;
      const lands = o.cache ? ` ${o.cache}` : o.order !== null && o.path !== 'slab' ? ` order ${o.order}` : '';
      return `${s.line} → ${s.call}, ${s.allocator}, ${s.flags}, ${s.size.bytes ?? '?'}, ${o.path}${lands}`;
    });
    expect(actual.sort()).toEqual([...EXPECTED_SITES].sort());
  });

  test('every diagnostic, once, and no other', () => {
    expect(report.diagnostics.map((d) => `${d.line} ${d.severity} ${d.code}`).sort()).toEqual([...EXPECTED_DIAGNOSTICS].sort());
  });

  test('the report carries what an editor draws: the dedicated cache, DMA paths, the second allocation', () => {
    const xa = report.sites.find((s) => s.call === 'XArray::store')!;
    expect(xa.outcome.objects?.worstCase).toBe(11);
    expect(xa.chain.map((f) => f.frame)).toContain('kmem_cache_alloc_lru_noprof');
    const ring = report.sites.find((s) => s.call === 'Coherent::zeroed_slice')!;
    expect(ring.size.expr).toBe('RING_DESCS = 4096 × size_of::<Desc>() = 4096 × 16 B = 65536 B');
    expect(ring.outcome.dma?.paths.map((p) => p.path)).toContain('cma');
    const devres = report.sites.find((s) => s.call === 'devres::register')!;
    expect(devres.outcome.alsoAllocates?.[0]).toMatchObject({ flags: 'GFP_KERNEL' });
  });
});
