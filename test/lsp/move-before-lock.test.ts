/**
 * The "allocate before taking the lock" edit on the tree alone (quick-fixes.test.ts applies it
 * through the real server): each way a move would change what the code does is refused with
 * its reason, and the moves it makes parse.
 */
import { beforeAll, expect, test } from 'vitest';
import type { Parser } from 'web-tree-sitter';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createRustParser } from '../../server/src/parse/rust-parser.js';
import { moveBeforeLock } from '../../server/src/lsp/features/move-before-lock.js';

let parser: Parser;
beforeAll(async () => {
  parser = await createRustParser();
});

/** `body` inside a function; the site is the call that starts with `call`, the guard `let <guard>` (or a call text) on `guardLine` of the body (1-based). */
function move(body: string, call: string, guard: string, guardLine: number) {
  const text = `fn f(&mut self, v: &mut KVec<u64>, cond: bool) -> Result {\n${body}\n    Ok(())\n}\n`;
  const tree = parser.parse(text)!;
  const site = tree.rootNode.descendantsOfType('call_expression').find((n) => n?.text.startsWith(call))!;
  expect(site, call).toBeDefined();
  const range = { startRow: site.startPosition.row, startColumn: site.startPosition.column, endRow: site.endPosition.row, endColumn: site.endPosition.column };
  const result = moveBeforeLock(tree.rootNode, text, range, { kind: 'spinlock', text: guard, line: guardLine + 1 });
  tree.delete();
  if (!result.ok) return { reason: result.reason, text: null };
  const edited = TextDocument.applyEdits(TextDocument.create('file:///f.rs', 'rust', 1, text), result.edits);
  const after = parser.parse(edited)!;
  const parses = !after.rootNode.hasError;
  after.delete();
  expect(parses, edited).toBe(true);
  return { reason: null, text: edited, title: result.title };
}

test('in a loop, a branch or a closure under the lock: not moved', () => {
  const loop = move('    let mut g = self.l.lock();\n    for i in 0..4 {\n        let b = KBox::new(i, GFP_KERNEL)?;\n    }', 'KBox::new', 'g', 1);
  expect(loop.reason).toBe('Cannot allocate before the lock: it runs in a loop under the lock (line 3); above the lock it would run once.');
  const branch = move('    let mut g = self.l.lock();\n    if cond {\n        g.b = KBox::new(1, GFP_KERNEL)?;\n    }', 'KBox::new', 'g', 1);
  expect(branch.reason).toMatch(/it runs only on some paths under the lock \(line 3\)/);
  const closure = move('    let mut g = self.l.lock();\n    let mk = || KBox::new(1, GFP_KERNEL);', 'KBox::new', 'g', 1);
  expect(closure.reason).toMatch(/inside a closure/);
});

test("a guard taken in the allocation's own statement has no before", () => {
  const r = move('    self.l.lock().v.push(1, GFP_KERNEL)?;', 'self.l.lock().v.push', 'self.l.lock()', 1);
  expect(r.reason).toBe("Cannot allocate before the lock: the lock is taken in the allocation's own statement (`self.l.lock()`, line 2).");
});

test('a size changed under the lock, or a vector used under it before the push: not moved', () => {
  const changed = move('    let mut n = 4;\n    let g = self.l.lock();\n    n += g.extra;\n    let b = KVec::<u8>::with_capacity(n, GFP_KERNEL)?;', 'KVec::', 'g', 2);
  expect(changed.reason).toBe('Cannot allocate before the lock: it uses `n`, which changes under the lock at line 4.');
  const bound = move('    let g = self.l.lock();\n    let k = v.len() + g.k;\n    v.push(k as u64, GFP_KERNEL)?;', 'v.push', 'g', 1);
  expect(bound.reason).toBe('Cannot allocate before the lock: it uses `k`, bound under the lock at line 3.');
  const before = move('    let g = self.l.lock();\n    g.total = v.len();\n    v.push(1, GFP_KERNEL)?;', 'v.push', 'g', 1);
  expect(before.reason).toBe('Cannot allocate before the lock: `v` is also used under the lock at line 3, before the allocation.');
});

test('a push into a vector of its own moves whole; an unsafe kmalloc is taken out with its unsafe block', () => {
  const push = move('    let g = self.l.lock();\n    g.count += 1;\n    v.push(7, GFP_KERNEL)?;', 'v.push', 'g', 1);
  expect(push.text).toContain('    v.push(7, GFP_KERNEL)?;\n    let g = self.l.lock();\n    g.count += 1;\n    Ok(())');
  const raw = move('    let mut g = self.l.lock();\n    g.buf = unsafe { bindings::kmalloc(64, bindings::GFP_KERNEL) };', 'bindings::kmalloc', 'g', 1);
  expect(raw.title).toBe('Allocate before taking the lock (into `buf`, above line 2)');
  expect(raw.text).toContain('    let buf = unsafe { bindings::kmalloc(64, bindings::GFP_KERNEL) };\n    let mut g = self.l.lock();\n    g.buf = buf;');
});

test('a struct field takes the shorthand, and a taken-out name never shadows one the function uses', () => {
  const init = move('    let mut g = self.l.lock();\n    let items = 3;\n    g.slots = Slots { items: KVec::with_capacity(8, GFP_KERNEL)?, n: items };', 'KVec::', 'g', 1);
  expect(init.text).toContain('    let items_1 = KVec::with_capacity(8, GFP_KERNEL)?;\n    let mut g = self.l.lock();');
  expect(init.text).toContain('Slots { items: items_1, n: items }');
  const shorthand = move('    let mut g = self.l.lock();\n    g.slots = Slots { items: KVec::with_capacity(8, GFP_KERNEL)? };', 'KVec::', 'g', 1);
  expect(shorthand.text).toContain('g.slots = Slots { items };');
});
