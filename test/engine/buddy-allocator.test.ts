import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { EngineError } from '../../engine/src/errors.js';
import { BuddyAllocator, type BuddyEvent } from '../../engine/src/sim/buddy-allocator.js';

const MIB = 1 << 20;

describe('buddy allocator', () => {
  test('an order-0 page from one max-order block splits MAX_PAGE_ORDER times, and merges back on free', () => {
    const buddy = new BuddyAllocator(10, 12, { kind: 'free-bytes', bytes: 4 * MIB });
    expect(buddy.freeCounts()).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    const events: BuddyEvent[] = [];
    const pfn = buddy.alloc(0, events);
    expect(pfn).toBe(0);
    expect(events.map((e) => `${e.kind} ${e.fromOrder}->${e.toOrder} @${e.pfn}`)).toEqual([
      'split 10->9 @512',
      'split 9->8 @256',
      'split 8->7 @128',
      'split 7->6 @64',
      'split 6->5 @32',
      'split 5->4 @16',
      'split 4->3 @8',
      'split 3->2 @4',
      'split 2->1 @2',
      'split 1->0 @1',
    ]);
    expect(buddy.freeCounts()).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0]);
    const merges: BuddyEvent[] = [];
    buddy.free(pfn, 0, merges);
    expect(merges).toHaveLength(10);
    expect(buddy.freeCounts()).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  });

  test('a remainder that is not a max-order block is laid out in smaller blocks', () => {
    const buddy = new BuddyAllocator(10, 12, { kind: 'free-bytes', bytes: 4 * MIB + 12 * 4096 });
    expect(buddy.freeCounts()).toEqual([0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1]);
    expect(buddy.freePages()).toBe(1024 + 12);
  });

  test('fragmented: 64 free order-0 pages cannot serve one order-2 block', () => {
    const buddy = new BuddyAllocator(10, 12, { kind: 'free-blocks', countsPerOrder: [64] });
    expect(buddy.freePages()).toBe(64);
    expect(buddy.alloc(2)).toBe(-1);
    expect(buddy.alloc(0)).toBeGreaterThanOrEqual(0);
  });

  test('order above MAX_PAGE_ORDER fails (the kernel WARNs and returns NULL)', () => {
    const buddy = new BuddyAllocator(10, 12, { kind: 'free-bytes', bytes: 64 * MIB });
    expect(buddy.alloc(11)).toBe(-1);
  });

  test('split_page: an order-3 block becomes 8 order-0 pages, freed one by one and merged back', () => {
    const buddy = new BuddyAllocator(10, 12, { kind: 'free-bytes', bytes: 4 * MIB });
    const pfn = buddy.alloc(3);
    buddy.splitPage(pfn, 3);
    expect(() => buddy.free(pfn, 3)).toThrow(/no such allocated block/);
    expect(() => buddy.splitPage(pfn, 3)).toThrow(EngineError);
    for (let i = 0; i < 8; i++) buddy.free(pfn + i, 0);
    expect(buddy.allocatedPages()).toBe(0);
    expect(buddy.freeCounts()).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  });

  test('a double free or a wrong order is a clear error', () => {
    const buddy = new BuddyAllocator(10, 12, { kind: 'free-bytes', bytes: 4 * MIB });
    const pfn = buddy.alloc(3);
    expect(() => buddy.free(pfn, 2)).toThrow(EngineError);
    buddy.free(pfn, 3);
    expect(() => buddy.free(pfn, 3)).toThrow(/double free or wrong order/);
  });

  test('property: any sequence of allocs and frees keeps pages constant, blocks disjoint, and freeing all restores the start', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 1, max: 64 }).map((mib) => ({ kind: 'free-bytes' as const, bytes: mib * MIB + 4096 * (mib % 7) })),
          fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 11 }).map((counts) => ({ kind: 'free-blocks' as const, countsPerOrder: counts })),
        ),
        fc.array(fc.record({ alloc: fc.boolean(), order: fc.integer({ min: 0, max: 10 }), pick: fc.nat() }), { maxLength: 300 }),
        (start, ops) => {
          const buddy = new BuddyAllocator(10, 12, start);
          const initial = buddy.freeCounts();
          const usable = buddy.totalPages - buddy.reservedPages;
          const live: { pfn: number; order: number }[] = [];
          for (const op of ops) {
            if (op.alloc || live.length === 0) {
              const pfn = buddy.alloc(op.order);
              if (pfn >= 0) {
                expect(pfn % (1 << op.order)).toBe(0);
                for (const b of live) expect(pfn + (1 << op.order) <= b.pfn || b.pfn + (1 << b.order) <= pfn).toBe(true);
                live.push({ pfn, order: op.order });
              }
            } else {
              const [b] = live.splice(op.pick % live.length, 1);
              buddy.free(b!.pfn, b!.order);
            }
            expect(buddy.freePages() + buddy.allocatedPages()).toBe(usable);
          }
          for (const b of live) buddy.free(b.pfn, b.order);
          expect(buddy.freeCounts()).toEqual(initial);
        },
      ),
      { numRuns: 300 },
    );
  });
});
