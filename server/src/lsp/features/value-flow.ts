/**
 * Where a new vector's value goes inside its function, for the KVec→KVVec fix: a type swap must
 * change every type the value flows into, or the code stops compiling (issue 15: `Ok(table)` in
 * a `-> Result<KVec<Stats>>`). Followed: a `let` binding's uses, the function's tail expression,
 * `Ok(..)` and `return`. Any other use (an argument, a field, a closure) is not followed: the
 * fix is then not offered. Works on the tree (one function), never on text.
 */
import type { Node } from 'web-tree-sitter';
import type { SourceRange } from '../../analysis/found-site.js';
import { parentOf } from '../../parse/ancestors.js';

export type Flow =
  /** The swap is safe with these extra type heads changed (the signature's return type). */
  { readonly ok: true; readonly heads: readonly SourceRange[] } | { readonly ok: false; readonly why: string };

const rangeOf = (n: Node): SourceRange => ({ startRow: n.startPosition.row, startColumn: n.startPosition.column, endRow: n.endPosition.row, endColumn: n.endPosition.column });

/** The generic heads named `from` in a type (`Result<KVec<Stats>>` → the `KVec`). */
function headsIn(type: Node | null, from: string): Node[] {
  if (!type) return [];
  return type.descendantsOfType('generic_type').flatMap((g) => {
    const head = g?.childForFieldName('type');
    return head && head.text === from ? [head] : [];
  });
}

/** The value leaves the function: it is the tail expression, or inside `Ok(..)`/`return` at the tail. */
function returned(node: Node, body: Node): boolean {
  let n: Node = node;
  for (;;) {
    const p = parentOf(n);
    if (!p) return false;
    if (p.id === body.id) return body.lastNamedChild?.id === n.id;
    if (p.type === 'return_expression') return true;
    if (p.type === 'try_expression' || p.type === 'parenthesized_expression') {
      n = p;
      continue;
    }
    const call = p.type === 'arguments' ? parentOf(p) : null;
    if (call?.type === 'call_expression' && call.childForFieldName('function')?.text === 'Ok' && p.namedChildCount === 1) {
      n = call;
      continue;
    }
    if (p.type === 'expression_statement' || p.type === 'block') return false;
    return false;
  }
}

/** Uses of a binding that keep its type inside the function: method calls, `?`, returns. */
function useIsLocal(use: Node, body: Node): 'local' | 'returned' | 'escapes' {
  const p = parentOf(use);
  if (!p) return 'escapes';
  if (p.type === 'field_expression' && p.childForFieldName('value')?.id === use.id) return 'local';
  if (p.type === 'reference_expression') return 'local';
  if (returned(use, body)) return 'returned';
  return 'escapes';
}

export function valueFlow(call: Node, from: string): Flow {
  let fn: Node | null = call;
  let letDecl: Node | null = null;
  while (fn && fn.type !== 'function_item') {
    if (fn.type === 'let_declaration' && !letDecl) letDecl = fn;
    if (fn.type === 'closure_expression') return { ok: false, why: 'the value is made inside a closure' };
    fn = parentOf(fn);
  }
  if (!fn) return { ok: true, heads: [] };
  const body = fn.childForFieldName('body');
  const returnType = fn.childForFieldName('return_type');
  if (!body) return { ok: false, why: 'the function has no body' };
  let leaves = false;
  let outer: Node = call;
  for (let up = parentOf(outer); up && (up.type === 'try_expression' || up.type === 'parenthesized_expression'); up = parentOf(up)) outer = up;
  if (letDecl && letDecl.childForFieldName('value')?.id !== outer.id) return { ok: false, why: 'the value is not what the `let` binds' };
  if (letDecl) {
    const pattern = letDecl.childForFieldName('pattern');
    const name = pattern?.type === 'identifier' ? pattern.text : pattern?.type === 'mut_pattern' ? pattern.namedChild(0)?.text : null;
    if (!name) return { ok: false, why: 'the value is bound to a pattern' };
    for (const use of body.descendantsOfType('identifier')) {
      if (!use || use.text !== name || use.startIndex < letDecl.endIndex) continue;
      const kind = useIsLocal(use, body);
      if (kind === 'escapes') return { ok: false, why: `\`${name}\` is passed on at line ${use.startPosition.row + 1}` };
      if (kind === 'returned') leaves = true;
    }
  } else {
    if (returned(outer, body)) leaves = true;
    else if (parentOf(outer)?.type !== 'expression_statement') return { ok: false, why: 'the value is used where its type is not written here' };
  }
  if (!leaves) return { ok: true, heads: [] };
  const heads = headsIn(returnType, from);
  if (heads.length !== 1) return { ok: false, why: heads.length ? 'the return type names it more than once' : 'the return type does not name it' };
  return { ok: true, heads: heads.map(rangeOf) };
}
