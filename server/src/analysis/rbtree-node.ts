/**
 * The K and V of an rbtree node allocation (rust/kernel/rbtree.rs, v7.1.5): `RBTreeNode::new(k,
 * v, flags)` and `RBTreeNodeReservation::new(flags)` each allocate one KBox<Node<K, V>>, and the
 * call rarely names K and V. They come from the tree the node goes into (`self.tree.insert(node)`,
 * `tree.insert(reservation.into_node(k, v))`, `entry.insert(v, reservation)` on an entry of
 * `tree.entry(k)`), from the values given, or from an annotation or the field it is stored in.
 *
 * rbtree.rs:1429 `struct Node<K, V> { links: bindings::rb_node, key: K, value: V }` (no repr):
 * laid out as the tuple `([usize; 3], K, V)` would be, since rb_node is three words on every
 * architecture (include/linux/rbtree_types.h:5, `unsigned long __rb_parent_color; struct rb_node
 * *rb_right, *rb_left;` aligned to sizeof(long)).
 */
import type { Node } from 'web-tree-sitter';
import { isRebinding, structFieldOfUse, usesAfter } from './element-from-uses.js';
import { derefUntil, fieldType, typeOfExpr, type TypeContext } from './expr-type.js';
import { typeFromNode } from './extract/type-from-node.js';
import type { TypeExpr } from './rust-model.js';
import { findBinding } from './scope.js';
import { mentionsInferred } from './self-type.js';
import { resolveSelf } from './site-element.js';
import { annotatedTypeAround, bindingAround, valueType } from './value-type.js';
import { parentOf } from '../parse/ancestors.js';

const NODE_TYPES: ReadonlySet<string> = new Set(['RBTreeNodeReservation', 'RBTreeNode', 'RBTree']);

export interface TreeTypes {
  readonly key: TypeExpr;
  readonly value: TypeExpr;
}

/** The allocated Node<K, V>, as its layout: rb_node's three words, K and V. */
export function nodeLayoutType(kv: TreeTypes): TypeExpr {
  const rbNode: TypeExpr = { kind: 'array', element: { kind: 'path', segments: ['usize'], generics: [] }, length: { kind: 'int', value: 3n, text: '3' } };
  return { kind: 'tuple', elements: [rbNode, kv.key, kv.value] };
}

function last(type: TypeExpr): string {
  return type.kind === 'path' ? (type.segments.at(-1) ?? '') : '';
}

/** K and V of a type that is (or derefs/aliases to) RBTree<K, V>, RBTreeNode<K, V> or a reservation. */
function kvOf(type: TypeExpr | null, ctx: TypeContext): TreeTypes | null {
  const tree = type ? derefUntil(type, ctx, (t) => NODE_TYPES.has(last(t))) : null;
  if (tree?.kind !== 'path' || tree.generics.length < 2 || mentionsInferred(tree)) return null;
  return { key: tree.generics[0]!, value: tree.generics[1]! };
}

function callArgs(call: Node): Node[] {
  return (call.childForFieldName('arguments')?.namedChildren ?? []).filter((c): c is Node => c !== null && !c.type.endsWith('comment'));
}

function methodCallOf(fieldExpr: Node | null): { receiver: Node; method: string; call: Node } | null {
  const call = fieldExpr?.type === 'field_expression' ? parentOf(fieldExpr) : null;
  if (fieldExpr?.type !== 'field_expression' || call?.type !== 'call_expression') return null;
  const receiver = fieldExpr.childForFieldName('value');
  const method = fieldExpr.childForFieldName('field')?.text;
  return receiver && method ? { receiver, method, call } : null;
}

/** `tree.entry(k)`, directly or through a binding: the tree's K and V. */
function treeOfEntry(expr: Node | null, ctx: TypeContext, depth = 0): TreeTypes | null {
  if (!expr || depth > 4) return null;
  if (expr.type === 'identifier') {
    const binding = findBinding(expr.text, expr);
    return binding?.valueNode ? treeOfEntry(binding.valueNode, ctx, depth + 1) : null;
  }
  const m = expr.type === 'call_expression' ? methodCallOf(expr.childForFieldName('function')) : null;
  return m?.method === 'entry' ? kvOf(typeOfExpr(m.receiver, ctx), ctx) : null;
}

/** `Vacant(entry) => entry.insert(v, reservation)`: the entry's tree, from the `match` or `if let` it was bound by. */
function treeOfEntryBinding(name: string, at: Node, ctx: TypeContext): TreeTypes | null {
  for (let n = parentOf(at); n; n = parentOf(n)) {
    if (n.type === 'match_arm' && n.childForFieldName('pattern')?.text.includes(name)) {
      const match = parentOf(parentOf(n));
      return match?.type === 'match_expression' ? treeOfEntry(match.childForFieldName('value'), ctx) : null;
    }
    if (n.type === 'function_item') return null;
  }
  return null;
}

/** What one use of the node's binding says about K and V. */
function fromUse(use: Node, ctx: TypeContext): TreeTypes | null {
  const parent = parentOf(use);
  // reservation.into_node(k, v): into the tree it is inserted in, else the values' own types.
  const own = methodCallOf(parent);
  if (own && own.receiver.id === use.id && own.method === 'into_node') {
    const outer = parentOf(own.call)?.type === 'arguments' ? methodCallOf(parentOf(parentOf(own.call))?.childForFieldName('function') ?? null) : null;
    const tree = outer?.method === 'insert' ? kvOf(typeOfExpr(outer.receiver, ctx), ctx) : null;
    if (tree) return tree;
    const [k, v] = callArgs(own.call);
    const key = k ? valueType(k, ctx) : null;
    const value = v ? valueType(v, ctx) : null;
    return key && value ? { key, value } : null;
  }
  // reservations.push(reservation, f): the vector's element.
  const pushed = pushedInto(use, ctx);
  if (pushed) return pushed;
  // Self { tree_node_res, .. } / Foo { res: reservation }: the field's declared type.
  const into = structFieldOfUse(use);
  if (into) {
    const owner = resolveSelf(typeFromNode(into.structName), into.structName, ctx);
    return owner ? kvOf(fieldType(owner, into.field, ctx), ctx) : null;
  }
  // tree.insert(node) / entry.insert(v, reservation)
  if (parent?.type === 'arguments') {
    const m = methodCallOf(parentOf(parent)?.childForFieldName('function') ?? null);
    if (m?.method !== 'insert') return null;
    const direct = kvOf(typeOfExpr(m.receiver, ctx), ctx);
    if (direct) return direct;
    return m.receiver.type === 'identifier' ? treeOfEntryBinding(m.receiver.text, m.receiver, ctx) : null;
  }
  return null;
}

/** `reservations.push(RBTreeNodeReservation::new(f)?, f)` or `.push(node, f)`: the vector's element, when it is the node type. */
function pushedInto(node: Node, ctx: TypeContext): TreeTypes | null {
  let value = node;
  for (let up = parentOf(value); up?.type === 'try_expression' || up?.type === 'parenthesized_expression'; up = parentOf(up)) value = up;
  const args = parentOf(value);
  const m = args?.type === 'arguments' ? methodCallOf(parentOf(args)?.childForFieldName('function') ?? null) : null;
  if (m?.method !== 'push' || callArgs(m.call)[0]?.id !== value.id) return null;
  const vector = typeOfExpr(m.receiver, ctx);
  const element = vector ? derefUntil(vector, ctx, (t) => t.kind === 'path' && t.generics.length > 0 && /Vec$/.test(last(t))) : null;
  return element?.kind === 'path' ? kvOf(element.generics[0] ?? null, ctx) : null;
}

/** K and V for the node an rbtree allocation call makes, or null when the source does not say. */
export function rbtreeTypes(call: Node, args: readonly Node[], isNode: boolean, written: readonly TypeExpr[], ctx: TypeContext): TreeTypes | null {
  if (written.length >= 2) return { key: written[0]!, value: written[1]! };
  const annotated = kvOf(annotatedTypeAround(call), ctx);
  if (annotated) return annotated;
  if (isNode && args.length >= 2) {
    const key = valueType(args[0]!, ctx);
    const value = valueType(args[1]!, ctx);
    if (key && value) return { key, value };
  }
  const pushed = pushedInto(call, ctx);
  if (pushed) return pushed;
  const binding = bindingAround(call);
  const block = parentOf(binding?.declaration);
  if (!binding || !block) return null;
  for (const use of usesAfter(block, binding.declaration, binding.name)) {
    if (isRebinding(use)) return null;
    const found = fromUse(use, ctx);
    if (found) return found;
  }
  return null;
}
