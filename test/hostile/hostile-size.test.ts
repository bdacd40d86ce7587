/**
 * Issue 16 item 4: analysis cost follows the file, not its square. A keystroke that breaks a
 * function header among 1,000 functions, and one inside a function of 20,000 statements, each
 * get new diagnostics, and a hover sent right after is answered, within a bound. The figures
 * (≤ 1 s per keystroke, up to 100,000 statements) live in bench:lsp (synthetic-bench.ts).
 * And the server answers meanwhile: a hover on a small file, sent while a large one is being
 * analysed, is answered before the large file's diagnostics arrive.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { manyFunctions, oneHugeFunction, type SyntheticFile } from '../bench/synthetic-bench.js';
import { LspTestClient } from '../lsp/lsp-client.js';
import { hoverAt, hoverText, removeWorkspace, SITE_COLUMN, SITE_LINE, SITE_RS, tempWorkspace, within } from './hostile-workspace.js';

const work = tempWorkspace('size');
afterAll(() => removeWorkspace(work));

async function keystrokes(file: SyntheticFile, expectedSites: number): Promise<void> {
  const client = LspTestClient.start();
  client.settings = { diagnosticsDelayMs: 0 };
  try {
    await within(20_000, 'initialize', client.initialize(work));
    await client.indexed();
    const path = join(work, 'synthetic.rs');
    writeFileSync(path, file.text);
    const uri = await client.open(path, file.text);
    await client.until(() => client.lastDiagnostics(uri), 60_000);
    const { line, character } = file.at;
    const edits = [
      { range: { start: file.at, end: file.at }, text: '(' },
      { range: { start: file.at, end: { line, character: character + 1 } }, text: '' },
    ];
    for (const [i, change] of edits.entries()) {
      const version = i + 2;
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      const hover = await within(30_000, `hover after keystroke ${i + 1}`, hoverAt(client, uri, file.hover.line, file.hover.character));
      expect(hoverText(hover)).toMatch(/kmalloc-/);
      await client.until(() => client.lastDiagnostics(uri)?.version === version, 30_000);
    }
    // Repaired: every site is there again.
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as unknown[];
    expect(lenses.length).toBe(expectedSites * 2);
  } finally {
    await client.stop();
  }
}

describe('a keystroke in a large file (item 4)', () => {
  test('1,000 one-line functions: a broken and repaired header', () => keystrokes(manyFunctions(1000), 1000), 120_000);
  test('one function of 20,000 statements', () => keystrokes(oneHugeFunction(20_000), 20), 120_000);
});

describe('the server answers while it analyses (item 4)', () => {
  test('a hover on a small file, sent after a change to 5,000 functions, is answered before their diagnostics', async () => {
    const client = LspTestClient.start();
    client.settings = { diagnosticsDelayMs: 0 };
    try {
      await within(20_000, 'initialize', client.initialize(work));
      await client.indexed();
      const small = await client.open(join(work, 'a.rs'), SITE_RS);
      await client.until(() => client.lastDiagnostics(small), 20_000);
      const file = manyFunctions(5000);
      const path = join(work, 'many.rs');
      writeFileSync(path, file.text);
      const big = await client.open(path, file.text);
      await client.until(() => client.lastDiagnostics(big), 60_000);
      // Every function's text changes (each array grows), so every function is analysed again.
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: big, version: 2 },
        contentChanges: [{ text: file.text.replaceAll('[0u8; ', '[0u8; 1') }],
      });
      const bigDiagnosed = (): boolean => client.diagnostics.get(big)?.some((d) => d.version === 2) ?? false;
      // Whether the big file's new diagnostics had come when the hover's answer came.
      const answered = hoverAt(client, small, SITE_LINE, SITE_COLUMN).then((hover) => ({ hover, diagnosedFirst: bigDiagnosed() }));
      const { hover, diagnosedFirst } = await within(30_000, 'hover during the analysis', answered);
      expect(hoverText(hover)).toMatch(/kmalloc-4k/);
      await client.until(bigDiagnosed, 60_000);
      expect(diagnosedFirst).toBe(false);
    } finally {
      await client.stop();
    }
  }, 180_000);
});
