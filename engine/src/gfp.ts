/**
 * GFP flags as a user writes them ("GFP_KERNEL | __GFP_ZERO", "flags::GFP_ATOMIC") to a mask,
 * and the kernel's tests on that mask: kmalloc_type() (include/linux/slab.h) and
 * gfpflags_allow_blocking() (include/linux/gfp.h).
 */
import { GFP_BITS, GFP_MASKS, RUST_EXPOSED_GFP } from './data/gfp-flags.js';
import type { KmallocType } from './data/kmalloc-info.js';
import { EngineError } from './errors.js';
import type { Profile } from './profile.js';

export interface GfpFlags {
  readonly mask: number;
  /** Canonical text, names joined by " | " as written (path prefixes dropped). */
  readonly text: string;
  readonly names: readonly string[];
}

const NAMED: ReadonlyMap<string, number> = new Map<string, number>([...Object.entries(GFP_BITS), ...Object.entries(GFP_MASKS)]);

export const KNOWN_GFP_NAMES: readonly string[] = [...NAMED.keys()];

/** Drop a Rust path prefix: `kernel::alloc::flags::GFP_KERNEL` → `GFP_KERNEL`. */
function bareName(token: string): string {
  const at = token.lastIndexOf('::');
  return at < 0 ? token : token.slice(at + 2);
}

const parsedCache = new Map<string, GfpFlags>();

/** Parse `A | B | C`. Unknown names are an error that lists the Rust-exposed flags. */
export function parseGfp(text: string): GfpFlags {
  const hit = parsedCache.get(text);
  if (hit) return hit;
  const tokens = text.split('|').map((t) => bareName(t.trim()));
  if (tokens.length === 0 || tokens.some((t) => t === '')) {
    throw new EngineError('unknown-flag', `flags '${text}': expected GFP names joined by '|', e.g. "GFP_KERNEL | __GFP_ZERO"`);
  }
  let mask = 0;
  for (const token of tokens) {
    const value = NAMED.get(token);
    if (value === undefined) {
      throw new EngineError('unknown-flag', `unknown GFP flag '${token}'; Rust code can use ${RUST_EXPOSED_GFP.join(', ')} (other C names from gfp_types.h are accepted too)`);
    }
    mask |= value;
  }
  const flags: GfpFlags = { mask: mask >>> 0, text: tokens.join(' | '), names: tokens };
  parsedCache.set(text, flags);
  return flags;
}

export function hasFlag(mask: number, bit: number): boolean {
  return (mask & bit) !== 0;
}

/** gfpflags_allow_blocking(): the allocation may sleep (direct reclaim). */
export function gfpAllowsBlocking(mask: number): boolean {
  return hasFlag(mask, GFP_BITS.__GFP_DIRECT_RECLAIM);
}

/** kmalloc_type(flags, caller) under the profile's config. */
export function kmallocType(mask: number, profile: Profile): KmallocType {
  const notNormal = GFP_BITS.__GFP_RECLAIMABLE | (profile.zoneDma ? GFP_BITS.__GFP_DMA : 0) | (profile.memcg ? GFP_BITS.__GFP_ACCOUNT : 0);
  if ((mask & notNormal) === 0) return profile.randomKmallocCaches ? 'KMALLOC_RANDOM' : 'KMALLOC_NORMAL';
  if (profile.zoneDma && hasFlag(mask, GFP_BITS.__GFP_DMA)) return 'KMALLOC_DMA';
  // With SLUB_TINY, KMALLOC_RECLAIM is KMALLOC_NORMAL.
  if (!profile.memcg || hasFlag(mask, GFP_BITS.__GFP_RECLAIMABLE)) return profile.slubTiny ? 'KMALLOC_NORMAL' : 'KMALLOC_RECLAIM';
  return 'KMALLOC_CGROUP';
}

const BIT_ENTRIES: readonly (readonly [string, number])[] = Object.entries(GFP_BITS);
const differences = new Map<string, string>();

/** Bits added and cleared between two masks, by name: "+__GFP_NOWARN -__GFP_DIRECT_RECLAIM". */
export function gfpDifference(before: number, after: number): string {
  const key = `${before}:${after}`;
  const cached = differences.get(key);
  if (cached !== undefined) return cached;
  const parts: string[] = [];
  for (const [name, bit] of BIT_ENTRIES) {
    if (!(before & bit) && after & bit) parts.push(`+${name}`);
    if (before & bit && !(after & bit)) parts.push(`-${name}`);
  }
  const text = parts.join(' ');
  differences.set(key, text);
  return text;
}
