/**
 * `explain --build-dir`: C sizes from that build's bindings, named in `layoutSource`. Sizes from
 * ../shared/kernel-build/<build>/struct-sizes.tsv (GCC's sizeof): maple_node 256 and xa_node 576 in
 * both x86_64 builds (neither holds a lock); wait_queue_head 24 → 80 and mutex 24 → 136 with debug
 * locking (spinlock_t 4 → 64 with DEBUG_SPINLOCK + LOCKDEP's map).
 */
import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { SHARED_DIR } from '../engine/golden-tables.js';
import { runCli } from './run-cli.js';

const build = (name: string) => join(SHARED_DIR, 'kernel-build', name);

function explainJson(...args: string[]) {
  const r = runCli('explain', '--format', 'json', ...args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as { layoutSource: string; cType?: { size: number }; outcome: { cache: string; objectSize: number; slabOrder: number; kmemCache: { layoutSource: string } | null } };
}

describe('explain --build-dir', () => {
  test('a dedicated cache takes its object size from the build, and says which build', () => {
    for (const name of ['x86_64-defconfig', 'x86_64-debug-locking']) {
      const out = explainJson('--api', 'MapleTree::insert', '--build-dir', build(name));
      expect(out.layoutSource).toBe(`build:${build(name)}`);
      expect(out.outcome.kmemCache?.layoutSource).toBe(`build:${build(name)}`);
      // struct maple_node holds no lock: 256 B in both builds.
      expect(out.outcome).toMatchObject({ cache: 'maple_node', objectSize: 256, slabOrder: 1 });
    }
    const xa = explainJson('--api', 'XArray::store', '--build-dir', build('x86_64-debug-locking'));
    expect(xa.outcome).toMatchObject({ cache: 'radix_tree_node', objectSize: 576 });
  });

  test('a struct that holds a lock differs between defconfig and debug locking: KBox<wait_queue_head> 24 B → 80 B', () => {
    const plain = explainJson('--api', 'KBox::new', '--c-type', 'wait_queue_head', '--build-dir', build('x86_64-defconfig'));
    const debug = explainJson('--api', 'KBox::new', '--c-type', 'wait_queue_head', '--build-dir', build('x86_64-debug-locking'));
    expect([plain.cType?.size, plain.outcome.cache]).toEqual([24, 'kmalloc-32']);
    expect([debug.cType?.size, debug.outcome.cache]).toEqual([80, 'kmalloc-96']);
    // An array of mutexes: 16 × 136 B = 2176 B with debug locking, kmalloc-4k; 16 × 24 = 384 B, kmalloc-512.
    const mutexes = explainJson('--count', '16', '--c-type', 'mutex', '--build-dir', build('x86_64-debug-locking'));
    expect(mutexes.outcome.cache).toBe('kmalloc-4k');
    expect(explainJson('--count', '16', '--c-type', 'mutex', '--build-dir', build('x86_64-defconfig')).outcome.cache).toBe('kmalloc-512');
  });

  test('without a build the bundled tables answer and say so; a type they lack is a usage error', () => {
    expect(explainJson('--api', 'MapleTree::insert').layoutSource).toBe('bundled:x86_64-defconfig-7.1.5');
    const r = runCli('explain', '--c-type', 'no_such_struct');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--c-type: bundled:x86_64-defconfig-7\.1\.5 has no layout for bindings::no_such_struct/);
    expect(runCli('explain', '--c-type', 'mutex', '--size', '8').stderr).toMatch(/--c-type gives the size/);
  });
});
