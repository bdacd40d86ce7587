/**
 * npm run bench:editor — prints figures, asserts nothing (issue 15's "how it is checked"):
 * - first lens after opening a file on a warm server (indexed, the file opened and closed once
 *   before): time from didOpen to the first code-lens answer that has lenses, for examples/ring
 *   files and binder's process.rs from ../shared/corpus; 20 opens each, p50 and max;
 * - the hover's row count per site kind (test/lsp/hover-cases.ts, the cases hover.test.ts holds
 *   to their budgets).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { HOVER_CASES, HOVER_FILES, KINDS_RS } from '../lsp/hover-cases.js';
import { sharedCorpus } from './shared-dir.js';
import { percentile, startServer, type StdioServer } from './lsp-stdio.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = resolve(here, '..', '..', '..');
const serverMain = join(repo, 'out', 'server', 'src', 'lsp', 'main.js');
const OPENS = 20;
const ms = (x: number) => `${x.toFixed(1)} ms`;

interface Lens {
  command?: { title: string };
}

let version = 1;
async function firstLens(server: StdioServer, path: string): Promise<number> {
  const uri = pathToFileURL(path).href;
  const text = readFileSync(path, 'utf8');
  const t = performance.now();
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'rust', version: version++, text } });
  for (;;) {
    const lenses = (await server.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as Lens[] | null;
    if (lenses?.some((l) => l.command?.title && l.command.title !== 'Simulate')) break;
    if (performance.now() - t > 30_000) throw new Error(`no lens in ${path} within 30 s`);
  }
  const took = performance.now() - t;
  await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  return took;
}

async function lensTimes(root: string, files: readonly string[]): Promise<void> {
  const server = await startServer(process.execPath, [serverMain, '--stdio'], root, {});
  await server.progressEnded;
  for (const file of files) {
    await firstLens(server, file);
    const times: number[] = [];
    for (let i = 0; i < OPENS; i++) times.push(await firstLens(server, file));
    times.sort((a, b) => a - b);
    const lines = readFileSync(file, 'utf8').split('\n').length;
    console.log(`first lens  ${file.slice(root.length + 1)} (${lines} lines): p50 ${ms(percentile(times, 50))}, max ${ms(times.at(-1)!)} over ${OPENS} opens`);
  }
  await server.stop();
}

async function hoverRows(work: string): Promise<void> {
  const server = await startServer(process.execPath, [serverMain, '--stdio'], work, {});
  await server.progressEnded;
  const texts: Record<string, string> = {};
  for (const [name, inExamples] of Object.entries(HOVER_FILES)) {
    texts[name] = readFileSync(join(work, inExamples), 'utf8');
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: pathToFileURL(join(work, inExamples)).href, languageId: 'rust', version: 1, text: texts[name] } });
  }
  for (const c of HOVER_CASES) {
    const uri = pathToFileURL(join(work, HOVER_FILES[c.file]!)).href;
    const character = texts[c.file]!.split('\n')[c.line - 1]!.indexOf(c.needle);
    const hover = (await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: c.line - 1, character } })) as { contents: { value: string } } | null;
    const rows = hover ? hover.contents.value.split('\n').length : 0;
    console.log(`hover rows  ${c.kind.padEnd(36)} ${String(rows).padStart(2)} (budget ${c.budget})  ${c.file}:${c.line}`);
  }
  await server.stop();
}

async function main(): Promise<void> {
  console.log(`kalloc-lens editor benchmark · node ${process.version} · ${new Date().toISOString()}`);
  const work = mkdtempSync(join(tmpdir(), 'kalloc-editor-bench-'));
  try {
    cpSync(join(repo, 'examples'), work, { recursive: true });
    writeFileSync(join(work, HOVER_FILES['kinds.rs']!), KINDS_RS);
    await lensTimes(work, [join(work, 'ring', 'buffers.rs'), join(work, 'ring', 'ring.rs'), join(work, 'kernel-apis', 'device.rs')]);
    const corpus = sharedCorpus(repo);
    await lensTimes(corpus, [join(corpus, 'drivers', 'android', 'binder', 'process.rs')]);
    await hoverRows(work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
