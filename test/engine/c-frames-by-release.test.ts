/**
 * The C frames of a Kmalloc or Vmalloc request, release by release, as read in that release's
 * tree (the tree and line are named in each test). Complements call-chain.test.ts, which checks
 * one kernel per Rust API era: the C side changes inside an era too.
 */
import { describe, expect, test } from 'vitest';
import { callChain, type ChainFrame, type ChainLeaf } from '../../engine/src/call-chain.js';
import { kernelTarget } from '../../engine/src/kernel-version.js';

const SLAB: ChainLeaf = { kind: 'slab', slubPath: 'fast' };
const LARGE: ChainLeaf = { kind: 'large' };
const FAIL: ChainLeaf = { kind: 'fail', at: 'page-allocator' };

/** The Kmalloc push (or Box) of the release's era. */
function pushApi(version: string): string {
  switch (kernelTarget(version).rules.apiEra) {
    case 'alloc-crate':
      return 'Vec::try_push';
    case 'box-ext':
      return 'Vec::push';
    default:
      return 'KVec::push';
  }
}

function frames(version: string, leaf: ChainLeaf, api = pushApi(version)): readonly ChainFrame[] {
  return callChain({ api, rules: kernelTarget(version).rules, leaf }).frames;
}

/** The C frames from __do_kmalloc_node on, as "name@file". */
function fromDoKmalloc(version: string, leaf: ChainLeaf): string[] {
  const all = frames(version, leaf);
  const at = all.findIndex((f) => f.frame === '__do_kmalloc_node');
  expect(at, `${version}: no __do_kmalloc_node`).toBeGreaterThan(0);
  return all.slice(at).map((f) => `${f.frame}@${f.file}`);
}

function frameBefore(version: string, leaf: ChainLeaf, name: string): string {
  const all = frames(version, leaf);
  const at = all.findIndex((f) => f.frame === name);
  expect(at, `${version}: no ${name}`).toBeGreaterThan(0);
  return `${all[at - 1]!.frame}@${all[at - 1]!.file}`;
}

describe('kmalloc before the Allocator trait (6.1–6.12)', () => {
  test('6.5: kmalloc_slab and __do_kmalloc_node in mm/slab_common.c, then __kmem_cache_alloc_node (6.1 code index)', () => {
    expect(fromDoKmalloc('6.5', SLAB)).toEqual([
      '__do_kmalloc_node@mm/slab_common.c',
      'kmalloc_slab@mm/slab_common.c',
      '__kmem_cache_alloc_node@mm/slub.c',
      'slab_alloc_node@mm/slub.c',
      '__slab_alloc_node@mm/slub.c',
    ]);
    expect(frameBefore('6.5', SLAB, '__do_kmalloc_node')).toBe('__kmalloc_node_track_caller@mm/slab_common.c');
  });

  test('6.8: mm/slub.c:3962 __do_kmalloc_node calls slab_alloc_node after the mm/slab.h:407 inline kmalloc_slab', () => {
    expect(fromDoKmalloc('6.8', SLAB)).toEqual(['__do_kmalloc_node@mm/slub.c', 'kmalloc_slab@mm/slab.h', 'slab_alloc_node@mm/slub.c', '__slab_alloc_node@mm/slub.c']);
    // 6.8 mm/slub.c:3998: __kmalloc_node_track_caller is in mm/slub.c; krealloc stays in mm/slab_common.c:1211.
    expect(frameBefore('6.8', SLAB, '__do_kmalloc_node')).toBe('__kmalloc_node_track_caller@mm/slub.c');
    expect(frames('6.8', SLAB).find((f) => f.frame === 'krealloc')!.file).toBe('mm/slab_common.c');
    // 6.8 mm/slub.c:3707, 3850: __slab_alloc_node is read, not inferred.
    expect(frames('6.8', SLAB).find((f) => f.frame === '__slab_alloc_node')!.inferred).toBeUndefined();
    expect(frames('6.5', SLAB).find((f) => f.frame === '__slab_alloc_node')!.inferred).toBe(true);
  });

  test('6.8: a large kmalloc is the static __kmalloc_large_node (mm/slub.c:3916) → alloc_pages_node (include/linux/gfp.h:255)', () => {
    expect(fromDoKmalloc('6.8', LARGE)).toEqual([
      '__do_kmalloc_node@mm/slub.c',
      '__kmalloc_large_node@mm/slub.c',
      'alloc_pages_node@include/linux/gfp.h',
      '__alloc_pages_node@include/linux/gfp.h',
      '__alloc_pages@mm/page_alloc.c',
    ]);
    // 6.8 mm/page_alloc.c:4545
    expect(frames('6.8', FAIL).at(-1)!.note).toMatch(/MAX_PAGE_ORDER in 6\.8/);
  });

  test('6.10: __do_krealloc calls the exported kmalloc_node_track_caller_noprof (mm/slub.c:4140) and a static __kmalloc_large_node (:4058)', () => {
    expect(frameBefore('6.10', SLAB, '__do_kmalloc_node')).toBe('kmalloc_node_track_caller_noprof@mm/slub.c');
    expect(fromDoKmalloc('6.10', LARGE)).toEqual([
      '__do_kmalloc_node@mm/slub.c',
      '__kmalloc_large_node@mm/slub.c',
      'alloc_pages_node_noprof@include/linux/gfp.h',
      '__alloc_pages_node_noprof@include/linux/gfp.h',
      '__alloc_pages_noprof@mm/page_alloc.c',
    ]);
    expect(frames('6.10', LARGE).map((f) => f.frame)).not.toContain('___kmalloc_large_node');
  });

  test('6.12: __kmalloc_node_track_caller_noprof (mm/slub.c:4280) and __kmalloc_large_node_noprof → ___kmalloc_large_node (:4234, :4199)', () => {
    expect(frameBefore('6.12', SLAB, '__do_kmalloc_node')).toBe('__kmalloc_node_track_caller_noprof@mm/slub.c');
    expect(fromDoKmalloc('6.12', LARGE).slice(0, 4)).toEqual([
      '__do_kmalloc_node@mm/slub.c',
      '__kmalloc_large_node_noprof@mm/slub.c',
      '___kmalloc_large_node@mm/slub.c',
      'alloc_pages_node_noprof@include/linux/gfp.h',
    ]);
  });
});

describe('the page allocator under a large kmalloc (6.13–7.1)', () => {
  test('6.13: the WARN_ON_ONCE_GFP is in __alloc_pages_noprof (6.13.7 mm/page_alloc.c:4730)', () => {
    const last = frames('6.13', FAIL).at(-1)!;
    expect(last.frame).toBe('__alloc_pages_noprof');
    expect(last.note).toMatch(/WARN_ON_ONCE_GFP/);
  });

  test.each(['6.14', '6.16'])('%s: __alloc_pages_noprof wraps __alloc_frozen_pages_noprof, which WARNs (6.14 mm/page_alloc.c:4716, :4769)', (version) => {
    expect(fromDoKmalloc(version, FAIL).slice(-3)).toEqual(['__alloc_pages_node_noprof@include/linux/gfp.h', '__alloc_pages_noprof@mm/page_alloc.c', '__alloc_frozen_pages_noprof@mm/page_alloc.c']);
    expect(frames(version, FAIL).at(-1)!.note).toMatch(/WARN_ON_ONCE_GFP\(order > MAX_PAGE_ORDER\)/);
    expect(frames(version, FAIL).at(-2)!.note ?? '').not.toMatch(/WARN/);
  });

  test.each(['6.17', '6.18', '7.1'])('%s: ___kmalloc_large_node takes frozen pages (6.17 mm/slub.c, mm/mempolicy.c:2476)', (version) => {
    expect(fromDoKmalloc(version, LARGE).slice(1)).toEqual([
      '__kmalloc_large_node_noprof@mm/slub.c',
      '___kmalloc_large_node@mm/slub.c',
      'alloc_frozen_pages_noprof@mm/mempolicy.c',
      'alloc_pages_mpol@mm/mempolicy.c',
      '__alloc_frozen_pages_noprof@mm/page_alloc.c',
    ]);
  });
});

describe('vm_area_alloc_pages by release', () => {
  const pagesNote = (version: string, huge = false): string => callChain({ api: 'KVVec::push', rules: kernelTarget(version).rules, leaf: { kind: 'kvmalloc-fallback', huge } }).frames.at(-1)!.note!;

  test('6.18: order-0 pages in bulk only (6.18.2 mm/vmalloc.c:3591); no high-order attempts', () => {
    expect(pagesNote('6.18')).toMatch(/order-0 pages through the bulk page allocator/);
    expect(pagesNote('6.18')).not.toMatch(/high-order/);
    expect(pagesNote('6.18', true)).toMatch(/^PMD-order blocks/);
  });

  test.each(['6.19', '7.0', '7.1'])('%s: high-order blocks first, then order-0 in bulk (6.19.9 mm/vmalloc.c:3636-3674, 7.1.5 :3632-3664)', (version) => {
    expect(pagesNote(version)).toMatch(/high-order blocks first: order ilog2\(pages left\), at most MAX_PAGE_ORDER, without direct reclaim/);
    expect(pagesNote(version, true)).toMatch(/MAX_PAGE_ORDER blocks first .* then PMD-order blocks/);
  });
});
