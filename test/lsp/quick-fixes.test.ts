/**
 * Quick fixes that leave code compiling (issue 15): each fix is applied as an editor applies it,
 * the result must parse without an ERROR node, and its diagnostic must be gone.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

/** Open `text` at `path`, apply the fix titled `title` for `code` at `line` (1-based), return the new text, the actions offered and the diagnostics after. */
async function applyFixTo(path: string, text: string, line: number, code: string, title: RegExp) {
  const uri = await client.open(path, text);
  const first = await client.until(() => client.lastDiagnostics(uri));
  const diagnostic = first.diagnostics.find((d: Diagnostic) => d.code === code && d.range.start.line === line - 1)!;
  expect(diagnostic, `${code} at line ${line}`).toBeDefined();
  const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
  const action = actions.find((a) => title.test(a.title) && !a.disabled);
  expect(action, actions.map((a) => a.title).join('\n')).toBeDefined();
  const edits = action!.edit!.changes![uri]! as TextEdit[];
  const edited = TextDocument.applyEdits(TextDocument.create(uri, 'rust', 1, text), edits);
  const published = client.diagnostics.get(uri)!.length;
  // As an editor sends them: one change per edit, the last in the text first, so earlier positions hold.
  const sorted = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: sorted.map((e) => ({ range: e.range, text: e.newText })) });
  const after = await client.until(() => (client.diagnostics.get(uri)!.length > published ? client.lastDiagnostics(uri) : null));
  return {
    edited,
    actions,
    before: first.diagnostics.map((d: Diagnostic) => `${d.range.start.line + 1} ${d.code}`),
    after: after.diagnostics.map((d: Diagnostic) => `${d.range.start.line + 1} ${d.code}`),
  };
}

/** Open a fresh copy of ring.rs and apply a fix there (see applyFixTo). */
async function applyFix(copy: string, line: number, code: string, title: RegExp) {
  const path = join(work, 'ring', copy);
  cpSync(join(work, 'ring/ring.rs'), path);
  return applyFixTo(path, readFileSync(path, 'utf8'), line, code, title);
}

/** The actions offered for the diagnostic `code` at `line` of `text`, opened at `path`. */
async function actionsAt(path: string, text: string, line: number, code: string) {
  const uri = await client.open(path, text);
  const published = await client.until(() => client.lastDiagnostics(uri));
  const diagnostic = published.diagnostics.find((d: Diagnostic) => d.code === code && d.range.start.line === line - 1)!;
  expect(diagnostic, `${code} at line ${line}`).toBeDefined();
  return (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
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

test('sleep-in-atomic on a push into guarded data: no move, and the disabled action says why', async () => {
  const path = join(work, 'ring', 'no-move.rs');
  cpSync(join(work, 'ring/ring.rs'), path);
  const actions = await actionsAt(path, readFileSync(path, 'utf8'), 60, 'sleep-in-atomic');
  const move = actions.find((a) => a.title.startsWith('Allocate before taking the lock'));
  expect(move?.edit).toBeUndefined();
  expect(move?.disabled?.reason).toBe('Cannot allocate before the lock: it grows `guard.pending`, reached through the guard taken at line 59.');
  expect(actions.some((a) => a.title.startsWith('Use GFP_ATOMIC') && a.edit)).toBe(true);
});

test('allocate before taking the lock on the kernel-API example: devres::register moves above the spinlock', async () => {
  const path = join(work, 'kernel-apis', 'fix-devres.rs');
  cpSync(join(work, 'kernel-apis/device.rs'), path);
  const { edited, before, after } = await applyFixTo(path, readFileSync(path, 'utf8'), 53, 'sleep-in-atomic', /^Allocate before taking the lock \(move above line 52\)$/);
  expect(edited).toContain('    devres::register(dev, Registration, GFP_ATOMIC)?;\n    let guard = lock.lock();\n    drop(guard);\n');
  expect(await parses(edited)).toBe(true);
  expect(before).toContain('53 sleep-in-atomic');
  expect(after.filter((d) => d.endsWith('sleep-in-atomic'))).toEqual([]);
});

/** A queue under a spinlock (a crate of its own): one allocation that can move, one that can be taken out, one that reads guarded data. */
const QUEUE = `use kernel::prelude::*;
use kernel::sync::SpinLock;

struct Slots {
    items: KVec<u64>,
    spare: Option<KBox<[u64; 64]>>,
}

struct Queue {
    slots: SpinLock<Slots>,
}

impl Queue {
    fn refill(&self) -> Result {
        let mut guard = self.slots.lock();
        // The spare block, handed over under the lock.
        let spare = KBox::new([0u64; 64], GFP_KERNEL)?;
        guard.spare = Some(spare);
        Ok(())
    }

    fn replace(&self, n: usize) -> Result {
        let mut guard = self.slots.lock();
        guard.items = KVec::with_capacity(n, GFP_KERNEL)?;
        Ok(())
    }

    fn grow(&self) -> Result {
        let mut guard = self.slots.lock();
        let n = guard.items.len();
        let more = KVec::<u64>::with_capacity(n, GFP_KERNEL)?;
        guard.items = more;
        Ok(())
    }
}
`;

function queueFile(name: string): string {
  const dir = join(work, 'queue');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}

test('allocate before taking the lock: a `let` of the allocation moves above the guard, with its comment', async () => {
  const { edited, before, after } = await applyFixTo(queueFile('move.rs'), QUEUE, 17, 'sleep-in-atomic', /^Allocate before taking the lock \(move above line 15\)$/);
  expect(edited).toContain(`    fn refill(&self) -> Result {
        // The spare block, handed over under the lock.
        let spare = KBox::new([0u64; 64], GFP_KERNEL)?;
        let mut guard = self.slots.lock();
        guard.spare = Some(spare);`);
  expect(await parses(edited)).toBe(true);
  // The site is now on line 16, before the guard: no sleep-in-atomic there, the other two stay.
  expect(before.filter((d) => d.endsWith('sleep-in-atomic'))).toEqual(['17 sleep-in-atomic', '24 sleep-in-atomic', '31 sleep-in-atomic']);
  expect(after.filter((d) => d.endsWith('sleep-in-atomic'))).toEqual(['24 sleep-in-atomic', '31 sleep-in-atomic']);
});

test('allocate before taking the lock: an allocation inside an assignment goes into a `let` above the guard', async () => {
  const { edited, after } = await applyFixTo(queueFile('extract.rs'), QUEUE, 24, 'sleep-in-atomic', /^Allocate before taking the lock \(into `items`, above line 23\)$/);
  expect(edited).toContain(`    fn replace(&self, n: usize) -> Result {
        let items = KVec::with_capacity(n, GFP_KERNEL)?;
        let mut guard = self.slots.lock();
        guard.items = items;
        Ok(())`);
  expect(await parses(edited)).toBe(true);
  expect(after.filter((d) => d.endsWith('sleep-in-atomic'))).toEqual(['17 sleep-in-atomic', '32 sleep-in-atomic']);
});

test('allocate before taking the lock is not offered when the size is read under the lock', async () => {
  const actions = await actionsAt(queueFile('depends.rs'), QUEUE, 31, 'sleep-in-atomic');
  const move = actions.find((a) => a.title.startsWith('Allocate before taking the lock'));
  expect(move?.edit).toBeUndefined();
  expect(move?.disabled?.reason).toBe('Cannot allocate before the lock: it uses `n`, bound under the lock at line 30.');
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
