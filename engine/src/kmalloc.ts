/**
 * Where a kmalloc request of n bytes lands: __do_kmalloc_node() (mm/slub.c, v7.1.5).
 * 0 → ZERO_SIZE_PTR; ≤ KMALLOC_MAX_CACHE_SIZE → a slab cache; above → the page allocator
 * (___kmalloc_large_node, a compound page of get_order(size)); an order above MAX_PAGE_ORDER
 * fails in __alloc_frozen_pages_noprof (WARN_ON_ONCE_GFP unless __GFP_NOWARN).
 */
import { getOrder, pow2 } from './bits.js';
import { GFP_BITS, GFP_SLAB_BUG_MASK } from './data/gfp-flags.js';
import type { KmallocType } from './data/kmalloc-info.js';
import { hasFlag, kmallocType } from './gfp.js';
import { kmallocCacheName, kmallocSlab, type KmallocCache } from './kmalloc-caches.js';
import type { Profile } from './profile.js';

export type KmallocPlacement =
  | { readonly path: 'none'; readonly reason: 'zero-size' }
  | {
      readonly path: 'slab';
      readonly cache: KmallocCache;
      readonly cacheName: string;
      readonly type: KmallocType;
      readonly wasteBytes: number;
    }
  | {
      readonly path: 'large';
      readonly order: number;
      readonly pages: number;
      readonly blockBytes: number;
      readonly wasteBytes: number;
      readonly costly: boolean;
    }
  | { readonly path: 'fail'; readonly order: number; readonly warns: boolean };

export function kmallocPlacement(sizeBytes: number, gfpMask: number, profile: Profile): KmallocPlacement {
  const c = profile.constants;
  if (sizeBytes === 0) return { path: 'none', reason: 'zero-size' };
  if (sizeBytes > c.KMALLOC_MAX_CACHE_SIZE) {
    const order = getOrder(sizeBytes, c.PAGE_SHIFT);
    if (order > c.MAX_PAGE_ORDER) return { path: 'fail', order, warns: !hasFlag(gfpMask, GFP_BITS.__GFP_NOWARN) };
    const pages = pow2(order);
    const blockBytes = pages * c.PAGE_SIZE;
    return { path: 'large', order, pages, blockBytes, wasteBytes: blockBytes - sizeBytes, costly: order > c.PAGE_ALLOC_COSTLY_ORDER };
  }
  const cache = kmallocSlab(sizeBytes, profile);
  const type = kmallocType(gfpMask, profile);
  return { path: 'slab', cache, cacheName: kmallocCacheName(cache, type), type, wasteBytes: cache.objectSizeBytes - sizeBytes };
}

/** ksize() of the object a placement produced: what krealloc may grow into in place. */
export function backingBytes(placement: KmallocPlacement): number {
  switch (placement.path) {
    case 'slab':
      return placement.cache.objectSizeBytes;
    case 'large':
      return placement.blockBytes;
    default:
      return 0;
  }
}

/**
 * The alignment an object is guaranteed to have: s->align for a slab object (6.11+: the largest
 * power of two dividing the size), PAGE_SIZE for a large kmalloc.
 */
export function guaranteedAlignBytes(placement: KmallocPlacement, profile: Profile): number {
  if (placement.path === 'slab') return placement.cache.alignBytes;
  if (placement.path === 'large') return profile.constants.PAGE_SIZE;
  return 0;
}

/** Flags that kmalloc_fix_flags() warns about and strips (GFP_SLAB_BUG_MASK). */
export function slabBugFlags(gfpMask: number): number {
  return gfpMask & GFP_SLAB_BUG_MASK;
}
