/**
 * Rust frames of 6.10–6.12: the `alloc` crate's Box and Vec with the kernel's BoxExt/VecExt
 * traits and GFP flags, down to the C helper.
 *
 * rust/kernel/alloc/box_ext.rs and vec_ext.rs (corpus copies of that era), rust/kernel/alloc/allocator.rs
 * (krealloc_aligned, torvalds/linux @ 00280272), rust/kernel/sync/arc.rs (Arc::new through BoxExt,
 * kernel-facts §1a'), rust/kernel/str.rs (CString::try_from_fmt: VecExt::with_capacity(size,
 * GFP_KERNEL), the 6.10 conversion patch), rust/helpers.c and rust/helpers/slab.c (rust_helper_krealloc).
 * Rust-for-Linux's "Rust changes for v6.10" tag lists the flags, BoxExt/VecExt and the fork's removal.
 */
import type { KernelRules } from '../kernel-changes.js';
import { ffiFrame, rustFrame, type ChainFrame, type RustApi } from './chain-frame.js';

const BOX_EXT = 'rust/kernel/alloc/box_ext.rs';
const VEC_EXT = 'rust/kernel/alloc/vec_ext.rs';
const ALLOCATOR_RS = 'rust/kernel/alloc/allocator.rs';
const ARC_RS = 'rust/kernel/sync/arc.rs';
const STR_RS = 'rust/kernel/str.rs';

const NEW_UNINIT = rustFrame('BoxExt::new_uninit', BOX_EXT, 'krealloc_aligned(NULL, Layout::new::<MaybeUninit<T>>(), flags); a ZST gets NonNull::dangling() without a call');
const VEC_RESERVE = rustFrame(
  'VecExt::reserve',
  VEC_EXT,
  'returns at once if cap - len >= additional; else new_cap = max(2 × cap, len + additional), krealloc_aligned(ptr or NULL, Layout::array::<T>(new_cap), flags)',
);

const BOX_ZERO_NOTE = 'size_of::<MaybeUninit<T>>() == 0: BoxExt::new_uninit returns NonNull::dangling() without calling C';
const VEC_ZERO_NOTE = 'a ZST Vec has capacity usize::MAX and a zero-byte request has nothing to reserve: VecExt::reserve returns without calling C';
const VEC_LAYOUT_NOTE = 'len + additional overflows or Layout::array::<T>(new_cap) fails (over isize::MAX): AllocError before any C call';
const BOX_LAYOUT_NOTE = 'a T over isize::MAX bytes does not compile: Layout::new::<T>() is a compile-time constant, so nothing runs';

function vecApi(api: string, frames: readonly ChainFrame[], grows: boolean, oldName?: string): RustApi {
  return {
    api,
    allocator: 'Kmalloc',
    frames,
    kind: 'alloc',
    zeroSize: { keep: frames.length, note: VEC_ZERO_NOTE },
    layoutFailure: { keep: frames.length, note: VEC_LAYOUT_NOTE },
    grows,
    ...(oldName ? { instead: { 'alloc-crate': `use ${oldName}` } } : {}),
  };
}

export const BOX_EXT_APIS: readonly RustApi[] = [
  {
    api: 'Box::new',
    allocator: 'Kmalloc',
    frames: [rustFrame('Box::new', BOX_EXT, 'BoxExt::new: new_uninit, then write'), NEW_UNINIT],
    kind: 'alloc',
    zeroSize: { keep: 2, note: BOX_ZERO_NOTE },
    layoutFailure: { keep: 1, note: BOX_LAYOUT_NOTE },
    instead: { 'alloc-crate': 'use Box::try_new(x)' },
  },
  {
    api: 'Box::new_uninit',
    allocator: 'Kmalloc',
    frames: [rustFrame('Box::new_uninit', BOX_EXT, `BoxExt::new_uninit: ${NEW_UNINIT.note}`)],
    kind: 'alloc',
    zeroSize: { keep: 1, note: BOX_ZERO_NOTE },
    layoutFailure: { keep: 1, note: BOX_LAYOUT_NOTE },
  },
  vecApi('Vec::push', [rustFrame('Vec::push', VEC_EXT, 'VecExt::push: reserve(1), then writes the spare slot'), VEC_RESERVE], true, 'Vec::try_push(x)'),
  vecApi('Vec::with_capacity', [rustFrame('Vec::with_capacity', VEC_EXT, 'VecExt::with_capacity: reserve(n) on Vec::new(), capacity exactly n'), VEC_RESERVE], false, 'Vec::try_with_capacity(n)'),
  vecApi('Vec::reserve', [rustFrame('Vec::reserve', VEC_EXT, `VecExt::reserve: ${VEC_RESERVE.note}`)], true, 'Vec::try_reserve(n)'),
  vecApi('Vec::extend_from_slice', [rustFrame('Vec::extend_from_slice', VEC_EXT, 'VecExt::extend_from_slice: reserve(other.len()), then clones'), VEC_RESERVE], true),
  {
    api: 'Arc::new',
    allocator: 'Kmalloc',
    frames: [
      rustFrame('Arc::new', ARC_RS, 'allocates ArcInner { refcount, data } with <Box<_> as BoxExt<_>>::new(value, flags), then Box::leak'),
      rustFrame('Box::new', BOX_EXT, 'BoxExt::new'),
      NEW_UNINIT,
    ],
    kind: 'alloc',
    zeroSize: { impossible: 'ArcInner<T> starts with a 4-byte refcount, so an Arc allocation is never zero-sized' },
    layoutFailure: { keep: 1, note: BOX_LAYOUT_NOTE },
    instead: { 'alloc-crate': 'use Arc::try_new(value)' },
  },
  {
    ...vecApi(
      'CString::try_from_fmt',
      [
        rustFrame('CString::try_from_fmt', STR_RS, 'formats once to measure, then <Vec<_> as VecExt<_>>::with_capacity(len + 1, GFP_KERNEL)'),
        rustFrame('Vec::with_capacity', VEC_EXT, 'VecExt::with_capacity: capacity exactly the formatted length plus NUL'),
        VEC_RESERVE,
      ],
      false,
    ),
    zeroSize: { impossible: 'a CString holds at least its NUL terminator, so its buffer is never zero-sized' },
  },
];

/** krealloc_aligned and the helper it reaches through bindings::krealloc. */
export function boxExtTail(rules: KernelRules): ChainFrame[] {
  return [
    rustFrame(
      'krealloc_aligned',
      ALLOCATOR_RS,
      rules.kmallocPadding === 'pad-then-next-pow2'
        ? 'layout.pad_to_align(), then size.next_power_of_two() when align > ARCH_SLAB_MINALIGN (dropped in 6.11)'
        : 'layout.pad_to_align(); kmalloc aligns each object to the largest power of two dividing its size (6.11+)',
    ),
    ffiFrame(
      'rust_helper_krealloc',
      rules.helperFile,
      'bindings::krealloc links here: krealloc() is an alloc_hooks() macro since 6.10, so Rust needs a real function; with CONFIG_MEM_ALLOC_PROFILING, /proc/allocinfo charges every Rust allocation to this helper',
    ),
  ];
}
