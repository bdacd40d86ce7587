/**
 * SLUB constants (mm/slub.c, v7.1.5 unless noted) that decide slab orders and the per-CPU layers.
 */
import { PAGE_ALLOC_COSTLY_ORDER } from './page-allocator.js';

/** slub_min_order default (no slab_min_order= parameter). */
export const SLUB_MIN_ORDER = 0;
/** slub_max_order default: PAGE_ALLOC_COSTLY_ORDER, or 1 with CONFIG_SLUB_TINY. */
export const SLUB_MAX_ORDER = PAGE_ALLOC_COSTLY_ORDER;
export const SLUB_MAX_ORDER_TINY = 1;
/** MAX_OBJS_PER_PAGE: objects a slab can count (slab->objects is 15 bits). */
export const MAX_OBJS_PER_PAGE = 32767;
/** calculate_order(): min_objects = MIN_OBJECTS_PER_CPU_BIT * (fls(nr_cpus) + 1). */
export const MIN_OBJECTS_PER_CPU_BIT = 4;
/** calculate_order(): acceptable leftover fractions tried in turn (1/16, 1/8, 1/4, 1/2). */
export const SLAB_WASTE_FRACTIONS: readonly number[] = [16, 8, 4, 2];

/**
 * Object-count thresholds by s->size shared by two kernels' per-CPU layers:
 * - 6.x set_cpu_partial(): 6 / 24 / 52 / 120 objects kept on per-CPU partial slabs;
 * - 7.0+ calculate_sheaf_capacity(): 4 / 12 / 26 / 60 objects per sheaf (half, as there are
 *   two per-CPU sheaves), then rounded up so the sheaf itself is a full kmalloc bucket.
 * Rows: s->size at least `minSizeBytes` ("PAGE_SIZE" means the profile's page size).
 */
export interface PerCpuObjectsRow {
  readonly minSizeBytes: number | 'PAGE_SIZE';
  readonly cpuPartialObjects: number;
  readonly sheafCapacity: number;
}

export const PER_CPU_OBJECTS: readonly PerCpuObjectsRow[] = [
  { minSizeBytes: 'PAGE_SIZE', cpuPartialObjects: 6, sheafCapacity: 4 },
  { minSizeBytes: 1024, cpuPartialObjects: 24, sheafCapacity: 12 },
  { minSizeBytes: 256, cpuPartialObjects: 52, sheafCapacity: 26 },
  { minSizeBytes: 0, cpuPartialObjects: 120, sheafCapacity: 60 },
];

/**
 * struct slab_sheaf header before objects[] on 64-bit (mm/slub.c): a 16-byte union
 * (rcu_head / barn_list / {capacity, pfmemalloc}), cache pointer 8, size 4, node 4.
 */
export const SLAB_SHEAF_HEADER_BYTES = 32;
/** MAX_FULL_SHEAVES / MAX_EMPTY_SHEAVES: sheaves a per-node barn keeps (mm/slub.c). */
export const BARN_MAX_FULL_SHEAVES = 10;
export const BARN_MAX_EMPTY_SHEAVES = 10;

/** set_min_partial(s, ilog2(s->size) / 2), clamped to [MIN_PARTIAL, MAX_PARTIAL]. */
export const MIN_PARTIAL = 5;
export const MAX_PARTIAL = 10;
