/**
 * A Profile is everything about the machine and config that changes where an allocation lands:
 * the arch constants, the derived kmalloc limits, the CPU count SLUB sees at boot, and the
 * config switches we model. Engine functions take it as an argument; there is no global.
 */
import { ARCH_PROFILES, DEFAULT_PROFILE_NAME, MAX_NR_CPUS, type ArchProfileData } from './data/arch-profiles.js';
import { KMALLOC_SHIFT_HIGH_ABOVE_PAGE_SHIFT, KMALLOC_SHIFT_LOW_DEFAULT } from './data/kmalloc-info.js';
import { PAGE_ALLOC_COSTLY_ORDER } from './data/page-allocator.js';
import { ilog2, pow2 } from './bits.js';
import { EngineError } from './errors.js';

/** Config switches and boot facts that change the answer. Defaults match ../shared/golden. */
export interface ProfileOptions {
  /** CPUs SLUB sees when it creates the kmalloc caches (calculate_order). Default 8. */
  readonly nrCpus?: number;
  /** CONFIG_ARCH_FORCE_MAX_ORDER. */
  readonly maxPageOrder?: number;
  /** CONFIG_MEMCG (default y): __GFP_ACCOUNT selects kmalloc-cg-*. */
  readonly memcg?: boolean;
  /** CONFIG_ZONE_DMA (default y): __GFP_DMA selects dma-kmalloc-*. */
  readonly zoneDma?: boolean;
  /** CONFIG_SLUB_TINY: no kmalloc-rcl-*, slub_max_order 1, no per-CPU caching. */
  readonly slubTiny?: boolean;
  /** CONFIG_RANDOM_KMALLOC_CACHES: normal kmalloc picks one of 16 copies per call site. */
  readonly randomKmallocCaches?: boolean;
  /** __kmalloc_minalign() at boot when it exceeds ARCH_KMALLOC_MINALIGN (arm64 without swiotlb: the cache line size). */
  readonly kmallocMinalign?: number;
}

export interface KmallocConstants {
  readonly PAGE_SHIFT: number;
  readonly PAGE_SIZE: number;
  readonly MAX_PAGE_ORDER: number;
  readonly ARCH_KMALLOC_MINALIGN: number;
  readonly ARCH_DMA_MINALIGN: number;
  readonly ARCH_SLAB_MINALIGN: number;
  readonly KMALLOC_MIN_SIZE: number;
  readonly KMALLOC_SHIFT_LOW: number;
  readonly KMALLOC_SHIFT_HIGH: number;
  readonly KMALLOC_MAX_CACHE_SIZE: number;
  readonly KMALLOC_SHIFT_MAX: number;
  readonly KMALLOC_MAX_SIZE: number;
  readonly PAGE_ALLOC_COSTLY_ORDER: number;
  readonly PMD_SHIFT: number;
  readonly PMD_SIZE: number;
}

export interface Profile {
  readonly name: string;
  readonly arch: ArchProfileData;
  readonly constants: KmallocConstants;
  readonly nrCpus: number;
  readonly memcg: boolean;
  readonly zoneDma: boolean;
  readonly slubTiny: boolean;
  readonly randomKmallocCaches: boolean;
  /** Runtime __kmalloc_minalign(). */
  readonly kmallocMinalign: number;
  /** Stable key for memoising per-profile tables. */
  readonly key: string;
}

export const DEFAULT_NR_CPUS = 8;

export const PROFILE_NAMES: readonly string[] = ARCH_PROFILES.map((p) => p.name);

function requireWholeInRange(value: number, min: number, max: number, what: string): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new EngineError('invalid-argument', `${what}: expected a whole number from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
}

export function kmallocConstants(arch: ArchProfileData, maxPageOrder: number): KmallocConstants {
  const PAGE_SHIFT = arch.pageShift;
  // include/linux/slab.h: an ARCH_KMALLOC_MINALIGN above 8 raises KMALLOC_MIN_SIZE and SHIFT_LOW.
  const KMALLOC_SHIFT_LOW = arch.archKmallocMinalign > pow2(KMALLOC_SHIFT_LOW_DEFAULT) ? ilog2(arch.archKmallocMinalign) : KMALLOC_SHIFT_LOW_DEFAULT;
  const KMALLOC_SHIFT_HIGH = PAGE_SHIFT + KMALLOC_SHIFT_HIGH_ABOVE_PAGE_SHIFT;
  const KMALLOC_SHIFT_MAX = maxPageOrder + PAGE_SHIFT;
  return {
    PAGE_SHIFT,
    PAGE_SIZE: pow2(PAGE_SHIFT),
    MAX_PAGE_ORDER: maxPageOrder,
    ARCH_KMALLOC_MINALIGN: arch.archKmallocMinalign,
    ARCH_DMA_MINALIGN: arch.archDmaMinalign,
    ARCH_SLAB_MINALIGN: arch.archSlabMinalign,
    KMALLOC_MIN_SIZE: pow2(KMALLOC_SHIFT_LOW),
    KMALLOC_SHIFT_LOW,
    KMALLOC_SHIFT_HIGH,
    KMALLOC_MAX_CACHE_SIZE: pow2(KMALLOC_SHIFT_HIGH),
    KMALLOC_SHIFT_MAX,
    KMALLOC_MAX_SIZE: pow2(KMALLOC_SHIFT_MAX),
    PAGE_ALLOC_COSTLY_ORDER,
    PMD_SHIFT: arch.pmdShift,
    PMD_SIZE: pow2(arch.pmdShift),
  };
}

const profileCache = new Map<string, Profile>();

/** Look up a named profile and apply options. Unknown names are an error listing the known ones. */
export function resolveProfile(name: string = DEFAULT_PROFILE_NAME, options: ProfileOptions = {}): Profile {
  const arch = ARCH_PROFILES.find((p) => p.name === name);
  if (!arch) {
    throw new EngineError('unknown-profile', `unknown profile '${name}'; known profiles: ${PROFILE_NAMES.join(', ')}`);
  }
  const nrCpus = requireWholeInRange(options.nrCpus ?? DEFAULT_NR_CPUS, 1, MAX_NR_CPUS, 'nrCpus');
  // MAX_PAGE_ORDER must leave KMALLOC_MAX_SIZE above the largest slab cache (two pages).
  const maxPageOrder = requireWholeInRange(options.maxPageOrder ?? arch.maxPageOrder, 1, 16, 'maxPageOrder');
  const kmallocMinalign = options.kmallocMinalign ?? arch.archKmallocMinalign;
  if (!Number.isInteger(kmallocMinalign) || kmallocMinalign < arch.archKmallocMinalign || pow2(ilog2(kmallocMinalign)) !== kmallocMinalign || kmallocMinalign > 256) {
    throw new EngineError('invalid-argument', `kmallocMinalign: expected a power of two from ${arch.archKmallocMinalign} to 256, got ${String(options.kmallocMinalign)}`);
  }
  const memcg = options.memcg ?? true;
  const zoneDma = options.zoneDma ?? true;
  const slubTiny = options.slubTiny ?? false;
  const randomKmallocCaches = options.randomKmallocCaches ?? false;
  const key = [name, nrCpus, maxPageOrder, kmallocMinalign, +memcg, +zoneDma, +slubTiny, +randomKmallocCaches].join('|');
  const cached = profileCache.get(key);
  if (cached) return cached;
  const profile: Profile = {
    name,
    arch,
    constants: kmallocConstants(arch, maxPageOrder),
    nrCpus,
    memcg,
    zoneDma,
    slubTiny,
    randomKmallocCaches,
    kmallocMinalign,
    key,
  };
  profileCache.set(key, profile);
  return profile;
}

/** The options that rebuild this profile with resolveProfile() (e.g. in another thread). */
export function profileOptionsOf(profile: Profile): ProfileOptions {
  return {
    nrCpus: profile.nrCpus,
    maxPageOrder: profile.constants.MAX_PAGE_ORDER,
    memcg: profile.memcg,
    zoneDma: profile.zoneDma,
    slubTiny: profile.slubTiny,
    randomKmallocCaches: profile.randomKmallocCaches,
    kmallocMinalign: profile.kmallocMinalign,
  };
}
