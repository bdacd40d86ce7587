/**
 * The simulate command over real stdio on examples/kernel-apis/device.rs: the data the simulate
 * view draws for a dedicated cache (its slab geometry, sheaves, the SLUB trace), for pages, and
 * for DMA (dma-direct stepped, every path with its condition in the outcome).
 */
import { mkdtempSync, readFileSync, cpSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SimulateArgs, SimulateResult } from '../../server/src/lsp/protocol.js';
import { LspTestClient } from './lsp-client.js';

let work: string;
let client: LspTestClient;
let uri: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'kalloc-simulate-apis-'));
  cpSync('examples/kernel-apis', work, { recursive: true });
  client = LspTestClient.start();
  await client.initialize(work);
  await client.indexed();
  uri = await client.open(join(work, 'device.rs'), readFileSync(join(work, 'device.rs'), 'utf8'));
  await client.until(() => client.lastDiagnostics(uri));
}, 60_000);

afterAll(async () => {
  await client?.stop();
  rmSync(work, { recursive: true, force: true });
});

const simulate = (args: SimulateArgs) => client.connection.sendRequest('workspace/executeCommand', { command: 'kalloc-lens.simulate', arguments: [args] }) as Promise<SimulateResult>;

describe('simulate command on kernel-API sites', () => {
  test('MapleTree::insert: the maple_node cache, drawn like a kmalloc slab, stepped through its sheaves', async () => {
    const r = await simulate({ uri, position: { line: 32, character: 10 }, count: 33 });
    expect(r.site.call).toBe('MapleTree::insert');
    const o = r.trace.outcome;
    expect(o).toMatchObject({ path: 'slab', cache: 'maple_node', objectSize: 256, objectsPerSlab: 32, slabOrder: 1, slabBytes: 8192 });
    expect(o.kmemCache).toMatchObject({ sheafCapacity: 32, source: 'lib/maple_tree.c:5630' });
    expect(r.trace.slub).toEqual([expect.objectContaining({ cache: 'maple_node', frontEnd: 'sheaves' })]);
    expect(r.trace.totals.paths).toEqual({ refill_sheaf: 2, alloc_from_pcs: 31 });
    expect(r.chainPlaces).toHaveLength(o.chain.length);
  });

  test('Page::alloc_page and a fragmented start: order-0 pages still come, from the small free blocks', async () => {
    const r = await simulate({ uri, position: { line: 41, character: 17 }, count: 4, memory: 'fragmented' });
    expect(r.trace.totals).toMatchObject({ operations: 4, failures: 0, paths: { alloc_pages: 4 } });
    expect(r.trace.outcome).toMatchObject({ path: 'pages', order: 0, pages: 1 });
  });

  test('Coherent::zeroed_slice: dma-direct order-4 steps, and the paths with their conditions for the view', async () => {
    const r = await simulate({ uri, position: { line: 42, character: 17 }, count: 2 });
    const dma = r.trace.outcome.dma;
    expect(dma).toMatchObject({ assumed: 'dma-direct', order: 4, alignedBytes: 65536 });
    expect(dma?.paths.map((p) => p.path)).toEqual(['dma-direct', 'dev-coherent-pool', 'cma', 'swiotlb', 'atomic-pool', 'iommu']);
    expect(dma?.paths.every((p) => p.when.length > 10 && p.gets.length > 10)).toBe(true);
    expect(r.trace.steps.map((s) => s.path)).toEqual(['dma-direct', 'dma-direct']);
    // A fragmented zone has nothing above order 3: dma-direct fails, as the costly-order note warns.
    const frag = await simulate({ uri, position: { line: 42, character: 17 }, count: 1, memory: 'fragmented' });
    expect(frag.trace.steps[0]).toMatchObject({ path: 'fail', order: 4 });
  });
});
