// SPDX-License-Identifier: GPL-2.0
//! Allocations that do not go through KBox/KVec/Arc: a dedicated slab cache (maple tree, XArray),
//! the page allocator, DMA coherent memory, and wrappers with a kmalloc path of their own.

use kernel::{
    bitmap::BitmapVec,
    cpumask::CpumaskVar,
    device::{Bound, Device},
    devres,
    dma::{Coherent, CoherentBox},
    id_pool::IdPool,
    maple_tree::{MapleTree, MapleTreeAlloc},
    page::Page,
    prelude::*,
    rbtree::RBTree,
    sync::SpinLock,
    uaccess::UserSliceReader,
    xarray::XArray,
};

const RING_DESCS: usize = 4096;

#[repr(C)]
struct Desc {
    addr: u64,
    len: u32,
    flags: u32,
}

struct Registration;

fn tables(tree: &MapleTree<KBox<u32>>, ranges: &MapleTreeAlloc<KBox<u32>>, xa: &XArray<KBox<u32>>, value: KBox<u32>, other: KBox<u32>, third: KBox<u32>) -> Result {
    tree.insert(100, value, GFP_KERNEL)?;
    tree.insert_range(200..300, other, GFP_KERNEL)?;
    let _id = ranges.alloc_range(16, third, ..4096, GFP_KERNEL)?;
    let mut guard = xa.lock();
    guard.store(7, KBox::new(7u32, GFP_KERNEL)?, GFP_KERNEL)?;
    Ok(())
}

fn memory(dev: &Device<Bound>, reader: UserSliceReader, lock: &SpinLock<u32>) -> Result {
    let _page = Page::alloc_page(GFP_KERNEL | __GFP_ZERO)?;
    let _ring = Coherent::<[Desc]>::zeroed_slice(dev, RING_DESCS, GFP_KERNEL)?;
    let _small = CoherentBox::<[u64]>::zeroed_slice(dev, 16, GFP_KERNEL)?;
    let _map = BitmapVec::new(1 << 20, GFP_KERNEL)?;
    let _ids = IdPool::with_capacity(1024, GFP_KERNEL)?;
    let _mask = CpumaskVar::new_zero(GFP_KERNEL)?;
    let mut buf = KVec::new();
    reader.read_all(&mut buf, GFP_KERNEL)?;
    let mut tree = RBTree::new();
    tree.try_create_and_insert(1u64, 2u64, GFP_KERNEL)?;
    let guard = lock.lock();
    devres::register(dev, Registration, GFP_ATOMIC)?;
    drop(guard);
    // SAFETY: freed by the caller with kfree().
    let raw = unsafe { kernel::bindings::kmalloc(300, GFP_KERNEL.as_raw()) };
    let _ = raw;
    Ok(())
}
