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
}

function patternName(pattern: Node | null): string | null {
  if (!pattern) return null;
  if (pattern.type === 'identifier') return pattern.text;
  if (pattern.type === 'mut_pattern') return patternName(pattern.namedChildren[0] ?? null);
  return null;
}

/**
 * A block's statements, read from the tree once per tree: every name looked up in a function
 * walks the same blocks, and each read of namedChildren crosses into wasm. Trees are never
 * changed after parsing (an edit makes a new tree), so the cache cannot go stale.
 */
const statementsCache = new WeakMap<object, Map<number, (Node | null)[]>>();

function statementsOf(block: Node): (Node | null)[] {
  let perTree = statementsCache.get(block.tree);
  if (!perTree) statementsCache.set(block.tree, (perTree = new Map()));
  let statements = perTree.get(block.id);
  if (!statements) perTree.set(block.id, (statements = block.namedChildren));
  return statements;
}

/** The binding `name` refers to at `at`, searching outwards; null when not found. */
export function findBinding(name: string, at: Node): Binding | null {
  let child: Node = at;
  for (let scope = at.parent; scope; child = scope, scope = scope.parent) {
    if (scope.type === 'block' || scope.type === 'source_file') {
      let found: Binding | null = null;
      for (const stmt of statementsOf(scope)) {
        if (!stmt || stmt.startIndex >= child.startIndex) break;
        if (stmt.type === 'let_declaration' && patternName(stmt.childForFieldName('pattern')) === name) {
          found = { typeNode: stmt.childForFieldName('type'), valueNode: stmt.childForFieldName('value'), declaration: stmt };
        }
      }
      if (found) return found;
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
