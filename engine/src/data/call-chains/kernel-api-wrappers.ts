/**
 * Rust wrappers that allocate with kmalloc (or through a Rust Allocator) on a path of their own,
 * and direct `bindings::` calls of the C allocators.
 *
 * Read in v7.1.5 (danayer/linux-7.1.5 @ 9d1745cf):
 * - rust/kernel/bitmap.rs:248 BitmapVec::new: nbits <= MAX_INLINE_LEN (usize::BITS) stays inline,
 *   nbits > MAX_LEN (i32::MAX) is AllocError, else bindings::bitmap_zalloc(nbits, flags);
 *   lib/bitmap.c:739 bitmap_zalloc → :732 bitmap_alloc → kmalloc_array(BITS_TO_LONGS(nbits), sizeof(long)).
 * - rust/kernel/id_pool.rs:114 IdPool::with_capacity: BitmapVec::new(max(num_ids, MAX_INLINE_LEN)).
 * - rust/kernel/id_pool.rs:89 ReallocRequest::realloc: BitmapVec::new(self.num_ids, flags), the size
 *   grow_request (:199, twice the capacity) or shrink_request (:152) chose; binder's process.rs:856, :981.
 * - rust/kernel/cpumask.rs:225 CpumaskVar::new_zero / :250 new: zalloc_cpumask_var / alloc_cpumask_var
 *   only under CONFIG_CPUMASK_OFFSTACK; lib/cpumask.c:28 alloc_cpumask_var_node → kmalloc_node(cpumask_size()).
 * - rust/kernel/uaccess.rs:370 UserSliceReader::read_all: buf.reserve(self.length, flags), then the copy.
 * - rust/kernel/iov.rs:141 IovIterSource::copy_from_iter_vec: out.reserve(self.len(), flags), then the copy
 *   (samples/rust/rust_misc_device.rs:196).
 * - rust/kernel/scatterlist.rs:337 Owned::new: KVec<*mut page>::with_capacity(page_count), a push per page,
 *   RawSGTable::new → bindings::sg_alloc_table_from_pages_segment, then Devres::new for the DMA mapping;
 *   lib/scatterlist.c:155 sg_kmalloc: a chunk of SG_MAX_SINGLE_ALLOC entries is __get_free_page, others
 *   kmalloc_array(nents, sizeof(struct scatterlist)).
 * - rust/kernel/devres.rs:425 register: KBox::pin_init(data, flags), then register_foreign →
 *   bindings::devm_add_action_or_reset; drivers/base/devres.c:790 __devm_add_action:
 *   kzalloc_obj(struct devres_action) = devres_node + action_devres { data, action }, with GFP_KERNEL.
 *   devres.rs:192 Devres::new: Arc::pin_init(Inner { node: devres_node, data: Revocable<T> }, GFP_KERNEL).
 * - rust/kernel/rbtree.rs:316 try_create_and_insert: RBTreeNode::new(key, value, flags)?, then insert.
 * Releases: each row's sinceRead (kernel-api-since.ts), read in the trees of kernel-function-names.ts.
 */
import type { KernelRules } from '../kernel-changes.js';
import { cFrame, ffiFrame, rustFrame, type ChainFrame } from './chain-frame.js';
import { hook, kmallocFromC, kmemCacheAllocFrames, noprof } from './kernel-api-c-tails.js';
import type { ExtraKmalloc, KernelApiLeaf, KernelApiRow } from './kernel-api-row.js';
import { SINCE_READINGS } from './kernel-api-since.js';

const BITMAP_RS = 'rust/kernel/bitmap.rs';
const ID_POOL_RS = 'rust/kernel/id_pool.rs';
const CPUMASK_RS = 'rust/kernel/cpumask.rs';
const UACCESS_RS = 'rust/kernel/uaccess.rs';
const IOV_RS = 'rust/kernel/iov.rs';
const SCATTERLIST_RS = 'rust/kernel/scatterlist.rs';
const DEVRES_RS = 'rust/kernel/devres.rs';
const RBTREE_RS = 'rust/kernel/rbtree.rs';
const BITMAP_C = 'lib/bitmap.c';
const CPUMASK_C = 'lib/cpumask.c';
const DEVRES_C = 'drivers/base/devres.c';
const SLAB_H = 'include/linux/slab.h';
const BINDINGS = 'rust/bindings/bindings_generated.rs';

/** usize::BITS on the 64-bit targets modelled: BitmapVec::MAX_INLINE_LEN (bitmap.rs:231). */
const MAX_INLINE_BITS = 64;

function bitmapFrames(rules: KernelRules, leaf: KernelApiLeaf): ChainFrame[] {
  return [
    ffiFrame('bitmap_zalloc', BITMAP_C, 'exported C function, called directly'),
    cFrame('bitmap_alloc', BITMAP_C, 'flags | __GFP_ZERO; kmalloc_array(BITS_TO_LONGS(nbits), sizeof(unsigned long), flags)'),
    ...hook('kmalloc_array', SLAB_H, rules),
    noprof('kmalloc_array', SLAB_H, rules, 'overflow check, then kmalloc of n × size (not a compile-time constant here)'),
    ...kmallocFromC(rules, leaf),
  ];
}

const BITMAP_NEW = rustFrame('BitmapVec::new', BITMAP_RS, 'nbits <= 64: inline, no allocation; nbits > i32::MAX: AllocError; else bindings::bitmap_zalloc(nbits, flags)');

const DEVRES_ACTION: ExtraKmalloc = {
  what: 'the devres action node (struct devres_action)',
  cTypes: ['devres_node'],
  extraPointers: 2,
  cFormula: 'sizeof(struct devres_node) + sizeof(struct action_devres) (data, action: 2 pointers)',
  flags: 'GFP_KERNEL',
  source: 'drivers/base/devres.c:794 kzalloc_obj(*devres)',
};

const DEVRES_NODE_NOTE = 'struct devres_node: list entry, release, free_node, name, size (drivers/base/base.h:223)';

function cpumaskRow(api: string, cFn: string, zero: boolean): KernelApiRow {
  return {
    api,
    args: { flags: 0 },
    since: [6, 16],
    sinceConfirmed: false,
    sinceRead: zero ? SINCE_READINGS.cpumaskNewZero : SINCE_READINGS.cpumaskNew,
    input: { kind: 'none' },
    target: { kind: 'cpumask' },
    flags: 'argument',
    frames: (rules, leaf) => [
      rustFrame(api, CPUMASK_RS, `CONFIG_CPUMASK_OFFSTACK: bindings::${cFn}(&mut ptr, flags); otherwise the mask is inline (${zero ? 'zeroed' : 'uninitialised'}) and nothing is allocated`),
      ffiFrame(`rust_helper_${cFn}`, 'rust/helpers/cpumask.c', `${cFn}() is a static inline in include/linux/cpumask.h`),
      cFrame('alloc_cpumask_var_node', CPUMASK_C, `kmalloc_node(cpumask_size(), flags${zero ? ' | __GFP_ZERO' : ''}, node)`),
      ...kmallocFromC(rules, leaf),
    ],
    notes: [],
  };
}

/** A direct call of a C allocator through bindings. */
function bindingsKmalloc(name: string, note: string, zero: boolean, args: KernelApiRow['args']): KernelApiRow {
  return {
    api: `bindings::${name}`,
    args,
    since: [6, 1],
    // A static inline in slab.h in every release read: the name is there, a binding is not.
    sinceConfirmed: false,
    sinceRead: SINCE_READINGS.slabDeclared(name),
    input: { kind: 'bytes', what: 'size' },
    target: { kind: 'kmalloc' },
    flags: 'argument',
    frames: (rules, leaf) => [ffiFrame(name, BINDINGS, note), ...kmallocFromC(rules, leaf)],
    notes: zero ? ['__GFP_ZERO: the object is zeroed'] : [],
  };
}

const NOT_BOUND = 'v7.1.5 binds no such symbol (a static inline or macro in C): the call needs a helper of the caller’s';

/** Where bindings::kvmalloc and kvzalloc both land (mm/slub.c, v7.1.5). */
const kvmallocNode = (): ChainFrame => cFrame('__kvmalloc_node_noprof', 'mm/slub.c', 'kmalloc with kmalloc_gfp_adjust() first; above PAGE_SIZE falls back to vmalloc');

export const WRAPPER_APIS: readonly KernelApiRow[] = [
  {
    api: 'BitmapVec::new',
    args: { count: 0, flags: 1 },
    since: [6, 17],
    sinceConfirmed: false,
    sinceRead: SINCE_READINGS.bitmapVec,
    input: { kind: 'bits', what: 'nbits' },
    target: { kind: 'kmalloc', inline: { maxBits: MAX_INLINE_BITS, why: 'nbits <= BitmapVec::MAX_INLINE_LEN (usize::BITS = 64): the bits live inline in the BitmapVec' } },
    flags: 'argument',
    frames: (rules, leaf) => [BITMAP_NEW, ...bitmapFrames(rules, leaf)],
    notes: [],
  },
  {
    api: 'IdPool::with_capacity',
    args: { count: 0, flags: 1 },
    since: [6, 19],
    sinceConfirmed: true,
    sinceRead: SINCE_READINGS.idPool,
    input: { kind: 'bits', what: 'num_ids', minimumBits: MAX_INLINE_BITS },
    target: { kind: 'kmalloc', inline: { maxBits: MAX_INLINE_BITS, why: 'num_ids is raised to BitmapVec::MAX_INLINE_LEN (64), and 64 bits stay inline' } },
    flags: 'argument',
    frames: (rules, leaf) => [rustFrame('IdPool::with_capacity', ID_POOL_RS, 'BitmapVec::new(max(num_ids, BitmapVec::MAX_INLINE_LEN), flags)'), BITMAP_NEW, ...bitmapFrames(rules, leaf)],
    notes: [],
  },
  {
    api: 'ReallocRequest::realloc',
    calledOn: ['ReallocRequest'],
    args: { flags: 0 },
    since: [6, 18],
    sinceConfirmed: false,
    sinceRead: SINCE_READINGS.idPoolRealloc,
    input: { kind: 'bits', what: 'the pool’s new num_ids' },
    target: { kind: 'kmalloc', inline: { maxBits: MAX_INLINE_BITS, why: 'num_ids <= BitmapVec::MAX_INLINE_LEN (64): the bits stay inline' } },
    flags: 'argument',
    frames: (rules, leaf) => [rustFrame('ReallocRequest::realloc', ID_POOL_RS, 'BitmapVec::new(self.num_ids, flags)'), BITMAP_NEW, ...bitmapFrames(rules, leaf)],
    notes: ['the pool’s new size is not written at the call: grow_request asks for twice the capacity, shrink_request for what the highest used id needs'],
  },
  cpumaskRow('CpumaskVar::new', 'alloc_cpumask_var', false),
  cpumaskRow('CpumaskVar::new_zero', 'zalloc_cpumask_var', true),
  {
    api: 'UserSliceReader::read_all',
    calledOn: ['UserSliceReader', 'UserSlice'],
    args: { buffer: 0, flags: 1 },
    since: [6, 11],
    sinceConfirmed: false,
    sinceRead: SINCE_READINGS.readAll,
    input: { kind: 'bytes', what: 'the user slice’s length' },
    target: { kind: 'rust-allocation', api: 'Vec::reserve', allocator: 'generic' },
    flags: 'argument',
    frames: () => [rustFrame('UserSliceReader::read_all', UACCESS_RS, 'buf.reserve(self.length, flags)?, then copy_from_user into the spare capacity')],
    notes: ['an empty buf gets exactly the slice’s length; a non-empty one grows to max(2 × capacity, len + length)'],
  },
  {
    api: 'IovIterSource::copy_from_iter_vec',
    calledOn: ['IovIterSource'],
    args: { buffer: 0, flags: 1 },
    since: [6, 18],
    sinceConfirmed: false,
    sinceRead: SINCE_READINGS.copyFromIterVec,
    input: { kind: 'bytes', what: 'the IO vector’s length' },
    target: { kind: 'rust-allocation', api: 'Vec::reserve', allocator: 'generic' },
    flags: 'argument',
    frames: () => [rustFrame('IovIterSource::copy_from_iter_vec', IOV_RS, 'out.reserve(self.len(), flags)?, then copy_from_iter into the spare capacity')],
    notes: ['an empty out gets exactly the IO vector’s length; a non-empty one grows to max(2 × capacity, len + length)'],
  },
  {
    api: 'SGTable::new',
    args: { flags: 3 },
    since: [6, 18],
    sinceConfirmed: false,
    sinceRead: SINCE_READINGS.sgTable,
    input: { kind: 'array', what: 'pages' },
    target: { kind: 'rust-allocation', api: 'KVec::with_capacity', allocator: 'Kmalloc' },
    flags: 'argument',
    frames: () => [
      rustFrame('SGTable::new', SCATTERLIST_RS, 'Owned::new(dev, pages, dir, flags) as a pin-initializer'),
      rustFrame(
        'Owned::new',
        SCATTERLIST_RS,
        'KVec<*mut page>::with_capacity(page_count, flags), a push per page; then RawSGTable::new → sg_alloc_table_from_pages_segment, and Devres::new for the DMA mapping',
      ),
    ],
    notes: [
      'three allocations: the page-pointer KVec (shown), the scatterlist chunks of sg_alloc_table (a chunk of SG_MAX_SINGLE_ALLOC = PAGE_SIZE / sizeof(struct scatterlist) entries is a whole page from __get_free_page, a shorter one kmalloc_array(nents, sizeof(struct scatterlist))), and the Devres Arc of the DMA mapping (GFP_KERNEL)',
      'nents is at most the page count: physically contiguous pages are merged into one entry up to dma_max_mapping_size()',
    ],
  },
  {
    api: 'devres::register',
    args: { value: 1, flags: 2 },
    since: [6, 16],
    sinceConfirmed: false,
    sinceRead: SINCE_READINGS.devresRegister,
    input: { kind: 'element', what: 'size_of::<T>() of the registered data' },
    target: { kind: 'rust-allocation', api: 'KBox::pin_init', allocator: 'Kmalloc', extraKmalloc: DEVRES_ACTION },
    flags: 'argument',
    frames: () => [rustFrame('devres::register', DEVRES_RS, 'KBox::pin_init(data, flags)?, then register_foreign(dev, data): bindings::devm_add_action_or_reset(dev, callback, ptr)')],
    notes: [`then __devm_add_action (${DEVRES_C}:790) kzalloc_obj(struct devres_action) with GFP_KERNEL whatever the caller's flags: this call may sleep; ${DEVRES_NODE_NOTE}`],
  },
  {
    api: 'Devres::new',
    args: {},
    since: [6, 19],
    sinceConfirmed: true,
    sinceRead: SINCE_READINGS.devresNew,
    input: { kind: 'element', what: 'size_of::<ArcInner<Inner<T>>>(): refcount, struct devres_node, Revocable<T>' },
    target: { kind: 'rust-allocation', api: 'Arc::pin_init', allocator: 'Kmalloc' },
    flags: { fixed: 'GFP_KERNEL', why: 'Devres::new passes GFP_KERNEL to Arc::pin_init (devres.rs:196)' },
    frames: () => [rustFrame('Devres::new', DEVRES_RS, 'Arc::pin_init(try_pin_init!(Inner { node: devres_node_init(..), data <- Revocable::new(data) }), GFP_KERNEL), then devres_node_add')],
    notes: [`the devres node is embedded in the Arc, not allocated apart; ${DEVRES_NODE_NOTE}`],
  },
  {
    api: 'RBTree::try_create_and_insert',
    calledOn: ['RBTree'],
    args: { flags: 2 },
    since: [6, 12],
    sinceConfirmed: false,
    sinceRead: SINCE_READINGS.rbtree,
    input: { kind: 'element', what: 'size_of::<Node<K, V>>(): rb_node (3 words) + K + V, padded' },
    target: { kind: 'rust-allocation', api: 'RBTreeNode::new', allocator: 'Kmalloc' },
    flags: 'argument',
    frames: () => [rustFrame('RBTree::try_create_and_insert', RBTREE_RS, 'RBTreeNode::new(key, value, flags)?, then insert (an existing key’s node is returned)')],
    notes: [],
  },
  // ---- direct C calls --------------------------------------------------------------------
  bindingsKmalloc('kmalloc', NOT_BOUND, false, { bytes: 0, flags: 1 }),
  bindingsKmalloc('kzalloc', NOT_BOUND, true, { bytes: 0, flags: 1 }),
  bindingsKmalloc('kcalloc', NOT_BOUND, true, { flags: 2 }),
  bindingsKmalloc('kmalloc_array', NOT_BOUND, false, { flags: 2 }),
  {
    api: 'bindings::vmalloc',
    args: { bytes: 0 },
    since: [6, 1],
    sinceConfirmed: false,
    sinceRead: SINCE_READINGS.vmalloc,
    input: { kind: 'bytes', what: 'size' },
    target: { kind: 'vmalloc' },
    flags: { fixed: 'GFP_KERNEL', why: 'vmalloc(size) takes no flags: __vmalloc_node with GFP_KERNEL' },
    frames: () => [ffiFrame('vmalloc', BINDINGS, NOT_BOUND), cFrame('__vmalloc_node_range_noprof', 'mm/vmalloc.c', 'order-0 pages mapped into a virtual area plus a guard page')],
    notes: [],
  },
  {
    api: 'bindings::kvmalloc',
    args: { bytes: 0, flags: 1 },
    since: [6, 1],
    sinceConfirmed: false,
    sinceRead: SINCE_READINGS.slabDeclared('kvmalloc'),
    input: { kind: 'bytes', what: 'size' },
    target: { kind: 'kvmalloc' },
    flags: 'argument',
    frames: () => [ffiFrame('kvmalloc', BINDINGS, NOT_BOUND), kvmallocNode()],
    notes: [],
  },
  {
    api: 'bindings::kvzalloc',
    args: { bytes: 0, flags: 1 },
    since: [6, 1],
    sinceConfirmed: false,
    sinceRead: SINCE_READINGS.slabDeclared('kvzalloc'),
    input: { kind: 'bytes', what: 'size' },
    target: { kind: 'kvmalloc' },
    flags: 'argument',
    frames: () => [ffiFrame('kvzalloc', BINDINGS, NOT_BOUND), kvmallocNode()],
    notes: ['__GFP_ZERO: the memory is zeroed'],
  },
  {
    api: 'bindings::bitmap_zalloc',
    args: { count: 0, flags: 1 },
    since: [6, 17],
    sinceConfirmed: false,
    sinceRead: SINCE_READINGS.bitmapVec,
    input: { kind: 'bits', what: 'nbits' },
    target: { kind: 'kmalloc' },
    flags: 'argument',
    frames: bitmapFrames,
    notes: [],
  },
  {
    api: 'bindings::kmem_cache_alloc',
    args: { flags: 1 },
    since: [6, 1],
    sinceConfirmed: true,
    sinceRead: SINCE_READINGS.slabDeclared('kmem_cache_alloc'),
    input: { kind: 'none' },
    target: { kind: 'dedicated-cache', cache: null, objects: { typical: 1, worstCase: 1, why: 'one object from the cache passed as the first argument' } },
    flags: 'argument',
    frames: (rules) => [
      ffiFrame('kmem_cache_alloc_noprof', BINDINGS, 'kmem_cache_alloc() is an alloc_hooks() macro; the exported function is called directly'),
      ...kmemCacheAllocFrames('kmem_cache_alloc', 'the given', rules, false).filter((f) => f.frame !== 'kmem_cache_alloc' && !f.frame.startsWith('kmem_cache_alloc_noprof')),
    ],
    notes: [],
  },
];
