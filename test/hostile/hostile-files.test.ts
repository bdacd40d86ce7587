/**
 * Issue 16 items 1, 2 and 5, over the real server: a workspace whose .config links to /dev/zero,
 * whose Makefile and type-sizes file are FIFOs, whose watched .rs file links to /dev/zero, whose
 * type-sizes setting points out of it, and which holds a folder that cannot be listed. The
 * server must refuse each unread, say why, and keep answering. Every wait is bounded.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { LspTestClient } from '../lsp/lsp-client.js';
import { hoverAt, hoverText, mkfifo, removeWorkspace, SITE_COLUMN, SITE_LINE, SITE_RS, tempWorkspace, within } from './hostile-workspace.js';

let client: LspTestClient | undefined;
let work: string | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
  if (work) removeWorkspace(work);
  work = undefined;
});

/** Start on `dir` with `settings`, keep the target notifications, open a.rs, wait for its diagnostics. */
async function startOn(dir: string, settings: unknown = {}): Promise<{ c: LspTestClient; uri: string; targets: { sources: string[] }[] }> {
  const c = (client = LspTestClient.start());
  c.settings = settings;
  const targets: { sources: string[] }[] = [];
  c.connection.onNotification('kalloc-lens/target', (p: { sources: string[] }) => targets.push(p));
  await within(20_000, 'initialize', c.initialize(dir));
  await c.indexed();
  const uri = await c.open(join(dir, 'a.rs'), SITE_RS);
  await c.until(() => c.lastDiagnostics(uri)?.diagnostics.length);
  return { c, uri, targets };
}

describe('files that never end are refused unread (item 1)', () => {
  test('.config → /dev/zero, Makefile a FIFO, type sizes a FIFO: each named, and the server answers', async () => {
    work = tempWorkspace('zero');
    symlinkSync('/dev/zero', join(work, '.config'));
    mkfifo(join(work, 'Makefile'));
    mkfifo(join(work, 'sizes.json'));
    const { c, uri, targets } = await startOn(work, { typeSizesFile: 'sizes.json' });
    expect(c.lastDiagnostics(uri)!.diagnostics.map((d) => d.code)).toEqual(['slab-waste']);
    await c.until(() => targets.some((t) => t.sources.some((s) => /\.config not read: not a regular file \(it is a character device\)/.test(s))));
    expect(targets.at(-1)!.sources).toContain('Makefile not read: not a regular file (it is a FIFO)');
    await c.until(() => c.messages.find((m) => /kallocLens\.typeSizesFile "sizes\.json": not a regular file \(it is a FIFO\)/.test(m.message)));
    expect(hoverText(await within(5_000, 'hover', hoverAt(c, uri, SITE_LINE, SITE_COLUMN)))).toMatch(/kmalloc-4k/);
  });

  test('a watched-file event naming a .rs link to /dev/zero: skipped, and the server answers', async () => {
    work = tempWorkspace('watch');
    const { c, uri } = await startOn(work);
    symlinkSync('/dev/zero', join(work, 'zero.rs'));
    mkfifo(join(work, 'fifo.rs'));
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: pathToFileURL(join(work, 'zero.rs')).href, type: 1 },
        { uri: pathToFileURL(join(work, 'fifo.rs')).href, type: 2 },
      ],
    });
    expect(hoverText(await within(5_000, 'hover after the event', hoverAt(c, uri, SITE_LINE, SITE_COLUMN)))).toMatch(/kmalloc-4k/);
  });

  test('type sizes through a link to /dev/zero inside the workspace: refused as leading out of it', async () => {
    work = tempWorkspace('sizes-zero');
    symlinkSync('/dev/zero', join(work, 'sizes.json'));
    const { c } = await startOn(work, { typeSizesFile: 'sizes.json' });
    await c.until(() => c.messages.find((m) => /typeSizesFile "sizes\.json": a link to a file outside the workspace folder/.test(m.message)));
  });
});

describe('the type-sizes setting stays inside the workspace (item 2)', () => {
  test('package.json: untrusted workspaces are limited, and their own typeSizesFile is not applied', () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { capabilities: { untrustedWorkspaces: { supported: unknown; restrictedConfigurations: string[] } } };
    expect(manifest.capabilities.untrustedWorkspaces).toMatchObject({ supported: 'limited', restrictedConfigurations: ['kallocLens.typeSizesFile'] });
  });

  test('../x and an absolute path are refused; a bad file is reported by line and column, never quoted', async () => {
    work = tempWorkspace('outside');
    const inner = join(work, 'ws');
    mkdirSync(inner);
    writeFileSync(join(inner, 'a.rs'), SITE_RS);
    writeFileSync(join(work, 'outside.json'), '{ "bindings::x": { "size": 4, "align": 4 } }');
    writeFileSync(join(inner, 'bad.json'), '{\n  "bindings::x": SECRET-TOKEN-4711\n}');
    writeFileSync(join(inner, 'bad2.json'), '{\n  "bindings::x" SECRET-TOKEN-4711\n}');
    const { c } = await startOn(inner, { typeSizesFile: '../outside.json' });
    await c.until(() => c.messages.find((m) => /typeSizesFile "\.\.\/outside\.json": outside the workspace folder; no type sizes are used/.test(m.message)));
    c.settings = { typeSizesFile: join(work, 'outside.json') };
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await c.until(() => c.messages.find((m) => /an absolute path; give a path relative to the workspace folder/.test(m.message)));
    c.settings = { typeSizesFile: 'bad.json' };
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const bad = await c.until(() => c.messages.find((m) => /typeSizesFile "bad\.json": not valid JSON; no type sizes/.test(m.message)));
    expect(bad.message).not.toMatch(/SECRET|4711/);
    c.settings = { typeSizesFile: 'bad2.json' };
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const bad2 = await c.until(() => c.messages.find((m) => /typeSizesFile "bad2\.json": not valid JSON at line 2, column 17;/.test(m.message)));
    expect(bad2.message).not.toMatch(/SECRET|4711/);
  });
});

describe('a folder that cannot be listed is skipped, not fatal (item 5)', () => {
  test('the rest is indexed, the progress ends, and simulate answers', async () => {
    work = tempWorkspace('unlistable');
    // Running as root, permissions stop nothing: a path longer than PATH_MAX cannot be listed by anyone.
    let deep = 'deep';
    for (let i = 0; i < 18; i++) deep = join(deep, 'd'.repeat(250));
    const r = (await import('node:child_process')).spawnSync('mkdir', ['-p', deep], { cwd: work });
    expect(r.status).toBe(0);
    writeFileSync(join(work, 'z.rs'), 'pub const N: usize = 3;\n');
    const { c, uri } = await startOn(work);
    await c.until(() => c.logs.find((l) => /skipped .*d{250}: folder not read: ENAMETOOLONG/.test(l)));
    expect(c.logs.find((l) => /indexed 2 files/.test(l))).toBeTruthy();
    const result = (await within(
      10_000,
      'simulate',
      c.connection.sendRequest('workspace/executeCommand', {
        command: 'kalloc-lens.simulate',
        arguments: [{ uri, position: { line: SITE_LINE, character: SITE_COLUMN } }],
      }),
    )) as { trace?: unknown; error?: string };
    expect(result.error).toBeUndefined();
    expect(result.trace).toBeTruthy();
  });
});
