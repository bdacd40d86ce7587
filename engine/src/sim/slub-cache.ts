/**
 * A stateful SLUB model of one cache on one CPU and one node, with the per-CPU front end of the
 * kernel era: sheaves (7.0+), the per-CPU slab (6.x, and 6.18–6.19 kmalloc caches), or none
 * (CONFIG_SLUB_TINY). Slabs come from the given buddy allocator. A kmalloc cache takes its sheaf
 * size from s->size; a dedicated cache passes the capacity kmem_cache_create() gave it (null when
 * it has no sheaves in that kernel).
 */
import type { KernelRules } from '../data/kernel-changes.js';
import type { Profile } from '../profile.js';
import type { BuddyAllocator } from './buddy-allocator.js';
import { cpuPartialSlabs, sheafCapacity } from './per-cpu-capacity.js';
import { SlabStore, type SlabCacheShape } from './slab-store.js';
import { CpuSlabSlub } from './slub-cpu-slab.js';
import { DirectSlub } from './slub-direct.js';
import { SheavesSlub } from './slub-sheaves.js';
import type { SlubCache } from './slub-types.js';

export function createSlubCache(
  cache: SlabCacheShape,
  profile: Profile,
  frontEnd: KernelRules['slubFrontEnd'],
  buddy: BuddyAllocator,
  dedicatedSheaves?: { readonly capacity: number | null },
): SlubCache {
  const store = new SlabStore(cache, profile, buddy);
  if (profile.slubTiny) return new DirectSlub(store);
  if (dedicatedSheaves) {
    // 6.18–6.19: a cache that asked for sheaves had them in front of its per-CPU slab; the model
    // refills them from slabs directly, as 7.x does.
    if (dedicatedSheaves.capacity !== null) return new SheavesSlub(store, dedicatedSheaves.capacity);
    return new CpuSlabSlub(store, cpuPartialSlabs(cache, profile));
  }
  if (frontEnd === 'sheaves') return new SheavesSlub(store, sheafCapacity(cache, profile));
  return new CpuSlabSlub(store, cpuPartialSlabs(cache, profile));
}
