/**
 * explain() for the kernel APIs of issue 12: every exact name answers, with the dedicated cache,
 * page order or DMA paths the v7.1.5 source gives, and the chain down to the allocator leaf.
 * Numbers are worked out by hand in the comments (x86_64, 8 CPUs, 4 KiB pages).
 */
import { describe, expect, test } from 'vitest';
import { EngineError } from '../../engine/src/errors.js';
import { explain, type ExplainInput } from '../../engine/src/explain.js';
import { structSizesSource } from './struct-sizes-source.js';

const cLayouts = structSizesSource('x86_64-defconfig');
const frames = (o: { chain: readonly { frame: string }[] }) => o.chain.map((f) => f.frame);
const run = (input: ExplainInput) => explain({ cLayouts, ...input });

describe('dedicated caches', () => {
  test.each(['MapleTree::insert', 'MapleTree::insert_range', 'MapleTreeAlloc::alloc_range'])('%s → maple_node, 256 B, worst case preallocated', (api) => {
    const o = run({ api });
    expect(o).toMatchObject({ path: 'slab', allocator: 'kmem_cache', cache: 'maple_node', objectSize: 256, slabOrder: 1, objectsPerSlab: 32 });
    expect(o.kmemCache?.sheafCapacity).toBe(32);
    // mas_prealloc_calc: 3 × MAPLE_HEIGHT_MAX (31) + 1 for a spanning store.
    expect(o.objects).toMatchObject({ typical: 1, worstCase: 94 });
    expect(o.objects!.why).toMatch(/worst case/);
    const chain = frames(o);
    expect(chain.at(0)).toBe(api);
    expect(chain).toEqual(expect.arrayContaining(['mas_nomem', 'mas_alloc_nodes', 'kmem_cache_alloc_noprof', 'alloc_from_pcs']));
    expect(chain.indexOf(api.endsWith('alloc_range') ? 'mtree_alloc_range' : 'mtree_insert_range')).toBeGreaterThan(0);
  });

  test('XArray::store → __xa_store → xas_alloc → kmem_cache_alloc_lru(radix_tree_node)', () => {
    const o = run({ api: 'XArray::store', flags: 'GFP_KERNEL' });
    expect(o).toMatchObject({ cache: 'radix_tree_node', objectSize: 576, slabOrder: 2, objectsPerSlab: 28 });
    expect(o.kmemCache?.slabSize).toBe(584);
    // ⌈64 / XA_CHUNK_SHIFT 6⌉ levels.
    expect(o.objects?.worstCase).toBe(11);
    expect(frames(o)).toEqual(['XArray::store', '__xa_store', 'xas_store', 'xas_alloc', '__xas_nomem', 'kmem_cache_alloc_lru', 'kmem_cache_alloc_lru_noprof', 'slab_alloc_node', 'alloc_from_pcs']);
  });

  test('without C layouts the cache is named and the object size is unknown, with the reason', () => {
    const o = explain({ api: 'MapleTree::insert' });
    expect(o.cache).toBe('maple_node');
    expect(o.objectSize).toBeNull();
    expect(o.notes.join('\n')).toMatch(/object size unknown: .*sizeof\(struct maple_node\)/);
  });

  test('6.18 chains: maple_node had sheaves of 32 (opted in), the XArray cache none', () => {
    expect(run({ api: 'MapleTree::insert', kernel: '6.18' }).kmemCache?.sheafCapacity).toBe(32);
    const xa = run({ api: 'XArray::store', kernel: '6.18' });
    expect(xa.kmemCache?.sheafCapacity).toBeNull();
    expect(frames(xa)).toContain('__slab_alloc_node');
  });

  test('an API before its release is an unknown-api error that names the release', () => {
    expect(() => run({ api: 'MapleTree::insert', kernel: '6.12' })).toThrow(/needs kernel 6\.18 or later/);
    try {
      run({ api: 'MapleTree::insert', kernel: '6.12' });
    } catch (error) {
      expect((error as EngineError).code).toBe('unknown-api');
    }
  });
});

describe('the page allocator and DMA', () => {
  test('Page::alloc_page is order 0 through rust_helper_alloc_pages', () => {
    const o = run({ api: 'Page::alloc_page', flags: 'GFP_KERNEL | __GFP_ZERO' });
    expect(o).toMatchObject({ path: 'pages', allocator: 'page_alloc', order: 0, pages: 1, objectSize: 4096, costly: false });
    expect(frames(o)).toEqual(['Page::alloc_page', 'rust_helper_alloc_pages', 'alloc_pages', 'alloc_pages_noprof', 'alloc_frozen_pages_noprof', 'alloc_pages_mpol', '__alloc_frozen_pages_noprof']);
  });

  test('bindings::alloc_pages takes the order; above MAX_PAGE_ORDER it fails', () => {
    expect(run({ api: 'bindings::alloc_pages', order: 4 })).toMatchObject({ path: 'pages', order: 4, pages: 16, costly: true });
    expect(run({ api: 'bindings::alloc_pages', order: 11 })).toMatchObject({ path: 'fail', order: 11 });
    expect(() => run({ api: 'bindings::alloc_pages' })).toThrow(/page order/);
  });

  test('CoherentAllocation::alloc_coherent(dev, 3000, ..) of u32: PAGE_ALIGN(12000) → order 2, the dma-direct answer marked as assumed', () => {
    const o = run({ api: 'CoherentAllocation::alloc_coherent', kernel: '6.15', count: 3000, element: { sizeBytes: 4, alignBytes: 4 } });
    // 12000 B → PAGE_ALIGN 12288 → get_order = 2 (16 KiB), 4384 B unused.
    expect(o).toMatchObject({ path: 'dma', allocator: 'dma', order: 2, pages: 4, wasteBytes: 16384 - 12000 });
    expect(o.dma).toMatchObject({ assumed: 'dma-direct', alignedBytes: 12288, order: 2 });
    expect(o.dma!.paths.map((p) => p.path)).toEqual(['dma-direct', 'dev-coherent-pool', 'cma', 'swiotlb', 'atomic-pool', 'iommu']);
    expect(frames(o)).toEqual(expect.arrayContaining(['dma_alloc_attrs', 'dma_direct_alloc', '__dma_direct_alloc_pages', 'dma_alloc_contiguous', '__alloc_pages_noprof']));
  });

  test('CoherentAllocation::alloc_coherent in 7.1.5 says dma::Coherent replaced it; Coherent::zeroed_slice answers natively', () => {
    const old = run({ api: 'CoherentAllocation::alloc_coherent', count: 16, element: { sizeBytes: 8 } });
    expect(old.notes[0]).toMatch(/Coherent::<\[T\]>::zeroed_slice/);
    const now = run({ api: 'Coherent::zeroed_slice', count: 1024, element: { sizeBytes: 64, alignBytes: 8 } });
    // 64 KiB → order 4 > PAGE_ALLOC_COSTLY_ORDER.
    expect(now).toMatchObject({ path: 'dma', order: 4, costly: true });
    expect(frames(now).slice(0, 3)).toEqual(['Coherent::zeroed_slice', 'Coherent::alloc_slice_with_attrs', 'dma_alloc_attrs']);
  });

  test('a non-blocking GFP rules out CMA and may use the atomic pool', () => {
    const o = run({ api: 'Coherent::zeroed', sizeBytes: 8192, flags: 'GFP_ATOMIC' });
    const cma = o.dma!.paths.find((p) => p.path === 'cma')!;
    expect(cma.when).toMatch(/^never/);
    expect(o.dma!.paths.find((p) => p.path === 'atomic-pool')!.when).not.toMatch(/^never/);
  });
});

describe('wrappers that kmalloc', () => {
  test('BitmapVec::new: up to 64 bits inline; 4096 bits → bitmap_zalloc of 512 B', () => {
    expect(run({ api: 'BitmapVec::new', count: 64 })).toMatchObject({ path: 'none', chain: [expect.objectContaining({ frame: 'BitmapVec::new' })] });
    const o = run({ api: 'BitmapVec::new', count: 4096 });
    expect(o).toMatchObject({ path: 'slab', cache: 'kmalloc-512', objectSize: 512 });
    expect(frames(o).slice(0, 6)).toEqual(['BitmapVec::new', 'bitmap_zalloc', 'bitmap_alloc', 'kmalloc_array', 'kmalloc_array_noprof', '__kmalloc_noprof']);
    // 2^20 bits = 128 KiB: order 5, a costly large kmalloc.
    expect(run({ api: 'BitmapVec::new', count: 1 << 20 })).toMatchObject({ path: 'large', order: 5, costly: true });
    expect(run({ api: 'BitmapVec::new', count: 2 ** 31 })).toMatchObject({ path: 'fail' });
  });

  test('IdPool::with_capacity raises the count to 64, which stays inline', () => {
    expect(run({ api: 'IdPool::with_capacity', count: 10 }).path).toBe('none');
    expect(run({ api: 'IdPool::with_capacity', count: 1000 })).toMatchObject({ path: 'slab', cache: 'kmalloc-128' });
  });

  test('CpumaskVar::new: nothing on x86_64 defconfig; kmalloc of cpumask_size() with arm64’s CPUMASK_OFFSTACK', () => {
    expect(run({ api: 'CpumaskVar::new' }).path).toBe('none');
    // arm64 NR_CPUS 512 > 4 × 64: nr_cpu_ids (8) bits → 1 long = 8 B.
    const arm = run({ api: 'CpumaskVar::new', profile: 'arm64-4k' });
    expect(arm).toMatchObject({ path: 'slab', cache: 'kmalloc-8' });
    expect(frames(arm)).toContain('alloc_cpumask_var_node');
  });

  test('UserSliceReader::read_all: KVec::reserve of the slice length', () => {
    const o = run({ api: 'UserSliceReader::read_all', sizeBytes: 20000 });
    expect(o).toMatchObject({ path: 'large', order: 3, costly: false });
    expect(frames(o).slice(0, 2)).toEqual(['UserSliceReader::read_all', 'Vec::reserve']);
    expect(run({ api: 'UserSliceReader::read_all', sizeBytes: 65536 })).toMatchObject({ path: 'large', order: 4, costly: true });
  });

  test('SGTable::new: the page-pointer KVec of 8 B per page', () => {
    const o = run({ api: 'SGTable::new', count: 300 });
    expect(o).toMatchObject({ path: 'slab', cache: 'kmalloc-4k' });
    expect(o.request.formula).toBe('300 × 8 B = 2400 B');
  });

  test('devres::register: the KBox of T, and the devres action node of 48 + 16 = 64 B with GFP_KERNEL', () => {
    const o = run({ api: 'devres::register', sizeBytes: 48, flags: 'GFP_ATOMIC' });
    expect(o).toMatchObject({ path: 'slab', cache: 'kmalloc-64' });
    // struct-sizes.tsv devres_node 48; struct action_devres { void *data; void (*action)(void *); } 16.
    expect(o.alsoAllocates).toEqual([expect.objectContaining({ sizeBytes: 64, lands: 'kmalloc-64', flags: 'GFP_KERNEL' })]);
    expect(o.notes.join('\n')).toMatch(/may sleep/);
  });

  test('RBTree::try_create_and_insert: the node’s KBox', () => {
    const o = run({ api: 'RBTree::try_create_and_insert', sizeBytes: 40, alignBytes: 8 });
    expect(o).toMatchObject({ path: 'slab', cache: 'kmalloc-64' });
    expect(frames(o).slice(0, 4)).toEqual(['RBTree::try_create_and_insert', 'RBTreeNode::new', 'RBTreeNodeReservation::new', 'KBox::new_uninit']);
  });

  test('a direct bindings call of a wrapper’s C function shows only the C side', () => {
    const o = run({ api: 'bindings::mtree_insert_range' });
    expect(o.cache).toBe('maple_node');
    expect(frames(o)[0]).toBe('mtree_insert_range');
    expect(run({ api: 'bindings::kmalloc', sizeBytes: 100 })).toMatchObject({ path: 'slab', cache: 'kmalloc-128' });
  });
});
