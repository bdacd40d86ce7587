/**
 * Rust frames of 6.1–6.9: the kernel's fork of the `alloc` crate (rust/alloc/) with GFP_KERNEL
 * hard-wired, down to bindings::krealloc.
 *
 * rust/alloc/boxed.rs, vec/mod.rs, raw_vec.rs (the fork; try_* additions from "[PATCH v8 12/31]
 * rust: adapt `alloc` crate to the kernel", Aug 2022), rust/kernel/allocator.rs (torvalds/linux
 * @ dbc743c9: 6.1, __rust_alloc → krealloc; @ 0beaf546: 6.5, krealloc_aligned), the "Rust changes
 * for v6.6" tag (Rust 1.71.1: rustc now generates __rust_* and KernelAllocator is used),
 * rust/kernel/sync/arc.rs (Arc::try_new → Box::try_new) and rust/kernel/str.rs
 * (CString::try_from_fmt → Vec::try_with_capacity). The std-internal names (Global::allocate,
 * finish_grow) are those of the vendored rustc versions (1.62–1.76).
 */
import type { KernelRules } from '../kernel-changes.js';
import { ffiFrame, rustFrame, type ChainFrame, type RustApi } from './chain-frame.js';

const BOXED = 'rust/alloc/boxed.rs';
const VEC_MOD = 'rust/alloc/vec/mod.rs';
const RAW_VEC = 'rust/alloc/raw_vec.rs';
const ALLOC_ALLOC = 'rust/alloc/alloc.rs';
const KERNEL_ALLOCATOR = 'rust/kernel/allocator.rs';
const ARC_RS = 'rust/kernel/sync/arc.rs';
const STR_RS = 'rust/kernel/str.rs';
const BINDINGS = 'rust/bindings/bindings_helper.h';

const TRY_NEW_UNINIT = rustFrame('Box::try_new_uninit_in', BOXED, 'Global.allocate(Layout::new::<MaybeUninit<T>>())');
const GROW_AMORTIZED = rustFrame('RawVec::grow_amortized', RAW_VEC, 'cap = max(2 × cap, len + additional, MIN_NON_ZERO_CAP)');
const FINISH_GROW = rustFrame('finish_grow', RAW_VEC, 'Layout::array and alloc_guard checks; Global::grow for an existing buffer, Global::allocate for the first');
const TRY_ALLOCATE_IN = rustFrame('RawVec::try_allocate_in', RAW_VEC, 'exactly n elements: Layout::array::<T>(n), then Global.allocate');

const VEC_LAYOUT_NOTE = 'the capacity overflows or Layout::array::<T>(cap) exceeds isize::MAX: CapacityOverflow, returned as TryReserveError before any C call';
const BOX_LAYOUT_NOTE = 'a T over isize::MAX bytes does not compile: Layout::new::<T>() is a compile-time constant, so nothing runs';

export const ALLOC_CRATE_APIS: readonly RustApi[] = [
  {
    api: 'Box::try_new',
    allocator: 'Kmalloc',
    frames: [rustFrame('Box::try_new', BOXED, 'try_new_in(x, Global)'), TRY_NEW_UNINIT],
    kind: 'alloc',
    zeroSize: {
      keep: 2,
      frame: rustFrame('Global::allocate', ALLOC_ALLOC, 'alloc_impl: size 0 gives a dangling pointer without calling __rust_alloc'),
      note: 'a zero-sized T is never allocated',
    },
    layoutFailure: { keep: 1, note: BOX_LAYOUT_NOTE },
    instead: { 'box-ext': 'use Box::new(x, flags) (BoxExt)', 'allocator-trait': 'use KBox::new(x, flags)', 'node-align': 'use KBox::new(x, flags)' },
  },
  {
    api: 'Vec::try_push',
    allocator: 'Kmalloc',
    frames: [
      rustFrame('Vec::try_push', VEC_MOD, 'len == capacity: RawVec::try_reserve_for_push(len)'),
      rustFrame('RawVec::try_reserve_for_push', RAW_VEC, 'grow_amortized(len, 1)'),
      GROW_AMORTIZED,
      FINISH_GROW,
    ],
    kind: 'alloc',
    zeroSize: { keep: 1, note: 'a ZST Vec has capacity usize::MAX, so len never reaches it: no RawVec call' },
    layoutFailure: { keep: 4, note: VEC_LAYOUT_NOTE },
    grows: true,
    instead: { 'box-ext': 'use Vec::push(x, flags) (VecExt)', 'allocator-trait': 'use KVec::push(x, flags)', 'node-align': 'use KVec::push(x, flags)' },
  },
  {
    api: 'Vec::try_with_capacity',
    allocator: 'Kmalloc',
    frames: [rustFrame('Vec::try_with_capacity', VEC_MOD, 'try_with_capacity_in(n, Global) → RawVec::try_with_capacity_in'), TRY_ALLOCATE_IN],
    kind: 'alloc',
    zeroSize: { keep: 2, note: 'T::IS_ZST or capacity 0: RawVec::new_in, nothing is allocated' },
    layoutFailure: { keep: 2, note: VEC_LAYOUT_NOTE },
    requires: { holds: (rules: KernelRules) => rules.vecTryWithCapacity, why: 'Vec::try_with_capacity came to the alloc fork after 6.1 (6.1.20 rust/alloc/vec/mod.rs has none)' },
    instead: {
      'box-ext': 'use Vec::with_capacity(n, flags) (VecExt)',
      'allocator-trait': 'use KVec::with_capacity(n, flags)',
      'node-align': 'use KVec::with_capacity(n, flags)',
    },
  },
  {
    api: 'Vec::try_reserve',
    allocator: 'Kmalloc',
    frames: [
      rustFrame('Vec::try_reserve', VEC_MOD, 'RawVec::try_reserve(len, additional)'),
      rustFrame('RawVec::try_reserve', RAW_VEC, 'grows only if additional > cap - len'),
      GROW_AMORTIZED,
      FINISH_GROW,
    ],
    kind: 'alloc',
    zeroSize: { keep: 2, note: 'a ZST Vec (capacity usize::MAX) or a zero-byte request needs no growth: nothing is allocated' },
    layoutFailure: { keep: 4, note: VEC_LAYOUT_NOTE },
    grows: true,
    instead: { 'box-ext': 'use Vec::reserve(n, flags) (VecExt)', 'allocator-trait': 'use KVec::reserve(n, flags)', 'node-align': 'use KVec::reserve(n, flags)' },
  },
  {
    api: 'Arc::try_new',
    allocator: 'Kmalloc',
    frames: [
      rustFrame('Arc::try_new', ARC_RS, 'ArcInner { refcount: REFCOUNT_INIT(1), data } through Box::try_new, then Box::leak (not in 6.1.20; from 6.3, unconfirmed)'),
      rustFrame('Box::try_new', BOXED, 'try_new_in(x, Global)'),
      TRY_NEW_UNINIT,
    ],
    kind: 'alloc',
    zeroSize: { impossible: 'ArcInner<T> starts with a 4-byte refcount, so an Arc allocation is never zero-sized' },
    layoutFailure: { keep: 1, note: BOX_LAYOUT_NOTE },
    requires: { holds: (rules: KernelRules) => rules.kernelArc, why: 'kernel::sync::Arc came after 6.1 (6.1.20 has no rust/kernel/sync/)' },
    instead: { 'box-ext': 'use Arc::new(value, flags)', 'allocator-trait': 'use Arc::new(value, flags)', 'node-align': 'use Arc::new(value, flags)' },
  },
  {
    api: 'CString::try_from_fmt',
    allocator: 'Kmalloc',
    frames: [
      rustFrame('CString::try_from_fmt', STR_RS, 'formats once to measure, then Vec::try_with_capacity(len + 1) (not in 6.1.20; from 6.2, unconfirmed)'),
      rustFrame('Vec::try_with_capacity', VEC_MOD, 'capacity exactly the formatted length plus NUL'),
      TRY_ALLOCATE_IN,
    ],
    kind: 'alloc',
    zeroSize: { impossible: 'a CString holds at least its NUL terminator, so its buffer is never zero-sized' },
    layoutFailure: { keep: 3, note: VEC_LAYOUT_NOTE },
    requires: { holds: (rules: KernelRules) => rules.vecTryWithCapacity, why: 'CString came after 6.1 (6.1.20 rust/kernel/str.rs has none)' },
  },
];

/**
 * Global::allocate/grow down to bindings::krealloc. 6.1–6.4 (kmallocPadding 'none'): the kernel's
 * own #[no_mangle] __rust_alloc calls krealloc and ignores the alignment. 6.5 adds krealloc_aligned;
 * from 6.6 (Rust 1.71.1) rustc generates __rust_* and they reach KernelAllocator's GlobalAlloc.
 * No rule separates 6.5 from 6.6, so 6.5–6.9 show the 6.6 shape with a note.
 */
export function allocCrateTail(rules: KernelRules, growsExisting: boolean): ChainFrame[] {
  const shim = growsExisting ? '__rust_realloc' : '__rust_alloc';
  const frames: ChainFrame[] = [
    growsExisting
      ? rustFrame('Global::grow', ALLOC_ALLOC, 'grow_impl: realloc(ptr, old_layout, new_size) for an existing buffer')
      : rustFrame('Global::allocate', ALLOC_ALLOC, 'alloc_impl: alloc(layout) for a non-zero size'),
  ];
  if (rules.kmallocPadding === 'none') {
    frames.push(rustFrame(shim, KERNEL_ALLOCATOR, `the kernel's own #[no_mangle] ${shim}: bindings::krealloc(ptr, size, GFP_KERNEL); the alignment is ignored`));
  } else {
    const method = growsExisting ? 'realloc' : 'alloc';
    frames.push(
      rustFrame(
        shim,
        KERNEL_ALLOCATOR,
        `6.6+: generated by rustc (1.71+) from #[global_allocator] and forwarded through __rg_${method}; in 6.5 the kernel's own #[no_mangle] ${shim} called krealloc_aligned directly`,
      ),
      rustFrame(`KernelAllocator::${method}`, KERNEL_ALLOCATOR, `<KernelAllocator as GlobalAlloc>::${method}: krealloc_aligned(…, GFP_KERNEL)`),
      rustFrame('krealloc_aligned', KERNEL_ALLOCATOR, 'layout.pad_to_align(), then size.next_power_of_two() when align > ARCH_SLAB_MINALIGN (b3d8aa84bbfe)'),
    );
  }
  frames.push(ffiFrame('bindings::krealloc', BINDINGS, 'bindgen binding of the exported C krealloc(): no helper and no alloc_hooks() before 6.10'));
  return frames;
}
