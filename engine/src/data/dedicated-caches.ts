/**
 * Dedicated slab caches (kmem_cache_create) that Rust wrappers reach, as the kernel creates
 * them: the C type whose sizeof is the object size, the kmem_cache_args and the SLAB_* flags.
 * The object size itself is not here: it comes from a CLayoutSource (the build's bindings or the
 * bundled defconfig tables), so a config that changes the struct changes the cache.
 *
 * Read in v7.1.5 (danayer/linux-7.1.5 @ 9d1745cf):
 * - lib/maple_tree.c:5630 maple_tree_init(): kmem_cache_create("maple_node", sizeof(struct maple_node),
 *   &args { .align = sizeof(struct maple_node), .sheaf_capacity = 32 }, SLAB_PANIC). The args form
 *   with sheaf_capacity arrived with sheaves (7.0); before it the same size and align without
 *   sheaf_capacity (from memory of v6.x lib/maple_tree.c, not read here).
 * - lib/radix-tree.c:1601 radix_tree_init(): kmem_cache_create("radix_tree_node",
 *   sizeof(struct radix_tree_node), 0, SLAB_PANIC | SLAB_RECLAIM_ACCOUNT, radix_tree_node_ctor);
 *   include/linux/radix-tree.h: `#define radix_tree_node xa_node`, so bindgen's type is `xa_node`.
 *   XArray nodes come from this cache (lib/xarray.c:378 xas_alloc, :341 __xas_nomem).
 * - The devres node has no cache of its own: drivers/base/devres.c:141 alloc_dr() kmallocs
 *   sizeof(struct devres) + size, and :794 __devm_add_action() kzalloc_obj(struct devres_action);
 *   see kernel-api-wrappers.ts.
 */

/** SLAB_* flags that change geometry or placement (include/linux/slab.h). */
export type SlabFlag = 'SLAB_PANIC' | 'SLAB_HWCACHE_ALIGN' | 'SLAB_RECLAIM_ACCOUNT' | 'SLAB_ACCOUNT' | 'SLAB_TYPESAFE_BY_RCU' | 'SLAB_CACHE_DMA32';

export interface DedicatedCacheRow {
  /** The cache's name in /proc/slabinfo. */
  readonly name: string;
  /** bindgen's name of the C type whose sizeof is the object size (CLayoutSource key). */
  readonly cType: string;
  /** How C spells the type, for messages. */
  readonly cTypeWritten: string;
  /** kmem_cache_args.align: a number, or 'sizeof' when the source passes sizeof(the type). */
  readonly align: number | 'sizeof';
  readonly flags: readonly SlabFlag[];
  /** A constructor moves the free pointer after the object (calculate_sizes()). */
  readonly ctor: string | null;
  /** kmem_cache_args.sheaf_capacity (7.0+), 0 when not given. */
  readonly sheafCapacity: number;
  /** file:line of the kmem_cache_create call in v7.1.5. */
  readonly source: string;
}

export const DEDICATED_CACHES: readonly DedicatedCacheRow[] = [
  {
    name: 'maple_node',
    cType: 'maple_node',
    cTypeWritten: 'struct maple_node',
    align: 'sizeof',
    flags: ['SLAB_PANIC'],
    ctor: null,
    sheafCapacity: 32,
    source: 'lib/maple_tree.c:5630',
  },
  {
    name: 'radix_tree_node',
    cType: 'xa_node',
    cTypeWritten: 'struct radix_tree_node (struct xa_node)',
    align: 0,
    flags: ['SLAB_PANIC', 'SLAB_RECLAIM_ACCOUNT'],
    ctor: 'radix_tree_node_ctor',
    sheafCapacity: 0,
    source: 'lib/radix-tree.c:1601',
  },
];
