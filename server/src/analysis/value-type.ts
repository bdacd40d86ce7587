/**
 * The type of a value expression as written: `Foo { .. }`, `[0u8; N]`, `7u32`, `(a, b)`, a
 * binding, or a `pin_init!(Foo { .. })` initialiser. Unsuffixed literals and calls are unknown:
 * their type is inferred by rustc from context we do not see, and we do not guess it.
 *
 * Import cycle with expr-type.ts, on purpose: a value's parts are expressions (a binding, a
 * field) whose types expr-type.ts reads, and expr-type.ts asks here for initialisers' types.
 */
import type { Node } from 'web-tree-sitter';
import { typeOfExpr, type TypeContext } from './expr-type.js';
import { constFromNode, parseIntLiteral } from './extract/const-from-node.js';
import { typeFromNode } from './extract/type-from-node.js';
import type { TypeExpr } from './rust-model.js';
import { parentOf } from '../parse/ancestors.js';

const INIT_MACROS: ReadonlySet<string> = new Set(['pin_init', 'try_pin_init', 'init', 'try_init']);
const VALUE_KEEPING_METHODS: ReadonlySet<string> = new Set(['map_err', 'unwrap', 'expect', 'unwrap_or_else', 'unwrap_or', 'ok', 'ok_or', 'ok_or_else']);
const WRAPPING_CALLS: ReadonlySet<string> = new Set(['Ok', 'Some']);
const FLOAT_SUFFIX = /(f32|f64)$/;

function literalType(node: Node): TypeExpr | null {
  if (node.type === 'integer_literal') {
    const lit = parseIntLiteral(node.text);
    return lit?.suffix ? { kind: 'path', segments: [lit.suffix], generics: [] } : null;
  }
  if (node.type === 'float_literal') {
    const m = FLOAT_SUFFIX.exec(node.text);
    return m ? { kind: 'path', segments: [m[1]!], generics: [] } : null;
  }
  if (node.type === 'boolean_literal') return { kind: 'path', segments: ['bool'], generics: [] };
  if (node.type === 'char_literal') return { kind: 'path', segments: ['char'], generics: [] };
  // "..." is a &'static str and b"..." a &'static [u8; N]: the Reference, "Literal expressions".
  if (node.type === 'string_literal' && !node.text.startsWith('b')) return { kind: 'ref', mutable: false, target: { kind: 'path', segments: ['str'], generics: [] } };
  return null;
}

/** `Self` or `Marker` as a value: a unit struct (the impl's, or one the workspace defines with no fields). */
function unitStruct(node: Node, ctx: TypeContext): TypeExpr | null {
  if (node.text === 'Self') return { kind: 'path', segments: ['Self'], generics: [] };
  const def = /^[A-Z]/.test(node.text) ? ctx.index.lookupType([node.text]) : undefined;
  return def?.kind === 'struct' && def.fields.length === 0 && !def.tuple ? { kind: 'path', segments: [node.text], generics: [] } : null;
}

export function valueType(node: Node | null, ctx: TypeContext, depth = 0): TypeExpr | null {
  if (!node || depth > 8) return null;
  const literal = literalType(node);
  if (literal) return literal;
  switch (node.type) {
    case 'struct_expression': {
      const name = node.childForFieldName('name');
      return name ? typeFromNode(name) : null;
    }
    case 'array_expression': {
      const length = node.childForFieldName('length');
      const items = node.namedChildren.filter((c): c is Node => c !== null && !c.type.endsWith('comment'));
      if (length) {
        const element = valueType(node.childForFieldName('value') ?? items[0] ?? null, ctx, depth + 1);
        return element ? { kind: 'array', element, length: constFromNode(length) } : null;
      }
      const element = items.map((i) => valueType(i, ctx, depth + 1)).find((t) => t !== null) ?? null;
      return element ? { kind: 'array', element, length: { kind: 'int', value: BigInt(items.length), text: String(items.length) } } : null;
    }
    case 'tuple_expression': {
      const elements = node.namedChildren.filter((c): c is Node => c !== null).map((c) => valueType(c, ctx, depth + 1));
      return elements.every((e) => e !== null) ? { kind: 'tuple', elements: elements as TypeExpr[] } : null;
    }
    case 'unit_expression':
      return { kind: 'tuple', elements: [] };
    case 'macro_invocation': {
      // pin_init!(Foo { .. }) / try_pin_init!(Foo <- ..): the first token names the type.
      const name = node.childForFieldName('macro')?.text.split('::').at(-1) ?? '';
      const first = node.namedChildren.find((c) => c?.type === 'token_tree')?.namedChildren[0];
      if (INIT_MACROS.has(name) && first && (first.type === 'identifier' || first.type === 'type_identifier')) {
        return { kind: 'path', segments: [first.text], generics: [] };
      }
      return null;
    }
    case 'reference_expression':
    case 'parenthesized_expression':
      return valueType(node.namedChildren.at(-1) ?? null, ctx, depth + 1);
    case 'identifier':
      return typeOfExpr(node, ctx) ?? unitStruct(node, ctx);
    default:
      return typeOfExpr(node, ctx);
  }
}

/** Where a call's value lands through `?`, `.map_err(..)` and parentheses: a `let`, or whatever holds it. */
function valueHolder(call: Node): Node | null {
  let child = call;
  for (let n = parentOf(call); n; child = n, n = parentOf(n)) {
    if (n.type === 'try_expression' || n.type === 'parenthesized_expression') continue;
    // `call.map_err(..)`, `.unwrap_or_else(..)` and `Ok(call)` keep the value; other methods and calls do not.
    if (n.type === 'field_expression' && VALUE_KEEPING_METHODS.has(n.childForFieldName('field')?.text ?? '')) continue;
    if (n.type === 'call_expression' && n.childForFieldName('function')?.id === child.id && child.type === 'field_expression') continue;
    if (n.type === 'arguments' && n.namedChildCount === 1 && WRAPPING_CALLS.has(parentOf(n)?.childForFieldName('function')?.text ?? '')) continue;
    if (n.type === 'call_expression' && child.type === 'arguments') continue;
    return n;
  }
  return null;
}

/** `let mut v = KVec::with_capacity(..)?;` → the `let` and the plain name it binds, if any. */
export function bindingAround(call: Node): { declaration: Node; name: string } | null {
  const holder = valueHolder(call);
  if (holder?.type !== 'let_declaration') return null;
  let pattern = holder.childForFieldName('pattern');
  if (pattern?.type === 'mut_pattern') pattern = pattern.namedChildren[0] ?? null;
  return pattern?.type === 'identifier' ? { declaration: holder, name: pattern.text } : null;
}

/** `Foo { items: KVec::with_capacity(n, f)?, .. }` → the struct's name node and the field, if the call is a field's value. */
export function fieldAround(call: Node): { structName: Node; field: string } | null {
  const n = valueHolder(call);
  if (n?.type !== 'field_initializer') return null;
  const struct = parentOf(parentOf(n));
  const structName = struct?.type === 'struct_expression' ? struct.childForFieldName('name') : null;
  const field = n.childForFieldName('field')?.text;
  return structName && field ? { structName, field } : null;
}

/** `let b: KBox<Foo> = KBox::new(..)?;` → the annotated type around a call, if any. */
export function annotatedTypeAround(call: Node): TypeExpr | null {
  const n = valueHolder(call);
  if (n?.type === 'let_declaration') {
    const type = n.childForFieldName('type');
    return type ? typeFromNode(type) : null;
  }
  // The tail expression of a function body takes the function's return type (Result<T> → T).
  const fn = n?.type === 'block' ? parentOf(n) : null;
  if (n?.type === 'block' && fn?.type === 'function_item' && n.lastNamedChild && n.lastNamedChild.endIndex >= call.endIndex) {
    const ret = fn.childForFieldName('return_type');
    if (!ret) return null;
    const type = typeFromNode(ret);
    const last = type.kind === 'path' ? type.segments.at(-1) : '';
    return type.kind === 'path' && (last === 'Result' || last === 'Option') && type.generics[0] ? type.generics[0] : type;
  }
  return null;
}
