/**
 * The buddy (page) allocator of mm/page_alloc.c for one zone and one migratetype:
 * free lists per order 0..MAX_PAGE_ORDER; allocation takes the first non-empty list at or
 * above the order and splits the block down (__rmqueue_smallest → expand(), which puts the upper
 * halves back); freeing merges with the buddy (pfn ^ (1 << order)) while it is free at the same
 * order (__free_one_page). Not modelled: per-CPU page lists (pcp) that serve orders
 * ≤ PAGE_ALLOC_COSTLY_ORDER in batches (they change which pfn comes back, not the order
 * arithmetic), migratetypes and fallback stealing, watermarks and reclaim.
 *
 * Memory is typed arrays indexed by pfn, so the cost per call is flat and bounded by the
 * modelled memory size.
 */
import { EngineError } from '../errors.js';

export type BuddyStart =
  /** This many bytes free, laid out as max-order blocks, then smaller blocks for the remainder. */
  | { readonly kind: 'free-bytes'; readonly bytes: number }
  /**
   * A fragmented zone: this many free blocks of each order. Each block's buddy is held by
   * someone else (reserved), so free blocks can never merge with each other.
   */
  | { readonly kind: 'free-blocks'; readonly countsPerOrder: readonly number[] };

export interface BuddyEvent {
  readonly kind: 'split' | 'merge';
  /** Order of the block before the split / after the merge. */
  readonly fromOrder: number;
  readonly toOrder: number;
  /** Split: the pfn of the half put back on the free list. Merge: the pfn of the merged block. */
  readonly pfn: number;
}

/** Pages per modelled zone at the most (4 GiB of 4 KiB pages): the arrays stay small. */
const MAX_PAGES = 1 << 20;
const NONE = -1;

export class BuddyAllocator {
  readonly maxOrder: number;
  readonly totalPages: number;
  /** Pages held by others from the start (buddies of a fragmented layout); never freed here. */
  readonly reservedPages: number;
  private readonly freeOrderAt: Int8Array;
  private readonly allocatedOrderAt: Int8Array;
  private readonly positionAt: Int32Array;
  private readonly lists: Int32Array[];
  private readonly listLength: Int32Array;
  private allocated = 0;
  /** Splits and merges so far (counted even when no event list is passed). */
  splits = 0;
  merges = 0;

  constructor(maxOrder: number, pageShift: number, start: BuddyStart) {
    if (!Number.isInteger(maxOrder) || maxOrder < 0 || maxOrder > 20) {
      throw new EngineError('invalid-argument', `MAX_PAGE_ORDER must be 0..20, got ${maxOrder}`);
    }
    this.maxOrder = maxOrder;
    const blocks: { pfn: number; order: number }[] = [];
    let pages = 0;
    let reserved = 0;
    if (start.kind === 'free-bytes') {
      if (!Number.isSafeInteger(start.bytes) || start.bytes < 0) {
        throw new EngineError('invalid-argument', `free memory must be a whole number of bytes ≥ 0, got ${start.bytes}`);
      }
      let remaining = Math.floor(start.bytes / 2 ** pageShift);
      if (remaining > MAX_PAGES) throw new EngineError('invalid-argument', `at most ${MAX_PAGES} pages (${(MAX_PAGES * 2 ** pageShift) / 2 ** 30} GiB) can be modelled`);
      for (let order = maxOrder; order >= 0; order--) {
        while (remaining >= 1 << order) {
          blocks.push({ pfn: pages, order });
          pages += 1 << order;
          remaining -= 1 << order;
        }
      }
    } else {
      const counts = start.countsPerOrder;
      if (counts.length > maxOrder + 1 || counts.some((c) => !Number.isInteger(c) || c < 0)) {
        throw new EngineError('invalid-argument', `free blocks per order: expected up to ${maxOrder + 1} whole counts ≥ 0, got [${counts.join(', ')}]`);
      }
      // Largest first so every block stays naturally aligned; each takes 2^(order+1) pages,
      // the upper half reserved (its buddy is in use). A max-order block has no buddy to merge with.
      for (let order = counts.length - 1; order >= 0; order--) {
        for (let i = 0; i < counts[order]!; i++) {
          blocks.push({ pfn: pages, order });
          const span = order === maxOrder ? 1 << order : 1 << (order + 1);
          reserved += span - (1 << order);
          pages += span;
        }
      }
      if (pages > MAX_PAGES) throw new EngineError('invalid-argument', `at most ${MAX_PAGES} pages can be modelled`);
    }
    this.totalPages = pages;
    this.reservedPages = reserved;
    this.freeOrderAt = new Int8Array(pages).fill(NONE);
    this.allocatedOrderAt = new Int8Array(pages).fill(NONE);
    this.positionAt = new Int32Array(pages);
    this.lists = [];
    this.listLength = new Int32Array(maxOrder + 1);
    for (let order = 0; order <= maxOrder; order++) this.lists.push(new Int32Array(Math.max(1, pages >> order)));
    for (const b of blocks) this.pushFree(b.order, b.pfn);
  }

  private pushFree(order: number, pfn: number): void {
    const n = this.listLength[order]!;
    this.lists[order]![n] = pfn;
    this.positionAt[pfn] = n;
    this.listLength[order] = n + 1;
    this.freeOrderAt[pfn] = order;
  }

  private removeFree(order: number, pfn: number): void {
    const list = this.lists[order]!;
    const last = this.listLength[order]! - 1;
    const at = this.positionAt[pfn]!;
    const moved = list[last]!;
    list[at] = moved;
    this.positionAt[moved] = at;
    this.listLength[order] = last;
    this.freeOrderAt[pfn] = NONE;
  }

  /** Allocate 2^order pages; the pfn, or -1 when no block is big enough (or order > MAX_PAGE_ORDER). */
  alloc(order: number, events?: BuddyEvent[]): number {
    if (order > this.maxOrder || order < 0) return NONE;
    let o = order;
    while (o <= this.maxOrder && this.listLength[o] === 0) o++;
    if (o > this.maxOrder) return NONE;
    // The most recently freed block of the list (a stack; the kernel takes the list head).
    const pfn = this.lists[o]![this.listLength[o]! - 1]!;
    this.removeFree(o, pfn);
    while (o > order) {
      o--;
      const half = pfn + (1 << o);
      this.pushFree(o, half);
      this.splits++;
      events?.push({ kind: 'split', fromOrder: o + 1, toOrder: o, pfn: half });
    }
    this.allocatedOrderAt[pfn] = order;
    this.allocated += 1 << order;
    return pfn;
  }

  /**
   * split_page(): an allocated block of 2^order pages becomes 2^order order-0 pages, each freed
   * on its own (vmalloc does this to every high-order block it maps).
   */
  splitPage(pfn: number, order: number): void {
    if (!Number.isInteger(pfn) || pfn < 0 || pfn >= this.totalPages || this.allocatedOrderAt[pfn] !== order) {
      throw new EngineError('invalid-argument', `split_page of pfn ${pfn} at order ${order}: no such allocated block`);
    }
    this.allocatedOrderAt.fill(0, pfn, pfn + (1 << order));
  }

  /** Free a block this allocator handed out, merging with free buddies. */
  free(pfn: number, order: number, events?: BuddyEvent[]): void {
    if (!Number.isInteger(pfn) || pfn < 0 || pfn >= this.totalPages || this.allocatedOrderAt[pfn] !== order) {
      throw new EngineError('invalid-argument', `free of pfn ${pfn} at order ${order}: no such allocated block (double free or wrong order)`);
    }
    this.allocatedOrderAt[pfn] = NONE;
    this.allocated -= 1 << order;
    let block = pfn;
    let o = order;
    while (o < this.maxOrder) {
      const buddy = block ^ (1 << o);
      if (buddy >= this.totalPages || this.freeOrderAt[buddy] !== o) break;
      this.removeFree(o, buddy);
      block = Math.min(block, buddy);
      o++;
      this.merges++;
      events?.push({ kind: 'merge', fromOrder: o - 1, toOrder: o, pfn: block });
    }
    this.pushFree(o, block);
  }

  /** Free blocks per order (a snapshot). */
  freeCounts(): number[] {
    return Array.from(this.listLength);
  }

  freePages(): number {
    let pages = 0;
    for (let o = 0; o <= this.maxOrder; o++) pages += this.listLength[o]! << o;
    return pages;
  }

  allocatedPages(): number {
    return this.allocated;
  }
}
