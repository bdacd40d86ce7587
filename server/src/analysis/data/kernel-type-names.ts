/**
 * Kernel Rust type names the receiver resolver needs to know by name (rust/kernel/alloc/kvec.rs,
 * kbox.rs, rust/kernel/sync/*.rs, v7.1.5). A type alias in the workspace that expands to one of
 * these resolves too.
 */
import type { AllocatorName } from '../../../../engine/src/layout.js';

/** Vector aliases and the allocator each fixes (kvec.rs: `pub type KVec<T> = Vec<T, Kmalloc>;` ...). */
export const VECTOR_ALIASES: Readonly<Record<string, AllocatorName>> = { KVec: 'Kmalloc', VVec: 'Vmalloc', KVVec: 'KVmalloc' };

/** Box aliases (kbox.rs). */
export const BOX_ALIASES: Readonly<Record<string, AllocatorName>> = { KBox: 'Kmalloc', VBox: 'Vmalloc', KVBox: 'KVmalloc' };

/** Allocator types that may appear as the `A` of Vec<T, A> / Box<T, A>. */
export const ALLOCATOR_TYPES: ReadonlySet<string> = new Set(['Kmalloc', 'Vmalloc', 'KVmalloc']);

/** Pointers and guards that auto-deref to their first generic argument. */
export const DEREF_TO_FIRST_GENERIC: ReadonlySet<string> = new Set([
  'Box', 'KBox', 'VBox', 'KVBox', 'Arc', 'ARef', 'UniqueArc', 'ArcBorrow', 'Pin', 'Guard', 'MutexGuard', 'SpinLockGuard', 'RevocableGuard', 'ManuallyDrop',
]);

/**
 * Lock types and whether holding their guard makes the context atomic
 * (rust/kernel/sync/lock/spinlock.rs, mutex.rs, global.rs; kernel-facts §7).
 */
export const LOCK_TYPES: Readonly<Record<string, { readonly atomic: boolean }>> = {
  SpinLock: { atomic: true },
  SpinLockIrq: { atomic: true },
  Mutex: { atomic: false },
};

/** Methods that take a lock and return a guard that derefs to the protected data. */
export const LOCK_METHODS: ReadonlySet<string> = new Set(['lock', 'lock_irqsave']);
