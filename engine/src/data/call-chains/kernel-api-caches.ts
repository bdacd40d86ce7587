/**
 * Rust wrappers whose nodes come from a dedicated slab cache: the maple tree (maple_node) and the
 * XArray (radix_tree_node).
 *
 * Read in v7.1.5 (danayer/linux-7.1.5 @ 9d1745cf): rust/kernel/maple_tree.rs:122 insert →
 * :169 insert_range → bindings::mtree_insert_range; :440 MapleTreeAlloc::alloc_range →
 * bindings::mtree_alloc_range; lib/maple_tree.c:5740 mtree_insert_range (mas_insert, then mas_nomem
 * and retry), :3730 mas_insert, :3709 mas_wr_preallocate (mas_prealloc_calc, then
 * mas_alloc_nodes(GFP_NOWAIT) under the lock), :3604 mas_prealloc_calc, :5609 mas_nomem (drops the
 * lock for a blocking GFP), :1077 mas_alloc_nodes (one node: mt_alloc_one = kmem_cache_alloc; more:
 * mt_get_sheaf = kmem_cache_prefill_sheaf), include/linux/maple_tree.h:222 MAPLE_HEIGHT_MAX 31.
 * rust/kernel/xarray.rs:228 Guard::store → bindings::__xa_store; lib/xarray.c:1692 __xa_store
 * (xas_store, then __xas_nomem and retry), :362 xas_alloc (GFP_NOWAIT under the lock), :328
 * __xas_nomem (kmem_cache_alloc_lru with the caller's gfp, the lock dropped when it may block);
 * include/linux/xarray.h:1154 XA_CHUNK_SHIFT 6.
 * Releases: each row's sinceRead (kernel-api-since.ts): both files are absent in 6.14.0 and present
 * in 6.18.2; 6.18 and 6.15 inside that range are unconfirmed.
 */
import type { KernelRules } from '../kernel-changes.js';
import { cFrame, ffiFrame, rustFrame, type ChainFrame } from './chain-frame.js';
import { kmemCacheAllocFrames } from './kernel-api-c-tails.js';
import type { KernelApiRow } from './kernel-api-row.js';
import { SINCE_READINGS } from './kernel-api-since.js';

const MAPLE_RS = 'rust/kernel/maple_tree.rs';
const MAPLE_C = 'lib/maple_tree.c';
const XARRAY_RS = 'rust/kernel/xarray.rs';
const XARRAY_C = 'lib/xarray.c';

/** include/linux/maple_tree.h:222 */
const MAPLE_HEIGHT_MAX = 31;
/** BITS_PER_LONG / XA_CHUNK_SHIFT rounded up: the levels above a 64-bit index (include/linux/xarray.h:1154). */
const XA_MAX_LEVELS = Math.ceil(64 / 6);

const MAPLE_OBJECTS = {
  typical: 1,
  worstCase: 3 * MAPLE_HEIGHT_MAX + 1,
  why: 'mas_prealloc_calc() asks for nodes by store type before storing: none for an append or slot store, 1 for a new root, 2 × (height − vacant height) + 1 for a split, up to 3 × height + 1 for a spanning store (an insert over an occupied range still preallocates those, then fails with EEXIST); the worst case is 3 × MAPLE_HEIGHT_MAX (31) + 1 = 94, a tree of height 3 (up to ~4000 entries) asks for at most 10; unused nodes are freed by mas_destroy()',
};

function mapleLeaf(rules: KernelRules, entry: string): ChainFrame[] {
  return [
    cFrame(entry, MAPLE_C, 'mtree_lock; mas_insert; on -ENOMEM mas_nomem(gfp) allocates and the insert is retried'),
    cFrame('mas_insert', MAPLE_C, 'EEXIST if anything is stored in the range; else mas_wr_preallocate'),
    cFrame('mas_wr_preallocate', MAPLE_C, 'mas_prealloc_calc() sets node_request by store type, then mas_alloc_nodes(GFP_NOWAIT) under the lock'),
    cFrame('mas_nomem', MAPLE_C, 'the GFP_NOWAIT attempt failed: drops the tree lock when gfp may block, then mas_alloc_nodes(gfp)'),
    cFrame('mas_alloc_nodes', MAPLE_C, 'node_request 1: mt_alloc_one() = kmem_cache_alloc(maple_node_cache); more: mt_get_sheaf() = kmem_cache_prefill_sheaf(maple_node_cache, gfp, n)'),
    ...kmemCacheAllocFrames('kmem_cache_alloc', 'maple_node', rules, true),
  ];
}

const insertRangeFrame = rustFrame(
  'MapleTree::insert_range',
  MAPLE_RS,
  'converts the range to first..=last (EINVAL if empty), value.into_foreign(), then bindings::mtree_insert_range(tree, first, last, ptr, gfp); on error the value is taken back',
);

export const CACHE_APIS: readonly KernelApiRow[] = [
  {
    api: 'MapleTree::insert',
    calledOn: ['MapleTree', 'MapleTreeAlloc'],
    args: { flags: 2 },
    since: [6, 18],
    sinceConfirmed: false,
    sinceRead: SINCE_READINGS.mapleInsert,
    input: { kind: 'none' },
    target: { kind: 'dedicated-cache', cache: 'maple_node', objects: MAPLE_OBJECTS },
    flags: 'argument',
    frames: (rules) => [
      rustFrame('MapleTree::insert', MAPLE_RS, 'insert_range(index..=index, value, gfp)'),
      insertRangeFrame,
      ffiFrame('mtree_insert_range', MAPLE_C, 'exported C function, called directly'),
      ...mapleLeaf(rules, 'mtree_insert_range').slice(1),
    ],
    notes: ['the value is a ForeignOwnable (a KBox, an Arc) the caller already allocated; the insert allocates only maple nodes'],
  },
  {
    api: 'MapleTree::insert_range',
    calledOn: ['MapleTree', 'MapleTreeAlloc'],
    args: { flags: 2 },
    since: [6, 18],
    sinceConfirmed: false,
    sinceRead: SINCE_READINGS.mapleInsert,
    input: { kind: 'none' },
    target: { kind: 'dedicated-cache', cache: 'maple_node', objects: MAPLE_OBJECTS },
    flags: 'argument',
    frames: (rules) => [insertRangeFrame, ...mapleLeaf(rules, 'mtree_insert_range')],
    notes: ['the value is a ForeignOwnable (a KBox, an Arc) the caller already allocated; the insert allocates only maple nodes'],
  },
  {
    api: 'MapleTreeAlloc::alloc_range',
    calledOn: ['MapleTreeAlloc'],
    args: { flags: 3 },
    since: [6, 18],
    sinceConfirmed: false,
    sinceRead: SINCE_READINGS.mapleAllocRange,
    input: { kind: 'none' },
    target: { kind: 'dedicated-cache', cache: 'maple_node', objects: MAPLE_OBJECTS },
    flags: 'argument',
    frames: (rules) => [
      rustFrame('MapleTreeAlloc::alloc_range', MAPLE_RS, 'a tree made with MT_FLAGS_ALLOC_RANGE; bindings::mtree_alloc_range(tree, &index, ptr, size, min, max, gfp)'),
      cFrame('mtree_alloc_range', MAPLE_C, 'mas_empty_area finds a gap of `size`, then mas_insert; mas_nomem may drop the lock, so the gap is searched again'),
      ...mapleLeaf(rules, 'mtree_alloc_range').slice(1),
    ],
    notes: ['alloc_range nodes are maple_arange_64 (10 slots and gap tracking) but are allocated from the same maple_node cache'],
  },
  {
    api: 'XArray::store',
    calledOn: ['Guard'],
    args: { flags: 2 },
    since: [6, 15],
    sinceConfirmed: false,
    sinceRead: SINCE_READINGS.xarrayStore,
    input: { kind: 'none' },
    target: {
      kind: 'dedicated-cache',
      cache: 'radix_tree_node',
      objects: {
        typical: 1,
        worstCase: XA_MAX_LEVELS,
        why: `one node per missing level between the head and the index, each covering XA_CHUNK_SHIFT (6) bits: index 0 in an empty array needs none, indices below 64 one, and a 64-bit index up to ⌈64 / 6⌉ = ${XA_MAX_LEVELS}; xas_alloc() tries GFP_NOWAIT under the lock, then __xas_nomem() allocates one node with the caller's gfp and the store is retried`,
      },
    },
    flags: 'argument',
    frames: (rules) => [
      rustFrame('XArray::store', XARRAY_RS, 'Guard::store on xa.lock(): value.into_foreign(), then bindings::__xa_store(xa, index, ptr, gfp) with xa_lock held'),
      cFrame('__xa_store', XARRAY_C, 'xas_store, then __xas_nomem(gfp) and retry while it allocated'),
      cFrame('xas_store', XARRAY_C, 'xas_create → xas_alloc for each missing level'),
      cFrame('xas_alloc', XARRAY_C, 'kmem_cache_alloc_lru(radix_tree_node_cachep, lru, GFP_NOWAIT) under xa_lock; failure sets -ENOMEM'),
      cFrame('__xas_nomem', XARRAY_C, 'drops xa_lock when gfp may block, allocates one node with the caller’s gfp (| __GFP_ACCOUNT for XA_FLAGS_ACCOUNT), retakes the lock'),
      ...kmemCacheAllocFrames('kmem_cache_alloc_lru', 'radix_tree_node', rules, false),
    ],
    notes: ['Guard::store is called with xa_lock held, but __xas_nomem drops it to allocate when the GFP may block: GFP_KERNEL is allowed here, other allocations under the guard are atomic'],
  },
];
