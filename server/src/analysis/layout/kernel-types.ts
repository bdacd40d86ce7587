/**
 * Layouts of the kernel crate's own types (rust/kernel/...). Each row cites the file, the
 * Linux v7.1.5 git blob and the line it is read from (tree: danayer/linux-7.1.5 at 9d1745cf,
 * see ../shared/golden/README.md). Sizes that hang on the kernel config (locks, wait queues)
 * are `c-state` rows: unknown until the user gives the C type's size.
 */
import { enumDef, fields, pathType, UNIT, variant } from '../rust-model-builders.js';
import { typeParams, type TypeTableRow } from './type-shape.js';

const OK_ERR = enumDef('Result', [variant('Ok', fields(['0', pathType('T')])), variant('Err', fields(['0', pathType('E')]))], {
  generics: typeParams('T', 'E'),
});

/** refcount_t = struct { atomic_t refs; }, atomic_t = { int __aligned(sizeof(int)) counter; }. */
export const REFCOUNT_ROW: TypeTableRow = {
  names: ['Refcount'],
  generics: [],
  shape: { kind: 'fixed', sizeBytes: 4, alignBytes: 4, hasNiche: false, what: 'refcount_t: one int' },
  source: 'rust/kernel/sync/refcount.rs (6c7ae8b05a0b):20 Refcount(Opaque<bindings::refcount_t>); include/linux/refcount_types.h:15, include/linux/types.h:186',
};

export const KERNEL_TYPES: readonly TypeTableRow[] = [
  {
    names: ['KBox', 'VBox', 'KVBox', 'Box'],
    generics: typeParams('T', 'A'),
    shape: { kind: 'pointer-to', param: 0, what: 'Box<T, A>(NonNull<T>, PhantomData<A>)' },
    source: 'rust/kernel/alloc/kbox.rs (bd6da02c7ab8):81 repr(transparent) Box; aliases :93 :105 :117',
  },
  {
    names: ['KVec', 'VVec', 'KVVec', 'Vec'],
    generics: typeParams('T', 'A'),
    // ArrayLayout<T> is { len: usize, PhantomData } (alloc/layout.rs (9f8be72feb7a):17). Three
    // word-sized fields give 3 words in any field order.
    shape: { kind: 'words', count: 3, hasNiche: true, what: 'ptr: NonNull<T> + layout: ArrayLayout<T> (usize) + len: usize' },
    source: 'rust/kernel/alloc/kvec.rs (0f7b43e81030):107-116 struct Vec; aliases :129 :142 :155',
  },
  {
    names: ['Arc'],
    generics: typeParams('T'),
    shape: { kind: 'pointer-to', param: 0, what: 'NonNull<ArcInner<T>>' },
    source: 'rust/kernel/sync/arc.rs (18d6c0d62ce0):130-132 repr(transparent) Arc',
  },
  {
    names: ['ArcBorrow'],
    generics: typeParams('T'),
    shape: { kind: 'pointer-to', param: 0, what: 'NonNull<ArcInner<T>>' },
    source: 'rust/kernel/sync/arc.rs (18d6c0d62ce0):540-542 repr(transparent) ArcBorrow',
  },
  {
    names: ['UniqueArc'],
    generics: typeParams('T'),
    shape: { kind: 'pointer-to', param: 0, what: 'UniqueArc { inner: Arc<T> }' },
    source: 'rust/kernel/sync/arc.rs (18d6c0d62ce0):688',
  },
  {
    names: ['ARef'],
    generics: typeParams('T'),
    shape: { kind: 'pointer-to', param: 0, what: 'ARef { ptr: NonNull<T>, _p: PhantomData<T> }' },
    source: 'rust/kernel/sync/aref.rs (9989f56d0605):68',
  },
  {
    names: ['ArcInner'],
    generics: typeParams('T'),
    shape: { kind: 'arc-inner', param: 0 },
    source: 'rust/kernel/sync/arc.rs (18d6c0d62ce0):146-150 repr(C) ArcInner { refcount: Refcount, data: T }',
  },
  REFCOUNT_ROW,
  {
    names: ['Error'],
    generics: [],
    shape: { kind: 'fixed', sizeBytes: 4, alignBytes: 4, hasNiche: true, what: 'Error(NonZeroI32)' },
    source: 'rust/kernel/error.rs (05cf869ac090):102',
  },
  {
    names: ['Result'],
    // kernel::error::Result<T = (), E = Error>; core::result::Result is always written with both.
    generics: [
      { kind: 'type', name: 'T', default: UNIT },
      { kind: 'type', name: 'E', default: pathType('Error') },
    ],
    shape: { kind: 'enum', def: OK_ERR, nicheGuaranteed: false },
    source: 'rust/kernel/error.rs (05cf869ac090):402; core::result',
  },
  {
    names: ['CString'],
    generics: [],
    shape: { kind: 'words', count: 3, hasNiche: true, what: 'CString { buf: KVec<u8> }' },
    source: 'rust/kernel/str.rs (4517c1bc547a):839',
  },
  { names: ['BStr'], generics: [], shape: { kind: 'unsized' }, source: 'rust/kernel/str.rs (4517c1bc547a):35 BStr([u8])' },
  {
    names: ['Page'],
    generics: [],
    shape: { kind: 'words', count: 1, hasNiche: true, what: 'Page { page: NonNull<bindings::page> }' },
    source: 'rust/kernel/page.rs (adecb200c654):145',
  },
  {
    names: ['Opaque'],
    generics: typeParams('T'),
    shape: { kind: 'wraps', param: 0, niche: 'hide' },
    source: 'rust/kernel/types.rs (4329d3c2c2e5):320-324 repr(transparent) Opaque { UnsafeCell<MaybeUninit<T>>, PhantomPinned }',
  },
  {
    names: ['Atomic'],
    generics: typeParams('T'),
    shape: { kind: 'wraps', param: 0, niche: 'hide' },
    source: 'rust/kernel/sync/atomic.rs (9cd009d57e35):51-52 repr(transparent) Atomic<T>',
  },
  {
    names: ['SpinLock'],
    generics: typeParams('T'),
    shape: { kind: 'c-state', cType: 'bindings::spinlock_t', configNote: 'lockdep, PREEMPT_RT, DEBUG_SPINLOCK', dataParam: 0 },
    source: 'rust/kernel/sync/lock.rs (10b6b5e9b024):104-120 repr(C) Lock { state, _pin, data }; lock/spinlock.rs (ef76fa07ca3a):85 :101',
  },
  {
    names: ['Mutex'],
    generics: typeParams('T'),
    shape: { kind: 'c-state', cType: 'bindings::mutex', configNote: 'lockdep, DEBUG_MUTEXES, PREEMPT_RT, MUTEX_SPIN_ON_OWNER', dataParam: 0 },
    source: 'rust/kernel/sync/lock.rs (10b6b5e9b024):104-120 repr(C) Lock { state, _pin, data }; lock/mutex.rs (cda0203efefb):87 :102',
  },
  {
    names: ['RBTree'],
    onlyWhereUndefined: true,
    generics: typeParams('K', 'V'),
    // struct rb_root { struct rb_node *rb_node; } (include/linux/rbtree_types.h:18): may be null.
    shape: { kind: 'words', count: 1, hasNiche: false, what: 'root: bindings::rb_root (one pointer) + PhantomData' },
    source: 'rust/kernel/rbtree.rs (6fbd579d4a43):171-174 RBTree { root: bindings::rb_root, _p }',
  },
  {
    names: ['RBTreeNodeReservation', 'RBTreeNode'],
    onlyWhereUndefined: true,
    generics: typeParams('K', 'V'),
    shape: { kind: 'words', count: 1, hasNiche: true, what: 'node: KBox<MaybeUninit<Node<K, V>>> / KBox<Node<K, V>>' },
    source: 'rust/kernel/rbtree.rs (6fbd579d4a43):1189-1191 RBTreeNodeReservation { node: KBox<..> }, :1231-1233 RBTreeNode',
  },
  {
    names: ['ListArc'],
    onlyWhereUndefined: true,
    generics: [
      { kind: 'type', name: 'T' },
      { kind: 'const', name: 'ID', type: pathType('u64'), default: { kind: 'int', value: 0n, text: '0' } },
    ],
    shape: { kind: 'words', count: 1, hasNiche: true, what: 'repr(transparent) ListArc { arc: Arc<T> }' },
    source: 'rust/kernel/list/arc.rs (209b1173c826):162-169 repr(transparent) ListArc { arc: Arc<T> }',
  },
  {
    names: ['List'],
    onlyWhereUndefined: true,
    generics: [
      { kind: 'type', name: 'T' },
      { kind: 'const', name: 'ID', type: pathType('u64'), default: { kind: 'int', value: 0n, text: '0' } },
    ],
    shape: { kind: 'words', count: 1, hasNiche: false, what: 'first: *mut ListLinksFields + PhantomData' },
    source: 'rust/kernel/list.rs (406e3a028c55):279-282 List { first: *mut ListLinksFields, _ty }',
  },
  {
    names: ['ListLinks'],
    onlyWhereUndefined: true,
    generics: [{ kind: 'const', name: 'ID', type: pathType('u64'), default: { kind: 'int', value: 0n, text: '0' } }],
    // Opaque hides the pointers' niche.
    shape: { kind: 'words', count: 2, hasNiche: false, what: 'repr(transparent) Opaque<ListLinksFields { next, prev }>' },
    source: 'rust/kernel/list.rs (406e3a028c55):376-391 repr(transparent) ListLinks { inner: Opaque<ListLinksFields> }',
  },
  {
    names: ['CondVar'],
    generics: [],
    shape: { kind: 'c-state', cType: 'bindings::wait_queue_head', configNote: 'lockdep, PREEMPT_RT (it holds a spinlock_t)' },
    source: 'rust/kernel/sync/condvar.rs (69d58dfbad7b):82 CondVar { wait_queue_head: Opaque<..>, _pin }',
  },
  {
    names: ['Completion'],
    generics: [],
    shape: { kind: 'c-state', cType: 'bindings::completion', configNote: 'lockdep, PREEMPT_RT (it holds a wait queue)' },
    source: 'rust/kernel/sync/completion.rs (c50012a940a3):67 Completion { inner: Opaque<bindings::completion> }',
  },
];
