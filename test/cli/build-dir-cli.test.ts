/**
 * `analyze --build-dir` on a driver in a kernel-tree layout (test/fixtures/kernel-tree): the C
 * layouts, the .config's profile and so the caches follow the build, as the kernel's would.
 *
 * Worked out by hand from the builds' C sizes (../shared/kernel-build, bindings laid out by
 * rustc's rules), x86_64 defconfig / x86_64 debug-locking / arm64 defconfig:
 *   device 760 / 1208 / 800, mutex 24 / 136 / 24, spinlock_t 4 / 64 / 4 (align 4 / 8 / 4),
 *   wait_queue_head 24 / 80 / 24, completion 32 / 88 / 32, work_struct 32 / 72 / 32.
 * Lock<T, B> is repr(C) { Opaque<B::State>, PhantomPinned, UnsafeCell<T> } (sync/lock.rs):
 *   Mutex<u64> = 24 + 8 = 32 / 136 + 8 = 144; SpinLock<u32> = 4 + 4 = 8 / 64 + 4 → 72;
 *   SpinLock<u64> = 4 + pad 4 + 8 = 16 / 64 + 8 = 72; Mutex<KVec<u8>> = 24 + 24 = 48 / 160.
 * Shared = device + Mutex<u64> + CondVar + SpinLock<u32> + [u64; 24] (192):
 *   760 + 32 + 24 + 8 + 192 = 1016 / 1208 + 144 + 80 + 72 + 192 = 1696 / 1056 on arm64;
 *   ArcInner = refcount 4, padded to 8, + Shared: 1024 (kmalloc-1k) / 1704 (kmalloc-2k) / 1064 (kmalloc-2k).
 * Holder = device + work_struct + SpinLock<u64> + [u8; 200]:
 *   760 + 32 + 16 + 200 = 1008 (kmalloc-1k) / 1208 + 72 + 72 + 200 = 1552 (kmalloc-2k) / 1048 (kmalloc-2k).
 * Pinned = device + Mutex<KVec<u8>> + Completion + [u32; 44] (176):
 *   760 + 48 + 32 + 176 = 1016 (kmalloc-1k) / 1208 + 160 + 88 + 176 = 1632 (kmalloc-2k) / 1056 (kmalloc-2k).
 * rustc 1.95 agrees: a scratch file in /tmp that include!s each build's bindings and copies
 * Opaque, Lock, CondVar, Completion, Refcount, ArcInner and Vec printed 1024/1008/1016,
 * 1704/1552/1632 and (arm64 bindings, same LP64 alignments) 1064/1048/1056.
 */
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { SHARED_DIR } from '../engine/golden-tables.js';
import { runCli } from './run-cli.js';

const FIXTURE = 'test/fixtures/kernel-tree';
const build = (name: string) => join(SHARED_DIR, 'kernel-build', name);

interface Site {
  line: number;
  call: string;
  size: { bytes: number | null };
  outcome: { cache: string | null };
  notes: string[];
}

function analyze(...args: string[]): { layoutSource: string; profile: { name: string }; sites: Site[] } {
  const r = runCli('analyze', FIXTURE, '--format', 'json', '--fail-on', 'never', ...args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

const shape = (sites: Site[]) => sites.map((s) => [s.call, s.size.bytes, s.outcome.cache]);

describe('analyze --build-dir on a driver in a kernel tree', () => {
  test('x86_64 defconfig', { timeout: 30_000 }, () => {
    const r = analyze('--build-dir', build('x86_64-defconfig'));
    expect(r.layoutSource).toBe(`build:${build('x86_64-defconfig')}`);
    expect(r.profile.name).toBe('x86_64');
    expect(shape(r.sites)).toEqual([
      ['Arc::pin_init', 1024, 'kmalloc-1k'],
      ['KBox::new', 1008, 'kmalloc-1k'],
      ['KBox::pin_init', 1016, 'kmalloc-1k'],
    ]);
  });

  test('x86_64 with debug locking: every lock grows, every object moves to kmalloc-2k', { timeout: 30_000 }, () => {
    const r = analyze('--build-dir', build('x86_64-debug-locking'));
    expect(shape(r.sites)).toEqual([
      ['Arc::pin_init', 1704, 'kmalloc-2k'],
      ['KBox::new', 1552, 'kmalloc-2k'],
      ['KBox::pin_init', 1632, 'kmalloc-2k'],
    ]);
  });

  test('arm64 defconfig: the .config gives the profile, struct device is 40 B larger', { timeout: 30_000 }, () => {
    const r = analyze('--build-dir', build('arm64-defconfig'));
    expect(r.profile.name).toBe('arm64-4k');
    expect(shape(r.sites)).toEqual([
      ['Arc::pin_init', 1064, 'kmalloc-2k'],
      ['KBox::new', 1048, 'kmalloc-2k'],
      ['KBox::pin_init', 1056, 'kmalloc-2k'],
    ]);
  });

  test('without a build: the bundled table of the profile, said in the answer', { timeout: 30_000 }, () => {
    const x86 = analyze();
    expect(x86.layoutSource).toBe('bundled:x86_64-defconfig-7.1.5');
    expect(shape(x86.sites).map((s) => s[1])).toEqual([1024, 1008, 1016]);
    // A bundled lock-holding size says what debug locking makes of it; a build's sizes are its own.
    expect(x86.sites[0]!.notes).toContain('bindings::mutex: 24 B in x86_64-defconfig, 136 B with debug locking (DEBUG_SPINLOCK, DEBUG_MUTEXES, DEBUG_LOCK_ALLOC, PROVE_LOCKING, LOCKDEP, MEMCG)');
    expect(x86.sites[2]!.notes.some((n) => n.startsWith('bindings::completion: 32 B in x86_64-defconfig, 88 B'))).toBe(true);
    expect(
      analyze('--build-dir', build('x86_64-defconfig'))
        .sites.flatMap((s) => s.notes)
        .filter((n) => n.includes('debug locking')),
    ).toEqual([]);
    const arm = analyze('--profile', 'arm64-16k');
    expect(arm.layoutSource).toBe('bundled:arm64-defconfig-7.1.5');
    expect(JSON.parse(runCli('analyze', FIXTURE, '--format', 'json', '--profile', 'arm64-16k').stdout).layoutSourceNote).toMatch(/arm64-16k uses the arm64-4k defconfig table/);
    expect(shape(arm.sites).map((s) => s[1])).toEqual([1064, 1048, 1056]);
  });

  test('a build folder without bindings is a usage error that says what to do', () => {
    const r = runCli('analyze', FIXTURE, '--build-dir', FIXTURE);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--build-dir: .*bindings_generated\.rs: no such file .*make rust\/bindings/);
    expect(runCli('analyze', FIXTURE, '--build-dir', join(FIXTURE, 'Makefile')).stderr).toMatch(/--build-dir .*: not a folder/);
  });
});
