/**
 * How much the per-CPU layer holds, by cache: 6.x set_cpu_partial() + slub_set_cpu_partial(),
 * 7.0+ calculate_sheaf_capacity() (mm/slub.c). Both start from PER_CPU_OBJECTS by s->size.
 */
import { PER_CPU_OBJECTS, SLAB_SHEAF_HEADER_BYTES } from '../data/slub-tunables.js';
import { kmallocSlab } from '../kmalloc-caches.js';
import type { Profile } from '../profile.js';
import type { SlabCacheShape } from './slab-store.js';

function rowFor(slabSizeBytes: number, profile: Profile) {
  return PER_CPU_OBJECTS.find((row) => slabSizeBytes >= (row.minSizeBytes === 'PAGE_SIZE' ? profile.constants.PAGE_SIZE : row.minSizeBytes))!;
}

/** Objects per sheaf: the base capacity, raised so the sheaf struct fills its kmalloc bucket. */
export function sheafCapacity(cache: SlabCacheShape, profile: Profile): number {
  return sheafCapacityForSize(cache.slabSizeBytes, profile);
}

/** calculate_sheaf_capacity() before the explicit request: by s->size, rounded up to a kmalloc bucket. */
export function sheafCapacityForSize(slabSizeBytes: number, profile: Profile): number {
  const pointer = profile.arch.pointerBytes;
  const wanted = SLAB_SHEAF_HEADER_BYTES + rowFor(slabSizeBytes, profile).sheafCapacity * pointer;
  const bucket = kmallocSlab(wanted, profile).objectSizeBytes;
  return Math.floor((bucket - SLAB_SHEAF_HEADER_BYTES) / pointer);
}

/** s->cpu_partial_slabs: DIV_ROUND_UP(nr_objects * 2, objects per slab). */
export function cpuPartialSlabs(cache: SlabCacheShape, profile: Profile): number {
  return Math.ceil((rowFor(cache.slabSizeBytes, profile).cpuPartialObjects * 2) / cache.objectsPerSlab);
}
