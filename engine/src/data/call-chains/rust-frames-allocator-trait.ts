/**
 * Rust frames of the kernel's own Allocator trait, 6.13 and later: KBox/VBox/KVBox,
 * KVec/VVec/KVVec, kvec!, Arc/UniqueArc, CString and Allocator::*, and the frames from
 * {A}::realloc down to the C helper.
 *
 * Read in v7.1.5 (danayer/linux-7.1.5 @ 9d1745cf): rust/kernel/alloc/{kbox,kvec,allocator,layout}.rs,
 * rust/kernel/alloc.rs (Allocator::alloc/free defaults), rust/kernel/init.rs (InPlaceInit),
 * rust/kernel/sync/arc.rs, rust/kernel/str.rs (CString::try_from_fmt), rust/helpers/{slab,vmalloc}.c;
 * rust/kernel/list/arc.rs (ListArc::new → UniqueArc::new, ListArc::pin_init/init →
 * UniqueArc::try_pin_init/try_init; read in torvalds/linux, the list module since 6.11);
 * rust/kernel/rbtree.rs (RBTreeNodeReservation::new → KBox::new_uninit of Node<K, V>, and
 * RBTreeNode::new → RBTreeNodeReservation::new then into_node; KBox since the Allocator series).
 * The 6.13–6.17 differences (no nid, aligned_size() inside ReallocFunc::call until fde578c86281,
 * rust_helper_{k,v,kv}realloc, Vmalloc/KVmalloc refusing align > PAGE_SIZE) come from the
 * Allocator series (lore 20241004154149.93856) and kernel-facts §0, §1b.
 *
 * ALLOCATOR_TRAIT_APIS is 6.13–6.17; NODE_ALIGN_APIS (6.18+) is that table plus its changes.
 */
import type { AllocatorName } from '../../layout.js';
import { CONTAINERS } from '../containers.js';
import type { ApiEra, KernelRules } from '../kernel-changes.js';
import { ALLOCATOR_PLACEHOLDER as A, ffiFrame, rustFrame, type ChainFrame, type RustApi } from './chain-frame.js';
import { CORE_CALL_APIS, PIN_SLICE_APIS } from './rust-frames-core-calls.js';

const KBOX = 'rust/kernel/alloc/kbox.rs';
const KVEC = 'rust/kernel/alloc/kvec.rs';
const ALLOC_RS = 'rust/kernel/alloc.rs';
const ALLOCATOR_RS = 'rust/kernel/alloc/allocator.rs';
const LAYOUT_RS = 'rust/kernel/alloc/layout.rs';
const INIT_RS = 'rust/kernel/init.rs';
const ARC_RS = 'rust/kernel/sync/arc.rs';
const STR_RS = 'rust/kernel/str.rs';
const LIST_ARC_RS = 'rust/kernel/list/arc.rs';
const RBTREE_RS = 'rust/kernel/rbtree.rs';
/**
 * Where `impl InPlaceInit for Arc/UniqueArc` (try_pin_init, try_init) lives: rust/kernel/init.rs in
 * 6.13.7 and 6.14.0 (:1226-1260); rust/kernel/sync/arc.rs in 6.18.2 and 7.1.5 (NODE_ALIGN_APIS
 * moves it; 6.15–6.17 not read).
 */
const ARC_INPLACE_RS = INIT_RS;

const RESERVE = rustFrame('Vec::reserve', KVEC, `returns at once if cap - len >= additional; else new_cap = max(2 × cap, len + additional), then ${A}::realloc`);
const ALLOC = rustFrame(`${A}::alloc`, ALLOC_RS, `Allocator::alloc default method: ${A}::realloc(None, layout, Layout::new::<()>(), flags, …)`);
const NEW_UNINIT = rustFrame('Box::new_uninit', KBOX, 'one allocation of Layout::new::<MaybeUninit<T>>()');

const VEC_ZERO_NOTE = 'a ZST Vec has capacity usize::MAX and a zero-byte request has nothing to reserve: Vec::reserve returns before the allocator is called';
const VEC_LAYOUT_NOTE = 'new_cap × size_of::<T>() over isize::MAX: the array layout check fails and Vec::reserve returns AllocError before any C call';
const BOX_LAYOUT_NOTE = 'a T over isize::MAX bytes does not compile: Layout::new::<T>() is a compile-time constant, so nothing runs';
const NO_VMALLOC_CONTAINER = 'there is no vmalloc-backed Rust container (Vmalloc and KVmalloc arrived with the Allocator trait in 6.13)';

type VecAlias = 'KVec' | 'VVec' | 'KVVec' | 'Vec';
type BoxAlias = 'KBox' | 'VBox' | 'KVBox' | 'Box';

/** The allocator each alias fixes, from the containers table (data/containers.ts). */
function allocatorOf(alias: VecAlias | BoxAlias): AllocatorName | 'generic' {
  return CONTAINERS.find((c) => c.name === alias)!.allocator;
}

/** What the Kmalloc-backed Vec methods were called before 6.13 (generic Vec<T, A> keeps the same hint). */
const OLD_VEC: Record<string, Partial<Record<ApiEra, string>>> = {
  push: { 'box-ext': 'use Vec::push(x, flags) (VecExt)', 'alloc-crate': 'use Vec::try_push(x)' },
  reserve: { 'box-ext': 'use Vec::reserve(n, flags) (VecExt)', 'alloc-crate': 'use Vec::try_reserve(n)' },
  with_capacity: { 'box-ext': 'use Vec::with_capacity(n, flags) (VecExt)', 'alloc-crate': 'use Vec::try_with_capacity(n)' },
  extend_from_slice: { 'box-ext': 'use Vec::extend_from_slice(s, flags) (VecExt)' },
};

const OLD_BOX: Record<string, Partial<Record<ApiEra, string>>> = {
  new: { 'box-ext': 'use Box::new(x, flags) (BoxExt)', 'alloc-crate': 'use Box::try_new(x)' },
  new_uninit: { 'box-ext': 'use Box::new_uninit(flags) (BoxExt)' },
};

function oldEras(alias: VecAlias | BoxAlias, hints: Partial<Record<ApiEra, string>> | undefined): Partial<Record<ApiEra, string>> | undefined {
  if (alias === 'VVec' || alias === 'KVVec' || alias === 'VBox' || alias === 'KVBox') {
    return { 'box-ext': NO_VMALLOC_CONTAINER, 'alloc-crate': NO_VMALLOC_CONTAINER };
  }
  return hints;
}

function vecApi(api: string, allocator: AllocatorName | 'generic', frames: readonly ChainFrame[], grows: boolean, instead?: Partial<Record<ApiEra, string>>): RustApi {
  return {
    api,
    allocator,
    frames,
    kind: 'alloc',
    zeroSize: { keep: frames.length, note: VEC_ZERO_NOTE },
    layoutFailure: { keep: frames.length, note: VEC_LAYOUT_NOTE },
    grows,
    ...(instead ? { instead } : {}),
  };
}

function boxApi(api: string, allocator: AllocatorName | 'generic', frames: readonly ChainFrame[], instead?: Partial<Record<ApiEra, string>>): RustApi {
  return {
    api,
    allocator,
    frames,
    kind: 'alloc',
    zeroSize: 'reaches-c',
    layoutFailure: { keep: 1, note: BOX_LAYOUT_NOTE },
    ...(instead ? { instead } : {}),
  };
}

function vecApis(alias: VecAlias): RustApi[] {
  const allocator = allocatorOf(alias);
  const name = (method: string): string => `${alias}::${method}`;
  const hint = (method: string) => oldEras(alias, OLD_VEC[method]);
  return [
    vecApi(name('push'), allocator, [rustFrame(name('push'), KVEC, 'reserve(1), then push_within_capacity_unchecked'), RESERVE], true, hint('push')),
    vecApi(name('reserve'), allocator, [rustFrame(name('reserve'), KVEC, RESERVE.note)], true, hint('reserve')),
    vecApi(name('with_capacity'), allocator, [rustFrame(name('with_capacity'), KVEC, 'reserve(n) on an empty Vec: capacity exactly n'), RESERVE], false, hint('with_capacity')),
    vecApi(name('extend_from_slice'), allocator, [rustFrame(name('extend_from_slice'), KVEC, 'reserve(other.len()), then clones into the spare capacity'), RESERVE], true, hint('extend_from_slice')),
    {
      ...vecApi(
        name('resize'),
        allocator,
        [
          rustFrame(name('resize'), KVEC, 'growing: extend_with(new_len - len); shrinking only truncates and never allocates'),
          rustFrame('Vec::extend_with', KVEC, 'n == 0 returns before reserve'),
          RESERVE,
        ],
        true,
        hint('resize'),
      ),
      requires: { holds: (rules: KernelRules) => rules.kvecResize, why: 'Vec::resize arrived in 6.15 (6.14.0 kvec.rs has none)' },
    },
    vecApi(
      name('from_elem'),
      allocator,
      [rustFrame(name('from_elem'), KVEC, 'with_capacity(n), then extend_with(n) finds the room already there'), rustFrame('Vec::with_capacity', KVEC, 'capacity exactly n'), RESERVE],
      false,
      hint('from_elem'),
    ),
  ];
}

function boxApis(alias: BoxAlias): RustApi[] {
  const allocator = allocatorOf(alias);
  const name = (method: string): string => `${alias}::${method}`;
  const hint = (method: string) => oldEras(alias, OLD_BOX[method]);
  return [
    boxApi(name('new'), allocator, [rustFrame(name('new'), KBOX, 'new_uninit, then Box::write'), NEW_UNINIT, ALLOC], hint('new')),
    boxApi(name('new_uninit'), allocator, [rustFrame(name('new_uninit'), KBOX, NEW_UNINIT.note), ALLOC], hint('new_uninit')),
    boxApi(name('pin'), allocator, [rustFrame(name('pin'), KBOX, 'Box::new, then into Pin'), rustFrame('Box::new', KBOX), NEW_UNINIT, ALLOC], hint('pin')),
    boxApi(
      name('pin_init'),
      allocator,
      [
        rustFrame(name('pin_init'), INIT_RS, 'InPlaceInit::pin_init: maps the error type, then try_pin_init'),
        rustFrame('Box::try_pin_init', KBOX, 'new_uninit, then write_pin_init initialises in place'),
        NEW_UNINIT,
        ALLOC,
      ],
      hint('pin_init'),
    ),
    boxApi(
      name('init'),
      allocator,
      [
        rustFrame(name('init'), INIT_RS, 'InPlaceInit::init: maps the error type, then try_init'),
        rustFrame('Box::try_init', KBOX, 'new_uninit, then write_init initialises in place'),
        NEW_UNINIT,
        ALLOC,
      ],
      hint('init'),
    ),
  ];
}

const ARC_NEVER_EMPTY = {
  impossible: 'ArcInner<T> starts with a 4-byte refcount, so an Arc allocation is never zero-sized',
};
const CSTRING_NEVER_EMPTY = { impossible: 'a CString holds at least its NUL terminator, so its buffer is never zero-sized' };

const ARC_INNER_NOTE = 'allocates ArcInner { refcount, data } (#[repr(C)], refcount first)';
/** One Kmalloc of an ArcInner<T>: the frames every reference-counted allocation ends with. */
const ARC_NEW: readonly ChainFrame[] = [rustFrame('Arc::new', ARC_RS, ARC_INNER_NOTE), rustFrame('KBox::new', KBOX), NEW_UNINIT, ALLOC];
const UNIQUE_ARC_UNINIT: readonly ChainFrame[] = [
  rustFrame('UniqueArc::new_uninit', ARC_RS, `KBox::try_init(try_init!(ArcInner { refcount, data <- uninit }))`),
  rustFrame('KBox::try_init', KBOX),
  NEW_UNINIT,
  ALLOC,
];

function arcApi(api: string, frames: readonly ChainFrame[]): RustApi {
  return { api, allocator: 'Kmalloc', frames: [...frames], kind: 'alloc', zeroSize: ARC_NEVER_EMPTY, layoutFailure: { keep: 1, note: BOX_LAYOUT_NOTE } };
}

const RB_NODE_NEVER_EMPTY = { impossible: 'a tree node holds a bindings::rb_node (three words), so it is never zero-sized' };
const RB_NODE_NOTE = 'KBox::new_uninit of Node<K, V> { links: bindings::rb_node, key: K, value: V }';
const RB_RESERVATION: readonly ChainFrame[] = [rustFrame('RBTreeNodeReservation::new', RBTREE_RS, RB_NODE_NOTE), rustFrame('KBox::new_uninit', KBOX), NEW_UNINIT, ALLOC];

function rbTreeApi(api: string, frames: readonly ChainFrame[]): RustApi {
  return { api, allocator: 'Kmalloc', frames: [...frames], kind: 'alloc', zeroSize: RB_NODE_NEVER_EMPTY, layoutFailure: { keep: 1, note: BOX_LAYOUT_NOTE } };
}

const OTHER_APIS: readonly RustApi[] = [
  {
    api: 'kvec![]',
    allocator: 'Kmalloc',
    frames: [rustFrame('kvec!', KVEC, 'the () arm'), rustFrame('KVec::new', KVEC, 'dangling pointer, capacity 0: no allocation')],
    kind: 'no-alloc',
    zeroSize: { keep: 2, note: 'kvec![] never allocates' },
  },
  vecApi(
    'kvec![x; n]',
    'Kmalloc',
    [
      rustFrame('kvec!', KVEC, 'the [x; n] arm: KVec::from_elem(x, n, GFP_KERNEL)'),
      rustFrame('KVec::from_elem', KVEC, 'with_capacity(n), then extend_with(n)'),
      rustFrame('Vec::with_capacity', KVEC, 'capacity exactly n'),
      RESERVE,
    ],
    false,
  ),
  {
    api: 'kvec![a, b, c]',
    allocator: 'Kmalloc',
    frames: [
      rustFrame('kvec!', KVEC, 'the list arm: KBox::new_uninit::<[T; N]>(GFP_KERNEL), KBox::write, then KVec::from: capacity N, no realloc'),
      rustFrame('KBox::new_uninit', KBOX, 'one allocation of N × size_of::<T>()'),
      ALLOC,
    ],
    kind: 'alloc',
    zeroSize: 'reaches-c',
    layoutFailure: { keep: 1, note: BOX_LAYOUT_NOTE },
  },
  {
    api: 'Arc::new',
    allocator: 'Kmalloc',
    frames: [rustFrame('Arc::new', ARC_RS, `${ARC_INNER_NOTE}, then KBox::leak`), rustFrame('KBox::new', KBOX), NEW_UNINIT, ALLOC],
    kind: 'alloc',
    zeroSize: ARC_NEVER_EMPTY,
    layoutFailure: { keep: 1, note: BOX_LAYOUT_NOTE },
    instead: { 'alloc-crate': 'use Arc::try_new(value)' },
  },
  arcApi('Arc::pin_init', [
    rustFrame('Arc::pin_init', INIT_RS, 'InPlaceInit::pin_init: maps the error type, then try_pin_init'),
    rustFrame('Arc::try_pin_init', ARC_INPLACE_RS, 'UniqueArc::try_pin_init, then into Arc'),
    rustFrame('UniqueArc::try_pin_init', ARC_INPLACE_RS, 'new_uninit, then write_pin_init'),
    ...UNIQUE_ARC_UNINIT,
  ]),
  arcApi('UniqueArc::new', [rustFrame('UniqueArc::new', ARC_RS, 'Arc::new with refcount 1'), ...ARC_NEW]),
  arcApi('UniqueArc::new_uninit', UNIQUE_ARC_UNINIT),
  arcApi('ListArc::new', [rustFrame('ListArc::new', LIST_ARC_RS, 'Self::from(UniqueArc::new(contents, flags)?)'), rustFrame('UniqueArc::new', ARC_RS, 'Arc::new with refcount 1'), ...ARC_NEW]),
  ...(['pin_init', 'init'] as const).map((method) =>
    arcApi(`ListArc::${method}`, [
      rustFrame(`ListArc::${method}`, LIST_ARC_RS, `Self::from(UniqueArc::try_${method}(init, flags)?)`),
      rustFrame(`UniqueArc::try_${method}`, ARC_INPLACE_RS, 'new_uninit, then write_pin_init / write_init'),
      ...UNIQUE_ARC_UNINIT,
    ]),
  ),
  rbTreeApi('RBTreeNodeReservation::new', RB_RESERVATION),
  rbTreeApi('RBTreeNode::new', [rustFrame('RBTreeNode::new', RBTREE_RS, 'RBTreeNodeReservation::new(flags)?.into_node(key, value)'), ...RB_RESERVATION]),
  {
    ...vecApi(
      'CString::try_from_fmt',
      'Kmalloc',
      [
        rustFrame('CString::try_from_fmt', STR_RS, 'formats once to measure, then KVec::with_capacity(len + 1, GFP_KERNEL)'),
        rustFrame('KVec::with_capacity', KVEC, 'capacity exactly the formatted length plus NUL'),
        RESERVE,
      ],
      false,
    ),
    zeroSize: CSTRING_NEVER_EMPTY,
  },
];

function allocatorApis(): RustApi[] {
  const apis: RustApi[] = [
    {
      api: 'Allocator::alloc',
      allocator: 'generic',
      frames: [ALLOC],
      kind: 'alloc',
      zeroSize: 'reaches-c',
    },
    { api: 'Allocator::realloc', allocator: 'generic', frames: [], kind: 'alloc', zeroSize: 'reaches-c', grows: true },
    {
      api: 'Allocator::free',
      allocator: 'generic',
      frames: [rustFrame(`${A}::free`, ALLOC_RS, `Allocator::free default method: ${A}::realloc(Some(ptr), Layout::new::<()>(), layout, Flags(0), …)`)],
      kind: 'free',
      zeroSize: 'reaches-c',
    },
  ];
  for (const allocator of ['Kmalloc', 'Vmalloc', 'KVmalloc'] as const) {
    apis.push(
      { api: `${allocator}::alloc`, allocator, frames: [ALLOC], kind: 'alloc', zeroSize: 'reaches-c' },
      { api: `${allocator}::realloc`, allocator, frames: [], kind: 'alloc', zeroSize: 'reaches-c', grows: true },
    );
  }
  return apis;
}

/** 6.13–6.17. */
export const ALLOCATOR_TRAIT_APIS: readonly RustApi[] = [
  ...(['KVec', 'VVec', 'KVVec', 'Vec'] as const).flatMap(vecApis),
  ...(['KBox', 'VBox', 'KVBox', 'Box'] as const).flatMap(boxApis),
  ...OTHER_APIS,
  ...CORE_CALL_APIS,
  ...allocatorApis(),
];

// ---- 6.18+: the same table plus these changes ------------------------------------------

/** kvec.rs:641 (v7.1.5): ArrayLayout::new(new_cap) in Vec::reserve. */
const ARRAY_LAYOUT = rustFrame('ArrayLayout::new', LAYOUT_RS, 'len × size_of::<T>() over isize::MAX: LayoutError, mapped to AllocError');

/**
 * KVVec::shrink_to (kvec.rs:766, v7.1.5; absent from 7.0.0's kvec.rs). growsExisting means the
 * vector holds a buffer; then a target capacity of 0 (len 0, min 0) frees it: KVmalloc::realloc
 * to size 0 (kmalloc-backed; krealloc_node_align_noprof kfree()s, slub.c:6768) or KVmalloc::free
 * (vmalloc-backed, kvec.rs:807-815); both reach kvrealloc with size 0.
 */
const SHRINK_TO: RustApi = {
  api: 'KVVec::shrink_to',
  allocator: 'KVmalloc',
  frames: [rustFrame('KVVec::shrink_to', KVEC, 'kmalloc-backed: KVmalloc::realloc to the target capacity; vmalloc-backed: only if it frees a page, then KVmalloc::alloc + copy + KVmalloc::free')],
  kind: 'shrink',
  zeroSize: {
    keep: 1,
    note: 'a ZST KVVec, an empty one, or a capacity already at the target: returns without calling the allocator (a buffer shrunk to capacity 0 is freed instead)',
  },
  grows: true,
  requires: {
    holds: (rules) => rules.kvvecShrinkTo,
    why: 'KVVec::shrink_to was added in 7.1 (7.0.0 rust/kernel/alloc/kvec.rs has none; 7.1.5 kvec.rs:766)',
  },
};

/** KVVec::shrink_to on a vmalloc-backed buffer: a fresh KVmalloc allocation, copy, then free (kvec.rs:827). */
export const SHRINK_TO_ALLOC = rustFrame('KVmalloc::alloc', ALLOC_RS, 'Allocator::alloc default method: KVmalloc::realloc(None, …); kmalloc is tried first, so the data may move back to kmalloc');

/** The InPlaceInit impls for Arc and UniqueArc are in rust/kernel/sync/arc.rs by 6.18 (see ARC_INPLACE_RS). */
function arcInPlaceInArcRs(api: RustApi): RustApi {
  if (!api.frames.some((f) => f.file === ARC_INPLACE_RS && /^(Arc|UniqueArc)::try_/.test(f.frame))) return api;
  return { ...api, frames: api.frames.map((f) => (f.file === ARC_INPLACE_RS && /^(Arc|UniqueArc)::try_/.test(f.frame) ? { ...f, file: ARC_RS } : f)) };
}

/** A Vec layout check is ArrayLayout::new in 6.18+ (kvec.rs:641). */
function withArrayLayout(api: RustApi): RustApi {
  return api.layoutFailure?.note === VEC_LAYOUT_NOTE ? { ...api, layoutFailure: { ...api.layoutFailure, frame: ARRAY_LAYOUT } } : api;
}

export const NODE_ALIGN_APIS: readonly RustApi[] = [...ALLOCATOR_TRAIT_APIS.map((api) => arcInPlaceInArcRs(withArrayLayout(api))), ...PIN_SLICE_APIS.map(withArrayLayout), SHRINK_TO];

// ---- from {A}::realloc to the helper --------------------------------------------------

const HELPERS: Record<'allocator-trait' | 'node-align', Record<AllocatorName, string>> = {
  'allocator-trait': { Kmalloc: 'rust_helper_krealloc', Vmalloc: 'rust_helper_vrealloc', KVmalloc: 'rust_helper_kvrealloc' },
  'node-align': {
    Kmalloc: 'rust_helper_krealloc_node_align',
    Vmalloc: 'rust_helper_vrealloc_node_align',
    KVmalloc: 'rust_helper_kvrealloc_node_align',
  },
};

const VMALLOC_HELPERS_FILE = 'rust/helpers/vmalloc.c';

function reallocNote(allocator: AllocatorName, rules: KernelRules): string | undefined {
  if (allocator !== 'Kmalloc' && rules.vmallocRefusesAlignAbovePage) {
    return 'refuses layout.align() > PAGE_SIZE with pr_warn! and AllocError';
  }
  return undefined;
}

/**
 * {A}::realloc, the Kmalloc padding and ReallocFunc::call. The padding moved with fde578c86281
 * (6.17): before it, aligned_size() padded inside ReallocFunc::call for every allocator
 * (rules.vmallocPads); after it, Kmalloc::aligned_layout() pads for Kmalloc and KVmalloc only.
 */
export function allocatorTraitTail(allocator: AllocatorName, rules: KernelRules): ChainFrame[] {
  const frames: ChainFrame[] = [rustFrame(`${allocator}::realloc`, ALLOCATOR_RS, reallocNote(allocator, rules))];
  if (!rules.vmallocPads && allocator !== 'Vmalloc') {
    frames.push(rustFrame('Kmalloc::aligned_layout', ALLOCATOR_RS, 'layout.pad_to_align()'));
  }
  frames.push(
    rustFrame(
      'ReallocFunc::call',
      ALLOCATOR_RS,
      rules.apiEra === 'node-align'
        ? 'the old pointer, or NULL for a fresh allocation; passes size, layout.align(), flags and nid to C; size 0 gives a dangling pointer, NULL gives AllocError'
        : 'the old pointer, or NULL for a fresh allocation; passes size and flags to C; size 0 gives a dangling pointer, NULL gives AllocError',
    ),
  );
  if (rules.vmallocPads) {
    frames.push(rustFrame('aligned_size', ALLOCATOR_RS, 'layout.pad_to_align().size(), computed inside ReallocFunc::call before the C call'));
  }
  return frames;
}

/** The C helper bindgen links `bindings::{k,v,kv}realloc[_node_align]` to. */
export function allocatorTraitHelper(allocator: AllocatorName, rules: KernelRules): ChainFrame {
  const era = rules.apiEra === 'node-align' ? 'node-align' : 'allocator-trait';
  const name = HELPERS[era][allocator];
  const file = allocator === 'Vmalloc' ? VMALLOC_HELPERS_FILE : rules.helperFile;
  return ffiFrame(
    name,
    file,
    era === 'node-align'
      ? '__rust_helper: inlined into Rust with CONFIG_RUST_INLINE_HELPERS (7.1.5); with CONFIG_MEM_ALLOC_PROFILING, /proc/allocinfo charges every Rust allocation to this helper'
      : 'with CONFIG_MEM_ALLOC_PROFILING, /proc/allocinfo charges every Rust allocation to this helper',
  );
}
