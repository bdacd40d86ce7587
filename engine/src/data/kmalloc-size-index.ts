/**
 * mm/slab_common.c, kmalloc_size_index[24] (v7.1.5): cache slot for requests of 1..192 bytes,
 * indexed by size_index_elem(bytes) = (bytes - 1) / 8. Above 192 bytes kmalloc_slab() uses
 * fls(size - 1). setup_kmalloc_cache_index_table() patches this table at boot when
 * KMALLOC_MIN_SIZE > 8 (see kmallocSizeIndexFor in engine/src/kmalloc-index.ts).
 */
export const KMALLOC_SIZE_INDEX: readonly number[] = [
  3, // 8
  4, // 16
  5, // 24
  5, // 32
  6, // 40
  6, // 48
  6, // 56
  6, // 64
  1, // 72
  1, // 80
  1, // 88
  1, // 96
  7, // 104
  7, // 112
  7, // 120
  7, // 128
  2, // 136
  2, // 144
  2, // 152
  2, // 160
  2, // 168
  2, // 176
  2, // 184
  2, // 192
];

/** Largest request served through KMALLOC_SIZE_INDEX (kmalloc_slab(): `if (size <= 192)`). */
export const KMALLOC_SIZE_INDEX_MAX_BYTES = 192;

/** size_index_elem() divisor (mm/slab.h). */
export const KMALLOC_SIZE_INDEX_STEP = 8;
