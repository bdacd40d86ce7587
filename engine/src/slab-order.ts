/**
 * SLUB's choice of slab order: calculate_order() and calc_slab_order() of mm/slub.c (v7.1.5),
 * the same in 6.x. The order depends on the CPU count at cache creation, because min_objects
 * grows with fls(nr_cpus).
 */
import { fls64, getOrder, pow2 } from './bits.js';
import { MAX_OBJS_PER_PAGE, MIN_OBJECTS_PER_CPU_BIT, SLAB_WASTE_FRACTIONS, SLUB_MAX_ORDER, SLUB_MAX_ORDER_TINY, SLUB_MIN_ORDER } from './data/slub-tunables.js';
import type { Profile } from './profile.js';

export interface SlabGeometry {
  /** s->oo order: pages per slab = 2^order. */
  readonly order: number;
  readonly objectsPerSlab: number;
  /** (PAGE_SIZE << order) - objects * s->size: bytes that never hold an object. */
  readonly leftoverBytes: number;
  readonly slabBytes: number;
}

/** order_objects(): objects of `sizeBytes` that fit in a slab of this order. */
function orderObjects(order: number, sizeBytes: number, pageShift: number): number {
  return Math.floor(pow2(pageShift + order) / sizeBytes);
}

function calcSlabOrder(sizeBytes: number, minOrder: number, maxOrder: number, fraction: number, pageShift: number): number {
  let order = minOrder;
  for (; order <= maxOrder; order++) {
    const slabBytes = pow2(pageShift + order);
    if (slabBytes % sizeBytes <= slabBytes / fraction) break;
  }
  return order;
}

export function slubMaxOrder(profile: Profile): number {
  return profile.slubTiny ? SLUB_MAX_ORDER_TINY : SLUB_MAX_ORDER;
}

/** calculate_order(s->size) → s->oo for a cache of objects of `slabSizeBytes` (s->size). */
export function calculateOrder(slabSizeBytes: number, profile: Profile): number {
  const { PAGE_SHIFT, MAX_PAGE_ORDER } = profile.constants;
  const maxOrder = slubMaxOrder(profile);
  // slub_min_objects unset: 4 * (fls(nr_cpus) + 1).
  let minObjects = MIN_OBJECTS_PER_CPU_BIT * (fls64(profile.nrCpus) + 1);
  const maxObjects = Math.max(orderObjects(maxOrder, slabSizeBytes, PAGE_SHIFT), 1);
  minObjects = Math.min(minObjects, maxObjects);
  const minOrder = Math.max(SLUB_MIN_ORDER, getOrder(minObjects * slabSizeBytes, PAGE_SHIFT));
  if (orderObjects(minOrder, slabSizeBytes, PAGE_SHIFT) > MAX_OBJS_PER_PAGE) {
    return getOrder(slabSizeBytes * MAX_OBJS_PER_PAGE, PAGE_SHIFT) - 1;
  }
  for (const fraction of SLAB_WASTE_FRACTIONS) {
    const order = calcSlabOrder(slabSizeBytes, minOrder, maxOrder, fraction, PAGE_SHIFT);
    if (order <= maxOrder) return order;
  }
  // "Doh this slab cannot be placed using slab_max_order."
  const order = getOrder(slabSizeBytes, PAGE_SHIFT);
  return order <= MAX_PAGE_ORDER ? order : -1;
}

export function slabGeometry(slabSizeBytes: number, profile: Profile): SlabGeometry {
  const order = calculateOrder(slabSizeBytes, profile);
  const slabBytes = pow2(profile.constants.PAGE_SHIFT + order);
  const objectsPerSlab = Math.floor(slabBytes / slabSizeBytes);
  return { order, objectsPerSlab, leftoverBytes: slabBytes - objectsPerSlab * slabSizeBytes, slabBytes };
}
