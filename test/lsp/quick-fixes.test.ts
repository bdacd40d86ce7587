/**
 * Quick fixes that leave code compiling (issue 15): each fix is applied as an editor applies it,
 * the result must parse without an ERROR node, and its diagnostic must be gone.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createRustParser } from '../../server/src/parse/rust-parser.js';
import { LspTestClient } from './lsp-client.js';

let work: string;
let client: LspTestClient;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'kalloc-fixes-'));
  cpSync('examples', work, { recursive: true });
  client = LspTestClient.start();
  await client.initialize(work);
  await client.indexed();
}, 60_000);

afterAll(async () => {
  await client?.stop();
  rmSync(work, { recursive: true, force: true });
});

/** Open a fresh copy of ring.rs, apply the fix titled `title` for `code` at `line` (1-based), return the new text and diagnostics. */
async function applyFix(copy: string, line: number, code: string, title: RegExp) {
  const path = join(work, 'ring', copy);
  cpSync(join(work, 'ring/ring.rs'), path);
  const text = readFileSync(path, 'utf8');
  const uri = await client.open(path, text);
  const first = await client.until(() => client.lastDiagnostics(uri));
  const diagnostic = first.diagnostics.find((d: Diagnostic) => d.code === code && d.range.start.line === line - 1)!;
  expect(diagnostic, `${code} at line ${line}`).toBeDefined();
  const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
  const action = actions.find((a) => title.test(a.title));
  expect(action, actions.map((a) => a.title).join('\n')).toBeDefined();
  const edits = action!.edit!.changes![uri]! as TextEdit[];
  const edited = TextDocument.applyEdits(TextDocument.create(uri, 'rust', 1, text), edits);
  const published = client.diagnostics.get(uri)!.length;
  const sorted = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: sorted.map((e) => ({ range: e.range, text: e.newText })) });
  const after = await client.until(() => (client.diagnostics.get(uri)!.length > published ? client.lastDiagnostics(uri) : null));
  return { edited, after: after.diagnostics.map((d: Diagnostic) => `${d.range.start.line + 1} ${d.code}`) };
}

async function parses(text: string): Promise<boolean> {
  const parser = await createRustParser();
  const tree = parser.parse(text)!;
  const ok = !tree.rootNode.hasError;
  tree.delete();
  return ok;
}

test('slab-waste on a named count: the const changes, the name stays, the waste goes', async () => {
  const { edited, after } = await applyFix('fix-const.rs', 39, 'slab-waste', /^Set BATCH = 170/);
  expect(edited).toContain('const BATCH: usize = 170;');
  expect(edited).toContain('KVec::<Entry>::with_capacity(BATCH, GFP_KERNEL)');
  expect(await parses(edited)).toBe(true);
  expect(after).not.toContain('39 slab-waste');
});

test('slab-waste, the number written at the call instead', async () => {
  const { edited, after } = await applyFix('fix-here.rs', 39, 'slab-waste', /^Use capacity 170 here/);
  expect(edited).toContain('KVec::<Entry>::with_capacity(170, GFP_KERNEL)');
  expect(await parses(edited)).toBe(true);
  expect(after).not.toContain('39 slab-waste');
});

test('sleep-in-atomic: GFP_ATOMIC parses and the diagnostic goes', async () => {
  const { edited, after } = await applyFix('fix-atomic.rs', 60, 'sleep-in-atomic', /^Use GFP_ATOMIC/);
  expect(edited).toContain('guard.pending.push(work, GFP_ATOMIC)?;');
  expect(await parses(edited)).toBe(true);
  expect(after).not.toContain('60 sleep-in-atomic');
});

test('KVec → KVVec changes every type the value flows into: the let, and the return type Ok(table) goes to', async () => {
  const { edited, after } = await applyFix('fix-kvvec.rs', 53, 'kmalloc-oversized', /^Use KVVec instead of KVec/);
  expect(edited).toContain('fn stats_table(&self) -> Result<KVVec<Stats>> {');
  expect(edited).toContain('let table: KVVec<Stats> = KVVec::with_capacity(STATS_SLOTS, GFP_KERNEL)?;');
  expect(await parses(edited)).toBe(true);
  expect(after).not.toContain('53 kmalloc-oversized');
});

test('KVec → VVec on a tail expression changes the return type too', async () => {
  const { edited, after } = await applyFix('fix-vvec.rs', 45, 'kmalloc-costly-order', /^Use VVec instead of KVec/);
  expect(edited).toContain('fn window(&self) -> Result<VVec<u64>> {');
  expect(edited).toMatch(/ {8}VVec::with_capacity\(/);
  expect(await parses(edited)).toBe(true);
  expect(after).not.toContain('45 kmalloc-costly-order');
});

test('a value passed on to another function gets no type swap (it could not compile)', async () => {
  const path = join(work, 'ring', 'passed-on.rs');
  const text = 'use kernel::prelude::*;\n\nfn table() -> Result {\n    let big: KVec<u64> = KVec::with_capacity(1 << 20, GFP_KERNEL)?;\n    consume(big);\n    Ok(())\n}\n';
  const uri = await client.open(path, text);
  const published = await client.until(() => client.lastDiagnostics(uri));
  const diagnostic = published.diagnostics.find((d: Diagnostic) => d.code === 'kmalloc-oversized')!;
  expect(diagnostic).toBeDefined();
  const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
  expect(actions.map((a) => a.title)).toEqual([]);
});
