/**
 * Fuzz: random edits (inserts and deletes of random text, half-typed calls, unbalanced
 * brackets) applied to corpus files through didChange on the real server over stdio. After
 * every edit, the incremental result (the code lenses of the edited document: every site, its
 * range and outcome, from the incremental tree and the per-function site cache) must equal a fresh
 * full analysis of the same text (a second server, same workspace, the document closed and
 * opened again with the whole text), and the server must still answer. Counts crashes and
 * guarded handler errors; both must be 0.
 *
 * `npm test` runs 300 seeded edits (about 6 s idle, 50 s on a loaded 2-core machine; the same
 * properties); `npm run fuzz` runs the full 10 000 (KALLOC_FUZZ_EDITS, and
 * KALLOC_FUZZ_SEED for another sequence).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, expect, test } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { SHARED_DIR } from '../engine/golden-tables.js';
import { LspTestClient } from './lsp-client.js';

const EDITS = Number(process.env.KALLOC_FUZZ_EDITS ?? 300);
const SEED = Number(process.env.KALLOC_FUZZ_SEED ?? 20261124);
/** About 20 ms an edit on an idle machine (both servers), 160 ms measured on a loaded one; room above that. */
const BUDGET_MS = 60_000 + EDITS * 250;
const FILES = ['drivers/android/binder/context.rs', 'drivers/gpu/nova-core/firmware/gsp.rs', 'samples/rust/rust_misc_device.rs', 'drivers/android/binder/freeze.rs'];
/** Pieces people type mid-edit: calls cut short, brackets, flags, macros, unicode, blank lines. */
const PIECES = [
  'KVec::with_capacity(',
  'KBox::new(',
  '.push(',
  'GFP_KERNEL',
  'GFP_ATOMIC',
  ')?;',
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  '<',
  '>',
  '::',
  ';',
  ',',
  'kvec![0u8; 4]',
  'let mut v = ',
  'self.inner.lock()',
  'drop(guard);',
  '\n',
  '\n    ',
  ' ',
  '// é😀 comment\n',
  '/* ',
  ' */',
  '"str',
  "'c'",
  '#[repr(C)]',
  'struct S { a: u64 }',
  'const N: usize = 1 << 20;',
  'KVec::<u8>::with_capacity(N, GFP_KERNEL)?',
  'try_pin_init!(Self {',
  'x <- ',
  'u16',
  'as usize',
];

const edit = fc.record({
  at: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  remove: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 4, max: 40 })),
  insert: fc.oneof(
    fc.constant(''),
    fc.constantFrom(...PIECES),
    fc.array(fc.constantFrom(...PIECES), { maxLength: 4 }).map((a) => a.join('')),
    fc.string({ maxLength: 6 }),
  ),
});

let client: LspTestClient | undefined;
let reference: LspTestClient | undefined;
let work: string | undefined;
afterAll(async () => {
  await client?.stop();
  await reference?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

const lensKey = (lenses: CodeLens[]) => lenses.map((l) => `${l.range.start.line}:${l.range.start.character}-${l.range.end.line}:${l.range.end.character} ${l.command?.title}`).join('\n');

test(
  `${EDITS} random edits (seed ${SEED}): incremental equals fresh, no crash`,
  async () => {
    work = mkdtempSync(join(tmpdir(), 'kalloc-fuzz-'));
    for (const f of FILES) cpSync(`${SHARED_DIR}/corpus/linux/${f}`, join(work, f.replaceAll('/', '_')));
    client = LspTestClient.start();
    reference = LspTestClient.start();
    await client.initialize(work);
    await reference.initialize(work);
    await client.indexed();
    await reference.indexed();
    const docs = FILES.map((f) => {
      const path = join(work!, f.replaceAll('/', '_'));
      return { uri: pathToFileURL(path).href, text: TextDocument.create(pathToFileURL(path).href, 'rust', 1, readFileSync(path, 'utf8')) };
    });
    for (const d of docs) {
      await client.open(new URL(d.uri).pathname, d.text.getText());
      await reference.open(new URL(d.uri).pathname, d.text.getText());
    }
    const edits = fc.sample(edit, { seed: SEED, numRuns: EDITS });
    let crashes = 0;
    let mismatches = 0;
    const firstMismatch: string[] = [];
    for (let i = 0; i < edits.length; i++) {
      const d = docs[i % docs.length]!;
      const e = edits[i]!;
      const length = d.text.getText().length;
      const start = Math.floor(e.at * length);
      const range = { start: d.text.positionAt(start), end: d.text.positionAt(Math.min(length, start + e.remove)) };
      const version = d.text.version + 1;
      d.text = TextDocument.update(d.text, [{ range, text: e.insert }], version);
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: d.uri, version }, contentChanges: [{ range, text: e.insert }] });
      if (client.process.exitCode !== null || reference.process.exitCode !== null) {
        crashes++;
        break;
      }
      const incremental = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: d.uri } })) as CodeLens[];
      // The reference server closes and re-opens the document with its whole text: a full parse and analysis.
      await reference.connection.sendNotification('textDocument/didClose', { textDocument: { uri: d.uri } });
      await reference.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: d.uri, languageId: 'rust', version, text: d.text.getText() } });
      const fresh = (await reference.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: d.uri } })) as CodeLens[];
      if (lensKey(incremental) !== lensKey(fresh)) {
        mismatches++;
        if (firstMismatch.length === 0) firstMismatch.push(`edit ${i} on ${d.uri}: ${JSON.stringify(e)}`, lensKey(incremental), '---', lensKey(fresh));
      }
    }
    // Still answering after all that.
    const h = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: docs[0]!.uri }, position: { line: 0, character: 0 } });
    void h;
    const guardedErrors = [...client.logs, ...reference.logs].filter((l) => /failed (at|:)/.test(l));
    console.log(`fuzz: ${EDITS} edits (seed ${SEED}), ${crashes} crashes, ${mismatches} incremental/fresh mismatches, ${guardedErrors.length} guarded handler errors`);
    expect(firstMismatch).toEqual([]);
    expect(crashes).toBe(0);
    expect(mismatches).toBe(0);
    expect(guardedErrors).toEqual([]);
  },
  BUDGET_MS,
);
