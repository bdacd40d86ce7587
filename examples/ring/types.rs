// SPDX-License-Identifier: MIT
//! Types shared by the ring driver (kalloc-lens example; not kernel code).

use kernel::prelude::*;

/// Maximum number of descriptors in one ring.
pub(crate) const RING_ENTRIES: usize = 48;

/// Bytes of one receive buffer.
pub(crate) const RX_BUF_BYTES: usize = 1518;

/// A hardware descriptor, laid out as the device reads it.
#[repr(C)]
pub(crate) struct Desc {
    pub(crate) addr: u64,
    pub(crate) len: u32,
    pub(crate) flags: u16,
}

/// One completed request; default repr, so its size is an estimate.
pub(crate) struct Entry {
    pub(crate) cookie: u64,
    pub(crate) status: u32,
    pub(crate) owner: Option<KBox<Desc>>,
}

/// A page-sized scratch area.
pub(crate) struct Scratch {
    pub(crate) bytes: [u8; 4096],
}

/// Statistics counters.
#[repr(C)]
pub(crate) struct Stats {
    pub(crate) packets: u64,
    pub(crate) bytes: u64,
    pub(crate) drops: u32,
}

/// The descriptor ring: a vector of `Desc`.
pub(crate) type Ring = KVec<Desc>;
