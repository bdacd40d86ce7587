/**
 * Which argument of a Rust allocation API carries what, as the kernel declares it: the flags, the
 * element count, the value moved in, the Layout. The analyzer reads a call's arguments by these
 * roles (the same shape as a kernel-API row's `args`) instead of guessing the flags by their text.
 * Indices are 0-based and count the arguments after `self`: a method called by path
 * (`KVec::push(&mut v, x, f)`) has its receiver first, and the analyzer skips it.
 *
 * Read in v7.1.5 (danayer/linux-7.1.5): rust/kernel/alloc/kvec.rs (push :328, with_capacity :504,
 * reserve :625, shrink_to :766, extend_with :852, extend_from_slice :891, from_elem :907,
 * resize :932, `kvec!` :56), alloc/kbox.rs (new :231, new_uninit :250, pin :262), init.rs
 * (pin_init/init :146–174), sync/arc.rs (Arc::new :220, UniqueArc::new :736, new_uninit :744),
 * list/arc.rs (new :174, pin_init :184, init :195), rbtree.rs (RBTreeNodeReservation::new :1196,
 * RBTreeNode::new :1238), str.rs (try_from_fmt :845, to_cstring :357), alloc.rs (Allocator::alloc
 * :184 `(layout, flags, nid)`, realloc :230 `(ptr, layout, old_layout, flags, nid)`; before the
 * NUMA node argument the same positions without `nid`). The 6.1–6.7 alloc crate's `try_*` calls
 * take no flags: the global allocator passes GFP_KERNEL (rust/kernel/allocator.rs, krealloc).
 */

export interface RustApiArgs {
  readonly flags?: number;
  /** An element count (`with_capacity(n, f)`, `from_elem(v, n, f)`). */
  readonly count?: number;
  /** The value moved in, whose type is T (`KBox::new(x, f)`, `v.push(x, f)`). */
  readonly value?: number;
  /** The `Layout` of an Allocator call. */
  readonly layout?: number;
}

export interface RustApiSignature {
  readonly args: RustApiArgs;
  /** Flags the API passes itself when it takes none (`kvec!`: GFP_KERNEL), with where that is written. */
  readonly fixedFlags?: { readonly flags: string; readonly why: string };
}

const GFP_KERNEL_INSIDE = (why: string): RustApiSignature['fixedFlags'] => ({ flags: 'GFP_KERNEL', why });
const ALLOC_CRATE = GFP_KERNEL_INSIDE('the alloc crate’s global allocator (rust/kernel/allocator.rs) asks krealloc for GFP_KERNEL');

/** By the function's name, for every type that has it. */
const BY_METHOD: Readonly<Record<string, RustApiSignature>> = {
  push: { args: { value: 0, flags: 1 } },
  reserve: { args: { count: 0, flags: 1 } },
  with_capacity: { args: { count: 0, flags: 1 } },
  extend_from_slice: { args: { flags: 1 } },
  resize: { args: { value: 1, flags: 2 } },
  from_elem: { args: { value: 0, count: 1, flags: 2 } },
  extend_with: { args: { value: 1, flags: 2 } },
  shrink_to: { args: { flags: 1 } },
  new: { args: { value: 0, flags: 1 } },
  new_uninit: { args: { flags: 0 } },
  pin: { args: { value: 0, flags: 1 } },
  // The initialiser (`try_pin_init!(T { .. })`), whose type names T.
  pin_init: { args: { value: 0, flags: 1 } },
  init: { args: { value: 0, flags: 1 } },
  alloc: { args: { layout: 0, flags: 1 } },
  realloc: { args: { layout: 1, flags: 3 } },
  free: { args: {} },
  // Box::pin_slice(init, len, flags), kbox.rs:311; the closure's PinInit names T.
  pin_slice: { args: { count: 1, flags: 2 } },
  // IntoIter::collect(self, flags), kvec.rs:1252.
  collect: { args: { flags: 0 } },
  try_push: { args: { value: 0 }, fixedFlags: ALLOC_CRATE },
  try_reserve: { args: { count: 0 }, fixedFlags: ALLOC_CRATE },
  try_with_capacity: { args: { count: 0 }, fixedFlags: ALLOC_CRATE },
  try_new: { args: { value: 0 }, fixedFlags: ALLOC_CRATE },
  try_from_fmt: { args: {}, fixedFlags: GFP_KERNEL_INSIDE('str.rs:853 CString::try_from_fmt: KVec::with_capacity(size, GFP_KERNEL)') },
  try_from: { args: {}, fixedFlags: GFP_KERNEL_INSIDE('str.rs:905 TryFrom<&CStr> for CString: extend_from_slice(.., GFP_KERNEL)') },
};

/** Where one API differs from its function name's usual shape. */
const BY_API: Readonly<Record<string, RustApiSignature>> = {
  'RBTreeNodeReservation::new': { args: { flags: 0 } },
  'RBTreeNode::new': { args: { flags: 2 } },
  'CStr::to_cstring': { args: {}, fixedFlags: GFP_KERNEL_INSIDE('str.rs:357 to_cstring → CString::try_from(self), str.rs:905 GFP_KERNEL') },
  'kvec![]': { args: {} },
  'kvec![x; n]': { args: {}, fixedFlags: GFP_KERNEL_INSIDE('kvec.rs:61 kvec![x; n] → KVec::from_elem(x, n, GFP_KERNEL)') },
  'kvec![a, b, c]': { args: {}, fixedFlags: GFP_KERNEL_INSIDE('kvec.rs:64 kvec![a, ..] → KBox::new_uninit(GFP_KERNEL)') },
};

/** The signature of `api` ('KVec::push'), whose function name is `method`. */
export function rustApiSignature(api: string, method: string): RustApiSignature {
  const signature = Object.hasOwn(BY_API, api) ? BY_API[api] : Object.hasOwn(BY_METHOD, method) ? BY_METHOD[method] : undefined;
  if (!signature) throw new Error(`no argument roles for ${api}: add its signature to engine/src/data/rust-api-args.ts`);
  return signature;
}
