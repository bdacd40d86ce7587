// SPDX-License-Identifier: MIT
//! The ring: descriptors, pending work and completions (kalloc-lens example; not kernel code).

use kernel::prelude::*;
use kernel::sync::{Arc, SpinLock, Mutex};

use crate::types::{Desc, Entry, Ring, Scratch, Stats, RING_ENTRIES};

/// Completions handed out in one batch.
const BATCH: usize = 100;

/// A table of per-CPU statistics: far too big for kmalloc.
const STATS_SLOTS: usize = 1 << 18;

struct Inner {
    pending: KVec<u64>,
    done: KVec<Entry>,
}

pub(crate) struct RingDev {
    ring: Ring,
    inner: SpinLock<Inner>,
    config: Mutex<KVec<u32>>,
}

impl RingDev {
    pub(crate) fn new() -> Result<Self> {
        // 48 descriptors of 16 bytes: 768 B in kmalloc-1k.
        let ring = Ring::with_capacity(RING_ENTRIES, GFP_KERNEL)?;
        Ok(Self {
            ring,
            inner: SpinLock::new(Inner { pending: KVec::new(), done: KVec::new() }),
            config: Mutex::new(KVec::new()),
        })
    }

    /// Completions: 100 entries of 24 bytes land in kmalloc-4k and waste 1696 B (slab-waste).
    fn completions(&self) -> Result<KVec<Entry>> {
        let done = KVec::<Entry>::with_capacity(BATCH, GFP_KERNEL)?;
        Ok(done)
    }

    /// A receive window of 8192 u64: order 4, a costly order (kmalloc-costly-order).
    fn window(&self) -> Result<KVec<u64>> {
        KVec::with_capacity(
            8192,
            GFP_KERNEL,
        )
    }

    /// 2^18 statistics blocks of 24 bytes: 6 MiB, over KMALLOC_MAX_SIZE (kmalloc-oversized).
    fn stats_table(&self) -> Result<KVec<Stats>> {
        let table: KVec<Stats> = KVec::with_capacity(STATS_SLOTS, GFP_KERNEL)?;
        Ok(table)
    }

    /// Queueing under the spinlock with GFP_KERNEL may sleep (sleep-in-atomic).
    fn queue(&self, work: u64) -> Result {
        let mut guard = self.inner.lock();
        guard.pending.push(work, GFP_KERNEL)?;
        drop(guard);
        Ok(())
    }

    /// The same push with GFP_ATOMIC is fine; its capacity is unknown, so kalloc-lens shows
    /// the growth thresholds instead of a size.
    fn queue_atomic(&self, work: u64) -> Result {
        self.inner.lock().pending.push(work, GFP_ATOMIC)?;
        Ok(())
    }

    /// After the guard is dropped, GFP_KERNEL is fine again.
    fn queue_later(&self, work: u64) -> Result {
        let mut pending = KVec::new();
        {
            let _guard = self.inner.lock();
        }
        pending.push(work, GFP_KERNEL)?;
        Ok(())
    }

    /// A Mutex may sleep: GFP_KERNEL under it is fine.
    fn configure(&self, value: u32) -> Result {
        self.config.lock().push(value, GFP_KERNEL)?;
        Ok(())
    }

    fn refill(&mut self, extra: &[Desc]) -> Result {
        self.ring.reserve(RING_ENTRIES, GFP_KERNEL)?;
        self.ring.extend_from_slice(extra, GFP_KERNEL)?;
        Ok(())
    }

    /// No element type is written at the call: rustc infers it from the return type, and so
    /// does kalloc-lens (8 descriptors of 16 bytes: 128 B in kmalloc-128, no waste).
    fn snapshot(&self, first: &[Desc]) -> Result<KVec<Desc>> {
        let mut copy = KVec::with_capacity(8, GFP_KERNEL)?;
        copy.extend_from_slice(first, GFP_KERNEL)?;
        Ok(copy)
    }

    /// `pages` is a u16, so this can ask for up to 65535 scratch areas of 4 KiB: far over
    /// KMALLOC_MAX_SIZE, and kmalloc fails every request above it.
    fn scratch(&self, pages: u16) -> Result<KVec<Scratch>> {
        KVec::with_capacity(usize::from(pages), GFP_KERNEL)
    }
}
