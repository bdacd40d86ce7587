/**
 * A stateful SLUB model of one kmalloc cache on one CPU and one node, with the per-CPU front
 * end of the kernel era: sheaves (7.0+), the per-CPU slab (6.x, and 6.18–6.19 kmalloc caches),
 * or none (CONFIG_SLUB_TINY). Slabs come from the given buddy allocator.
 */
import type { KernelRules } from '../data/kernel-changes.js';
import type { KmallocCache } from '../kmalloc-caches.js';
import type { Profile } from '../profile.js';
import type { BuddyAllocator } from './buddy-allocator.js';
import { cpuPartialSlabs, sheafCapacity } from './per-cpu-capacity.js';
import { SlabStore } from './slab-store.js';
import { CpuSlabSlub } from './slub-cpu-slab.js';
import { DirectSlub } from './slub-direct.js';
import { SheavesSlub } from './slub-sheaves.js';
import type { SlubCache } from './slub-types.js';

export function createSlubCache(cache: KmallocCache, profile: Profile, frontEnd: KernelRules['slubFrontEnd'], buddy: BuddyAllocator): SlubCache {
  const store = new SlabStore(cache, profile, buddy);
  if (profile.slubTiny) return new DirectSlub(store);
  if (frontEnd === 'sheaves') return new SheavesSlub(store, sheafCapacity(cache, profile));
  return new CpuSlabSlub(store, cpuPartialSlabs(cache, profile));
}
