/**
 * The simulate command as the simulate view uses it, over real stdio: a site whose size the
 * source does not fix answers with what to ask for (pre-filled), simulates from what the user
 * gives, a fragmented buddy start makes a costly order fail, and each chain frame has a place
 * (online here; kernel-tree.test.ts opens them in a kernel tree).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SimulateArgs, SimulateNeeds, SimulateResult } from '../../server/src/lsp/protocol.js';
import { LspTestClient } from './lsp-client.js';

let work: string;
let client: LspTestClient;
let ringUri: string;
let kindsUri: string;

const KINDS_RS = `use kernel::prelude::*;

fn unknown_element() -> Result {
    let mut all_threads = KVec::new();
    all_threads.push(make_thread(), GFP_KERNEL)?;
    let three = KVec::with_capacity(3, GFP_KERNEL)?;
    consume(three);
    Ok(())
}
`;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'kalloc-simulate-'));
  cpSync('examples', work, { recursive: true });
  writeFileSync(join(work, 'ring/kinds.rs'), KINDS_RS);
  client = LspTestClient.start();
  await client.initialize(work);
  await client.indexed();
  ringUri = await client.open(join(work, 'ring/ring.rs'), readFileSync(join(work, 'ring/ring.rs'), 'utf8'));
  kindsUri = await client.open(join(work, 'ring/kinds.rs'), KINDS_RS);
  await client.until(() => client.lastDiagnostics(ringUri) && client.lastDiagnostics(kindsUri));
}, 60_000);

afterAll(async () => {
  await client?.stop();
  rmSync(work, { recursive: true, force: true });
});

const simulate = (args: SimulateArgs) => client.connection.sendRequest('workspace/executeCommand', { command: 'kalloc-lens.simulate', arguments: [args] }) as Promise<SimulateResult>;
const failure = async (args: SimulateArgs) => {
  try {
    await simulate(args);
  } catch (error) {
    return error as { message: string; data?: SimulateNeeds };
  }
  throw new Error('expected the simulate command to fail');
};

describe('simulate command', () => {
  test('an unknown element type: the error says what to ask for, pre-filled with the count the source fixes', async () => {
    const push = await failure({ uri: kindsUri, position: { line: 4, character: 8 } });
    expect(push.message).toMatch(/the element size is unknown/);
    expect(push.data?.needs).toEqual({ kind: 'kvec-push', elementSize: null, elementAlign: null, elementCount: null, asksCount: false });
    const three = await failure({ uri: kindsUri, position: { line: 5, character: 20 } });
    expect(three.data?.needs).toMatchObject({ kind: 'allocations', elementCount: 3, asksCount: true });
  });

  test('given an element size, the unknown site simulates, and the compare table answers for it too', async () => {
    const result = await simulate({ uri: kindsUri, position: { line: 5, character: 20 }, elementSize: 24, elementAlign: 8, count: 4 });
    expect(result.trace.outcome).toMatchObject({ cache: 'kmalloc-96', request: { sizeBytes: 72 } });
    expect(result.compare.find((r) => r.current)?.lands).toBe('kmalloc-96 · 24 B waste (25%)');
    const push = await simulate({ uri: kindsUri, position: { line: 4, character: 8 }, elementSize: 8, elementAlign: 8, count: 100 });
    expect(push.trace.steps.filter((s) => s.action === 'alloc').at(-1)).toMatchObject({ capacity: 128, cache: 'kmalloc-1k' });
    expect(push.compare.map((r) => `${r.profile} ${r.nrCpus} ${r.kernel}: ${r.lands}`).slice(0, 4)).toEqual([
      'x86_64 8 7.1.5: slab to 1024 el.',
      'arm64-4k 8 7.1.5: slab to 1024 el.',
      'arm64-16k 8 7.1.5: slab to 4096 el.',
      'arm64-64k 8 7.1.5: slab to 16384 el.',
    ]);
  });

  test('a costly order succeeds on a fresh buddy allocator and fails on a fragmented one', async () => {
    const at = { uri: ringUri, position: { line: 44, character: 8 }, count: 4 };
    const fresh = await simulate(at);
    expect(fresh.trace.outcome).toMatchObject({ path: 'large', order: 4, costly: true });
    expect(fresh.trace.totals.failures).toBe(0);
    const fragmented = await simulate({ ...at, memory: 'fragmented' });
    expect(fragmented.trace.totals.failures).toBe(4);
    expect(fragmented.trace.buddy.before.slice(4).every((n) => n === 0)).toBe(true);
  });

  test('outside a kernel tree every chain frame opens online, at the modelled version', async () => {
    const result = await simulate({ uri: ringUri, position: { line: 38, character: 20 } });
    expect(result.chainPlaces).toHaveLength(result.trace.outcome.chain.length);
    expect(result.chainPlaces.every((p) => p.path === null && p.line === null)).toBe(true);
    expect(result.chainPlaces.map((p) => p.link)).toContain('https://elixir.bootlin.com/linux/v7.1.5/A/ident/krealloc_node_align_noprof');
  });

  test('the compare table: every profile, other NR_CPUS and another kernel, the current target marked', async () => {
    const result = await simulate({ uri: ringUri, position: { line: 44, character: 8 }, count: 1 });
    const rows = result.compare.map((r) => `${r.varies} ${r.label}${r.current ? ' (now)' : ''}: ${r.lands}`);
    expect(rows).toEqual([
      'profile x86_64 · 8 CPUs · 7.1.5 (now): order-4 pages · 64 KiB · costly',
      'profile arm64-4k · 8 CPUs · 7.1.5: order-4 pages · 64 KiB · costly',
      'profile arm64-16k · 8 CPUs · 7.1.5: order-2 pages · 64 KiB',
      'profile arm64-64k · 8 CPUs · 7.1.5: kmalloc-64k · no waste',
      'nr-cpus x86_64 · 2 CPUs · 7.1.5: order-4 pages · 64 KiB · costly',
      'nr-cpus x86_64 · 256 CPUs · 7.1.5: order-4 pages · 64 KiB · costly',
      'kernel x86_64 · 8 CPUs · 6.12: order-4 pages · 64 KiB · costly',
    ]);
    // NR_CPUS moves slab orders (calculate_order's min_objects grows with fls(nr_cpus)).
    const slab = await simulate({ uri: ringUri, position: { line: 28, character: 20 }, count: 1 });
    const orders = slab.compare.filter((r) => r.varies === 'nr-cpus' || r.current).map((r) => `${r.nrCpus} CPUs: order ${r.slabOrder}`);
    expect(orders).toEqual(['8 CPUs: order 3', '2 CPUs: order 2', '256 CPUs: order 3']);
  });

  test('a call the other kernel does not have says so in the compare table', async () => {
    const path = join(work, 'ring/buffers.rs');
    const uri = await client.open(path, readFileSync(path, 'utf8'));
    await client.until(() => client.lastDiagnostics(uri));
    const result = await simulate({ uri, position: { line: 26, character: 16 }, count: 1 });
    expect(result.compare.filter((r) => r.varies === 'kernel').map((r) => r.lands)).toEqual(['no VBox::new in 6.12']);
  });

  test('bad inputs are InvalidParams', async () => {
    for (const bad of [{ elementSize: 0 }, { elementAlign: 3 }, { memory: 'cheese' }, { elementCount: 2 ** 40 }]) {
      const error = await failure({ uri: ringUri, position: { line: 38, character: 20 }, ...(bad as object) } as SimulateArgs);
      expect(error.message).toMatch(/kalloc-lens\.simulate: /);
    }
  });
});
