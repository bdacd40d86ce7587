/**
 * The server in a kernel tree (test/fixtures/tree-scope), over real stdio: the target comes from
 * the files whatever folder the editor opened (the kernel root above a driver's folder, the build
 * from KBUILD_OUTPUT or kallocLens.buildDir), a file opened from outside the workspace folder is
 * read with its crate, host code shows nothing, and a changed .config re-lays the open files.
 */
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { CodeLens } from 'vscode-languageserver-protocol';
import type { SimulateResult } from '../../server/src/lsp/protocol.js';
import { SHARED_DIR } from '../engine/golden-tables.js';
import { readKernelFile } from './kernel-files.js';
import { LspTestClient } from './lsp-client.js';

const TREE = resolve('test/fixtures/tree-scope');
const BUILDS = join(SHARED_DIR, 'kernel-build');
const clients: LspTestClient[] = [];
const temp = mkdtempSync(join(tmpdir(), 'kalloc-lsp-tree-'));
afterAll(async () => {
  for (const c of clients) await c.stop();
  rmSync(temp, { recursive: true, force: true });
});

function start(env: NodeJS.ProcessEnv = {}): LspTestClient {
  const client = LspTestClient.start(undefined, { ...process.env, KBUILD_OUTPUT: '', ...env });
  clients.push(client);
  return client;
}

const codes = (client: LspTestClient, uri: string) => (client.lastDiagnostics(uri)?.diagnostics ?? []).map((d) => `${d.range.start.line + 1} ${d.code}`);

describe('the server in a kernel tree', () => {
  test("rooted at a subfolder of a driver: the kernel root, KBUILD_OUTPUT's build, and the driver's crate around an opened file", async () => {
    const client = start({ KBUILD_OUTPUT: join(BUILDS, 'arm64-defconfig') });
    await client.initialize(join(TREE, 'drivers', 'mydrv', 'queue'));
    const target = await client.until(() => client.targets.find((t) => t.build !== null));
    expect(target).toMatchObject({ profile: 'arm64-4k', kernel: '7.1.5', kernelRoot: TREE, build: join(BUILDS, 'arm64-defconfig') });
    expect(target.sources).toEqual(['profile arm64-4k from .config', 'kernel 7.1.5 from Makefile', `build ${join(BUILDS, 'arm64-defconfig')} (KBUILD_OUTPUT)`]);
    await client.indexed();
    // Slot lives in ../state.rs, outside the workspace folder: read with the crate (drivers/mydrv).
    // 1 << 18 × 32 B = 8 MiB > KMALLOC_MAX_SIZE on arm64 4K pages too (order 10: 4 MiB).
    const file = join(TREE, 'drivers', 'mydrv', 'queue', 'desc.rs');
    const uri = await client.open(file, readFileSync(file, 'utf8'));
    await client.until(() => codes(client, uri).includes('12 kmalloc-oversized'));
  }, 60_000);

  test('host code: a scripts/ program and a file naming std show no diagnostics and no lenses', async () => {
    const client = start();
    await client.initialize(TREE);
    await client.indexed();
    const script = join(TREE, 'scripts', 'gen_table.rs');
    const scriptUri = await client.open(script, readFileSync(script, 'utf8'));
    const macros = join(TREE, 'rust', 'macros', 'helpers.rs');
    const macrosUri = await client.open(macros, readFileSync(macros, 'utf8'));
    const driver = join(TREE, 'drivers', 'mydrv', 'mydrv.rs');
    const driverUri = await client.open(driver, readFileSync(driver, 'utf8'));
    await client.until(() => client.lastDiagnostics(scriptUri) && client.lastDiagnostics(macrosUri) && client.lastDiagnostics(driverUri));
    const lenses = (uri: string) => client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } }) as Promise<CodeLens[]>;
    expect(codes(client, scriptUri)).toEqual([]);
    expect(await lenses(scriptUri)).toEqual([]);
    expect(await lenses(macrosUri)).toEqual([]);
    // The driver beside them has its sites (so the empty answers above are not a dead server).
    expect((await lenses(driverUri)).map((l) => l.command?.title)).toContain('kmalloc-2k · no waste');
  }, 60_000);

  test('kallocLens.buildDir names the build; a rewritten .config re-lays the open files', async () => {
    const build = join(temp, 'out');
    mkdirSync(build);
    copyFileSync(join(BUILDS, 'x86_64-defconfig', '.config'), join(build, '.config'));
    const client = start();
    client.settings = { buildDir: build };
    await client.initialize(join(TREE, 'drivers', 'mydrv'));
    await client.until(() => client.targets.find((t) => t.build === build && t.profile === 'x86_64'));
    await client.indexed();
    const file = join(TREE, 'drivers', 'mydrv', 'mydrv.rs');
    const uri = await client.open(file, readFileSync(file, 'utf8'));
    await client.until(() => client.lastDiagnostics(uri));
    const published = client.diagnostics.get(uri)!.length;
    // make ARCH=arm64 defconfig in that build: the server watches it even outside the workspace.
    copyFileSync(join(BUILDS, 'arm64-defconfig', '.config'), join(build, '.config'));
    await client.until(() => client.targets.find((t) => t.build === build && t.profile === 'arm64-4k'));
    await client.until(() => client.diagnostics.get(uri)!.length > published);
  }, 60_000);

  test('chain frames open in the kernel tree above the workspace folder, at their definition, once the tree has the file', async () => {
    // A copy of the fixture tree, so v7.1.5's own files can be put into it.
    const tree = join(temp, 'tree');
    cpSync(TREE, tree, { recursive: true });
    const client = start();
    await client.initialize(join(tree, 'drivers', 'mydrv'));
    await client.until(() => client.targets.find((t) => t.kernelRoot === tree));
    await client.indexed();
    const file = join(tree, 'drivers', 'mydrv', 'mydrv.rs');
    const uri = await client.open(file, readFileSync(file, 'utf8'));
    await client.until(() => client.lastDiagnostics(uri));
    const simulate = () =>
      client.connection.sendRequest('workspace/executeCommand', { command: 'kalloc-lens.simulate', arguments: [{ uri, position: { line: 17, character: 20 } }] }) as Promise<SimulateResult>;
    // The fixture has none of the chain's files: every frame opens online.
    const before = await simulate();
    const chain = before.trace.outcome.chain;
    expect(before.chainPlaces.every((p) => p.path === null)).toBe(true);
    for (const f of new Set(chain.map((c) => c.file))) {
      mkdirSync(dirname(join(tree, f)), { recursive: true });
      writeFileSync(join(tree, f), readKernelFile(f));
    }
    const after = await simulate();
    const at = (frame: string) => {
      const i = chain.findIndex((c) => c.frame === frame);
      const place = after.chainPlaces[i]!;
      return `${place.path!.slice(tree.length + 1)}:${place.line! + 1} ${readFileSync(place.path!, 'utf8').split('\n')[place.line!]!.trim()}`;
    };
    expect(at('krealloc_node_align_noprof')).toMatch(/^mm\/slub\.c:\d+ void \*krealloc_node_align_noprof\(/);
    expect(at('KVec::with_capacity')).toMatch(/^rust\/kernel\/alloc\/kvec\.rs:\d+ pub fn with_capacity\(/);
    expect(at('Kmalloc::realloc')).toMatch(/^rust\/kernel\/alloc\/allocator\.rs:\d+ unsafe fn realloc\(/);
    expect(after.chainPlaces.every((p) => p.path !== null && p.line !== null)).toBe(true);
  }, 60_000);
});
