/**
 * The declared type of the struct field a call's value is moved into: `Foo { items: call? }` or a
 * tuple struct's constructor `Self(call?)` / `Wrapper(a, call?)` (field 0, 1, ..). `Self` is the
 * enclosing impl's type. What the field's type says about the call's T is the caller's to read.
 */
import type { Node } from 'web-tree-sitter';
import { parentOf } from '../parse/ancestors.js';
import { fieldType, type TypeContext } from './expr-type.js';
import { typeFromNode } from './extract/type-from-node.js';
import type { TypeExpr } from './rust-model.js';
import { resolveSelf } from './site-element.js';
import { fieldAround } from './value-type.js';

/** `Self(call?)`: the tuple constructor and the argument's position, through `?` and parentheses. */
function tupleFieldAround(call: Node): { structName: Node; field: string } | null {
  let value = call;
  for (let up = parentOf(value); up?.type === 'try_expression' || up?.type === 'parenthesized_expression'; up = parentOf(up)) value = up;
  const args = parentOf(value);
  const ctor = args?.type === 'arguments' ? parentOf(args) : null;
  const name = ctor?.type === 'call_expression' ? ctor.childForFieldName('function') : null;
  if (!args || !name || !(name.type === 'identifier' || name.type === 'scoped_identifier' || name.type === 'self')) return null;
  // Tuple structs are CamelCase (Rust's naming); a function call is not a constructor.
  if (!/^[A-Z]/.test(name.text.split('::').at(-1) ?? '')) return null;
  const index = args.namedChildren.filter((c) => c !== null && !c.type.endsWith('comment')).findIndex((c) => c!.id === value.id);
  return index >= 0 ? { structName: name, field: String(index) } : null;
}

export function fieldTypeAround(call: Node, ctx: TypeContext): TypeExpr | null {
  const at = fieldAround(call) ?? tupleFieldAround(call);
  if (!at) return null;
  const owner = resolveSelf(typeFromNode(at.structName), call, ctx);
  return owner ? fieldType(owner, at.field, ctx) : null;
}
