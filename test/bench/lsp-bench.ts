/**
 * npm run bench:lsp — prints figures, asserts nothing. Over stdio, in one run:
 * - workspace indexing time for ../shared/corpus;
 * - hover latency p50/p99 on the largest corpus file (binder process.rs), and the same hover
 *   measurement against bash-language-server (a peer on web-tree-sitter) on a bash file of the
 *   same line count, as a ratio;
 * - edit-to-diagnostics latency p50/p95 after one-character edits (the debounce set to 0 through
 *   kallocLens.diagnosticsDelayMs, so it is excluded);
 * - server RSS with every corpus file open;
 * - indexing time and RSS on the corpus copied 50× (the index bounds at work);
 * - keystroke → diagnostics on synthetic files: 1,000 and 5,000 functions, and one function of
 *   100,000 statements (synthetic-bench.ts);
 * - a whole kernel tree opened as the workspace (KALLOC_KERNEL_TREE, else the corpus): time from
 *   spawn to the first hover on binder's process.rs (budget ≤ 1 s), to the end of indexing, and
 *   the server's RSS after it (budget ≤ 200 MB).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { listRustFiles } from '../../server/src/workspace/rust-files.js';
import { sharedCorpus } from './shared-dir.js';
import { percentile, startServer, type StdioServer } from './lsp-stdio.js';
import { benchSynthetic } from './synthetic-bench.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = resolve(here, '..', '..', '..');
const corpus = sharedCorpus(repo);
const serverMain = join(repo, 'out', 'server', 'src', 'lsp', 'main.js');
const bashServer = join(repo, 'node_modules', 'bash-language-server', 'out', 'cli.js');
const LARGEST = join(corpus, 'drivers', 'android', 'binder', 'process.rs');
const SETTINGS = { diagnosticsDelayMs: 0 };
const HOVERS = 1000;
const EDITS = 200;

const ms = (x: number) => `${x.toFixed(2)} ms`;

async function hoverLatencies(server: StdioServer, uri: string, line: number, character: number): Promise<number[]> {
  const ask = () => server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } });
  for (let i = 0; i < 300; i++) await ask();
  const times: number[] = [];
  for (let i = 0; i < HOVERS; i++) {
    const t = performance.now();
    const result = await ask();
    times.push(performance.now() - t);
    if (!result) throw new Error(`no hover at ${uri}:${line + 1}:${character + 1}`);
  }
  return times.sort((a, b) => a - b);
}

async function open(server: StdioServer, path: string, languageId: string): Promise<string> {
  const uri = pathToFileURL(path).href;
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text: readFileSync(path, 'utf8') } });
  return uri;
}

/** A bash script of `lines` lines: documented functions and their calls, as build scripts are. */
function bashScript(lines: number): { text: string; callLine: number; callColumn: number } {
  const out: string[] = ['#!/usr/bin/env bash', 'set -euo pipefail', ''];
  for (let i = 0; out.length < lines - 20; i++) {
    out.push(
      `# Copy the built modules of part ${i} into the staging folder.`,
      `stage_part_${i}() {`,
      '  local src="$1" dest="$2"',
      '  if [[ ! -d "$src" ]]; then',
      '    echo "missing $src" >&2',
      '    return 1',
      '  fi',
      '  mkdir -p "$dest"',
      '  for f in "$src"/*.ko; do',
      '    cp "$f" "$dest/" || return 1',
      '  done',
      '}',
      '',
    );
  }
  const callLine = out.length;
  out.push('stage_part_7 build/part7 staging/part7');
  while (out.length < lines) out.push('echo "done"');
  return { text: out.join('\n'), callLine, callColumn: 3 };
}

/** A whole tree as the workspace: first hover, indexing and memory. */
async function wholeTree(): Promise<void> {
  const tree = process.env.KALLOC_KERNEL_TREE || corpus;
  const file = join(tree, 'drivers', 'android', 'binder', 'process.rs');
  // The first reserve() call: its line differs between kernel versions.
  const lines = readFileSync(file, 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes('.reserve('));
  const position = { line, character: lines[line]!.indexOf('.reserve(') + 2 };
  const t = performance.now();
  const server = await startServer(process.execPath, [serverMain, '--stdio'], tree, SETTINGS);
  const uri = await open(server, file, 'rust');
  const ask = () => server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
  while (!(await ask())) {
    if (performance.now() - t > 60_000) throw new Error(`no hover at ${file}:${line + 1} within 60 s`);
    await new Promise((r) => setTimeout(r, 5));
  }
  const firstHover = performance.now() - t;
  await server.progressEnded;
  const indexed = performance.now() - t;
  await new Promise((r) => setTimeout(r, 500));
  console.log(`whole tree ${tree}${process.env.KALLOC_KERNEL_TREE ? '' : ' (set KALLOC_KERNEL_TREE to a kernel checkout)'}`);
  console.log(`           first hover ${ms(firstHover)} from spawn (budget ≤ 1 s); indexed ${ms(indexed)}; RSS ${server.rssMb().toFixed(0)} MB (budget ≤ 200 MB)`);
  await server.stop();
}

async function main(): Promise<void> {
  console.log(`kalloc-lens language server benchmark · node ${process.version} · ${new Date().toISOString()}`);
  if (process.argv.includes('--tree-only')) return wholeTree();
  let t = performance.now();
  const server = await startServer(process.execPath, [serverMain, '--stdio'], corpus, SETTINGS);
  await server.progressEnded;
  const files = listRustFiles([corpus]).files;
  console.log(`indexing   ${files.length} corpus files: ${ms(performance.now() - t)} (start-up included)`);

  const uri = await open(server, LARGEST, 'rust');
  const ours = await hoverLatencies(server, uri, 582, 30);
  const p50 = percentile(ours, 50);
  const p99 = percentile(ours, 99);
  console.log(`hover      process.rs (1720 lines): p50 ${ms(p50)}, p99 ${ms(p99)} (target p99 ≤ 2 ms)`);

  // One-character edits: insert a space in a body, then delete it; time to the new diagnostics.
  const latencies: number[] = [];
  let version = 1;
  const waiting = new Map<number, () => void>();
  server.onDiagnostics((u, v) => {
    if (u === uri && v !== undefined) waiting.get(v)?.();
  });
  for (let i = 0; i < EDITS; i++) {
    version++;
    const insert = i % 2 === 0;
    const at = { line: 582, character: 12 };
    const change = insert ? { range: { start: at, end: at }, text: ' ' } : { range: { start: at, end: { line: 582, character: 13 } }, text: '' };
    const published = new Promise<void>((r) => waiting.set(version, r));
    t = performance.now();
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    await published;
    latencies.push(performance.now() - t);
  }
  latencies.sort((a, b) => a - b);
  console.log(`edit→diag  ${EDITS} one-character edits: p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))} (target p95 ≤ 5 ms)`);

  for (const f of files) await open(server, f, 'rust');
  await new Promise((r) => setTimeout(r, 500));
  console.log(`memory     every corpus file open (${files.length}): RSS ${server.rssMb().toFixed(0)} MB (target ≤ 150 MB)`);
  await server.stop();

  // The peer: bash-language-server, same hover measurement on a bash file of the same line count.
  const dir = mkdtempSync(join(tmpdir(), 'kalloc-lsp-bench-'));
  try {
    const script = bashScript(1720);
    const bashFile = join(dir, 'stage.sh');
    writeFileSync(bashFile, script.text);
    const peer = await startServer(process.execPath, [bashServer, 'start'], dir, {});
    const bashUri = await open(peer, bashFile, 'shellscript');
    await new Promise((r) => setTimeout(r, 1000));
    const theirs = await hoverLatencies(peer, bashUri, script.callLine, script.callColumn);
    await peer.stop();
    console.log(
      `peer       bash-language-server, stage.sh (1720 lines): p50 ${ms(percentile(theirs, 50))}, p99 ${ms(percentile(theirs, 99))}; kalloc-lens p99 is ${(percentile(theirs, 99) / p99).toFixed(1)}× faster`,
    );

    // The index on a whole-kernel-sized tree: 50 copies of the corpus.
    for (let i = 0; i < 50; i++) cpSync(corpus, join(dir, `copy${i}`), { recursive: true });
    t = performance.now();
    const big = await startServer(process.execPath, [serverMain, '--stdio'], dir, SETTINGS);
    await big.progressEnded;
    console.log(`index 50×  ${listRustFiles([dir]).files.length} files: ${ms(performance.now() - t)}, RSS ${big.rssMb().toFixed(0)} MB after indexing`);
    await big.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await benchSynthetic(serverMain);
  await wholeTree();
}

await main();
