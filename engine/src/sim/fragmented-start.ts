/**
 * A buddy allocator as a long-running machine leaves it: plenty of free memory, but only in
 * blocks up to PAGE_ALLOC_COSTLY_ORDER, each one's buddy held by someone else so nothing merges.
 * A costly-order request (order > 3) then fails the way it does in the field, with memory free,
 * while slab refills and small page blocks still succeed. The shape is illustrative, not a
 * measurement: the same free bytes at every order from 0 to PAGE_ALLOC_COSTLY_ORDER.
 */
import type { Profile } from '../profile.js';
import type { BuddyStart } from './buddy-allocator.js';

/** Free memory per order of the fragmented start (64 MiB at each of orders 0..3: 256 MiB free). */
const FREE_BYTES_PER_ORDER = 64 << 20;

export function fragmentedStart(profile: Profile): BuddyStart {
  const c = profile.constants;
  const countsPerOrder = Array.from({ length: c.MAX_PAGE_ORDER + 1 }, (_, order) => (order <= c.PAGE_ALLOC_COSTLY_ORDER ? Math.floor(FREE_BYTES_PER_ORDER / 2 ** (c.PAGE_SHIFT + order)) : 0));
  return { kind: 'free-blocks', countsPerOrder };
}
