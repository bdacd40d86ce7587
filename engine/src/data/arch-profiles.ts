/**
 * Per-architecture constants that decide kmalloc, page-allocator and vmalloc placement.
 * Base: x86_64; the arm64 profiles are written as changes to it (damage-calc style).
 *
 * Sources (Linux v7.1.5, the tree behind ../shared/golden/profiles.tsv):
 * - PAGE_SHIFT: include/vdso/page.h = CONFIG_PAGE_SHIFT; arch/Kconfig defaults 12/14/16;
 *   arch/arm64/Kconfig ARM64_{4K,16K,64K}_PAGES (default 4K). x86_64 is always 4K.
 * - MAX_PAGE_ORDER: include/linux/mmzone.h (10 unless CONFIG_ARCH_FORCE_MAX_ORDER);
 *   arch/arm64/Kconfig ARCH_FORCE_MAX_ORDER defaults 10 (4K) / 11 (16K) / 13 (64K).
 * - ARCH_KMALLOC_MINALIGN / ARCH_DMA_MINALIGN: arch/arm64/include/asm/cache.h (8 / 128);
 *   x86 defines neither, so include/linux/slab.h and include/linux/cache.h give 8.
 * - ARCH_SLAB_MINALIGN: include/linux/slab.h default __alignof__(unsigned long long) = 8.
 * - cache_line_size() (SLAB_HWCACHE_ALIGN): a boot-time value, x86 boot_cpu_data.x86_cache_alignment,
 *   arm64 4 << CTR_EL0.CWG (arch/arm64/include/asm/cache.h); 64 on the common CPUs of both.
 * - PMD_SHIFT: arch/x86 (21); arch/arm64/include/asm/pgtable-hwdef.h (21 / 25 / 29).
 * - CONT_PTE_SHIFT: arch/arm64/include/asm/pgtable-hwdef.h (16 / 21 / 21); used by
 *   arch_vmap_pte_supported_shift() in arch/arm64/include/asm/vmalloc.h. x86 has none.
 */
export type ArchName = 'x86_64' | 'arm64';

export interface ArchProfileData {
  readonly name: string;
  readonly arch: ArchName;
  readonly pageShift: number;
  readonly maxPageOrder: number;
  readonly archKmallocMinalign: number;
  readonly archDmaMinalign: number;
  readonly archSlabMinalign: number;
  readonly pmdShift: number;
  /** arm64 contiguous-PTE hint used for huge vmalloc below PMD_SIZE; null where the arch has none. */
  readonly contPteShift: number | null;
  /** sizeof(void *) */
  readonly pointerBytes: number;
  /** cache_line_size() at boot, as SLAB_HWCACHE_ALIGN uses it. */
  readonly cacheLineBytes: number;
  readonly description: string;
}

const X86_64: ArchProfileData = {
  name: 'x86_64',
  arch: 'x86_64',
  pageShift: 12,
  maxPageOrder: 10,
  archKmallocMinalign: 8,
  archDmaMinalign: 8,
  archSlabMinalign: 8,
  pmdShift: 21,
  contPteShift: null,
  pointerBytes: 8,
  cacheLineBytes: 64,
  description: 'x86_64, 4 KiB pages',
};

const ARM64_4K: ArchProfileData = {
  ...X86_64,
  name: 'arm64-4k',
  arch: 'arm64',
  archDmaMinalign: 128,
  contPteShift: 16,
  description: 'arm64, 4 KiB pages',
};

const ARM64_16K: ArchProfileData = {
  ...ARM64_4K,
  name: 'arm64-16k',
  pageShift: 14,
  maxPageOrder: 11,
  pmdShift: 25,
  contPteShift: 21,
  description: 'arm64, 16 KiB pages',
};

const ARM64_64K: ArchProfileData = {
  ...ARM64_4K,
  name: 'arm64-64k',
  pageShift: 16,
  maxPageOrder: 13,
  pmdShift: 29,
  contPteShift: 21,
  description: 'arm64, 64 KiB pages',
};

export const ARCH_PROFILES: readonly ArchProfileData[] = [X86_64, ARM64_4K, ARM64_16K, ARM64_64K];

export const DEFAULT_PROFILE_NAME = 'x86_64';

/** Largest CONFIG_NR_CPUS any modelled arch allows (arch/x86/Kconfig NR_CPUS_RANGE_END with MAXSMP). */
export const MAX_NR_CPUS = 8192;
