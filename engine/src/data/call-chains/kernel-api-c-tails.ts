/**
 * C frames shared by the kernel-API chains: a kmem_cache allocation, a kmalloc called from C
 * (not through krealloc), the page allocator and dma_alloc_attrs, down to the allocator leaf.
 *
 * Read in v7.1.5 (danayer/linux-7.1.5 @ 9d1745cf): include/linux/slab.h:766–772
 * (kmem_cache_alloc, kmem_cache_alloc_lru), :867 __kmalloc_noprof, :1091 kmalloc_array_noprof;
 * mm/slub.c:4906 kmem_cache_alloc_noprof, :4917 kmem_cache_alloc_lru_noprof, :4872 slab_alloc_node;
 * include/linux/gfp.h:349 alloc_pages, :369 __get_free_pages; mm/mempolicy.c:2579
 * alloc_pages_noprof, :2550 alloc_frozen_pages_noprof, :2445 alloc_pages_mpol; mm/page_alloc.c:5185
 * __alloc_frozen_pages_noprof, :5276 get_free_pages_noprof; kernel/dma/mapping.c:627
 * dma_alloc_attrs; kernel/dma/direct.c:203 dma_direct_alloc, :119 __dma_direct_alloc_pages;
 * kernel/dma/contiguous.c:416 dma_alloc_contiguous.
 * Before 6.10 (no alloc_hooks()) the same functions had no _noprof suffix; those names are
 * marked inferred.
 */
import type { KernelRules } from '../kernel-changes.js';
import { cFrame, type ChainFrame } from './chain-frame.js';

const SLUB = 'mm/slub.c';
const SLAB_H = 'include/linux/slab.h';
const GFP_H = 'include/linux/gfp.h';
const MEMPOLICY = 'mm/mempolicy.c';
const PAGE_ALLOC = 'mm/page_alloc.c';
const DMA_MAPPING = 'kernel/dma/mapping.c';
const DMA_DIRECT = 'kernel/dma/direct.c';
const DMA_CONTIGUOUS = 'kernel/dma/contiguous.c';

/** `name_noprof` with allocation profiling's hooks (6.10+), else the plain name (inferred). */
export function noprof(name: string, file: string, rules: KernelRules, note?: string): ChainFrame {
  return rules.allocHooks ? cFrame(`${name}_noprof`, file, note) : cFrame(name, file, note, true);
}

/** The alloc_hooks() macro a C caller expands, when this kernel has one. */
export function hook(name: string, file: string, rules: KernelRules): ChainFrame[] {
  return rules.allocHooks ? [cFrame(name, file, `alloc_hooks(${name}_noprof(…)): allocation profiling charges the memory here`)] : [];
}

/** SLUB from slab_alloc_node to the fast path of this kernel's per-CPU front end. */
export function slubFastPath(rules: KernelRules, dedicatedWithSheaves: boolean): ChainFrame[] {
  const sheaves = rules.slubFrontEnd === 'sheaves' || (rules.slubFrontEnd === 'cpu-slab-with-optional-sheaves' && dedicatedWithSheaves);
  if (sheaves) {
    return [
      cFrame('slab_alloc_node', SLUB, 'slab_pre_alloc_hook (might_alloc, failslab), kfence_alloc, then alloc_from_pcs'),
      cFrame('alloc_from_pcs', SLUB, 'fast path: pop from the per-CPU main sheaf; an empty one is swapped for a spare or a full sheaf from the barn, or refilled from slabs'),
    ];
  }
  return [cFrame('slab_alloc_node', SLUB), cFrame('__slab_alloc_node', SLUB, 'fast path: c->freelist with a cmpxchg on (freelist, tid); else ___slab_alloc and new_slab')];
}

/** kmem_cache_alloc(s, gfp) or kmem_cache_alloc_lru(s, lru, gfp) called from C. */
export function kmemCacheAllocFrames(fn: 'kmem_cache_alloc' | 'kmem_cache_alloc_lru', cache: string, rules: KernelRules, sheaves: boolean): ChainFrame[] {
  return [...hook(fn, SLAB_H, rules), noprof(fn, SLUB, rules, `from the '${cache}' cache`), ...slubFastPath(rules, sheaves)];
}

/** kmalloc(size, gfp) from C: the kmalloc cache, or pages above KMALLOC_MAX_CACHE_SIZE. */
export function kmallocFromC(rules: KernelRules, leaf: 'slab' | 'large' | 'fail'): ChainFrame[] {
  const head = [
    noprof('__kmalloc', SLUB, rules, 'a size not known at compile time: __do_kmalloc_node(size, NULL, flags, NUMA_NO_NODE, _RET_IP_)'),
    cFrame('__do_kmalloc_node', SLUB, 'size > KMALLOC_MAX_CACHE_SIZE: large kmalloc; otherwise a kmalloc cache'),
  ];
  if (leaf === 'slab') return [...head, cFrame('kmalloc_slab', 'mm/slab.h', 'kmalloc_caches[kmalloc_type(flags, caller)][index]'), ...slubFastPath(rules, false)];
  return [...head, cFrame('___kmalloc_large_node', SLUB, 'flags | __GFP_COMP, order get_order(size)'), ...pageAllocLeaf(rules, leaf === 'fail')];
}

/** The page allocator's core for an order. */
export function pageAllocLeaf(rules: KernelRules, failing: boolean): ChainFrame[] {
  const last = failing
    ? 'order > MAX_PAGE_ORDER: WARN_ON_ONCE_GFP unless __GFP_NOWARN, then NULL'
    : 'get_page_from_freelist → rmqueue (per-CPU lists up to PAGE_ALLOC_COSTLY_ORDER, else the buddy free lists); __alloc_pages_slowpath when that fails';
  return [noprof('__alloc_frozen_pages', PAGE_ALLOC, rules, last)];
}

/** alloc_pages(gfp, order) from C or through rust_helper_alloc_pages. */
export function allocPagesFrames(rules: KernelRules, failing: boolean): ChainFrame[] {
  return [
    ...hook('alloc_pages', GFP_H, rules),
    noprof('alloc_pages', MEMPOLICY, rules, "the task's mempolicy (CONFIG_NUMA; gfp.h's inline alloc_pages_node without it); set_page_refcounted on success"),
    noprof('alloc_frozen_pages', MEMPOLICY, rules),
    cFrame('alloc_pages_mpol', MEMPOLICY, 'interleave/preferred node from the policy, then the page allocator'),
    ...pageAllocLeaf(rules, failing),
  ];
}

/** __get_free_pages(gfp, order): alloc_pages without __GFP_HIGHMEM, returns the address. */
export function getFreePagesFrames(rules: KernelRules, failing: boolean): ChainFrame[] {
  return [
    ...hook('__get_free_pages', GFP_H, rules),
    noprof('get_free_pages', PAGE_ALLOC, rules, 'alloc_pages_noprof(gfp_mask & ~__GFP_HIGHMEM, order), then page_address()'),
    ...allocPagesFrames(rules, failing).filter((f) => f.frame !== 'alloc_pages'),
  ];
}

/** dma_alloc_attrs → dma-direct → pages, the path for a device without an IOMMU or per-device pool. */
export function dmaDirectFrames(rules: KernelRules, failing: boolean): ChainFrame[] {
  return [
    cFrame('dma_alloc_attrs', DMA_MAPPING, 'a per-device coherent pool first (dma_alloc_from_dev_coherent); then dma-direct, the IOMMU or the bus ops'),
    cFrame('dma_direct_alloc', DMA_DIRECT, 'PAGE_ALIGN(size); a non-blocking GFP on a non-coherent or encrypted device uses the atomic pool'),
    cFrame('__dma_direct_alloc_pages', DMA_DIRECT, 'swiotlb restricted pool (is_swiotlb_for_alloc), else CMA, else the page allocator'),
    cFrame('dma_alloc_contiguous', DMA_CONTIGUOUS, 'CMA only when the GFP may block and (dev->cma_area, or size > PAGE_SIZE with a default CMA area); otherwise NULL'),
    ...hook('alloc_pages_node', GFP_H, rules),
    noprof('alloc_pages_node', GFP_H, rules, 'get_order(size) pages on the device’s node; retried with GFP_DMA32, then GFP_DMA, when the pages are above the device’s mask'),
    noprof('__alloc_pages', PAGE_ALLOC, rules),
    ...pageAllocLeaf(rules, failing),
  ];
}
