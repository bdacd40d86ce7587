/**
 * What a name means at a point in a function: the `let` bindings before it in enclosing blocks,
 * the function's (or closure's) parameters, and the impl's `Self` type. Purely syntactic.
 */
import type { Node } from 'web-tree-sitter';

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

/**
 * A block's statements, read from the tree once per tree, with what lookups need from them:
 * every name looked up in a function walks the same blocks, each read crosses into wasm, and a
 * block can hold 100,000 statements. Trees are never changed after parsing (an edit makes a new
 * tree), so the cache cannot go stale.
 */
export interface BlockIndex {
  readonly statements: readonly Node[];
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  /** Positions (ascending) of the `let` statements, and of those binding each simple name. */
  readonly lets: readonly number[];
  readonly letsByName: ReadonlyMap<string, readonly number[]>;
}

const blockCache = new WeakMap<object, Map<number, BlockIndex>>();

export function blockIndex(block: Node): BlockIndex {
  let perTree = blockCache.get(block.tree);
  if (!perTree) blockCache.set(block.tree, (perTree = new Map()));
  let index = perTree.get(block.id);
  if (!index) {
    const statements = block.namedChildren.filter((n): n is Node => n !== null);
    const lets: number[] = [];
    const letsByName = new Map<string, number[]>();
    statements.forEach((stmt, i) => {
      if (stmt.type !== 'let_declaration') return;
      lets.push(i);
      const name = patternName(stmt.childForFieldName('pattern'));
      if (name === null) return;
      const list = letsByName.get(name);
      if (list) list.push(i);
      else letsByName.set(name, [i]);
    });
    index = { statements, starts: statements.map((n) => n.startIndex), ends: statements.map((n) => n.endIndex), lets, letsByName };
    perTree.set(block.id, index);
  }
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

/** The binding `name` refers to at `at`, searching outwards; null when not found. */
export function findBinding(name: string, at: Node): Binding | null {
  let child: Node = at;
  for (let scope = at.parent; scope; child = scope, scope = scope.parent) {
    if (scope.type === 'block' || scope.type === 'source_file') {
      // The last `let name` among the statements that start before `child`.
      const block = blockIndex(scope);
      const candidates = block.letsByName.get(name) ?? [];
      const k = countBelow(candidates, countBelow(block.starts, child.startIndex));
      if (k > 0) {
        const stmt = block.statements[candidates[k - 1]!]!;
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
  for (let n = at.parent; n; n = n.parent) {
    if (n.type === 'impl_item') return n.childForFieldName('type');
  }
  return null;
}

/** Type parameter names (with their bounds' text) of the enclosing fn and impl. */
export function typeParametersInScope(at: Node): Map<string, string> {
  const out = new Map<string, string>();
  for (let n = at.parent; n; n = n.parent) {
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
