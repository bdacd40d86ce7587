/**
 * vm_area_alloc_pages() (mm/vmalloc.c): the physical pages behind a vmalloc area, taken from the
 * buddy allocator and split_page()d, so vfree() gives them back one order-0 page at a time.
 *
 * 6.19+ (6.19.9 and 7.1.5 mm/vmalloc.c:3632-3664, KernelRules.vmallocHighOrderFirst): first blocks
 * of order min(ilog2(pages left), MAX_PAGE_ORDER) without direct reclaim, one order lower after
 * each failure, while that order is above the mapping's page order; then the rest at the mapping's
 * order (order-0 pages in bulk, or PMD-order blocks for a huge mapping). 6.18.2 (:3591) and older
 * only take the mapping's order. Not modelled: the bulk allocator's per-CPU lists, the
 * fallback of a failed huge mapping to small pages, and fatal signals.
 */
import { ilog2 } from '../bits.js';
import type { KernelRules } from '../data/kernel-changes.js';
import type { BuddyAllocator, BuddyEvent } from './buddy-allocator.js';

export interface VmallocPages {
  /** Order-0 pfns of every page, in mapping order; null when the allocation failed (all pages were given back). */
  readonly pfns: readonly number[] | null;
  /** Blocks taken from the buddy allocator, per order (index = order). */
  readonly blocksPerOrder: readonly number[];
  /** High-order attempts that found no block (6.19+). */
  readonly failedAttempts: number;
}

/** Take `nrPages` pages at mapping order `order` (0, or the huge mapping's page order). */
export function vmAreaAllocPages(buddy: BuddyAllocator, nrPages: number, order: number, rules: KernelRules, events?: BuddyEvent[]): VmallocPages {
  const pfns: number[] = [];
  const blocksPerOrder = new Array<number>(buddy.maxOrder + 1).fill(0);
  let failedAttempts = 0;
  const take = (blockOrder: number): boolean => {
    const pfn = buddy.alloc(blockOrder, events);
    if (pfn < 0) return false;
    buddy.splitPage(pfn, blockOrder);
    for (let i = 0; i < 1 << blockOrder; i++) pfns.push(pfn + i);
    blocksPerOrder[blockOrder]!++;
    return true;
  };

  if (rules.vmallocHighOrderFirst) {
    let maxAttemptOrder = buddy.maxOrder;
    let largeOrder = Math.min(maxAttemptOrder, ilog2(nrPages));
    while (largeOrder > order && pfns.length < nrPages) {
      if (!take(largeOrder)) {
        failedAttempts++;
        maxAttemptOrder = --largeOrder;
        continue;
      }
      const remaining = nrPages - pfns.length;
      if (remaining > 0) largeOrder = Math.min(maxAttemptOrder, ilog2(remaining));
    }
  }
  while (pfns.length < nrPages) {
    if (!take(order)) {
      // __vmalloc_area_node fails and vfree()s what it got.
      for (const pfn of pfns) buddy.free(pfn, 0, events);
      return { pfns: null, blocksPerOrder, failedAttempts };
    }
  }
  return { pfns, blocksPerOrder, failedAttempts };
}
