/**
 * In a kernel tree the kernel crate's own types come from its rust/kernel source, like any other
 * Rust; the built-in rows (layout/kernel-types.ts) answer only outside a kernel tree, or when
 * the source says something the engine cannot follow. Sources here are short hand-written
 * shapes of v7.1.5's sync/lock.rs and sync/lock/mutex.rs (Lock<T, B> holds Opaque<B::State>;
 * `impl Backend for MutexBackend { type State = bindings::mutex; }`), given file names under
 * rust/kernel/ so the index treats them as the kernel crate.
 */
import { beforeAll, expect, test } from 'vitest';
import type { Parser } from 'web-tree-sitter';
import { bundledCLayouts } from '../../engine/src/bundled-c-layouts.js';
import { resolveProfile } from '../../engine/src/profile.js';
import { itemsFromTree } from '../../server/src/analysis/extract/items-from-tree.js';
import { layoutOf } from '../../server/src/analysis/layout/layout-of.js';
import { pathType } from '../../server/src/analysis/rust-model-builders.js';
import { WorkspaceIndex } from '../../server/src/analysis/workspace-index.js';
import { createRustParser } from '../../server/src/parse/rust-parser.js';

const LOCK = `
#[repr(C)]
pub struct Lock<T: ?Sized, B: Backend> { state: Opaque<B::State>, _pin: PhantomPinned, data: UnsafeCell<T> }
pub struct MutexBackend;
unsafe impl Backend for MutexBackend { type State = bindings::mutex; type GuardState = (); }
pub type Mutex<T> = Lock<T, MutexBackend>;
pub struct SpinLockBackend;
unsafe impl Backend for SpinLockBackend { type State = bindings::spinlock_t; type GuardState = (); }
`;
/** A kernel crate whose Lock carries one more word than v7.1.5's: only its source can know. */
const PATCHED_LOCK = LOCK.replace('_pin: PhantomPinned,', '_pin: PhantomPinned, owner_cpu: u64,');
const DRIVER = 'struct State { a: u32 }\nstruct Shared { m: Mutex<u64>, s: State }';

let parser: Parser;
beforeAll(async () => {
  parser = await createRustParser();
});

function indexOf(files: Record<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [path, text] of Object.entries(files)) index.setFile(path, itemsFromTree(parser.parse(text)!));
  return index;
}

const options = { pointerBytes: 8, pageSizeBytes: 4096, cLayouts: bundledCLayouts(resolveProfile('x86_64')) };
const mutexOfU64 = pathType('Mutex', [pathType('u64')]);

test("the kernel tree's Lock decides Mutex<T>, through the impl's associated type State", () => {
  const index = indexOf({ '/t/rust/kernel/sync/lock.rs': PATCHED_LOCK, '/t/drivers/x/x.rs': DRIVER });
  const view = index.viewFrom('/t/drivers/x/x.rs');
  // mutex 24 + owner_cpu 8 + u64 8: the source's own field, not the built-in row's 32.
  expect(layoutOf(mutexOfU64, view, options)).toMatchObject({ known: true, sizeBytes: 40 });
  // The associated type is MutexBackend::State; the driver's own `State` is a different type.
  expect(layoutOf(pathType('State'), view, options)).toMatchObject({ known: true, sizeBytes: 4 });
  expect(layoutOf(pathType('Shared'), view, options)).toMatchObject({ known: true, sizeBytes: 48 });
});

test('the v7.1.5 shape gives what the built-in row gives', () => {
  const view = indexOf({ '/t/rust/kernel/sync/lock.rs': LOCK }).viewFrom('/t/rust/kernel/sync/lock.rs');
  expect(layoutOf(mutexOfU64, view, options)).toMatchObject({ known: true, sizeBytes: 32, formula: expect.stringContaining('Lock<u64, MutexBackend>') });
});

test('outside a kernel tree (the same source in a driver folder) the built-in row answers', () => {
  const view = indexOf({ '/t/drivers/x/lock.rs': PATCHED_LOCK }).viewFrom('/t/drivers/x/lock.rs');
  const mutex = layoutOf(mutexOfU64, view, options);
  expect(mutex).toMatchObject({ known: true, sizeBytes: 32 });
  expect(mutex.known && mutex.notes.join('\n')).toContain('rust/kernel/sync/lock.rs (10b6b5e9b024)');
});
