/**
 * The kernel's allocating Rust types by name, and the allocator each one fixes: the one place the
 * alias → allocator map is written. Read in v7.1.5 (danayer/linux-7.1.5 @ 9d1745cf).
 * Adding a container is one row here plus its APIs' chains in data/call-chains/.
 */
import type { AllocatorName } from '../layout.js';

/** vec: Vec<T, A> and its aliases; box: Box<T, A>; shared: one ArcInner<T> in a KBox; allocator: the Allocator impls. */
export type ContainerFamily = 'vec' | 'box' | 'shared' | 'string' | 'rbtree' | 'allocator';

export interface ContainerRow {
  readonly name: string;
  readonly family: ContainerFamily;
  /** The allocator the type fixes; 'generic' where it is the `A` parameter (Vec<T, A>, Box<T, A>). */
  readonly allocator: AllocatorName | 'generic';
  readonly source: string;
}

export const CONTAINERS: readonly ContainerRow[] = [
  { name: 'KVec', family: 'vec', allocator: 'Kmalloc', source: 'rust/kernel/alloc/kvec.rs:129 pub type KVec<T> = Vec<T, Kmalloc>' },
  { name: 'VVec', family: 'vec', allocator: 'Vmalloc', source: 'rust/kernel/alloc/kvec.rs:142 pub type VVec<T> = Vec<T, Vmalloc>' },
  { name: 'KVVec', family: 'vec', allocator: 'KVmalloc', source: 'rust/kernel/alloc/kvec.rs:155 pub type KVVec<T> = Vec<T, KVmalloc>' },
  { name: 'Vec', family: 'vec', allocator: 'generic', source: 'rust/kernel/alloc/kvec.rs:107 pub struct Vec<T, A: Allocator> (before 6.13: the alloc crate’s Vec, kmalloc)' },
  { name: 'KBox', family: 'box', allocator: 'Kmalloc', source: 'rust/kernel/alloc/kbox.rs:93 pub type KBox<T> = Box<T, super::allocator::Kmalloc>' },
  { name: 'VBox', family: 'box', allocator: 'Vmalloc', source: 'rust/kernel/alloc/kbox.rs:105 pub type VBox<T> = Box<T, super::allocator::Vmalloc>' },
  { name: 'KVBox', family: 'box', allocator: 'KVmalloc', source: 'rust/kernel/alloc/kbox.rs:117 pub type KVBox<T> = Box<T, super::allocator::KVmalloc>' },
  { name: 'Box', family: 'box', allocator: 'generic', source: 'rust/kernel/alloc/kbox.rs:81 pub struct Box<T: ?Sized, A: Allocator> (before 6.13: the alloc crate’s Box, kmalloc)' },
  { name: 'Arc', family: 'shared', allocator: 'Kmalloc', source: 'rust/kernel/sync/arc.rs:227 Arc::new: KBox::new(ArcInner { .. }, flags)' },
  { name: 'UniqueArc', family: 'shared', allocator: 'Kmalloc', source: 'rust/kernel/sync/arc.rs:688 UniqueArc { inner: Arc<T> }' },
  { name: 'ListArc', family: 'shared', allocator: 'Kmalloc', source: 'rust/kernel/list/arc.rs ListArc::new → UniqueArc::new' },
  { name: 'CString', family: 'string', allocator: 'Kmalloc', source: 'rust/kernel/str.rs:839 pub struct CString { buf: KVec<u8> }' },
  { name: 'RBTreeNodeReservation', family: 'rbtree', allocator: 'Kmalloc', source: 'rust/kernel/rbtree.rs RBTreeNodeReservation::new: KBox::new_uninit' },
  { name: 'RBTreeNode', family: 'rbtree', allocator: 'Kmalloc', source: 'rust/kernel/rbtree.rs RBTreeNode::new: RBTreeNodeReservation::new' },
  { name: 'Kmalloc', family: 'allocator', allocator: 'Kmalloc', source: 'rust/kernel/alloc/allocator.rs:31 pub struct Kmalloc' },
  { name: 'Vmalloc', family: 'allocator', allocator: 'Vmalloc', source: 'rust/kernel/alloc/allocator.rs:40 pub struct Vmalloc' },
  { name: 'KVmalloc', family: 'allocator', allocator: 'KVmalloc', source: 'rust/kernel/alloc/allocator.rs:49 pub struct KVmalloc' },
];
