/**
 * The element type of a vector binding that rustc infers from later uses, where the source says
 * it plainly: `let mut v = KVec::with_capacity(n, GFP_KERNEL)?;` followed by `v.push(Foo { .. })`,
 * `Ok(v)` / `v` returned from a function declared `-> Result<KVec<Foo>>`, or `Bar { v, .. }` /
 * `Bar { items: v }` with `items: KVec<Foo>`. Only these written facts count; anything else stays
 * unknown.
 */
import type { Node } from 'web-tree-sitter';
import { typeFromNode } from './extract/type-from-node.js';
import type { TypeExpr } from './rust-model.js';
import { mentionsInferred } from './self-type.js';
import { parentOf } from '../parse/ancestors.js';

/** How a use's neighbourhood is turned into a type; injected to keep this file free of cycles. */
export interface UseTypers {
  /** The type of a value expression as written (`Foo { .. }`, a typed binding, ...). */
  value(node: Node): TypeExpr | null;
  /** The declared type of field `field` of the struct named by `structName`. */
  field(structName: Node, field: string): TypeExpr | null;
  /** Whether a type says all rustc needs: no `_`, and no generic type written without its arguments. */
  complete(type: TypeExpr): boolean;
}

/**
 * Methods whose argument says the element (rust/kernel/alloc/kvec.rs, v7.1.5): the value pushed,
 * the value `extend_with(n, value, f)` / `resize(new_len, value, f)` repeat, or the slice
 * `extend_from_slice(other: &[T], f)` copies.
 */
const ELEMENT_ARGS: Readonly<Record<string, { readonly arg: number; readonly slice: boolean }>> = {
  push: { arg: 0, slice: false },
  push_within_capacity: { arg: 0, slice: false },
  extend_with: { arg: 1, slice: false },
  resize: { arg: 1, slice: false },
  extend_from_slice: { arg: 0, slice: true },
};

/** `&[u8]`, `[u8; 4]`, `&KVec<u8>`: the element a slice argument holds. */
function sliceElement(type: TypeExpr | null): TypeExpr | null {
  let t = type;
  while (t?.kind === 'ref') t = t.target;
  if (t?.kind === 'slice' || t?.kind === 'array') return t.element;
  return t?.kind === 'path' && /Vec$/.test(t.segments.at(-1) ?? '') ? (t.generics[0] ?? null) : null;
}
const WRAPPERS: ReadonlySet<string> = new Set(['Ok', 'Some']);
const RESULT_TYPES: ReadonlySet<string> = new Set(['Result', 'Option']);
/** Bindings whose uses are being read now: `v.push(v.len())` must not recurse forever. */
const inProgress = new Set<number>();

function firstGeneric(type: TypeExpr | null): TypeExpr | null {
  return type?.kind === 'path' ? (type.generics[0] ?? null) : null;
}

/** `-> Result<KVec<Foo>>` → `KVec<Foo>`: what a function hands back on success. */
function returnedValueType(fn: Node): TypeExpr | null {
  const ret = fn.childForFieldName('return_type');
  if (!ret) return null;
  const type = typeFromNode(ret);
  return type.kind === 'path' && RESULT_TYPES.has(type.segments.at(-1) ?? '') ? (type.generics[0] ?? null) : type;
}

function enclosingFunction(node: Node): Node | null {
  for (let n = parentOf(node); n; n = parentOf(n)) {
    if (n.type === 'function_item') return n;
    if (n.type === 'closure_expression') return null;
  }
  return null;
}

/** Is `expr` what the function returns: its body's tail, or a `return` operand? */
function isReturned(expr: Node, fn: Node): boolean {
  const parent = parentOf(expr);
  if (parent?.type === 'return_expression') return true;
  const body = fn.childForFieldName('body');
  return parent !== null && parent.id === body?.id && body.lastNamedChild?.id === expr.id;
}

/** The vector type this one use of the binding implies, or null. */
function typeFromUse(use: Node, typers: UseTypers): TypeExpr | null {
  const parent = parentOf(use);
  if (!parent) return null;
  // v.push(x, ..)
  if (parent.type === 'field_expression' && parent.childForFieldName('value')?.id === use.id) {
    const method = parent.childForFieldName('field')?.text ?? '';
    const call = parentOf(parent);
    const how = Object.hasOwn(ELEMENT_ARGS, method) ? ELEMENT_ARGS[method] : undefined;
    if (!how || call?.type !== 'call_expression') return null;
    const arg = call.childForFieldName('arguments')?.namedChildren.filter((c) => c !== null && !c.type.endsWith('comment'))[how.arg];
    const value = arg ? typers.value(arg) : null;
    const element = how.slice ? sliceElement(value) : value;
    return element ? { kind: 'path', segments: ['Vec'], generics: [element] } : null;
  }
  // Ok(v) / v returned
  let returned: Node = use;
  const outerCall = parent.type === 'arguments' ? parentOf(parent) : null;
  if (parent.type === 'arguments' && parent.namedChildCount === 1 && outerCall?.type === 'call_expression') {
    const callee = outerCall.childForFieldName('function')?.text ?? '';
    if (!WRAPPERS.has(callee)) return null;
    returned = outerCall;
  }
  const fn = enclosingFunction(use);
  if (fn && isReturned(returned, fn)) return returnedValueType(fn);
  // Bar { v } / Bar { items: v }
  const into = structFieldOfUse(use);
  return into ? typers.field(into.structName, into.field) : null;
}

/** `Bar { v, .. }` / `Bar { items: v }`: the struct literal's name node and the field the use is moved into. */
export function structFieldOfUse(use: Node): { structName: Node; field: string } | null {
  const parent = parentOf(use);
  const init = parent?.type === 'shorthand_field_initializer' ? parent : parent?.type === 'field_initializer' && parent.childForFieldName('value')?.id === use.id ? parent : null;
  const struct = parentOf(parentOf(init));
  const structName = struct?.type === 'struct_expression' ? struct.childForFieldName('name') : null;
  if (!init || !structName) return null;
  const field = init.type === 'shorthand_field_initializer' ? use.text : (init.childForFieldName('field')?.text ?? '');
  return field ? { structName, field } : null;
}

const IDENTIFIER_CHAR = /[A-Za-z0-9_]/;

/**
 * The identifiers spelled `name` in `block` after `declaration`, in order. The text says where the
 * name occurs and the tree says what stands there: only those few nodes are read from the tree,
 * not every identifier of a long function.
 */
export function* usesAfter(block: Node, declaration: Node, name: string): Generator<Node> {
  const text = block.text;
  const base = block.startIndex;
  for (let at = text.indexOf(name, declaration.endIndex - base); at !== -1; at = text.indexOf(name, at + name.length)) {
    if (IDENTIFIER_CHAR.test(text[at - 1] ?? '') || IDENTIFIER_CHAR.test(text[at + name.length] ?? '')) continue;
    const node = block.descendantForIndex(base + at, base + at + name.length);
    if (node?.type === 'identifier' && node.text === name) yield node;
  }
}

/** `let v = ..` / `let mut v = ..` again: a new binding shadows the one we follow. */
export function isRebinding(use: Node): boolean {
  const above = parentOf(use);
  const pattern = above?.type === 'mut_pattern' ? above : use;
  const declaration = parentOf(pattern);
  return declaration?.type === 'let_declaration' && declaration.childForFieldName('pattern')?.id === pattern.id;
}

/**
 * The first element type the uses of `name` after `declaration` (a `let`) imply, or null.
 * Uses are read in source order within the let's block; shadowing ends the search.
 */
export function elementFromUses(declaration: Node, name: string, typers: UseTypers): TypeExpr | null {
  const block = parentOf(declaration);
  if (!block || inProgress.has(declaration.id)) return null;
  inProgress.add(declaration.id);
  try {
    // `v.push(Reservation::new(f)?)` of a generic constructor says Reservation<_, _> (or a bare
    // `Reservation`): read on for a use that says all of it, and keep the partial type if none does.
    let partial: TypeExpr | null = null;
    for (const use of usesAfter(block, declaration, name)) {
      if (isRebinding(use)) break;
      const element = firstGeneric(typeFromUse(use, typers));
      if (element && !mentionsInferred(element) && typers.complete(element)) return element;
      partial ??= element;
    }
    return partial;
  } finally {
    inProgress.delete(declaration.id);
  }
}
