/**
 * Kernel Rust type names the receiver resolver needs to know by name (rust/kernel/alloc/kvec.rs,
 * kbox.rs, rust/kernel/sync/*.rs, v7.1.5). A type alias in the workspace that expands to one of
 * these resolves too. The allocating containers come from the engine's registry
 * (engine/src/data/containers.ts); the rest (pointers, locks) are only the analyzer's concern.
 */
import { CONTAINERS, type ContainerFamily, type AllocatorName } from '../../../../engine/src/index.js';

/** The aliases of one family that fix their allocator: KVec → Kmalloc, ... */
function aliases(family: ContainerFamily): Readonly<Record<string, AllocatorName>> {
  return Object.fromEntries(CONTAINERS.flatMap((c) => (c.family === family && c.allocator !== 'generic' ? [[c.name, c.allocator] as const] : [])));
}

/** Vector aliases and the allocator each fixes (kvec.rs: `pub type KVec<T> = Vec<T, Kmalloc>;` ...). */
export const VECTOR_ALIASES = aliases('vec');

/** Box aliases (kbox.rs). */
export const BOX_ALIASES = aliases('box');

/** Allocator types that may appear as the `A` of Vec<T, A> / Box<T, A>. */
export const ALLOCATOR_TYPES: ReadonlySet<string> = new Set(Object.keys(aliases('allocator')));

/** Reference-counted types whose allocation is an ArcInner<T> (rust/kernel/sync/arc.rs, list/arc.rs). */
export const ARC_TYPES: ReadonlySet<string> = new Set(Object.keys(aliases('shared')));

/** rust/kernel/rbtree.rs: each holds one KBox of Node<K, V>, whose K and V the call rarely names. */
export const RBTREE_NODE_TYPES: ReadonlySet<string> = new Set(Object.keys(aliases('rbtree')));

/** Pointers and guards that auto-deref to their first generic argument. */
export const DEREF_TO_FIRST_GENERIC: ReadonlySet<string> = new Set([
  'Box',
  'KBox',
  'VBox',
  'KVBox',
  'Arc',
  'ARef',
  'UniqueArc',
  'ArcBorrow',
  'Pin',
  'Guard',
  'MutexGuard',
  'SpinLockGuard',
  'RevocableGuard',
  'ManuallyDrop',
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
