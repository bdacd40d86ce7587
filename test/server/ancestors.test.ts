/**
 * parentOf (parse/ancestors.ts) answers what web-tree-sitter's `node.parent` answers, for every
 * node of real files, asked in source order (the walk down is shared with the previous one), in
 * reverse and from leaf to root; and in a block of many statements, where `node.parent` is slow.
 * And the server asks for parents only through it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Node, Tree } from 'web-tree-sitter';
import { describe, expect, test } from 'vitest';
import { ancestorsOf, parentOf } from '../../server/src/parse/ancestors.js';
import { createRustParser } from '../../server/src/parse/rust-parser.js';
import { SHARED_DIR } from '../engine/golden-tables.js';

/** Every node of the tree, named or not, in source order. */
function allNodes(tree: Tree): Node[] {
  const out: Node[] = [];
  const cursor = tree.walk();
  for (;;) {
    out.push(cursor.currentNode);
    if (cursor.gotoFirstChild() || cursor.gotoNextSibling()) continue;
    let next = false;
    while (!next && cursor.gotoParent()) next = cursor.gotoNextSibling();
    if (!next) break;
  }
  cursor.delete();
  return out;
}

const id = (n: Node | null): number | null => n?.id ?? null;

describe('parentOf', () => {
  test.each(['drivers/android/binder/process.rs', 'rust/kernel/alloc/kvec.rs'])('is node.parent for every node of %s, in any order', async (file) => {
    const parser = await createRustParser();
    const text = readFileSync(`${SHARED_DIR}/corpus/linux/${file}`, 'utf8');
    for (const order of ['source', 'reverse'] as const) {
      const tree = parser.parse(text)!;
      const nodes = allNodes(tree);
      expect(nodes.length).toBeGreaterThan(5000);
      if (order === 'reverse') nodes.reverse();
      const mismatches = nodes.filter((n) => id(parentOf(n)) !== id(n.parent));
      expect(mismatches.map((n) => `${n.type}@${n.startIndex}`)).toEqual([]);
      tree.delete();
    }
    parser.delete();
  });

  test('walks up a block of 20,000 statements, and through syntax errors', async () => {
    const parser = await createRustParser();
    const lines = ['fn huge() {', '    let mut a = 0usize;'];
    for (let i = 0; i < 20_000; i++) lines.push(i === 10_000 ? '    (a += 1;' : '    a += 1;');
    const tree = parser.parse(`${lines.join('\n')}\n}\n`)!;
    const block = tree.rootNode.namedChildren[0]!.childForFieldName('body')!;
    // A leaf deep in the middle: its ancestors end at the block, the function and the file.
    const leaf = tree.rootNode.descendantForPosition({ row: 15_000, column: 9 })!;
    const chain = [...ancestorsOf(leaf)];
    expect(chain.slice(-3).map((n) => n.type)).toEqual(['block', 'function_item', 'source_file']);
    expect(chain.at(-3)!.id).toBe(block.id);
    const leafParents: (number | null)[] = [];
    for (let n: Node | null = leaf; n; n = n.parent) leafParents.push(id(n.parent));
    expect([leaf, ...chain].map((n) => id(parentOf(n)))).toEqual(leafParents);
    // Around the error the parser inserted nodes of its own.
    const broken = tree.rootNode.descendantForPosition({ row: 10_002, column: 5 });
    for (let n: Node | null = broken; n; n = n.parent) expect(id(parentOf(n))).toBe(id(n.parent));
    tree.delete();
    parser.delete();
  });
});

test('the server asks for parents only through parentOf', () => {
  const files = readdirSync('server/src', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('ancestors.ts'));
  expect(files.length).toBeGreaterThan(100);
  const uses = files.flatMap((f) =>
    readFileSync(join('server/src', f), 'utf8')
      .split('\n')
      .flatMap((line, i) => (/^\s*(\/\/|\*|\/\*)/.test(line) || !/\.parent\b/.test(line) ? [] : [`${f}:${i + 1}: ${line.trim()}`])),
  );
  expect(uses).toEqual([]);
});
