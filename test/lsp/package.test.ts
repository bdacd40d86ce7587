/**
 * `npm run package` end to end (built once by test/package-once.ts): esbuild bundles and the .vsix. The bundled server (dist/server.mjs,
 * with the .wasm files and queries beside it, no node_modules) must answer a hover over stdio,
 * and the .vsix must stay under 3 MB with only the files it needs.
 */
import yauzl from 'yauzl';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import type { Hover } from 'vscode-languageserver-protocol';
import { LspTestClient } from './lsp-client.js';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const VSIX = `kalloc-lens-${pkg.version}.vsix`;
let client: LspTestClient | undefined;

/** The file names inside a .vsix (a zip), read with yauzl. */
function zipEntries(path: string): Promise<string[]> {
  return new Promise((done, fail) => {
    yauzl.open(path, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return fail(error);
      const names: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        zip.readEntry();
      });
      zip.on('end', () => done(names));
      zip.on('error', fail);
      zip.readEntry();
    });
  });
}
/** Unpack a .vsix (a zip) into `into`, as VS Code installs it. */
function unzip(path: string, into: string): Promise<void> {
  return new Promise((done, fail) => {
    yauzl.open(path, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return fail(error);
      zip.on('entry', (entry: yauzl.Entry) => {
        const target = join(into, entry.fileName);
        if (!target.startsWith(into + '/') || entry.fileName.endsWith('/')) return zip.readEntry();
        mkdirSync(dirname(target), { recursive: true });
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return fail(streamError);
          stream.pipe(createWriteStream(target)).on('finish', () => zip.readEntry());
        });
      });
      zip.on('end', () => done());
      zip.on('error', fail);
      zip.readEntry();
    });
  });
}

let installed: LspTestClient | undefined;
let unpacked: string | undefined;
afterAll(async () => {
  await client?.stop();
  await installed?.stop();
  if (unpacked) rmSync(unpacked, { recursive: true, force: true });
});

test('npm run package makes a small .vsix whose bundled server works on its own', async () => {
  expect(statSync(VSIX).size).toBeLessThan(3 * 1024 * 1024);
  const listing = (await zipEntries(VSIX)).join('\n');
  expect(listing).toContain('extension/package.json');
  expect(listing).not.toMatch(/node_modules/);
  for (const f of [
    'extension/dist/extension.cjs',
    'extension/dist/server.mjs',
    'extension/dist/tree-sitter-rust.wasm',
    'extension/dist/tree-sitter.wasm',
    'extension/dist/queries/allocation-calls.scm',
    'extension/syntaxes/kalloc-lens.injection.tmLanguage.json',
    'extension/LICENSE.txt',
  ]) {
    expect(listing).toContain(f);
  }
  client = LspTestClient.start(resolve('dist/server.mjs'));
  await client.initialize('examples');
  await client.indexed();
  const uri = await client.open('examples/ring/ring.rs', readFileSync('examples/ring/ring.rs', 'utf8'));
  const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 28, character: 20 } })) as Hover;
  expect(JSON.stringify(hover.contents)).toContain('kmalloc-1k');
  await client.until(() => client!.lastDiagnostics(uri)?.diagnostics.some((d) => d.code === 'kmalloc-oversized'));
}, 120_000);

test('diagnostic codes link to their README section from the installed extension (a page bundled beside the server)', async () => {
  unpacked = mkdtempSync(join(tmpdir(), 'kalloc-vsix-'));
  await unzip(VSIX, unpacked);
  installed = LspTestClient.start(join(unpacked, 'extension/dist/server.mjs'));
  await installed.initialize('examples');
  await installed.indexed();
  const uri = await installed.open('examples/ring/ring.rs', readFileSync('examples/ring/ring.rs', 'utf8'));
  const oversized = await installed.until(() => installed!.lastDiagnostics(uri)?.diagnostics.find((d) => d.code === 'kmalloc-oversized'));
  const href = oversized.codeDescription?.href ?? '';
  expect(href).toMatch(/^file:.*#diagnostics-kmalloc-oversized$/);
  const page = fileURLToPath(href.slice(0, href.indexOf('#')));
  expect(page).toBe(join(unpacked, 'extension/dist/diagnostics.md'));
  expect(existsSync(page)).toBe(true);
  expect(readFileSync(page, 'utf8')).toContain('id="diagnostics-kmalloc-oversized"');
}, 120_000);
