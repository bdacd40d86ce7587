/**
 * mm/slab_common.c, kmalloc_info[] (INIT_KMALLOC_INFO) and kmalloc cache name prefixes
 * (v7.1.5; unchanged in shape since 5.x). Slot index → object size and the short size used in
 * the cache name. Slots 1 and 2 are the two non-power-of-two caches (96 and 192 bytes);
 * slot n >= 3 holds 2^n bytes.
 */
export interface KmallocInfoEntry {
  readonly index: number;
  readonly sizeBytes: number;
  readonly shortName: string;
}

export const KMALLOC_INFO: readonly KmallocInfoEntry[] = [
  { index: 1, sizeBytes: 96, shortName: '96' },
  { index: 2, sizeBytes: 192, shortName: '192' },
  { index: 3, sizeBytes: 8, shortName: '8' },
  { index: 4, sizeBytes: 16, shortName: '16' },
  { index: 5, sizeBytes: 32, shortName: '32' },
  { index: 6, sizeBytes: 64, shortName: '64' },
  { index: 7, sizeBytes: 128, shortName: '128' },
  { index: 8, sizeBytes: 256, shortName: '256' },
  { index: 9, sizeBytes: 512, shortName: '512' },
  { index: 10, sizeBytes: 1024, shortName: '1k' },
  { index: 11, sizeBytes: 2048, shortName: '2k' },
  { index: 12, sizeBytes: 4096, shortName: '4k' },
  { index: 13, sizeBytes: 8192, shortName: '8k' },
  { index: 14, sizeBytes: 16384, shortName: '16k' },
  { index: 15, sizeBytes: 32768, shortName: '32k' },
  { index: 16, sizeBytes: 65536, shortName: '64k' },
  { index: 17, sizeBytes: 131072, shortName: '128k' },
  { index: 18, sizeBytes: 262144, shortName: '256k' },
  { index: 19, sizeBytes: 524288, shortName: '512k' },
  { index: 20, sizeBytes: 1048576, shortName: '1M' },
  { index: 21, sizeBytes: 2097152, shortName: '2M' },
  { index: 22, sizeBytes: 4194304, shortName: '4M' },
  { index: 23, sizeBytes: 8388608, shortName: '8M' },
  { index: 24, sizeBytes: 16777216, shortName: '16M' },
  { index: 25, sizeBytes: 33554432, shortName: '32M' },
];

/** enum kmalloc_cache_type (include/linux/slab.h), in the kernel's spelling. */
export type KmallocType = 'KMALLOC_NORMAL' | 'KMALLOC_RANDOM' | 'KMALLOC_RECLAIM' | 'KMALLOC_CGROUP' | 'KMALLOC_DMA';

/** Name prefixes from KMALLOC_{RCL,CGROUP,DMA,RANDOM}_NAME in mm/slab_common.c. */
export const KMALLOC_NAME_PREFIX: Readonly<Record<KmallocType, string>> = {
  KMALLOC_NORMAL: 'kmalloc-',
  // CONFIG_RANDOM_KMALLOC_CACHES: 15 extra copies "kmalloc-rnd-01-" .. "kmalloc-rnd-15-";
  // the copy depends on hash_64(caller ^ seed) and cannot be known statically.
  KMALLOC_RANDOM: 'kmalloc-rnd-??-',
  KMALLOC_RECLAIM: 'kmalloc-rcl-',
  KMALLOC_CGROUP: 'kmalloc-cg-',
  KMALLOC_DMA: 'dma-kmalloc-',
};

/** RANDOM_KMALLOC_CACHES_NR (include/linux/slab.h): copies besides the normal one. */
export const RANDOM_KMALLOC_CACHES_NR = 15;

/** include/linux/slab.h: KMALLOC_SHIFT_LOW unless ARCH_KMALLOC_MINALIGN > 8 raises it. */
export const KMALLOC_SHIFT_LOW_DEFAULT = 3;
/** include/linux/slab.h: KMALLOC_SHIFT_HIGH = PAGE_SHIFT + 1 (largest slab cache: two pages). */
export const KMALLOC_SHIFT_HIGH_ABOVE_PAGE_SHIFT = 1;
/** ZERO_SIZE_PTR, returned by kmalloc(0) (include/linux/slab.h). */
export const ZERO_SIZE_PTR = 16;
/** INT_MAX: kvmalloc refuses larger sizes (mm/slub.c __kvmalloc_node_noprof). */
export const INT_MAX = 2147483647;
/** isize::MAX on 64-bit targets: Layout::array / ArrayLayout::new fail above it. */
export const ISIZE_MAX_64 = 2 ** 63 - 1;
