/**
 * GFP bits and the named masks built from them: include/linux/gfp_types.h (v7.1.5).
 * The bit numbers come from its `enum { ___GFP_DMA_BIT, ... }` with CONFIG_KASAN_HW_TAGS=n;
 * bits after ___GFP_ZEROTAGS_BIT depend on the config and are not modelled. Values differ
 * between versions and configs; they matter here only to combine and test flags.
 *
 * Rust can only name the constants in RUST_EXPOSED_GFP (rust/kernel/alloc.rs, module `flags`);
 * the C-only masks are accepted too so that `--flags` can ask about any C call.
 */
export const GFP_BITS = {
  __GFP_DMA: 0x1,
  __GFP_HIGHMEM: 0x2,
  __GFP_DMA32: 0x4,
  __GFP_MOVABLE: 0x8,
  __GFP_RECLAIMABLE: 0x10,
  __GFP_HIGH: 0x20,
  __GFP_IO: 0x40,
  __GFP_FS: 0x80,
  __GFP_ZERO: 0x100,
  __GFP_DIRECT_RECLAIM: 0x400,
  __GFP_KSWAPD_RECLAIM: 0x800,
  __GFP_WRITE: 0x1000,
  __GFP_NOWARN: 0x2000,
  __GFP_RETRY_MAYFAIL: 0x4000,
  __GFP_NOFAIL: 0x8000,
  __GFP_NORETRY: 0x10000,
  __GFP_MEMALLOC: 0x20000,
  __GFP_COMP: 0x40000,
  __GFP_NOMEMALLOC: 0x80000,
  __GFP_HARDWALL: 0x100000,
  __GFP_THISNODE: 0x200000,
  __GFP_ACCOUNT: 0x400000,
  __GFP_ZEROTAGS: 0x800000,
} as const;

export type GfpBitName = keyof typeof GFP_BITS;

const B = GFP_BITS;
const __GFP_RECLAIM = B.__GFP_DIRECT_RECLAIM | B.__GFP_KSWAPD_RECLAIM;

/** Named masks (gfp_types.h "Useful GFP flag combinations"). */
export const GFP_MASKS = {
  __GFP_RECLAIM,
  GFP_ATOMIC: B.__GFP_HIGH | B.__GFP_KSWAPD_RECLAIM,
  GFP_KERNEL: __GFP_RECLAIM | B.__GFP_IO | B.__GFP_FS,
  GFP_KERNEL_ACCOUNT: __GFP_RECLAIM | B.__GFP_IO | B.__GFP_FS | B.__GFP_ACCOUNT,
  GFP_NOWAIT: B.__GFP_KSWAPD_RECLAIM | B.__GFP_NOWARN,
  GFP_NOIO: __GFP_RECLAIM,
  GFP_NOFS: __GFP_RECLAIM | B.__GFP_IO,
  GFP_USER: __GFP_RECLAIM | B.__GFP_IO | B.__GFP_FS | B.__GFP_HARDWALL,
  GFP_DMA: B.__GFP_DMA,
  GFP_DMA32: B.__GFP_DMA32,
  GFP_HIGHUSER: __GFP_RECLAIM | B.__GFP_IO | B.__GFP_FS | B.__GFP_HARDWALL | B.__GFP_HIGHMEM,
} as const;

/** The constants of Rust's `kernel::alloc::flags` (rust/kernel/alloc.rs, v7.1.5). */
export const RUST_EXPOSED_GFP: readonly string[] = ['GFP_ATOMIC', 'GFP_KERNEL', 'GFP_KERNEL_ACCOUNT', 'GFP_NOWAIT', '__GFP_ZERO', '__GFP_HIGHMEM', '__GFP_NOWARN'];

/**
 * Zone modifiers that kmalloc must not see: GFP_SLAB_BUG_MASK (mm/slab.h) =
 * __GFP_DMA32 | __GFP_HIGHMEM | ~__GFP_BITS_MASK. kmalloc_fix_flags() warns and strips them,
 * on the new-slab and large paths only.
 */
export const GFP_SLAB_BUG_MASK = B.__GFP_DMA32 | B.__GFP_HIGHMEM;

/**
 * GFP_VMALLOC_SUPPORTED (mm/vmalloc.c, 6.19+): what __vmalloc_noprof() keeps; the rest is
 * masked with a WARN. vrealloc and kvmalloc do not run this check.
 */
export const GFP_VMALLOC_SUPPORTED =
  GFP_MASKS.GFP_KERNEL |
  GFP_MASKS.GFP_ATOMIC |
  GFP_MASKS.GFP_NOWAIT |
  B.__GFP_NOFAIL |
  B.__GFP_ZERO |
  B.__GFP_NORETRY |
  B.__GFP_RETRY_MAYFAIL |
  GFP_MASKS.GFP_NOFS |
  GFP_MASKS.GFP_NOIO |
  GFP_MASKS.GFP_KERNEL_ACCOUNT |
  GFP_MASKS.GFP_USER;
