/**
 * The kmalloc caches a booted kernel has, and which one a request size picks.
 * Mirrors setup_kmalloc_cache_index_table(), new_kmalloc_cache() and create_kmalloc_caches()
 * (mm/slab_common.c), create_boot_cache()'s alignment, and kmalloc_slab() / __kmalloc_index()
 * (mm/slab.h, include/linux/slab.h), all v7.1.5. Built once per profile and memoised.
 */
import { alignUp, fls64, largestPowerOfTwoDivisor } from './bits.js';
import { KMALLOC_INFO, KMALLOC_NAME_PREFIX, type KmallocType } from './data/kmalloc-info.js';
import { KMALLOC_SIZE_INDEX, KMALLOC_SIZE_INDEX_MAX_BYTES, KMALLOC_SIZE_INDEX_STEP } from './data/kmalloc-size-index.js';
import type { Profile } from './profile.js';
import { slabGeometry, type SlabGeometry } from './slab-order.js';

export interface KmallocCache extends SlabGeometry {
  /** Slot in kmalloc_caches[type][] that owns the cache (after boot-time aliasing). */
  readonly index: number;
  readonly shortName: string;
  /** s->object_size */
  readonly objectSizeBytes: number;
  /** s->size (equal to object_size without debug or KASAN metadata) */
  readonly slabSizeBytes: number;
  /** s->align: every object is aligned to this. */
  readonly alignBytes: number;
}

export interface KmallocCacheTable {
  /** kmalloc_caches[KMALLOC_NORMAL][slot], aliases resolved; undefined for unused slots. */
  readonly bySlot: readonly (KmallocCache | undefined)[];
  /** kmalloc_size_index[] after setup_kmalloc_cache_index_table(). */
  readonly sizeIndex: readonly number[];
  /** Distinct caches in size order. */
  readonly caches: readonly KmallocCache[];
}

/** size_index_elem() */
function sizeIndexElem(bytes: number): number {
  return Math.floor((bytes - 1) / KMALLOC_SIZE_INDEX_STEP);
}

/** setup_kmalloc_cache_index_table(): redirect tiny sizes when KMALLOC_MIN_SIZE > 8. */
function kmallocSizeIndexFor(profile: Profile): number[] {
  const { KMALLOC_MIN_SIZE, KMALLOC_SHIFT_LOW } = profile.constants;
  const table = [...KMALLOC_SIZE_INDEX];
  for (let i = KMALLOC_SIZE_INDEX_STEP; i < KMALLOC_MIN_SIZE; i += KMALLOC_SIZE_INDEX_STEP) {
    const elem = sizeIndexElem(i);
    if (elem >= table.length) break;
    table[elem] = KMALLOC_SHIFT_LOW;
  }
  const slot96 = KMALLOC_INFO.find((e) => e.index === 1)!;
  const slot192 = KMALLOC_INFO.find((e) => e.index === 2)!;
  if (KMALLOC_MIN_SIZE >= 64) {
    // The 96-byte cache is not used if the alignment is 64 bytes.
    for (let i = 64 + KMALLOC_SIZE_INDEX_STEP; i <= slot96.sizeBytes; i += KMALLOC_SIZE_INDEX_STEP) table[sizeIndexElem(i)] = 7;
  }
  if (KMALLOC_MIN_SIZE >= 128) {
    // The 192-byte cache is not used if the alignment is 128 bytes.
    for (let i = 128 + KMALLOC_SIZE_INDEX_STEP; i <= slot192.sizeBytes; i += KMALLOC_SIZE_INDEX_STEP) table[sizeIndexElem(i)] = 8;
  }
  return table;
}

/**
 * __kmalloc_index(size): the slot a compile-time-constant size picks. Same slots as
 * kmalloc_slab() for every size, as the golden self-check confirms.
 */
export function kmallocIndex(sizeBytes: number, profile: Profile): number {
  const { KMALLOC_MIN_SIZE, KMALLOC_SHIFT_LOW } = profile.constants;
  if (sizeBytes === 0) return 0;
  if (sizeBytes <= KMALLOC_MIN_SIZE) return KMALLOC_SHIFT_LOW;
  if (KMALLOC_MIN_SIZE <= 32 && sizeBytes > 64 && sizeBytes <= 96) return 1;
  if (KMALLOC_MIN_SIZE <= 64 && sizeBytes > 128 && sizeBytes <= 192) return 2;
  // if (size <= 8) return 3; ... if (size <= 32M) return 25: the smallest 2^n >= size.
  return Math.max(3, fls64(sizeBytes - 1));
}

function infoFor(index: number) {
  const info = KMALLOC_INFO.find((e) => e.index === index);
  if (!info) throw new Error(`kmalloc_info has no slot ${index}`);
  return info;
}

function buildTable(profile: Profile): KmallocCacheTable {
  const { KMALLOC_SHIFT_LOW, KMALLOC_SHIFT_HIGH, KMALLOC_MIN_SIZE, ARCH_KMALLOC_MINALIGN, ARCH_SLAB_MINALIGN } = profile.constants;
  const minalign = profile.kmallocMinalign;
  const bySlot: (KmallocCache | undefined)[] = [];

  const newKmallocCache = (idx: number): void => {
    let alignedSize = infoFor(idx).sizeBytes;
    let alignedIdx = idx;
    if (minalign > ARCH_KMALLOC_MINALIGN) {
      alignedSize = alignUp(alignedSize, minalign);
      alignedIdx = kmallocIndex(alignedSize, profile);
    }
    if (!bySlot[alignedIdx]) {
      // create_boot_cache(): SLAB_KMALLOC caches are aligned to the largest power of two
      // dividing their size, at least ARCH_KMALLOC_MINALIGN; calculate_alignment() then
      // applies ARCH_SLAB_MINALIGN and rounds to sizeof(void *).
      const align = alignUp(Math.max(ARCH_KMALLOC_MINALIGN, largestPowerOfTwoDivisor(alignedSize), ARCH_SLAB_MINALIGN), profile.arch.pointerBytes);
      const slabSizeBytes = alignUp(alignedSize, align);
      bySlot[alignedIdx] = {
        index: alignedIdx,
        shortName: infoFor(alignedIdx).shortName,
        objectSizeBytes: alignedSize,
        slabSizeBytes,
        alignBytes: align,
        ...slabGeometry(slabSizeBytes, profile),
      };
    }
    if (idx !== alignedIdx) bySlot[idx] = bySlot[alignedIdx];
  };

  // create_kmalloc_caches(): the 96- and 192-byte caches are made right after 64 and 128.
  for (let i = KMALLOC_SHIFT_LOW; i <= KMALLOC_SHIFT_HIGH; i++) {
    if (!bySlot[i]) newKmallocCache(i);
    if (KMALLOC_MIN_SIZE <= 32 && i === 6 && !bySlot[1]) newKmallocCache(1);
    if (KMALLOC_MIN_SIZE <= 64 && i === 7 && !bySlot[2]) newKmallocCache(2);
  }
  const caches = [...new Set(bySlot.filter((c): c is KmallocCache => c !== undefined))].sort((a, b) => a.objectSizeBytes - b.objectSizeBytes);
  return { bySlot, sizeIndex: kmallocSizeIndexFor(profile), caches };
}

const tables = new Map<string, KmallocCacheTable>();

export function kmallocCacheTable(profile: Profile): KmallocCacheTable {
  let table = tables.get(profile.key);
  if (!table) {
    table = buildTable(profile);
    tables.set(profile.key, table);
  }
  return table;
}

/** kmalloc_slab(): the cache for 1..KMALLOC_MAX_CACHE_SIZE bytes. */
export function kmallocSlab(sizeBytes: number, profile: Profile): KmallocCache {
  const table = kmallocCacheTable(profile);
  const slot = sizeBytes <= KMALLOC_SIZE_INDEX_MAX_BYTES ? table.sizeIndex[sizeIndexElem(sizeBytes)]! : fls64(sizeBytes - 1);
  const cache = table.bySlot[slot];
  if (!cache) throw new Error(`no kmalloc cache at slot ${slot} for ${sizeBytes} bytes on ${profile.name}`);
  return cache;
}

/** The cache's name for a kmalloc type, in the kernel's spelling ("kmalloc-cg-1k"). */
export function kmallocCacheName(cache: KmallocCache, type: KmallocType): string {
  return KMALLOC_NAME_PREFIX[type] + cache.shortName;
}
