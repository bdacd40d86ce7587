/**
 * The release each kernel API first appears in, as read in the trees of kernel-function-names.ts
 * (FRAME_NAME_SOURCES: one public tree per release, named with its commit): the line of a file
 * that defines the API, the newest tree read that lacks it and the oldest that has it. A `since`
 * is confirmed when those two releases are consecutive (or when the oldest is 6.1, the first
 * release with Rust, and the name is a binding of a header 6.1's bindings_helper.h includes);
 * otherwise it lies in (lacks, has] and stays unconfirmed. test/engine/kernel-api-since.test.ts
 * reads each tree again. Trees for 6.11 and 6.15–6.17 with rust/kernel were not found (the 6.17
 * one replaces rust/kernel with a C port), so those boundaries stay open.
 */

export interface SinceReading {
  /** The file, in each tree, that would define the API. */
  readonly file: string;
  /** A regular expression one line of `file` matches where the API is defined. */
  readonly defines: string;
  /** Newest release read whose tree lacks it (null: none before `has` has Rust). */
  readonly lacks: string | null;
  /** Oldest release read whose tree has it (a FRAME_NAME_SOURCES release). */
  readonly has: string;
  /** What else the trees showed. */
  readonly note?: string;
}

const UNBOUND_6_1 = 'declared in 6.1.20, but 6.1.20’s rust/bindings/bindings_helper.h does not include its header; whether bindgen reached it through another header was not read';

export const SINCE_READINGS = {
  mapleInsert: { file: 'rust/kernel/maple_tree.rs', defines: 'pub fn insert_range<', lacks: '6.14.0', has: '6.18.2' },
  mapleAllocRange: { file: 'rust/kernel/maple_tree.rs', defines: 'pub fn alloc_range<', lacks: '6.14.0', has: '6.18.2' },
  xarrayStore: { file: 'rust/kernel/xarray.rs', defines: 'pub fn store\\(', lacks: '6.14.0', has: '6.18.2' },
  pageAlloc: {
    file: 'rust/kernel/page.rs',
    defines: 'pub fn alloc_page\\(',
    lacks: '6.10',
    has: '6.12.0',
    note: '6.10’s rust/kernel/lib.rs has no `pub mod page`',
  },
  allocPages: { file: 'include/linux/gfp.h', defines: 'struct page \\*alloc_pages\\(gfp_t', lacks: null, has: '6.1.20', note: UNBOUND_6_1 },
  getFreePages: { file: 'include/linux/gfp.h', defines: '__get_free_pages\\(', lacks: null, has: '6.1.20', note: UNBOUND_6_1 },
  dmaAllocAttrs: {
    file: 'include/linux/dma-mapping.h',
    defines: 'void \\*dma_alloc_attrs\\(',
    lacks: null,
    has: '6.1.20',
    note: `${UNBOUND_6_1}; bindings_helper.h includes <linux/dma-mapping.h> by 6.18.2, not in 6.14.0`,
  },
  vmalloc: { file: 'include/linux/vmalloc.h', defines: 'void \\*vmalloc\\(', lacks: null, has: '6.1.20', note: UNBOUND_6_1 },
  /** Declared in <linux/slab.h>, which 6.1.20's bindings_helper.h includes (line 9). */
  slabDeclared: (name: string): SinceReading => ({ file: 'include/linux/slab.h', defines: `\\b${name}\\(`, lacks: null, has: '6.1.20' }),
  coherentAllocation: {
    file: 'rust/kernel/dma.rs',
    defines: 'pub fn alloc_coherent\\(',
    lacks: '6.14.0',
    has: '6.18.2',
    note: '6.14.0’s rust/kernel/lib.rs has no `pub mod dma`; the function is in 7.0.0 (dma.rs:441) and gone in 7.1.5',
  },
  coherent: { file: 'rust/kernel/dma.rs', defines: 'pub struct Coherent<', lacks: '7.0.0', has: '7.1.5' },
  coherentBox: { file: 'rust/kernel/dma.rs', defines: 'pub struct CoherentBox<', lacks: '7.0.0', has: '7.1.5' },
  coherentHandle: { file: 'rust/kernel/dma.rs', defines: 'pub struct CoherentHandle', lacks: '7.0.0', has: '7.1.5' },
  bitmapVec: { file: 'rust/kernel/bitmap.rs', defines: 'pub fn new\\(nbits: usize, flags: Flags\\)', lacks: '6.14.0', has: '6.18.2' },
  idPool: {
    file: 'rust/kernel/id_pool.rs',
    defines: 'pub fn with_capacity\\(',
    lacks: '6.18.2',
    has: '6.19.9',
    note: '6.18.2 allocated the same bitmap through IdPool::new(num_ids, flags) (id_pool.rs:105)',
  },
  cpumaskNew: { file: 'rust/kernel/cpumask.rs', defines: 'pub (?:unsafe )?fn new\\(_?flags: Flags\\)', lacks: '6.14.0', has: '6.18.2' },
  cpumaskNewZero: { file: 'rust/kernel/cpumask.rs', defines: 'pub fn new_zero\\(', lacks: '6.14.0', has: '6.18.2' },
  idPoolRealloc: {
    file: 'rust/kernel/id_pool.rs',
    defines: 'pub fn realloc\\(',
    lacks: '6.14.0',
    has: '6.18.2',
    note: '6.14.0 has no rust/kernel/id_pool.rs',
  },
  copyFromIterVec: {
    file: 'rust/kernel/iov.rs',
    defines: 'pub fn copy_from_iter_vec<',
    lacks: '6.14.0',
    has: '6.18.2',
    note: '6.14.0 has no rust/kernel/iov.rs',
  },
  readAll: {
    file: 'rust/kernel/uaccess.rs',
    defines: 'pub fn read_all',
    lacks: '6.10',
    has: '6.12.0',
    note: '6.10’s rust/kernel/lib.rs has no `pub mod uaccess`',
  },
  sgTable: { file: 'rust/kernel/scatterlist.rs', defines: 'pub fn new\\(', lacks: '6.14.0', has: '6.18.2' },
  devresRegister: {
    file: 'rust/kernel/devres.rs',
    defines: '^pub fn register<',
    lacks: '6.14.0',
    has: '6.18.2',
    note: '6.14.0 had Devres::new_foreign_owned(dev, data, flags) (devres.rs:182) instead',
  },
  devresNew: {
    file: 'rust/kernel/devres.rs',
    defines: 'pub fn new<E>\\(dev: &Device<Bound>, data: impl PinInit<T, E>\\) -> Result<Self>',
    lacks: '6.18.2',
    has: '6.19.9',
    note: 'the allocating Devres::new (Arc::pin_init, GFP_KERNEL); 6.18.2’s returns an initializer (devres.rs:130) and 6.14.0’s took (dev, data, flags) (devres.rs:174)',
  },
  rbtree: { file: 'rust/kernel/rbtree.rs', defines: 'pub fn try_create_and_insert\\(', lacks: '6.10', has: '6.12.0', note: '6.10’s rust/kernel/lib.rs has no `pub mod rbtree`' },
} as const satisfies Record<string, SinceReading | ((name: string) => SinceReading)>;
