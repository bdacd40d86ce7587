// SPDX-License-Identifier: MIT
//! Buffers of every shape (kalloc-lens example; not kernel code).

use kernel::alloc::{flags, Flags, KVmalloc};
use kernel::prelude::*;
use kernel::sync::{Arc, UniqueArc};

use crate::types::{Desc, Scratch, Stats, RX_BUF_BYTES};

/// The flags every receive buffer uses.
const RX_FLAGS: Flags = GFP_KERNEL;

#[pin_data]
struct Device {
    #[pin]
    stats: Stats,
}

fn buffers(gfp: Flags) -> Result {
    // A receive buffer: 1518 B in kmalloc-2k.
    let rx = KBox::new([0u8; RX_BUF_BYTES], RX_FLAGS)?;

    // A page of scratch space from vmalloc: one page plus a guard page.
    let scratch = VBox::<Scratch>::new_uninit(GFP_KERNEL)?;

    // Two 16-byte descriptors from vmalloc: a whole page for 32 bytes (vmalloc-small).
    let pair = VBox::new([Desc { addr: 0, len: 0, flags: 0 }, Desc { addr: 0, len: 0, flags: 0 }], GFP_KERNEL)?;

    // A large table that kvmalloc may serve from vmalloc.
    let mut table: KVVec<u64> = KVVec::with_capacity(1 << 20, gfp)?;
    table.push(7, gfp)?;

    // Reference counted statistics: ArcInner adds the refcount.
    let stats = Arc::new(Stats { packets: 0, bytes: 0, drops: 0 }, flags::GFP_KERNEL)?;
    let unique = UniqueArc::<Stats>::new_uninit(GFP_KERNEL)?;

    // Pinned initialisation in place.
    let dev = KBox::pin_init(pin_init!(Device { stats: Stats { packets: 0, bytes: 0, drops: 0 } }), GFP_KERNEL)?;

    // kvec! forms: empty (no allocation), repeated, listed.
    let empty: KVec<u32> = kvec![];
    let zeros = kvec![0u32; 64]?;
    let primes = kvec![2u16, 3, 5, 7]?;

    // The generic Box with an explicit allocator.
    let boxed = Box::<Desc, KVmalloc>::new(Desc { addr: 0, len: 0, flags: 0 }, GFP_KERNEL)?;

    // Zeroed, combined flags.
    let zeroed = KBox::<[u64; 64]>::new_uninit(GFP_KERNEL | __GFP_ZERO)?;
    Ok(())
}
