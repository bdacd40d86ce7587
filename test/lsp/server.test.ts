/**
 * The language server over real stdio JSON-RPC: the built server is spawned and driven as an
 * editor drives it. Examples are copied to a temporary folder so edits on disk (watched files)
 * do not touch the repository; corpus files are read in place.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CodeAction, CodeLens, Hover, TextEdit } from 'vscode-languageserver-protocol';
import { SHARED_DIR } from '../engine/golden-tables.js';
import { ProfileChoicesRequest, ServerStatusRequest } from '../../server/src/lsp/protocol.js';
import { LspTestClient } from './lsp-client.js';

let work: string;
let client: LspTestClient;
let ringUri: string;
let ringText: string;

const hoverText = (h: Hover | null): string => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');
const hover = (uri: string, line: number, character: number) => client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } }) as Promise<Hover | null>;
const lenses = (uri: string) => client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } }) as Promise<CodeLens[]>;
const codes = (uri: string) => (client.lastDiagnostics(uri)?.diagnostics ?? []).map((d) => `${d.range.start.line + 1} ${d.code}`);

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'kalloc-lsp-'));
  cpSync('examples', work, { recursive: true });
  client = LspTestClient.start();
  const init = await client.initialize(work);
  expect(init.capabilities.textDocumentSync).toMatchObject({ change: 2 });
  expect(init.capabilities.executeCommandProvider?.commands).toEqual(['kalloc-lens.simulate', 'kalloc-lens.explain']);
  await client.indexed();
  ringText = readFileSync(join(work, 'ring/ring.rs'), 'utf8');
  ringUri = await client.open(join(work, 'ring/ring.rs'), ringText);
  await client.until(() => client.lastDiagnostics(ringUri));
}, 60_000);

afterAll(async () => {
  await client?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('kalloc-lens-server over stdio', () => {
  test('indexing reports work-done progress with the file count', () => {
    const reports = client.progress.map((p) => (p as { value: { kind: string; message?: string } }).value);
    expect(reports[0]).toMatchObject({ kind: 'begin', title: 'Indexing' });
    // examples/: ring's three files and kernel-apis/device.rs.
    expect(reports.some((r) => r.kind === 'report' && /Indexing 4\/4 files/.test(r.message ?? ''))).toBe(true);
  });

  test('diagnostics arrive on open, with codes and a link to the README section', () => {
    expect(codes(ringUri)).toEqual(expect.arrayContaining(['29 slab-waste', '45 kmalloc-costly-order', '53 kmalloc-oversized', '60 sleep-in-atomic', '105 kmalloc-oversized']));
    const oversized = client.lastDiagnostics(ringUri)!.diagnostics.find((d) => d.code === 'kmalloc-oversized')!;
    expect(oversized.severity).toBe(1);
    expect(oversized.source).toBe('kalloc-lens');
    expect(oversized.codeDescription?.href).toMatch(/README\.md#diagnostics-kmalloc-oversized$/);
  });

  test('hover on a site: size formula, cache, slab geometry and the chain down to the C helper', async () => {
    const text = hoverText(await hover(ringUri, 28, 20));
    expect(text).toContain('RING_ENTRIES = 48 × size_of::<Desc>() = 48 × 16 B = 768 B');
    expect(text).toMatch(/\*\*lands\*\* kmalloc-1k \(slab\) · object 1024 B · waste 256 B \(25%\)/);
    expect(text).toMatch(/\*\*slab\*\* order \d \(\d+ KiB\), \d+ objects per slab/);
    expect(text).toContain('[`rust_helper_krealloc_node_align`](https://elixir.bootlin.com/linux/v7.1.5/A/ident/rust_helper_krealloc_node_align)');
    expect(text).toMatch(/ · C types `bundled: x86_64-defconfig-7\.1\.5`/);
  });

  test('hover on a push with unknown capacity lists where each capacity lands', async () => {
    const text = hoverText(await hover(ringUri, 59, 25));
    expect(text).toMatch(/KVec<u64>::push/);
    expect(text).toMatch(/\*\*growth\*\* slab up to 1024 elements: kmalloc-8, kmalloc-16, … kmalloc-8k/);
    expect(text).toMatch(/fails from 524289 elements/);
  });

  test('hover on a type name shows its layout and where a KBox of it lands', async () => {
    const line = ringText.split('\n').findIndex((l) => l.includes('fn completions'));
    const text = hoverText(await hover(ringUri, line, ringText.split('\n')[line]!.indexOf('Entry') + 1));
    expect(text).toMatch(/struct Entry/);
    expect(text).toMatch(/\*\*size\*\* 24 B · align 8 B · estimated/);
    expect(text).toMatch(/`KBox::new\(\.\., GFP_KERNEL\)` lands in kmalloc-32/);
  });

  test('code lenses show the outcome at a glance and a Simulate command', async () => {
    const titles = (await lenses(ringUri)).map((l) => `${l.range.start.line + 1} ${l.command?.title}`);
    expect(titles).toContain('29 kmalloc-1k · 256 B waste (25%)');
    expect(titles).toContain('45 order-4 pages · 64 KiB · costly');
    expect(titles).toContain('53 fails: 6 MiB > KMALLOC_MAX_SIZE');
    expect(titles).toContain('29 Simulate');
  });

  test('executeCommand simulate returns the engine trace; explain answers ad-hoc; bad arguments get an error', async () => {
    const push = (await client.connection.sendRequest('workspace/executeCommand', {
      command: 'kalloc-lens.simulate',
      arguments: [{ uri: ringUri, position: { line: 59, character: 25 }, count: 100 }],
    })) as {
      trace: { kind: string; steps: { capacity?: number; cache: string | null }[] };
    };
    expect(push.trace.kind).toBe('kvec-push');
    // 100 pushes of u64: the buffer doubles through the kmalloc caches to a capacity of 128 (kmalloc-1k).
    expect(push.trace.steps.filter((step) => (step as { action?: string }).action === 'alloc').at(-1)).toMatchObject({ capacity: 128, cache: 'kmalloc-1k' });
    const alloc = (await client.connection.sendRequest('workspace/executeCommand', { command: 'kalloc-lens.simulate', arguments: [{ uri: ringUri, position: { line: 28, character: 20 } }] })) as {
      site: { call: string };
      trace: { kind: string; outcome: { cache: string } };
    };
    expect(alloc).toMatchObject({ site: { call: 'KVec::with_capacity' }, trace: { kind: 'allocations', outcome: { cache: 'kmalloc-1k' } } });
    const explained = await client.connection.sendRequest('workspace/executeCommand', { command: 'kalloc-lens.explain', arguments: [{ size: 2400 }] });
    expect(explained).toMatchObject({ cache: 'kmalloc-4k', wasteBytes: 1696 });
    // Failures are JSON-RPC errors (protocol.ts), not `{ error }` inside a success.
    const bad = client.connection.sendRequest('workspace/executeCommand', { command: 'kalloc-lens.simulate', arguments: [{ uri: 42 }] });
    await expect(bad).rejects.toMatchObject({ code: -32602, message: expect.stringMatching(/expects \{ uri, position/) });
    const nowhere = client.connection.sendRequest('workspace/executeCommand', { command: 'kalloc-lens.simulate', arguments: [{ uri: ringUri, position: { line: 0, character: 0 } }] });
    await expect(nowhere).rejects.toMatchObject({ code: -32803, message: 'no allocation site at line 1, column 1' });
    await expect(client.connection.sendRequest('workspace/executeCommand', { command: 'kalloc-lens.nope', arguments: [] })).rejects.toMatchObject({ message: /unknown command kalloc-lens\.nope/ });
  });

  test("the contract's own requests: profile choices from the engine tables, and the server's pid and version", async () => {
    const choices = await client.connection.sendRequest(ProfileChoicesRequest);
    expect(choices.profiles.map((p) => p.label)).toEqual(['auto', 'x86_64', 'arm64-4k', 'arm64-16k', 'arm64-64k']);
    expect(choices.kernels.slice(0, 2).map((k) => k.label)).toEqual(['auto', '7.1.5']);
    expect(choices.kernels.find((k) => k.label === '7.0')?.description).toMatch(/sheaves/);
    expect(choices.kernels.find((k) => k.label === '6.13')?.description).toMatch(/Allocator trait/);
    expect(choices.kernels.at(-1)?.label).toBe('6.1');
    const status = await client.connection.sendRequest(ServerStatusRequest);
    expect(status).toEqual({ pid: client.process.pid, version: JSON.parse(readFileSync('package.json', 'utf8')).version });
  });

  test('the oversized quick fix switches KVec to KVVec; applied, the diagnostic goes', async () => {
    const diagnostic = client.lastDiagnostics(ringUri)!.diagnostics.find((d) => d.code === 'kmalloc-oversized' && d.range.start.line === 52)!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: ringUri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    })) as CodeAction[];
    expect(actions.map((a) => a.title)).toEqual(['Use KVVec instead of KVec (kvmalloc: kmalloc first, vmalloc if that fails)', 'Use VVec instead of KVec (vmalloc)']);
    const edits = actions[0]!.edit!.changes![ringUri]! as TextEdit[];
    expect(edits).toHaveLength(3); // the call, the let annotation, and `-> Result<KVec<Stats>>` that `Ok(table)` returns into
    const before = client.diagnostics.get(ringUri)!.length;
    // Apply the edits as an editor would: last first, as incremental changes.
    const sorted = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: ringUri, version: 2 },
      contentChanges: sorted.map((e) => ({ range: e.range, text: e.newText })),
    });
    await client.until(() => client.diagnostics.get(ringUri)!.length > before);
    expect(codes(ringUri)).not.toContain('53 kmalloc-oversized');
    const text = hoverText(await hover(ringUri, 52, 40));
    expect(text).toMatch(/`KVVec<Stats>::with_capacity`\*\* · KVmalloc/);
  });

  test('quick fixes for sleep-in-atomic (GFP_ATOMIC, saying the better fix) and slab-waste (the filling capacity)', async () => {
    const actionsFor = async (line: number, code: string) => {
      const diagnostic = client.lastDiagnostics(ringUri)!.diagnostics.find((d) => d.code === code && d.range.start.line === line)!;
      return (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: ringUri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
    };
    const sleeping = await actionsFor(59, 'sleep-in-atomic');
    // The push goes into the guarded data itself, so the move is offered disabled, with its reason.
    expect(sleeping.map((a) => a.title)).toEqual(['Allocate before taking the lock', 'Use GFP_ATOMIC (does not sleep; fails sooner when memory is short)']);
    expect(sleeping[0]!.disabled?.reason).toBeTruthy();
    const atomic = sleeping[1];
    const flagsAt = ringText.split('\n')[59]!.indexOf('GFP_KERNEL');
    expect(atomic!.edit!.changes![ringUri]).toEqual([{ range: { start: { line: 59, character: flagsAt }, end: { line: 59, character: flagsAt + 10 } }, newText: 'GFP_ATOMIC' }]);
    const [named, here] = await actionsFor(38, 'slab-waste');
    expect(named!.title).toBe('Set BATCH = 170 (fills the kmalloc-4k object it already gets)');
    expect(named!.edit!.changes![ringUri]![0]).toMatchObject({ range: { start: { line: 9 } }, newText: '170' });
    expect(here!.title).toBe('Use capacity 170 here (fills the kmalloc-4k object it already gets)');
    expect(here!.edit!.changes![ringUri]![0]!.newText).toBe('170');
  });

  test('inlay hints, when turned on, give the byte size after a count', async () => {
    const hints = () =>
      client.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri: ringUri }, range: { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } } }) as Promise<
        { position: { line: number }; label: string }[]
      >;
    expect(await hints()).toEqual([]);
    client.settings = { inlayHints: true };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const on = await client.eventually(async () => {
      const h = await hints();
      return h.length ? h : null;
    });
    expect(on.map((h) => `${h.position.line + 1} ${h.label}`)).toEqual(expect.arrayContaining(['29 48 × 16 B = 768 B', '39 100 × 24 B = 2400 B', '46 × 8 B = 64 KiB']));
    client.settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.eventually(async () => (await hints()).length === 0);
  });

  test('a settings change re-targets the hover and lenses; an invalid value warns and keeps the default; a failed pull keeps the last good settings', async () => {
    client.settings = { profile: 'arm64-64k', nrCpus: 'many' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.until(() => client.messages.find((m) => /kallocLens\.nrCpus: expected a whole number/.test(m.message)));
    const h = await client.eventually(async () => {
      const text = hoverText(await hover(ringUri, 28, 20));
      return /arm64-64k/.test(text) ? text : null;
    });
    expect(h).toMatch(/^arm64-64k · 64 KiB pages · 8 CPUs/m);
    expect(h).toMatch(/ · C types `bundled: arm64-defconfig-7\.1\.5 \(arm64-64k uses the arm64-4k defconfig table: no arm64-64k build is bundled\)`/);
    expect((await lenses(ringUri)).map((l) => l.command?.title)).toContain('kmalloc-1k · 256 B waste (25%)');
    // A client that fails to answer the pull: the last good settings stay, and the log says why.
    client.configurationFails = true;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.until(() => client.logs.find((l) => /did not send the settings \(the test client refuses\); keeping the current ones/.test(l)));
    expect(hoverText(await hover(ringUri, 28, 20))).toMatch(/^arm64-64k · 64 KiB pages/m);
    client.configurationFails = false;
    client.settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.eventually(async () => /x86_64/.test(hoverText(await hover(ringUri, 28, 20))));
  });

  test('a watched file change re-indexes: a const changed on disk changes the answer in another file', async () => {
    const types = join(work, 'ring/types.rs');
    writeFileSync(types, readFileSync(types, 'utf8').replace('RING_ENTRIES: usize = 48', 'RING_ENTRIES: usize = 64'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(types).href, type: 2 }] });
    const text = await client.eventually(async () => {
      const h = hoverText(await hover(ringUri, 28, 20));
      return h.includes('= 64 ×') ? h : null;
    });
    expect(text).toContain('RING_ENTRIES = 64 × size_of::<Desc>() = 64 × 16 B = 1024 B');
  });

  test('a real kernel file: binder process.rs reserve outside the lock and push under it', async () => {
    const path = `${SHARED_DIR}/corpus/linux/drivers/android/binder/process.rs`;
    const uri = await client.open(path, readFileSync(path, 'utf8'));
    // Opened from outside the workspace (the examples): its crate, binder's folder, is indexed
    // around it, so the vector's element type in another binder file (thread.rs) resolves.
    const text = await client.eventually(async () => {
      const h = hoverText(await hover(uri, 582, 30));
      return h.includes('KVec<Arc<Thread>>::reserve') ? h : null;
    });
    expect(text).toMatch(/`KVec<Arc<Thread>>::reserve`\*\* · Kmalloc · `GFP_KERNEL` \(may sleep\)/);
    await client.until(() => client.lastDiagnostics(uri));
  });

  test('a file over 2 MiB and a binary file are skipped with one message each', async () => {
    const big = await client.open(join(work, 'big.rs'), '// filler\n'.repeat(300_000));
    const binary = await client.open(join(work, 'blob.rs'), 'fn a() {}\0\0');
    await client.until(() => client.messages.filter((m) => /not analysing (big|blob)\.rs/.test(m.message)).length === 2);
    expect(client.messages.map((m) => m.message)).toEqual(expect.arrayContaining([expect.stringMatching(/big\.rs: it is over the 2 MiB limit/), expect.stringMatching(/blob\.rs: it looks binary/)]));
    expect(await lenses(big)).toEqual([]);
    expect(await hover(binary, 0, 3)).toBeNull();
  });

  test('requests on unknown documents get empty answers and the server lives', async () => {
    const uri = 'file:///nowhere/none.rs';
    expect(await hover(uri, 0, 0)).toBeNull();
    expect(await lenses(uri)).toEqual([]);
    expect(((await hover(ringUri, 28, 20)) as Hover).contents).toBeTruthy();
  });
});
