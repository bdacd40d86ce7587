/**
 * Function, macro and method names each kernel tree defines, per file, for every frame the
 * call-chain tables name (engine/src/data/call-chains/). One entry per tree read; each names the
 * public tree and commit. test/engine/frame-names.test.ts walks every chain of each release below
 * and fails on a frame its tree does not define in the file the frame names, so a new chain row
 * needs its names added here, read in these trees.
 *
 * How a name was checked in the tree: a C name when the file defines or declares it at top level
 * (a function, `#define name`); a Rust `Type::method` when the file has `fn method` (a trait's
 * default method, such as Allocator::alloc in rust/kernel/alloc.rs, counts for each implementor);
 * `kvec!` when it has `macro_rules! kvec`; `bindings::name` when include/linux/slab.h or
 * include/linux/vmalloc.h declares `name`. Reading them against these trees changed the tables:
 * Vec::resize is 6.15+ (not in 6.13.7/6.14.0), the InPlaceInit impls for Arc/UniqueArc are in
 * rust/kernel/init.rs in 6.13–6.14 (sync/arc.rs by 6.18.2), and 6.1.20 has no __slab_alloc_node,
 * Vec::try_with_capacity, CString or kernel::sync::Arc.
 *
 * Several trees are forks that change other parts of the kernel (schedulers, NPU drivers); the
 * files read here are the upstream ones of that release. 6.2–6.7 and 6.15–6.16 (no tree found) are
 * not covered.
 */

export interface FrameNameSource {
  /** The tree's Makefile version (VERSION.PATCHLEVEL.SUBLEVEL), as kernelTarget() reads it. */
  readonly release: string;
  /** owner/repo @ commit of the tree read. */
  readonly tree: string;
  /** Per kernel file: the frame names it defines. */
  readonly names: Readonly<Record<string, readonly string[]>>;
  /** Names the compiler generates from a declaration in the file rather than defines in it. */
  readonly generated?: Readonly<Record<string, readonly { readonly name: string; readonly from: string }[]>>;
  /** Files the chains name that this tree lacks, with why; their frames are not checked for this release. */
  readonly notRead?: Readonly<Record<string, string>>;
}

const RUST_PORTED_TO_C = 'busysteve/linux-6.17.0-rust-ported-c replaces rust/kernel with a C port; no other 6.17 tree with rust/ could be fetched';

export const FRAME_NAME_SOURCES: readonly FrameNameSource[] = [
  {
    release: '6.1.20',
    tree: 'c1336658570/linux-6.1.20 @ fad5889c0b10',
    names: {
      'include/linux/gfp.h': ['__alloc_pages_node', 'alloc_pages_node'],
      'mm/page_alloc.c': ['__alloc_pages'],
      'mm/slab_common.c': [
        '__do_kmalloc_node', '__do_krealloc', '__kmalloc_large_node', '__kmalloc_node_track_caller', 'kmalloc_slab', 'krealloc',
      ],
      'mm/slub.c': [
        '___slab_alloc', '__kmem_cache_alloc_node', '__slab_alloc', 'alloc_slab_page', 'allocate_slab', 'new_slab', 'slab_alloc_node',
      ],
      'rust/alloc/alloc.rs': ['Global::allocate', 'Global::grow'],
      'rust/alloc/boxed.rs': ['Box::try_new', 'Box::try_new_uninit_in'],
      'rust/alloc/raw_vec.rs': ['RawVec::grow_amortized', 'RawVec::try_reserve', 'RawVec::try_reserve_for_push', 'finish_grow'],
      'rust/alloc/vec/mod.rs': ['Vec::try_push', 'Vec::try_reserve'],
      'rust/bindings/bindings_helper.h': ['bindings::krealloc'],
      'rust/kernel/allocator.rs': ['__rust_alloc', '__rust_realloc'],
    },
  },
  {
    release: '6.8.0',
    tree: 'vivo50kff/linux-6.8 @ bc4fae0d3fa3',
    names: {
      'include/linux/gfp.h': ['__alloc_pages_node', 'alloc_pages_node'],
      'mm/page_alloc.c': ['__alloc_pages'],
      'mm/slab.h': ['kmalloc_slab'],
      'mm/slab_common.c': ['__do_krealloc', 'krealloc'],
      'mm/slub.c': [
        '___slab_alloc', '__do_kmalloc_node', '__kmalloc_large_node', '__kmalloc_node_track_caller', '__slab_alloc', '__slab_alloc_node',
        'alloc_slab_page', 'allocate_slab', 'new_slab', 'slab_alloc_node',
      ],
      'rust/alloc/alloc.rs': ['Global::allocate', 'Global::grow'],
      'rust/alloc/boxed.rs': ['Box::try_new', 'Box::try_new_uninit_in'],
      'rust/alloc/raw_vec.rs': [
        'RawVec::grow_amortized', 'RawVec::try_allocate_in', 'RawVec::try_reserve', 'RawVec::try_reserve_for_push', 'finish_grow',
      ],
      'rust/alloc/vec/mod.rs': ['Vec::try_push', 'Vec::try_reserve', 'Vec::try_with_capacity'],
      'rust/bindings/bindings_helper.h': ['bindings::krealloc'],
      'rust/kernel/allocator.rs': ['KernelAllocator::alloc', 'KernelAllocator::realloc', 'krealloc_aligned'],
      'rust/kernel/str.rs': ['CString::try_from_fmt'],
      'rust/kernel/sync/arc.rs': ['Arc::try_new'],
    },
    generated: {
      'rust/kernel/allocator.rs': [
        { name: '__rust_alloc', from: '#[global_allocator] (:83): rustc 1.71+ generates the __rust_* shims' },
        { name: '__rust_realloc', from: '#[global_allocator] (:83): rustc 1.71+ generates the __rust_* shims' },
      ],
    },
  },
  {
    release: '6.10',
    tree: 'msgeden/cryptocap-arm64-linux-6.10 @ fabd51deb839',
    names: {
      'include/linux/gfp.h': ['__alloc_pages_node_noprof', 'alloc_pages_node_noprof'],
      'include/linux/slab.h': ['krealloc'],
      'mm/page_alloc.c': ['__alloc_pages_noprof'],
      'mm/slab.h': ['kmalloc_slab'],
      'mm/slab_common.c': ['__do_krealloc', 'krealloc_noprof'],
      'mm/slub.c': [
        '___slab_alloc', '__do_kmalloc_node', '__kmalloc_large_node', '__slab_alloc', '__slab_alloc_node', 'alloc_slab_page',
        'allocate_slab', 'kmalloc_node_track_caller_noprof', 'new_slab', 'slab_alloc_node',
      ],
      'rust/helpers.c': ['rust_helper_krealloc'],
      'rust/kernel/alloc/allocator.rs': ['krealloc_aligned'],
      'rust/kernel/alloc/box_ext.rs': ['Box::new', 'Box::new_uninit', 'BoxExt::new_uninit'],
      'rust/kernel/alloc/vec_ext.rs': ['Vec::extend_from_slice', 'Vec::push', 'Vec::reserve', 'Vec::with_capacity', 'VecExt::reserve'],
      'rust/kernel/str.rs': ['CString::try_from_fmt'],
      'rust/kernel/sync/arc.rs': ['Arc::new'],
    },
  },
  {
    release: '6.12.0',
    tree: 'shilei-massclouds/linux-6.12 @ e02d6450498d',
    names: {
      'include/linux/gfp.h': ['__alloc_pages_node_noprof', 'alloc_pages_node_noprof'],
      'include/linux/slab.h': ['krealloc'],
      'mm/page_alloc.c': ['__alloc_pages_noprof'],
      'mm/slab.h': ['kmalloc_slab'],
      'mm/slab_common.c': ['__do_krealloc', 'krealloc_noprof'],
      'mm/slub.c': [
        '___kmalloc_large_node', '___slab_alloc', '__do_kmalloc_node', '__kmalloc_large_node_noprof', '__kmalloc_node_track_caller_noprof',
        '__slab_alloc', '__slab_alloc_node', 'alloc_slab_page', 'allocate_slab', 'new_slab', 'slab_alloc_node',
      ],
      'rust/helpers/slab.c': ['rust_helper_krealloc'],
      'rust/kernel/alloc/allocator.rs': ['krealloc_aligned'],
      'rust/kernel/alloc/box_ext.rs': ['Box::new', 'Box::new_uninit', 'BoxExt::new_uninit'],
      'rust/kernel/alloc/vec_ext.rs': ['Vec::extend_from_slice', 'Vec::push', 'Vec::reserve', 'Vec::with_capacity', 'VecExt::reserve'],
      'rust/kernel/str.rs': ['CString::try_from_fmt'],
      'rust/kernel/sync/arc.rs': ['Arc::new'],
    },
  },
  {
    release: '6.13.7',
    tree: 'ChenRuiwei/linux-6.13.7 @ 4ebf2100a581',
    names: {
      'include/linux/gfp.h': ['__alloc_pages_node_noprof', 'alloc_pages_node_noprof'],
      'include/linux/slab.h': ['krealloc', 'kvmalloc_noprof', 'kvrealloc'],
      'include/linux/vmalloc.h': ['vrealloc'],
      'mm/page_alloc.c': ['__alloc_pages_noprof'],
      'mm/slab.h': ['kmalloc_slab'],
      'mm/slub.c': [
        '___kmalloc_large_node', '___slab_alloc', '__do_kmalloc_node', '__do_krealloc', '__kmalloc_large_node_noprof',
        '__kmalloc_node_track_caller_noprof', '__slab_alloc', '__slab_alloc_node', 'alloc_slab_page', 'allocate_slab', 'kfree',
        'krealloc_noprof', 'new_slab', 'slab_alloc_node',
      ],
      'mm/util.c': ['__kvmalloc_node_noprof', 'kmalloc_gfp_adjust', 'kvrealloc_noprof'],
      'mm/vmalloc.c': [
        '__get_vm_area_node', '__vmalloc_area_node', '__vmalloc_node_noprof', '__vmalloc_node_range_noprof', '__vmalloc_noprof', 'vfree',
        'vm_area_alloc_pages', 'vrealloc_noprof',
      ],
      'rust/helpers/slab.c': ['rust_helper_krealloc', 'rust_helper_kvrealloc'],
      'rust/helpers/vmalloc.c': ['rust_helper_vrealloc'],
      'rust/kernel/alloc.rs': ['KVmalloc::alloc', 'KVmalloc::free', 'Kmalloc::alloc', 'Kmalloc::free', 'Vmalloc::alloc', 'Vmalloc::free'],
      'rust/kernel/alloc/allocator.rs': ['KVmalloc::realloc', 'Kmalloc::realloc', 'ReallocFunc::call', 'Vmalloc::realloc', 'aligned_size'],
      'rust/kernel/alloc/kbox.rs': [
        'Box::new', 'Box::new_uninit', 'Box::pin', 'Box::try_init', 'Box::try_pin_init', 'KBox::new', 'KBox::new_uninit', 'KBox::pin',
        'KBox::try_init', 'KVBox::new', 'KVBox::new_uninit', 'KVBox::pin', 'VBox::new', 'VBox::new_uninit', 'VBox::pin',
      ],
      'rust/kernel/alloc/kvec.rs': [
        'KVVec::extend_from_slice', 'KVVec::extend_with', 'KVVec::from_elem', 'KVVec::push', 'KVVec::reserve', 'KVVec::with_capacity',
        'KVec::extend_from_slice', 'KVec::extend_with', 'KVec::from_elem', 'KVec::new', 'KVec::push', 'KVec::reserve',
        'KVec::with_capacity', 'VVec::extend_from_slice', 'VVec::extend_with', 'VVec::from_elem', 'VVec::push', 'VVec::reserve',
        'VVec::with_capacity', 'Vec::extend_from_slice', 'Vec::extend_with', 'Vec::from_elem', 'Vec::push', 'Vec::reserve',
        'Vec::with_capacity', 'kvec!',
      ],
      'rust/kernel/init.rs': [
        'Arc::pin_init', 'Arc::try_pin_init', 'Box::init', 'Box::pin_init', 'KBox::init', 'KBox::pin_init', 'KVBox::init',
        'KVBox::pin_init', 'UniqueArc::init', 'UniqueArc::pin_init', 'UniqueArc::try_init', 'UniqueArc::try_pin_init', 'VBox::init',
        'VBox::pin_init',
      ],
      'rust/kernel/list/arc.rs': ['ListArc::init', 'ListArc::new', 'ListArc::pin_init'],
      'rust/kernel/rbtree.rs': ['RBTreeNode::new', 'RBTreeNodeReservation::new'],
      'rust/kernel/str.rs': ['CStr::to_cstring', 'CString::try_from', 'CString::try_from_fmt'],
      'rust/kernel/sync/arc.rs': ['Arc::new', 'UniqueArc::new', 'UniqueArc::new_uninit'],
    },
  },
  {
    release: '6.14.0',
    tree: 'perishh/linux-6.14 @ 347b100ec166',
    names: {
      'include/linux/gfp.h': ['__alloc_pages_node_noprof', 'alloc_pages_node_noprof'],
      'include/linux/slab.h': ['krealloc', 'kvmalloc_noprof', 'kvrealloc'],
      'include/linux/vmalloc.h': ['vrealloc'],
      'mm/page_alloc.c': ['__alloc_frozen_pages_noprof', '__alloc_pages_noprof'],
      'mm/slab.h': ['kmalloc_slab'],
      'mm/slub.c': [
        '___kmalloc_large_node', '___slab_alloc', '__do_kmalloc_node', '__do_krealloc', '__kmalloc_large_node_noprof',
        '__kmalloc_node_track_caller_noprof', '__slab_alloc', '__slab_alloc_node', 'alloc_slab_page', 'allocate_slab', 'kfree',
        'krealloc_noprof', 'new_slab', 'slab_alloc_node',
      ],
      'mm/util.c': ['__kvmalloc_node_noprof', 'kmalloc_gfp_adjust', 'kvrealloc_noprof'],
      'mm/vmalloc.c': [
        '__get_vm_area_node', '__vmalloc_area_node', '__vmalloc_node_noprof', '__vmalloc_node_range_noprof', '__vmalloc_noprof', 'vfree',
        'vm_area_alloc_pages', 'vrealloc_noprof',
      ],
      'rust/helpers/slab.c': ['rust_helper_krealloc', 'rust_helper_kvrealloc'],
      'rust/helpers/vmalloc.c': ['rust_helper_vrealloc'],
      'rust/kernel/alloc.rs': ['KVmalloc::alloc', 'KVmalloc::free', 'Kmalloc::alloc', 'Kmalloc::free', 'Vmalloc::alloc', 'Vmalloc::free'],
      'rust/kernel/alloc/allocator.rs': ['KVmalloc::realloc', 'Kmalloc::realloc', 'ReallocFunc::call', 'Vmalloc::realloc', 'aligned_size'],
      'rust/kernel/alloc/kbox.rs': [
        'Box::new', 'Box::new_uninit', 'Box::pin', 'Box::try_init', 'Box::try_pin_init', 'KBox::new', 'KBox::new_uninit', 'KBox::pin',
        'KBox::try_init', 'KVBox::new', 'KVBox::new_uninit', 'KVBox::pin', 'VBox::new', 'VBox::new_uninit', 'VBox::pin',
      ],
      'rust/kernel/alloc/kvec.rs': [
        'KVVec::extend_from_slice', 'KVVec::extend_with', 'KVVec::from_elem', 'KVVec::push', 'KVVec::reserve', 'KVVec::with_capacity',
        'KVec::extend_from_slice', 'KVec::extend_with', 'KVec::from_elem', 'KVec::new', 'KVec::push', 'KVec::reserve',
        'KVec::with_capacity', 'VVec::extend_from_slice', 'VVec::extend_with', 'VVec::from_elem', 'VVec::push', 'VVec::reserve',
        'VVec::with_capacity', 'Vec::extend_from_slice', 'Vec::extend_with', 'Vec::from_elem', 'Vec::push', 'Vec::reserve',
        'Vec::with_capacity', 'kvec!',
      ],
      'rust/kernel/init.rs': [
        'Arc::pin_init', 'Arc::try_pin_init', 'Box::init', 'Box::pin_init', 'KBox::init', 'KBox::pin_init', 'KVBox::init',
        'KVBox::pin_init', 'UniqueArc::init', 'UniqueArc::pin_init', 'UniqueArc::try_init', 'UniqueArc::try_pin_init', 'VBox::init',
        'VBox::pin_init',
      ],
      'rust/kernel/list/arc.rs': ['ListArc::init', 'ListArc::new', 'ListArc::pin_init'],
      'rust/kernel/rbtree.rs': ['RBTreeNode::new', 'RBTreeNodeReservation::new'],
      'rust/kernel/str.rs': ['CStr::to_cstring', 'CString::try_from', 'CString::try_from_fmt'],
      'rust/kernel/sync/arc.rs': ['Arc::new', 'UniqueArc::new', 'UniqueArc::new_uninit'],
    },
  },
  {
    release: '6.17.0',
    tree: 'busysteve/linux-6.17.0-rust-ported-c (kernel under linux/) @ 1e9822c103f8',
    names: {
      'include/linux/slab.h': ['krealloc', 'kvmalloc_noprof', 'kvrealloc'],
      'include/linux/vmalloc.h': ['vrealloc'],
      'mm/mempolicy.c': ['alloc_frozen_pages_noprof', 'alloc_pages_mpol'],
      'mm/page_alloc.c': ['__alloc_frozen_pages_noprof'],
      'mm/slab.h': ['kmalloc_slab'],
      'mm/slub.c': [
        '___kmalloc_large_node', '___slab_alloc', '__do_kmalloc_node', '__do_krealloc', '__kmalloc_large_node_noprof',
        '__kmalloc_node_track_caller_noprof', '__kvmalloc_node_noprof', '__slab_alloc', '__slab_alloc_node', 'alloc_slab_page',
        'allocate_slab', 'kfree', 'kmalloc_gfp_adjust', 'krealloc_noprof', 'kvrealloc_noprof', 'new_slab', 'slab_alloc_node',
      ],
      'mm/vmalloc.c': [
        '__get_vm_area_node', '__vmalloc_area_node', '__vmalloc_node_noprof', '__vmalloc_node_range_noprof', '__vmalloc_noprof', 'vfree',
        'vm_area_alloc_pages', 'vrealloc_noprof',
      ],
      'rust/helpers/slab.c': ['rust_helper_krealloc', 'rust_helper_kvrealloc'],
      'rust/helpers/vmalloc.c': ['rust_helper_vrealloc'],
    },
    notRead: {
      'rust/kernel/alloc.rs': RUST_PORTED_TO_C,
      'rust/kernel/alloc/allocator.rs': RUST_PORTED_TO_C,
      'rust/kernel/alloc/kbox.rs': RUST_PORTED_TO_C,
      'rust/kernel/alloc/kvec.rs': RUST_PORTED_TO_C,
      'rust/kernel/init.rs': RUST_PORTED_TO_C,
      'rust/kernel/list/arc.rs': RUST_PORTED_TO_C,
      'rust/kernel/rbtree.rs': RUST_PORTED_TO_C,
      'rust/kernel/str.rs': RUST_PORTED_TO_C,
      'rust/kernel/sync/arc.rs': RUST_PORTED_TO_C,
    },
  },
  {
    release: '6.18.2',
    tree: 'gfunkmonk/linux-6.18.2 @ 062668f4d006',
    names: {
      'include/linux/slab.h': ['krealloc_node_align', 'kvmalloc_node_align_noprof', 'kvrealloc_node_align'],
      'include/linux/vmalloc.h': ['vrealloc_node_align'],
      'mm/mempolicy.c': ['alloc_frozen_pages_noprof', 'alloc_pages_mpol'],
      'mm/page_alloc.c': ['__alloc_frozen_pages_noprof'],
      'mm/slab.h': ['kmalloc_slab'],
      'mm/slub.c': [
        '___kmalloc_large_node', '___slab_alloc', '__do_kmalloc_node', '__do_krealloc', '__kmalloc_large_node_noprof',
        '__kmalloc_node_track_caller_noprof', '__kvmalloc_node_noprof', '__slab_alloc', '__slab_alloc_node', 'alloc_slab_page',
        'allocate_slab', 'kfree', 'kmalloc_gfp_adjust', 'krealloc_node_align_noprof', 'kvrealloc_node_align_noprof', 'new_slab',
        'slab_alloc_node',
      ],
      'mm/vmalloc.c': [
        '__get_vm_area_node', '__vmalloc_area_node', '__vmalloc_node_noprof', '__vmalloc_node_range_noprof', 'vfree',
        'vm_area_alloc_pages', 'vrealloc_node_align_noprof',
      ],
      'rust/helpers/slab.c': ['rust_helper_krealloc_node_align', 'rust_helper_kvrealloc_node_align'],
      'rust/helpers/vmalloc.c': ['rust_helper_vrealloc_node_align'],
      'rust/kernel/alloc.rs': ['KVmalloc::alloc', 'KVmalloc::free', 'Kmalloc::alloc', 'Kmalloc::free', 'Vmalloc::alloc', 'Vmalloc::free'],
      'rust/kernel/alloc/allocator.rs': [
        'KVmalloc::realloc', 'Kmalloc::aligned_layout', 'Kmalloc::realloc', 'ReallocFunc::call', 'Vmalloc::realloc',
      ],
      'rust/kernel/alloc/kbox.rs': [
        'Box::new', 'Box::new_uninit', 'Box::pin', 'Box::try_init', 'Box::try_pin_init', 'KBox::new', 'KBox::new_uninit', 'KBox::pin',
        'KBox::try_init', 'KVBox::new', 'KVBox::new_uninit', 'KVBox::pin', 'VBox::new', 'VBox::new_uninit', 'VBox::pin',
      ],
      'rust/kernel/alloc/kvec.rs': [
        'KVVec::extend_from_slice', 'KVVec::extend_with', 'KVVec::from_elem', 'KVVec::push', 'KVVec::reserve', 'KVVec::resize',
        'KVVec::with_capacity', 'KVec::extend_from_slice', 'KVec::extend_with', 'KVec::from_elem', 'KVec::new', 'KVec::push',
        'KVec::reserve', 'KVec::resize', 'KVec::with_capacity', 'VVec::extend_from_slice', 'VVec::extend_with', 'VVec::from_elem',
        'VVec::push', 'VVec::reserve', 'VVec::resize', 'VVec::with_capacity', 'Vec::extend_from_slice', 'Vec::extend_with',
        'Vec::from_elem', 'Vec::push', 'Vec::reserve', 'Vec::resize', 'Vec::with_capacity', 'kvec!',
      ],
      'rust/kernel/alloc/layout.rs': ['ArrayLayout::new'],
      'rust/kernel/init.rs': [
        'Arc::pin_init', 'Box::init', 'Box::pin_init', 'KBox::init', 'KBox::pin_init', 'KVBox::init', 'KVBox::pin_init', 'UniqueArc::init',
        'UniqueArc::pin_init', 'VBox::init', 'VBox::pin_init',
      ],
      'rust/kernel/list/arc.rs': ['ListArc::init', 'ListArc::new', 'ListArc::pin_init'],
      'rust/kernel/rbtree.rs': ['RBTreeNode::new', 'RBTreeNodeReservation::new'],
      'rust/kernel/str.rs': ['CStr::to_cstring', 'CString::try_from', 'CString::try_from_fmt'],
      'rust/kernel/sync/arc.rs': [
        'Arc::new', 'Arc::try_pin_init', 'UniqueArc::new', 'UniqueArc::new_uninit', 'UniqueArc::try_init', 'UniqueArc::try_pin_init',
      ],
    },
  },
  {
    release: '6.19.9',
    tree: 'AlfredoFerreira04/scheduler-linux-6.19.9-env @ 0d965aeb50b4',
    names: {
      'include/linux/slab.h': ['krealloc_node_align', 'kvmalloc_node_align_noprof', 'kvrealloc_node_align'],
      'include/linux/vmalloc.h': ['vrealloc_node_align'],
      'mm/mempolicy.c': ['alloc_frozen_pages_noprof', 'alloc_pages_mpol'],
      'mm/page_alloc.c': ['__alloc_frozen_pages_noprof'],
      'mm/slab.h': ['kmalloc_slab'],
      'mm/slub.c': [
        '___kmalloc_large_node', '___slab_alloc', '__do_kmalloc_node', '__do_krealloc', '__kmalloc_large_node_noprof',
        '__kmalloc_node_track_caller_noprof', '__kvmalloc_node_noprof', '__slab_alloc', '__slab_alloc_node', 'alloc_slab_page',
        'allocate_slab', 'kfree', 'kmalloc_gfp_adjust', 'krealloc_node_align_noprof', 'kvrealloc_node_align_noprof', 'new_slab',
        'slab_alloc_node',
      ],
      'mm/vmalloc.c': [
        '__get_vm_area_node', '__vmalloc_area_node', '__vmalloc_node_noprof', '__vmalloc_node_range_noprof', 'vfree',
        'vm_area_alloc_pages', 'vrealloc_node_align_noprof',
      ],
      'rust/helpers/slab.c': ['rust_helper_krealloc_node_align', 'rust_helper_kvrealloc_node_align'],
      'rust/helpers/vmalloc.c': ['rust_helper_vrealloc_node_align'],
      'rust/kernel/alloc.rs': ['KVmalloc::alloc', 'KVmalloc::free', 'Kmalloc::alloc', 'Kmalloc::free', 'Vmalloc::alloc', 'Vmalloc::free'],
      'rust/kernel/alloc/allocator.rs': [
        'KVmalloc::realloc', 'Kmalloc::aligned_layout', 'Kmalloc::realloc', 'ReallocFunc::call', 'Vmalloc::realloc',
      ],
      'rust/kernel/alloc/kbox.rs': [
        'Box::new', 'Box::new_uninit', 'Box::pin', 'Box::try_init', 'Box::try_pin_init', 'KBox::new', 'KBox::new_uninit', 'KBox::pin',
        'KBox::try_init', 'KVBox::new', 'KVBox::new_uninit', 'KVBox::pin', 'VBox::new', 'VBox::new_uninit', 'VBox::pin',
      ],
      'rust/kernel/alloc/kvec.rs': [
        'KVVec::extend_from_slice', 'KVVec::extend_with', 'KVVec::from_elem', 'KVVec::push', 'KVVec::reserve', 'KVVec::resize',
        'KVVec::with_capacity', 'KVec::extend_from_slice', 'KVec::extend_with', 'KVec::from_elem', 'KVec::new', 'KVec::push',
        'KVec::reserve', 'KVec::resize', 'KVec::with_capacity', 'VVec::extend_from_slice', 'VVec::extend_with', 'VVec::from_elem',
        'VVec::push', 'VVec::reserve', 'VVec::resize', 'VVec::with_capacity', 'Vec::extend_from_slice', 'Vec::extend_with',
        'Vec::from_elem', 'Vec::push', 'Vec::reserve', 'Vec::resize', 'Vec::with_capacity', 'kvec!',
      ],
      'rust/kernel/alloc/layout.rs': ['ArrayLayout::new'],
      'rust/kernel/init.rs': [
        'Arc::pin_init', 'Box::init', 'Box::pin_init', 'KBox::init', 'KBox::pin_init', 'KVBox::init', 'KVBox::pin_init', 'UniqueArc::init',
        'UniqueArc::pin_init', 'VBox::init', 'VBox::pin_init',
      ],
      'rust/kernel/list/arc.rs': ['ListArc::init', 'ListArc::new', 'ListArc::pin_init'],
      'rust/kernel/rbtree.rs': ['RBTreeNode::new', 'RBTreeNodeReservation::new'],
      'rust/kernel/str.rs': ['CStr::to_cstring', 'CString::try_from', 'CString::try_from_fmt'],
      'rust/kernel/sync/arc.rs': [
        'Arc::new', 'Arc::try_pin_init', 'UniqueArc::new', 'UniqueArc::new_uninit', 'UniqueArc::try_init', 'UniqueArc::try_pin_init',
      ],
    },
  },
  {
    release: '7.0.0',
    tree: 'julianw1010/WASP-linux-7.0.0 @ d0b9a1a6ae15',
    names: {
      'include/linux/slab.h': ['krealloc_node_align', 'kvmalloc_node_align_noprof', 'kvrealloc_node_align'],
      'include/linux/vmalloc.h': ['vrealloc_node_align'],
      'mm/internal.h': ['alloc_frozen_pages'],
      'mm/mempolicy.c': ['alloc_frozen_pages_noprof', 'alloc_pages_mpol'],
      'mm/page_alloc.c': ['__alloc_frozen_pages_noprof'],
      'mm/slab.h': ['kmalloc_slab'],
      'mm/slub.c': [
        '___kmalloc_large_node', '__do_kmalloc_node', '__do_krealloc', '__kmalloc_large_node_noprof', '__kmalloc_node_track_caller_noprof',
        '__kvmalloc_node_noprof', '__pcs_replace_empty_main', 'alloc_from_pcs', 'alloc_slab_page', 'allocate_slab', 'kfree',
        'kmalloc_gfp_adjust', 'krealloc_node_align_noprof', 'kvrealloc_node_align_noprof', 'new_slab', 'refill_objects', 'refill_sheaf',
        'slab_alloc_node',
      ],
      'mm/vmalloc.c': [
        '__get_vm_area_node', '__vmalloc_area_node', '__vmalloc_node_noprof', '__vmalloc_node_range_noprof', 'vfree',
        'vm_area_alloc_pages', 'vrealloc_node_align_noprof',
      ],
      'rust/helpers/slab.c': ['rust_helper_krealloc_node_align', 'rust_helper_kvrealloc_node_align'],
      'rust/helpers/vmalloc.c': ['rust_helper_vrealloc_node_align'],
      'rust/kernel/alloc.rs': ['KVmalloc::alloc', 'KVmalloc::free', 'Kmalloc::alloc', 'Kmalloc::free', 'Vmalloc::alloc', 'Vmalloc::free'],
      'rust/kernel/alloc/allocator.rs': [
        'KVmalloc::realloc', 'Kmalloc::aligned_layout', 'Kmalloc::realloc', 'ReallocFunc::call', 'Vmalloc::realloc',
      ],
      'rust/kernel/alloc/kbox.rs': [
        'Box::new', 'Box::new_uninit', 'Box::pin', 'Box::try_init', 'Box::try_pin_init', 'KBox::new', 'KBox::new_uninit', 'KBox::pin',
        'KBox::try_init', 'KVBox::new', 'KVBox::new_uninit', 'KVBox::pin', 'VBox::new', 'VBox::new_uninit', 'VBox::pin',
      ],
      'rust/kernel/alloc/kvec.rs': [
        'KVVec::extend_from_slice', 'KVVec::extend_with', 'KVVec::from_elem', 'KVVec::push', 'KVVec::reserve', 'KVVec::resize',
        'KVVec::with_capacity', 'KVec::extend_from_slice', 'KVec::extend_with', 'KVec::from_elem', 'KVec::new', 'KVec::push',
        'KVec::reserve', 'KVec::resize', 'KVec::with_capacity', 'VVec::extend_from_slice', 'VVec::extend_with', 'VVec::from_elem',
        'VVec::push', 'VVec::reserve', 'VVec::resize', 'VVec::with_capacity', 'Vec::extend_from_slice', 'Vec::extend_with',
        'Vec::from_elem', 'Vec::push', 'Vec::reserve', 'Vec::resize', 'Vec::with_capacity', 'kvec!',
      ],
      'rust/kernel/alloc/layout.rs': ['ArrayLayout::new'],
      'rust/kernel/init.rs': [
        'Arc::pin_init', 'Box::init', 'Box::pin_init', 'KBox::init', 'KBox::pin_init', 'KVBox::init', 'KVBox::pin_init', 'UniqueArc::init',
        'UniqueArc::pin_init', 'VBox::init', 'VBox::pin_init',
      ],
      'rust/kernel/list/arc.rs': ['ListArc::init', 'ListArc::new', 'ListArc::pin_init'],
      'rust/kernel/rbtree.rs': ['RBTreeNode::new', 'RBTreeNodeReservation::new'],
      'rust/kernel/str.rs': ['CStr::to_cstring', 'CString::try_from', 'CString::try_from_fmt'],
      'rust/kernel/sync/arc.rs': [
        'Arc::new', 'Arc::try_pin_init', 'UniqueArc::new', 'UniqueArc::new_uninit', 'UniqueArc::try_init', 'UniqueArc::try_pin_init',
      ],
    },
  },
  {
    release: '7.1.5',
    tree: 'danayer/linux-7.1.5 @ 9d1745cf8134',
    names: {
      'include/linux/slab.h': ['krealloc_node_align', 'kvmalloc_node_align_noprof', 'kvrealloc_node_align'],
      'include/linux/vmalloc.h': ['vrealloc_node_align'],
      'mm/internal.h': ['alloc_frozen_pages'],
      'mm/mempolicy.c': ['alloc_frozen_pages_noprof', 'alloc_pages_mpol'],
      'mm/page_alloc.c': ['__alloc_frozen_pages_noprof'],
      'mm/slab.h': ['kmalloc_slab'],
      'mm/slub.c': [
        '___kmalloc_large_node', '__do_kmalloc_node', '__do_krealloc', '__kmalloc_large_node_noprof', '__kmalloc_node_track_caller_noprof',
        '__kvmalloc_node_noprof', '__pcs_replace_empty_main', 'alloc_from_pcs', 'alloc_slab_page', 'allocate_slab', 'kfree',
        'kmalloc_gfp_adjust', 'krealloc_node_align_noprof', 'kvrealloc_node_align_noprof', 'new_slab', 'refill_objects', 'refill_sheaf',
        'slab_alloc_node',
      ],
      'mm/vmalloc.c': [
        '__get_vm_area_node', '__vmalloc_area_node', '__vmalloc_node_noprof', '__vmalloc_node_range_noprof', 'vfree',
        'vm_area_alloc_pages', 'vrealloc_node_align_noprof',
      ],
      'rust/helpers/slab.c': ['rust_helper_krealloc_node_align', 'rust_helper_kvrealloc_node_align'],
      'rust/helpers/vmalloc.c': ['rust_helper_vrealloc_node_align'],
      'rust/kernel/alloc.rs': ['KVmalloc::alloc', 'KVmalloc::free', 'Kmalloc::alloc', 'Kmalloc::free', 'Vmalloc::alloc', 'Vmalloc::free'],
      'rust/kernel/alloc/allocator.rs': [
        'KVmalloc::realloc', 'Kmalloc::aligned_layout', 'Kmalloc::realloc', 'ReallocFunc::call', 'Vmalloc::realloc',
      ],
      'rust/kernel/alloc/kbox.rs': [
        'Box::new', 'Box::new_uninit', 'Box::pin', 'Box::try_init', 'Box::try_pin_init', 'KBox::new', 'KBox::new_uninit', 'KBox::pin',
        'KBox::try_init', 'KVBox::new', 'KVBox::new_uninit', 'KVBox::pin', 'VBox::new', 'VBox::new_uninit', 'VBox::pin',
      ],
      'rust/kernel/alloc/kvec.rs': [
        'KVVec::extend_from_slice', 'KVVec::extend_with', 'KVVec::from_elem', 'KVVec::push', 'KVVec::reserve', 'KVVec::resize',
        'KVVec::shrink_to', 'KVVec::with_capacity', 'KVec::extend_from_slice', 'KVec::extend_with', 'KVec::from_elem', 'KVec::new',
        'KVec::push', 'KVec::reserve', 'KVec::resize', 'KVec::with_capacity', 'VVec::extend_from_slice', 'VVec::extend_with',
        'VVec::from_elem', 'VVec::push', 'VVec::reserve', 'VVec::resize', 'VVec::with_capacity', 'Vec::extend_from_slice',
        'Vec::extend_with', 'Vec::from_elem', 'Vec::push', 'Vec::reserve', 'Vec::resize', 'Vec::with_capacity', 'kvec!',
      ],
      'rust/kernel/alloc/layout.rs': ['ArrayLayout::new'],
      'rust/kernel/init.rs': [
        'Arc::pin_init', 'Box::init', 'Box::pin_init', 'KBox::init', 'KBox::pin_init', 'KVBox::init', 'KVBox::pin_init', 'UniqueArc::init',
        'UniqueArc::pin_init', 'VBox::init', 'VBox::pin_init',
      ],
      'rust/kernel/list/arc.rs': ['ListArc::init', 'ListArc::new', 'ListArc::pin_init'],
      'rust/kernel/rbtree.rs': ['RBTreeNode::new', 'RBTreeNodeReservation::new'],
      'rust/kernel/str.rs': ['CStr::to_cstring', 'CString::try_from', 'CString::try_from_fmt'],
      'rust/kernel/sync/arc.rs': [
        'Arc::new', 'Arc::try_pin_init', 'UniqueArc::new', 'UniqueArc::new_uninit', 'UniqueArc::try_init', 'UniqueArc::try_pin_init',
      ],
    },
  },
];
