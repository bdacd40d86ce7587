/**
 * Part of npm run bench:lsp (issue 16 item 4): files shaped to make analysis cost grow faster
 * than the file. Over stdio, for each synthetic file: open it, then time one keystroke that
 * breaks a function header (or, in the one huge function, a statement) and the keystroke that
 * repairs it, each to its new diagnostics, and a hover sent right after each keystroke (is the
 * server still answering?). Budget: keystroke → diagnostics ≤ 1 s on any file under 2 MiB.
 * Prints figures, asserts nothing. Alone: node out/test/bench/synthetic-bench.js
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startServer } from './lsp-stdio.js';

export interface SyntheticFile {
  readonly name: string;
  readonly text: string;
  /** Where the keystroke goes: a `(` typed here breaks the item around it. */
  readonly at: { readonly line: number; readonly character: number };
  /** A site to hover while the edit is analysed. */
  readonly hover: { readonly line: number; readonly character: number };
}

/** `count` one-line functions, each with one site: 74 KB for 1,000. */
export function manyFunctions(count: number): SyntheticFile {
  const lines = ['use kernel::prelude::*;'];
  for (let i = 0; i < count; i++) lines.push(`fn f${i}() -> Result { let _b = KBox::new([0u8; ${100 + i}], GFP_KERNEL)?; Ok(()) }`);
  const middle = 1 + Math.floor(count / 2);
  return { name: `${count} functions`, text: `${lines.join('\n')}\n`, at: { line: middle, character: 3 }, hover: { line: 1, character: 30 } };
}

/** One function of `count` statements, with a site every 1,000. */
export function oneHugeFunction(count: number): SyntheticFile {
  const lines = ['use kernel::prelude::*;', 'fn huge() -> Result {', '    let mut a = 0usize;'];
  for (let i = 0; i < count; i++) lines.push(i % 1000 === 0 ? `    let _b${i} = KBox::new([0u8; ${100 + i}], GFP_KERNEL)?;` : '    a += 1;');
  lines.push('    Ok(())', '}');
  return { name: `one function of ${count} statements`, text: `${lines.join('\n')}\n`, at: { line: 3 + count / 2, character: 4 }, hover: { line: 3, character: 25 } };
}

export const SYNTHETIC_FILES = (): SyntheticFile[] => [manyFunctions(1000), manyFunctions(5000), oneHugeFunction(100_000)];

const ms = (x: number): string => `${x.toFixed(0)} ms`;

/** Time each file's break and repair keystrokes, and a hover sent with each. */
export async function benchSynthetic(serverMain: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kalloc-synthetic-'));
  try {
    const server = await startServer(process.execPath, [serverMain, '--stdio'], dir, { diagnosticsDelayMs: 0 });
    await server.progressEnded;
    const published = new Map<string, (version: number) => void>();
    server.onDiagnostics((uri, version) => {
      if (version !== undefined) published.get(uri)?.(version);
    });
    const until = (uri: string, version: number): Promise<void> => new Promise((r) => published.set(uri, (v) => v === version && r()));
    for (const file of SYNTHETIC_FILES()) {
      const path = join(dir, `${file.name.replace(/\W+/g, '-')}.rs`);
      writeFileSync(path, file.text);
      const uri = pathToFileURL(path).href;
      let t = performance.now();
      const opened = until(uri, 1);
      await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'rust', version: 1, text: file.text } });
      await opened;
      const open = performance.now() - t;
      const figures: string[] = [];
      for (const [version, change] of [
        [2, { range: { start: file.at, end: file.at }, text: '(' }],
        [3, { range: { start: file.at, end: { line: file.at.line, character: file.at.character + 1 } }, text: '' }],
      ] as const) {
        const done = until(uri, version);
        t = performance.now();
        await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
        const hovered = server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: file.hover }).then(() => performance.now() - t);
        await done;
        const diag = performance.now() - t;
        figures.push(`${version === 2 ? 'break' : 'repair'} → diagnostics ${ms(diag)} (hover answered after ${ms(await hovered)})`);
      }
      console.log(`synthetic  ${file.name} (${(file.text.length / 1024).toFixed(0)} KB): open ${ms(open)}; ${figures.join('; ')} (target ≤ 1000 ms)`);
      await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }
    await server.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const repo = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');
  await benchSynthetic(join(repo, 'out', 'server', 'src', 'lsp', 'main.js'));
}
