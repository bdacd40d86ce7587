/**
 * `kalloc-lens simulate` on the kernel-API sites of examples/kernel-apis/device.rs: a dedicated
 * cache stepped like a kmalloc cache (its own slab geometry and sheaves), pages through the buddy
 * allocator at their order, DMA along dma-direct with the other paths and their conditions.
 * Geometry as worked out in test/engine/kmem-cache.test.ts (x86_64 defconfig, v7.1.5).
 */
import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { SHARED_DIR } from '../engine/golden-tables.js';
import { runCli } from './run-cli.js';

const FILE = 'examples/kernel-apis/device.rs';

function simulateJson(place: string, ...args: string[]) {
  const r = runCli('simulate', `${FILE}:${place}`, '--format', 'json', ...args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

describe('simulate kernel-API sites', () => {
  test('MapleTree::insert: maple_node objects, 32 per order-1 slab, through sheaves of 32', () => {
    const r = runCli('simulate', `${FILE}:33:10`, '--count', '40');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^lands {4}maple_node \(dedicated cache, lib\/maple_tree\.c:5630: object 256 B, 32 per order-1 slab\)$/m);
    expect(r.stdout).toMatch(/^slub {5}maple_node \(sheaves\)$/m);
    expect(r.stdout).toMatch(/^paths {4}refill_sheaf 2 · alloc_from_pcs 38$/m);
    expect(r.stdout).toMatch(/^ +32 {2}alloc {3}refill_sheaf +maple_node +order 1 \(8 KiB\)$/m);
  });

  test('XArray::store in JSON: radix_tree_node, 584 B strides, 28 per order-2 slab; layouts named', () => {
    const out = simulateJson('37:11', '--count', '30');
    expect(out.layoutSource).toBe('bundled:x86_64-defconfig-7.1.5');
    expect(out.trace.outcome.kmemCache).toMatchObject({ name: 'radix_tree_node', slabSize: 584, objectsPerSlab: 28, slabOrder: 2 });
    expect(out.trace.slub[0]).toMatchObject({ cache: 'radix_tree_node', frontEnd: 'sheaves' });
    expect(out.trace.slub[0].counters.slabs).toBe(2);
  });

  test('Page::alloc_page: order-0 blocks from the buddy allocator', () => {
    const out = simulateJson('42:17', '--count', '5');
    expect(out.trace.totals.paths).toEqual({ alloc_pages: 5 });
    expect(out.trace.steps[0]).toMatchObject({ order: 0, pages: 1 });
    expect(out.trace.slub).toEqual([]);
  });

  test('Coherent::zeroed_slice: dma-direct takes order-4 blocks; the text lists every path with its condition', () => {
    const r = runCli('simulate', `${FILE}:43:17`, '--count', '3');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^lands {4}dma-direct \(assumed without a device\): order-4 pages for 64 KiB$/m);
    for (const path of ['dma-direct', 'dev-coherent-pool', 'cma', 'swiotlb', 'atomic-pool', 'iommu']) expect(r.stdout).toMatch(new RegExp(`^dma {6}${path} +\\S`, 'm'));
    expect(r.stdout).toMatch(/^paths {4}dma-direct 3$/m);
    // On 6.12 (before dma::Coherent) the call is not in that kernel: a clear refusal, not a crash.
    const old = runCli('simulate', `${FILE}:43:17`, '--kernel', '6.12');
    expect(old.code).toBe(2);
    expect(old.stderr).toMatch(/cannot simulate Coherent::zeroed_slice/);
  });

  test('--build-dir: the dedicated cache from that build (x86_64 debug locking: maple_node still 256 B)', () => {
    const dir = join(SHARED_DIR, 'kernel-build', 'x86_64-debug-locking');
    const out = simulateJson('33:10', '--count', '2', '--build-dir', dir);
    expect(out.layoutSource).toMatch(/^build:.*x86_64-debug-locking$/);
    expect(out.trace.outcome.kmemCache).toMatchObject({ objectSize: 256, layoutSource: out.layoutSource });
  });
});
