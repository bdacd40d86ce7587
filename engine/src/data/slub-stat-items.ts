/**
 * SLUB's CONFIG_SLUB_STATS counters (mm/slub.c enum stat_item) that the simulator keeps, per
 * per-CPU front end. The names are the kernel's; each list holds only items of that kernel.
 * - sheaves: v7.1.5 mm/slub.c:338-365 (danayer/linux-7.1.5 @ 9d1745cf). ALLOC_FASTPATH counts
 *   every allocation alloc_from_pcs serves (:4776), also after a refill; ALLOC_SLOWPATH only
 *   ___slab_alloc (:4415); SHEAF_REFILL and SHEAF_FLUSH count objects (:2821, :2919).
 * - cpu-slab: 6.12.0 mm/slub.c:349-376 (shilei-massclouds/linux-6.12 @ e02d6450).
 */
export const SHEAVES_STAT_ITEMS = [
  'ALLOC_FASTPATH',
  'ALLOC_SLOWPATH',
  'FREE_FASTPATH',
  'FREE_SLOWPATH',
  'ALLOC_SLAB',
  'FREE_SLAB',
  'SHEAF_FLUSH',
  'SHEAF_REFILL',
  'SHEAF_ALLOC',
  'BARN_GET',
  'BARN_GET_FAIL',
  'BARN_PUT',
  'BARN_PUT_FAIL',
] as const;

export const CPU_SLAB_STAT_ITEMS = [
  'ALLOC_FASTPATH',
  'ALLOC_SLOWPATH',
  'FREE_FASTPATH',
  'FREE_SLOWPATH',
  'ALLOC_FROM_PARTIAL',
  'ALLOC_SLAB',
  'FREE_SLAB',
  'CPU_PARTIAL_ALLOC',
  'CPU_PARTIAL_FREE',
  'CPU_PARTIAL_NODE',
  'CPU_PARTIAL_DRAIN',
] as const;

export type SheavesStatItem = (typeof SHEAVES_STAT_ITEMS)[number];
export type CpuSlabStatItem = (typeof CPU_SLAB_STAT_ITEMS)[number];
export type SlubStatItem = SheavesStatItem | CpuSlabStatItem;
