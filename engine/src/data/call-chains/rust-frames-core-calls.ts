/**
 * Core allocation calls of the Allocator-trait era (6.13+) that real driver code uses and the
 * main table did not list (issue 11). Each was read in v7.1.5 (danayer/linux-7.1.5 @ 9d1745cf):
 * - Vec::extend_with: rust/kernel/alloc/kvec.rs:852 `pub fn extend_with(&mut self, n, value,
 *   flags)`: reserve(n), then n clones; n == 0 returns before reserve.
 * - UniqueArc::pin_init / init (try_pin_init / try_init are aliases, InPlaceInit):
 *   rust/kernel/sync/arc.rs:692-710 `impl<T> InPlaceInit<T> for UniqueArc<T>`: new_uninit, then
 *   write_pin_init / write_init (in rust/kernel/init.rs in 6.13.7 and 6.14.0).
 * Each name is checked in every tree of kernel-function-names.ts (6.13.7, 6.14.0, 6.18.2, 6.19.9,
 * 7.0.0, 7.1.5): `pub fn extend_with` in kvec.rs, `fn to_cstring` and `TryFrom<&'a CStr> for
 * CString` in str.rs, `fn pin_init<E>` / `fn init<E>` in init.rs.
 * - CString::try_from(&CStr): rust/kernel/str.rs:899-911: `KVec::new()`, then
 *   `extend_from_slice(cstr.to_bytes_with_nul(), GFP_KERNEL)`: one allocation of strlen + 1
 *   bytes (CStr::to_cstring, str.rs:357, calls it).
 * - IntoIter::collect(flags): rust/kernel/alloc/kvec.rs:1252-1298 (6.13.7 and 6.14.0 kvec.rs:743,
 *   6.18.2–7.0.0 :1140): reuses the Vec's buffer; only when next() has advanced does it copy the
 *   len elements left to the buffer's start and A::realloc it to len × size_of::<T>() (a failed
 *   shrink keeps the old buffer). Nothing is allocated when the iterator was not advanced.
 * - Box::pin_slice(init, len, flags): rust/kernel/alloc/kbox.rs:311-344: Vec::with_capacity(len,
 *   flags), then init(i) in place for each i; the buffer becomes the Pin<Box<[T], A>>. Absent from
 *   6.13.7 and 6.14.0 kbox.rs, present in 6.18.2, 6.19.9, 7.0.0 (kbox.rs:336) and 7.1.5; 6.15–6.17
 *   not read, so it is modelled from 6.18 (the node-align table) and that boundary is unconfirmed.
 * The 6.13 Allocator series (lore 20241004154149.93856) brought kvec.rs and the KVec in str.rs;
 * UniqueArc's InPlaceInit predates it (pin-init, 6.4) and takes the era's Box underneath.
 */
import { CONTAINERS } from '../containers.js';
import { ALLOCATOR_PLACEHOLDER as A, rustFrame, type ChainFrame, type RustApi } from './chain-frame.js';

const KVEC = 'rust/kernel/alloc/kvec.rs';
const KBOX = 'rust/kernel/alloc/kbox.rs';
const ALLOC_RS = 'rust/kernel/alloc.rs';
const INIT_RS = 'rust/kernel/init.rs';
const ARC_RS = 'rust/kernel/sync/arc.rs';
const STR_RS = 'rust/kernel/str.rs';

const RESERVE = rustFrame('Vec::reserve', KVEC, `returns at once if cap - len >= additional; else new_cap = max(2 × cap, len + additional), then ${A}::realloc`);
const ALLOC = rustFrame(`${A}::alloc`, ALLOC_RS, `Allocator::alloc default method: ${A}::realloc(None, layout, Layout::new::<()>(), flags, …)`);
const NEW_UNINIT = rustFrame('Box::new_uninit', KBOX, 'one allocation of Layout::new::<MaybeUninit<T>>()');
const VEC_ZERO = {
  keep: 2,
  note: 'a ZST Vec has capacity usize::MAX and a zero-byte request has nothing to reserve: Vec::reserve returns before the allocator is called',
};
const VEC_LAYOUT = { keep: 2, note: 'new_cap × size_of::<T>() over isize::MAX: the array layout check fails and Vec::reserve returns AllocError before any C call' };

function extendWith(alias: 'KVec' | 'VVec' | 'KVVec' | 'Vec'): RustApi {
  return {
    api: `${alias}::extend_with`,
    allocator: CONTAINERS.find((c) => c.name === alias)!.allocator,
    frames: [rustFrame(`${alias}::extend_with`, KVEC, 'reserve(n), then n clones of value; n == 0 returns before reserve'), RESERVE],
    kind: 'alloc',
    zeroSize: VEC_ZERO,
    layoutFailure: VEC_LAYOUT,
    grows: true,
  };
}

const UNIQUE_ARC_UNINIT: readonly ChainFrame[] = [
  rustFrame('UniqueArc::new_uninit', ARC_RS, 'KBox::try_init(try_init!(ArcInner { refcount, data <- uninit }))'),
  rustFrame('KBox::try_init', KBOX),
  NEW_UNINIT,
  ALLOC,
];

function uniqueArcInit(method: 'pin_init' | 'init'): RustApi {
  return {
    api: `UniqueArc::${method}`,
    allocator: 'Kmalloc',
    frames: [
      rustFrame(`UniqueArc::${method}`, INIT_RS, `InPlaceInit::${method}: maps the error type, then try_${method}`),
      // init.rs in 6.13–6.14; NODE_ALIGN_APIS moves UniqueArc::try_* frames to sync/arc.rs (6.18+).
      rustFrame(`UniqueArc::try_${method}`, INIT_RS, `new_uninit, then ${method === 'pin_init' ? 'write_pin_init' : 'write_init'}`),
      ...UNIQUE_ARC_UNINIT,
    ],
    kind: 'alloc',
    zeroSize: { impossible: 'ArcInner<T> starts with a 4-byte refcount, so an Arc allocation is never zero-sized' },
    layoutFailure: { keep: 1, note: 'a T over isize::MAX bytes does not compile: Layout::new::<T>() is a compile-time constant, so nothing runs' },
  };
}

const CSTRING_TRY_FROM: RustApi = {
  api: 'CString::try_from',
  allocator: 'Kmalloc',
  frames: [
    rustFrame('CString::try_from', STR_RS, 'TryFrom<&CStr>: KVec::new(), then extend_from_slice(cstr.to_bytes_with_nul(), GFP_KERNEL)'),
    rustFrame('KVec::extend_from_slice', KVEC, 'reserve(len + 1) on an empty KVec: capacity exactly strlen + 1'),
    RESERVE,
  ],
  kind: 'alloc',
  zeroSize: { impossible: 'a CString holds at least its NUL terminator, so its buffer is never zero-sized' },
  layoutFailure: VEC_LAYOUT,
};

const CSTR_TO_CSTRING: RustApi = {
  ...CSTRING_TRY_FROM,
  api: 'CStr::to_cstring',
  frames: [rustFrame('CStr::to_cstring', STR_RS, 'CString::try_from(self)'), ...CSTRING_TRY_FROM.frames],
};

/** IntoIter::collect (kvec.rs:1252): an in-place shrinking realloc of the buffer it already holds. */
const INTO_ITER_COLLECT: RustApi = {
  api: 'IntoIter::collect',
  allocator: 'generic',
  frames: [
    rustFrame(
      'IntoIter::collect',
      KVEC,
      `only if next() has advanced: copies the len elements left to the buffer start, then ${A}::realloc(Some(buf), len × size_of::<T>(), old layout, flags); a failed shrink keeps the old buffer, and an iterator never advanced calls nothing`,
    ),
  ],
  kind: 'alloc',
  // Every element taken: realloc to size 0, which frees the buffer (krealloc of size 0).
  zeroSize: 'reaches-c',
  grows: true,
};

function pinSlice(alias: 'KBox' | 'VBox' | 'KVBox' | 'Box'): RustApi {
  return {
    api: `${alias}::pin_slice`,
    allocator: CONTAINERS.find((c) => c.name === alias)!.allocator,
    frames: [
      rustFrame(`${alias}::pin_slice`, KBOX, 'Vec::<T, A>::with_capacity(len, flags), then init(i) pinned in place for each i; the buffer becomes the Box<[T], A>'),
      rustFrame('Vec::with_capacity', KVEC, 'reserve(len) on an empty Vec: capacity exactly len'),
      RESERVE,
    ],
    kind: 'alloc',
    zeroSize: { ...VEC_ZERO, keep: 3 },
    layoutFailure: { ...VEC_LAYOUT, keep: 3 },
  };
}

/** Box::pin_slice rows, 6.18+ only (see above): added to the node-align table. */
export const PIN_SLICE_APIS: readonly RustApi[] = (['KBox', 'VBox', 'KVBox', 'Box'] as const).map(pinSlice);

/** Rows added to the Allocator-trait table (6.13+, and so to 6.18+'s). */
export const CORE_CALL_APIS: readonly RustApi[] = [
  ...(['KVec', 'VVec', 'KVVec', 'Vec'] as const).map(extendWith),
  uniqueArcInit('pin_init'),
  uniqueArcInit('init'),
  CSTRING_TRY_FROM,
  CSTR_TO_CSTRING,
  INTO_ITER_COLLECT,
];
