/**
 * How kernel Rust allocation changed from 6.1 to 7.1.5, as a base (6.1) plus dated changes.
 * rulesFor(version) in engine/src/kernel-version.ts folds every change up to that version.
 * Sources are ../shared/kernel-facts.md §0 (commit ids where known); `confirmed: false`
 * marks a version boundary inferred from mailing-list order rather than read in a release.
 */

/** Which Rust allocation API exists, and so which call chain a site takes. */
export type ApiEra =
  /** 6.1–6.9: forked `alloc` crate, `GlobalAlloc`, `Box::try_new`, GFP_KERNEL hard-wired. */
  | 'alloc-crate'
  /** 6.10–6.12: `Flags`, `BoxExt`/`VecExt` on the crate's Box/Vec, `rust_helper_krealloc`. */
  | 'box-ext'
  /** 6.13–6.17: the kernel's `Allocator` trait, KBox/KVec/VBox/KVVec, `ReallocFunc`. */
  | 'allocator-trait'
  /** 6.18+: `NumaNode` and alignment passed to C, `rust_helper_*_node_align`. */
  | 'node-align';

export interface KernelRules {
  readonly apiEra: ApiEra;
  /** How Rust turns a Layout into a kmalloc size (kernel-facts §2 "Padding"). */
  readonly kmallocPadding: 'none' | 'pad-then-next-pow2' | 'pad-to-align';
  /** Whether Vmalloc also pads (aligned_size() in ReallocFunc::call until fde578c86281). */
  readonly vmallocPads: boolean;
  /** Vmalloc/KVmalloc::realloc refuse align > PAGE_SIZE with pr_warn + AllocError. */
  readonly vmallocRefusesAlignAbovePage: boolean;
  /** kmalloc_gfp_adjust() for size > PAGE_SIZE in kvmalloc: add __GFP_NORETRY, or clear __GFP_DIRECT_RECLAIM. */
  readonly kvmallocKmallocAttempt: 'add-noretry' | 'clear-direct-reclaim';
  /** vmalloc accepts non-blocking GFP (and kvmalloc falls back to it for them). */
  readonly vmallocNonBlocking: boolean;
  /** vrealloc() exists (kvrealloc/Vmalloc can grow in place inside the area). */
  readonly hasVrealloc: boolean;
  /** SLUB per-CPU front end. */
  readonly slubFrontEnd: 'cpu-slab' | 'cpu-slab-with-optional-sheaves' | 'sheaves';
  /** __do_krealloc() keeps the object only if IS_ALIGNED(p, align) (align passed from Rust). */
  readonly kreallocChecksAlign: boolean;
  readonly kreallocFile: 'mm/slab_common.c' | 'mm/slub.c';
  readonly kvmallocFile: 'mm/util.c' | 'mm/slub.c';
  readonly helperFile: 'rust/helpers.c' | 'rust/helpers/slab.c';
  /** Memory allocation profiling exists: krealloc is an alloc_hooks() macro over *_noprof. */
  readonly allocHooks: boolean;
  /** Where __do_kmalloc_node, the track-caller entry and the large-kmalloc function live (SLAB removal moved them). */
  readonly kmallocFile: 'mm/slab_common.c' | 'mm/slub.c';
  /** The exported function __do_krealloc reaches __do_kmalloc_node through (kmalloc_track_caller*() are macros over it). */
  readonly trackCallerFn: '__kmalloc_node_track_caller' | 'kmalloc_node_track_caller_noprof' | '__kmalloc_node_track_caller_noprof';
  /** What __do_kmalloc_node calls for size > KMALLOC_MAX_CACHE_SIZE. */
  readonly largeKmallocFn: '__kmalloc_large_node' | '__kmalloc_large_node_noprof';
  /** The page-allocator function holding WARN_ON_ONCE_GFP(order > MAX_PAGE_ORDER). */
  readonly pageAllocCheckFn: '__alloc_pages' | '__alloc_pages_noprof' | '__alloc_frozen_pages_noprof';
  /** ___kmalloc_large_node takes frozen pages (alloc_frozen_pages_noprof) instead of alloc_pages_node_noprof. */
  readonly largeKmallocFrozen: boolean;
  /** vm_area_alloc_pages() first tries high-order blocks (ilog2 of the pages left, at most MAX_PAGE_ORDER) and split_page()s them. */
  readonly vmallocHighOrderFirst: boolean;
  /** What vrealloc copies when it moves: the page-rounded old area, or the requested size it tracks. */
  readonly vreallocCopies: 'area' | 'requested';
  /** KVVec::shrink_to exists (rust/kernel/alloc/kvec.rs). */
  readonly kvvecShrinkTo: boolean;
  /** Vec::resize exists (rust/kernel/alloc/kvec.rs). */
  readonly kvecResize: boolean;
  /** The alloc fork has Vec::try_with_capacity and rust/kernel/str.rs has CString (6.1.20 has neither). */
  readonly vecTryWithCapacity: boolean;
  /** rust/kernel/sync/arc.rs exists (6.1.20 has no sync module). */
  readonly kernelArc: boolean;
  /** slab_alloc_node calls a separate __slab_alloc_node (split out for SLUB_TINY; 6.1.20 has it inline). */
  readonly slabAllocNodeSplit: boolean;
}

export interface KernelChange {
  readonly since: readonly [major: number, minor: number];
  readonly changes: Partial<KernelRules>;
  readonly what: string;
  readonly source: string;
  readonly confirmed: boolean;
}

export const BASE_RULES_6_1: KernelRules = {
  apiEra: 'alloc-crate',
  kmallocPadding: 'none',
  vmallocPads: true,
  vmallocRefusesAlignAbovePage: false,
  kvmallocKmallocAttempt: 'add-noretry',
  vmallocNonBlocking: false,
  hasVrealloc: false,
  slubFrontEnd: 'cpu-slab',
  kreallocChecksAlign: false,
  kreallocFile: 'mm/slab_common.c',
  kvmallocFile: 'mm/util.c',
  helperFile: 'rust/helpers.c',
  allocHooks: false,
  kmallocFile: 'mm/slab_common.c',
  trackCallerFn: '__kmalloc_node_track_caller',
  largeKmallocFn: '__kmalloc_large_node',
  pageAllocCheckFn: '__alloc_pages',
  largeKmallocFrozen: false,
  vmallocHighOrderFirst: false,
  vreallocCopies: 'area',
  kvvecShrinkTo: false,
  kvecResize: false,
  vecTryWithCapacity: false,
  kernelArc: false,
  slabAllocNodeSplit: false,
};

export const KERNEL_CHANGES: readonly KernelChange[] = [
  {
    since: [6, 2],
    changes: { vecTryWithCapacity: true, slabAllocNodeSplit: true },
    what: 'Vec::try_with_capacity in the alloc fork and CString in rust/kernel/str.rs; SLUB splits __slab_alloc_node out of slab_alloc_node (SLUB_TINY)',
    source: 'absent from 6.1.20 (c1336658570/linux-6.1.20: rust/alloc/vec/mod.rs, rust/kernel/str.rs, mm/slub.c), present in 6.8.0; 6.2–6.7 not read',
    confirmed: false,
  },
  {
    since: [6, 3],
    changes: { kernelArc: true },
    what: 'kernel::sync::Arc (rust/kernel/sync/arc.rs)',
    source: 'absent from 6.1.20 (no rust/kernel/sync/), present in 6.8.0; 6.2–6.7 not read',
    confirmed: false,
  },
  {
    since: [6, 5],
    changes: { kmallocPadding: 'pad-then-next-pow2' },
    what: 'krealloc_aligned(): pad_to_align(), then next_power_of_two() when align > ARCH_SLAB_MINALIGN',
    source: 'b3d8aa84bbfe "rust: allocator: Prevent mis-aligned allocation"',
    confirmed: true,
  },
  {
    since: [6, 8],
    changes: { kmallocFile: 'mm/slub.c' },
    what: 'SLAB removed: __do_kmalloc_node, __kmalloc_node_track_caller and a static __kmalloc_large_node move into mm/slub.c; kmalloc_slab becomes an inline in mm/slab.h and __kmem_cache_alloc_node is gone',
    source:
      'read in 6.8.0 (vivo50kff/linux-6.8 @ bc4fae0d): mm/slub.c:3916 __kmalloc_large_node, :3962 __do_kmalloc_node → slab_alloc_node, :3998 __kmalloc_node_track_caller; mm/slab.h:407 kmalloc_slab; 6.7 not read',
    confirmed: false,
  },
  {
    since: [6, 10],
    changes: { apiEra: 'box-ext', allocHooks: true, trackCallerFn: 'kmalloc_node_track_caller_noprof', pageAllocCheckFn: '__alloc_pages_noprof' },
    what: 'GFP Flags, BoxExt/VecExt; alloc_hooks() and *_noprof; rust_helper_krealloc',
    source: 'memory allocation profiling (6.10); alloc crate fork removed',
    confirmed: false,
  },
  {
    since: [6, 11],
    changes: { trackCallerFn: '__kmalloc_node_track_caller_noprof', largeKmallocFn: '__kmalloc_large_node_noprof' },
    what: 'kmalloc_node_track_caller_noprof becomes a macro over __kmalloc_node_track_caller_noprof (kmem_buckets); the static __kmalloc_large_node becomes ___kmalloc_large_node under an exported __kmalloc_large_node_noprof',
    source:
      'read in 6.10 (msgeden/cryptocap-arm64-linux-6.10 @ HEAD: mm/slub.c:4058 static __kmalloc_large_node, :4140 kmalloc_node_track_caller_noprof) and 6.12.0 (shilei-massclouds/linux-6.12: mm/slub.c:4199 ___kmalloc_large_node, :4234 __kmalloc_large_node_noprof, :4280 __kmalloc_node_track_caller_noprof); 6.11 not read',
    confirmed: false,
  },
  {
    since: [6, 11],
    changes: { kmallocPadding: 'pad-to-align' },
    what: 'kmalloc aligns objects to the largest power of two dividing their size; Rust drops next_power_of_two',
    source: 'ad59baa31695 "slab, rust: extend kmalloc() alignment guarantees to remove Rust padding"',
    confirmed: true,
  },
  {
    since: [6, 12],
    changes: { hasVrealloc: true, helperFile: 'rust/helpers/slab.c' },
    what: 'vrealloc() arrives; kvrealloc() takes krealloc’s signature; rust/helpers/ split',
    source: '3ddc2fefe6f3 "mm: vmalloc: implement vrealloc()"',
    confirmed: false,
  },
  {
    since: [6, 13],
    changes: { apiEra: 'allocator-trait', kreallocFile: 'mm/slub.c', vmallocRefusesAlignAbovePage: true },
    what: 'Allocator trait: Kmalloc/Vmalloc/KVmalloc, KBox/KVec/VBox/KVVec, ReallocFunc; krealloc moves to mm/slub.c',
    source: 'lore 20241004154149.93856 (Danilo Krummrich), backported to 6.12.y',
    confirmed: true,
  },
  {
    since: [6, 14],
    changes: { pageAllocCheckFn: '__alloc_frozen_pages_noprof' },
    what: '__alloc_pages_noprof becomes a wrapper over __alloc_frozen_pages_noprof, which holds the WARN_ON_ONCE_GFP(order > MAX_PAGE_ORDER)',
    source:
      'read in 6.13.7 (ChenRuiwei/linux-6.13.7: mm/page_alloc.c:4730 in __alloc_pages_noprof) and 6.14.0 (perishh/linux-6.14: mm/page_alloc.c:4716 in __alloc_frozen_pages_noprof, :4769 __alloc_pages_noprof calls it)',
    confirmed: true,
  },
  {
    since: [6, 15],
    changes: { vreallocCopies: 'requested' },
    what: 'vrealloc tracks vm->requested_size and copies that many bytes when it moves; before, old_size = get_vm_area_size(vm), the whole page-rounded area',
    source: 'read in 6.13.7 and 6.14.0 (mm/vmalloc.c vrealloc_noprof: old_size = get_vm_area_size(vm); memcpy(n, p, old_size)) and 6.17.0 (old_size = vm->requested_size); 6.15–6.16 not read',
    confirmed: false,
  },
  {
    since: [6, 15],
    changes: { kvecResize: true },
    what: 'Vec::resize (rust/kernel/alloc/kvec.rs)',
    source: 'absent from 6.13.7 and 6.14.0 kvec.rs, present in 6.18.2 (gfunkmonk/linux-6.18.2); "rust: alloc: add Vec::resize method" (Mar 2025) puts it in 6.15; 6.15–6.17 not read',
    confirmed: false,
  },
  {
    since: [6, 15],
    changes: { kvmallocFile: 'mm/slub.c' },
    what: '__kvmalloc_node_noprof, kvrealloc_noprof and kmalloc_gfp_adjust move to mm/slub.c',
    source: 'GONG Ruiqi, Feb 2025',
    confirmed: false,
  },
  {
    since: [6, 16],
    changes: { kvmallocKmallocAttempt: 'clear-direct-reclaim' },
    what: 'kvmalloc’s kmalloc attempt above PAGE_SIZE clears __GFP_DIRECT_RECLAIM instead of adding __GFP_NORETRY',
    source: '46459154f997 "mm: kvmalloc: make kmalloc fast path real fast path"',
    confirmed: true,
  },
  {
    since: [6, 17],
    changes: { vmallocPads: false },
    what: 'aligned_size() replaced by Kmalloc::aligned_layout(): padding only for Kmalloc and KVmalloc',
    source: 'fde578c86281',
    confirmed: true,
  },
  {
    since: [6, 17],
    changes: { largeKmallocFrozen: true },
    what: '"mm, slab: use frozen pages for large kmalloc": ___kmalloc_large_node calls alloc_frozen_pages_noprof (NUMA_NO_NODE) or __alloc_frozen_pages_noprof',
    source:
      'read in 6.14.0 (alloc_pages_node_noprof) and 6.17.0 (busysteve/linux-6.17.0-rust-ported-c: mm/slub.c ___kmalloc_large_node → alloc_frozen_pages_noprof, mm/mempolicy.c:2476); 6.15–6.16 not read',
    confirmed: false,
  },
  {
    since: [6, 18],
    changes: {
      apiEra: 'node-align',
      vmallocRefusesAlignAbovePage: false,
      kreallocChecksAlign: true,
      slubFrontEnd: 'cpu-slab-with-optional-sheaves',
    },
    what: 'NumaNode and align passed to C (rust_helper_*_node_align); opt-in SLUB sheaves',
    source: 'Vitaly Wool, "rust: support large alignments in allocations" v15; LWN "Slabs, sheaves, and barns"',
    confirmed: false,
  },
  {
    since: [6, 19],
    changes: { vmallocNonBlocking: true },
    what: 'vmalloc accepts GFP_ATOMIC/GFP_NOWAIT; kvmalloc falls back to vmalloc for them too',
    source: '"mm: kvmalloc: add non-blocking support for vmalloc"; GFP_VMALLOC_SUPPORTED',
    confirmed: false,
  },
  {
    since: [6, 19],
    changes: { vmallocHighOrderFirst: true },
    what: 'vm_area_alloc_pages tries high-order blocks first (large_order = ilog2(pages left), at most MAX_PAGE_ORDER, without direct reclaim) and split_page()s them; then order-0 pages in bulk',
    source:
      'read in 6.18.2 (gfunkmonk/linux-6.18.2: mm/vmalloc.c:3591, bulk order-0 only) and 6.19.9 (AlfredoFerreira04/scheduler-linux-6.19.9-env: mm/vmalloc.c:3636-3674); 7.1.5 mm/vmalloc.c:3632-3664',
    confirmed: true,
  },
  {
    since: [7, 0],
    changes: { slubFrontEnd: 'sheaves' },
    what: 'sheaves for every cache; struct kmem_cache_cpu, the TID/cmpxchg fast path and SLUB_CPU_PARTIAL are gone',
    source: 'slab-for-7.0 merge',
    confirmed: true,
  },
  {
    since: [7, 1],
    changes: { kvvecShrinkTo: true },
    what: 'KVVec::shrink_to ("rust: alloc: add KVVec shrinking method")',
    source: 'read in 7.0.0 (julianw1010/WASP-linux-7.0.0: rust/kernel/alloc/kvec.rs has no shrink_to) and 7.1.5 (kvec.rs:766)',
    confirmed: true,
  },
];

/** Oldest kernel with Rust support, and the newest we model (the golden tables' tree). */
export const OLDEST_KERNEL = { major: 6, minor: 1 } as const;
export const NEWEST_KERNEL = { major: 7, minor: 1, patch: 5 } as const;

/** Releases whose stable series later received changes of a newer era; said whenever they are picked. */
export const STABLE_BACKPORT_NOTES: readonly { readonly release: readonly [major: number, minor: number]; readonly note: string }[] = [
  // b3d8aa84bbfe (6.5-rc5) carries Cc: stable and went to the 6.1.y and 6.4.y queues (6.4 stable
  // review mail, kernel-facts §0); the first 6.1.z that has it was not read.
  {
    release: [6, 1],
    note: 'later 6.1.y stable releases received krealloc_aligned (b3d8aa84bbfe, 6.5-rc5): such a tree pads an over-aligned layout like 6.5; pass 6.5 to model one',
  },
  {
    release: [6, 4],
    note: 'later 6.4.y stable releases received krealloc_aligned (b3d8aa84bbfe, 6.5-rc5): such a tree pads an over-aligned layout like 6.5; pass 6.5 to model one',
  },
  {
    release: [6, 12],
    note: '6.12.y stable later received the Allocator trait (KBox/KVec) backport; pass 6.13 to model a 6.12.y tree that has it',
  },
];
