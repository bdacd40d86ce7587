/**
 * What a name means at a point in a function: the `let` bindings before it in enclosing blocks,
 * the function's (or closure's) parameters, and the impl's `Self` type. Purely syntactic.
 */
import type { Node } from 'web-tree-sitter';
import { parentOf } from '../parse/ancestors.js';

export interface Binding {
  /** The written type, when annotated. */
  readonly typeNode: Node | null;
  /** The initialiser, when there is one. */
  readonly valueNode: Node | null;
  /** The `let` that made it; null for parameters. */
  readonly declaration: Node | null;
  /** For `for x in iterable { .. }`: the iterable; x is one of its items. */
  readonly iterable?: Node;
}

function patternName(pattern: Node | null): string | null {
  if (!pattern) return null;
  if (pattern.type === 'identifier') return pattern.text;
  if (pattern.type === 'mut_pattern') return patternName(pattern.namedChildren[0] ?? null);
  return null;
}

/** One `let` statement written directly in a block. */
export interface LetStatement {
  readonly node: Node;
  readonly startIndex: number;
  readonly endIndex: number;
  /** The simple name it binds (`let x`, `let mut x`); null for other patterns. */
  readonly name: string | null;
}

/**
 * What lookups need from a block, read once per tree: its `let` statements. Every name looked up
 * in a function walks the same blocks, each read crosses into wasm, and a block can hold 100,000
 * statements: the lets are found by their keyword in the block's text and each is checked on
 * the tree (a `let` in a comment, a string, a macro or an inner block is not one of them), so
 * the statements themselves are read only when a caller asks for them. Trees are never changed
 * after parsing (an edit makes a new tree), so the cache cannot go stale.
 */
export interface BlockIndex {
  /** The block's own `let` statements, in order. */
  readonly lets: readonly LetStatement[];
  readonly letsByName: ReadonlyMap<string, readonly LetStatement[]>;
  /** The statements that start at or after `start` and end at or before `end`, read on first use. */
  statementsWithin(start: number, end: number): readonly Node[];
}

const blockCache = new WeakMap<object, Map<number, BlockIndex>>();

const LET_KEYWORD = /\blet\b/g;

/** The block's direct `let` children, from the keyword's places in its text. */
function letsOf(block: Node): LetStatement[] {
  const lets: LetStatement[] = [];
  const text = block.text;
  for (const match of text.matchAll(LET_KEYWORD)) {
    const at = block.startIndex + match.index;
    // The smallest named node around the keyword: the let_declaration it starts, or the
    // comment, string or token tree it is written in.
    const node = block.namedDescendantForIndex(at, at + 3);
    if (node?.startIndex !== at || node.type !== 'let_declaration') continue;
    // Written in this block, not in a block inside it.
    if (block.childWithDescendant(node)?.id !== node.id) continue;
    lets.push({ node, startIndex: at, endIndex: node.endIndex, name: patternName(node.childForFieldName('pattern')) });
  }
  return lets;
}

function indexBlock(block: Node): BlockIndex {
  const lets = letsOf(block);
  const letsByName = new Map<string, LetStatement[]>();
  for (const stmt of lets) {
    if (stmt.name === null) continue;
    const list = letsByName.get(stmt.name);
    if (list) list.push(stmt);
    else letsByName.set(stmt.name, [stmt]);
  }
  let all: { statements: Node[]; starts: number[]; ends: number[] } | undefined;
  return {
    lets,
    letsByName,
    statementsWithin: (start, end) => {
      if (!all) {
        const statements = block.namedChildren.filter((n): n is Node => n !== null);
        all = { statements, starts: statements.map((n) => n.startIndex), ends: statements.map((n) => n.endIndex) };
      }
      // Statements do not overlap and come in order: both bounds are binary searches.
      return all.statements.slice(countBelow(all.starts, start), countBelow(all.ends, end + 1));
    },
  };
}

export function blockIndex(block: Node): BlockIndex {
  let perTree = blockCache.get(block.tree);
  if (!perTree) blockCache.set(block.tree, (perTree = new Map()));
  let index = perTree.get(block.id);
  if (!index) perTree.set(block.id, (index = indexBlock(block)));
  return index;
}

/** How many of the ascending `values` are below `limit` (a binary search). */
export function countBelow(values: readonly number[], limit: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many of `items` (ascending by `key`) have a key below `limit`. */
export function countBelowBy<T>(items: readonly T[], key: (item: T) => number, limit: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(items[mid]!) < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The binding `name` refers to at `at`, searching outwards; null when not found. */
export function findBinding(name: string, at: Node): Binding | null {
  let child: Node = at;
  for (let scope = parentOf(at); scope; child = scope, scope = parentOf(scope)) {
    if (scope.type === 'block' || scope.type === 'source_file') {
      // The last `let name` among the statements that start before `child`.
      const candidates = blockIndex(scope).letsByName.get(name) ?? [];
      const k = countBelowBy(candidates, (l) => l.startIndex, child.startIndex);
      if (k > 0) {
        const stmt = candidates[k - 1]!.node;
        return { typeNode: stmt.childForFieldName('type'), valueNode: stmt.childForFieldName('value'), declaration: stmt };
      }
    } else if (scope.type === 'for_expression' && scope.childForFieldName('body')?.id === child.id) {
      const iterable = scope.childForFieldName('value');
      if (iterable && patternName(scope.childForFieldName('pattern')) === name) return { typeNode: null, valueNode: null, declaration: null, iterable };
    } else if (scope.type === 'function_item' || scope.type === 'closure_expression') {
      const params = scope.childForFieldName('parameters');
      for (const p of params?.namedChildren ?? []) {
        if (!p) continue;
        if (p.type === 'parameter' && patternName(p.childForFieldName('pattern')) === name) {
          return { typeNode: p.childForFieldName('type'), valueNode: null, declaration: null };
        }
        if (p.type === 'identifier' && p.text === name) return { typeNode: null, valueNode: null, declaration: null };
      }
      if (scope.type === 'function_item') return null;
    }
  }
  return null;
}

/** The `impl` block around a node, and its self type node. */
export function enclosingImplType(at: Node): Node | null {
  for (let n = parentOf(at); n; n = parentOf(n)) {
    if (n.type === 'impl_item') return n.childForFieldName('type');
  }
  return null;
}

/** Type parameter names (with their bounds' text) of the enclosing fn and impl. */
export function typeParametersInScope(at: Node): Map<string, string> {
  const out = new Map<string, string>();
  for (let n = parentOf(at); n; n = parentOf(n)) {
    if (n.type !== 'function_item' && n.type !== 'impl_item' && n.type !== 'struct_item') continue;
    for (const p of n.childForFieldName('type_parameters')?.namedChildren ?? []) {
      if (!p) continue;
      const name = p.type === 'type_identifier' ? p.text : (p.childForFieldName('left') ?? p.namedChildren[0])?.text;
      if (name && !out.has(name)) out.set(name, p.text);
    }
    // `where A: Allocator`
    for (const w of n.namedChildren) {
      if (w?.type !== 'where_clause') continue;
      for (const pred of w.namedChildren) {
        const left = pred?.childForFieldName('left')?.text;
        if (left && pred) out.set(left, `${out.get(left) ?? left} ${pred.text}`);
      }
    }
  }
  return out;
}
