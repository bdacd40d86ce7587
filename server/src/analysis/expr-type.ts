/**
 * The type of an expression where the source says it: `let` annotations and initialisers,
 * parameters, `self`, struct fields (through the workspace index), lock guards
 * (`self.inner.lock().items`), constructor calls (`KVec::<T>::with_capacity`), `?`, `&`, `*`,
 * and type aliases. Anything else is null: the caller reports "unknown", never a guess.
 *
 * Import cycle with value-type.ts, on purpose: a binding's type may be its initialiser's
 * (`let v = Foo { .. }`), and a value's type may be an expression's (`[x; N]`, `(a, b)`): the
 * two walk one expression tree, each handing the other the sub-expressions it does not read.
 */
import type { Node } from 'web-tree-sitter';
import { DEREF_TO_FIRST_GENERIC, LOCK_METHODS, LOCK_TYPES, VECTOR_ALIASES } from './data/kernel-type-names.js';
import { typeArguments, typeFromNode } from './extract/type-from-node.js';
import type { TypeDef, TypeExpr, TypeIndex } from './rust-model.js';
import { elementFromUses } from './element-from-uses.js';
import { enclosingImplType, findBinding } from './scope.js';
// A cycle by design: a pushed value's type (value-type) may name a binding (expr-type).
import { valueType } from './value-type.js';
import { hasOwnName } from '../../../engine/src/index.js';

const MAX_DEPTH = 24;
/** Associated functions that return `Self` (or a vector/box of the given type). */
const CONSTRUCTORS: ReadonlySet<string> = new Set(['new', 'with_capacity', 'from_elem', 'default', 'new_uninit', 'pin_init', 'try_new']);
/** Containers whose element type rustc may infer from later uses. */
const GROWABLE: ReadonlySet<string> = new Set([...Object.keys(VECTOR_ALIASES), 'Vec']);
const UNWRAP_ON_TRY: ReadonlySet<string> = new Set(['Result', 'Option']);
/** Methods on a Result/Option that give back the value (or the same type). */
const PASS_THROUGH: ReadonlySet<string> = new Set(['unwrap', 'expect', 'unwrap_or_else', 'unwrap_or', 'unwrap_or_default', 'map_err', 'clone', 'ok', 'ok_or', 'ok_or_else']);

function unwrapResult(type: TypeExpr | null): TypeExpr | null {
  if (type?.kind === 'path' && UNWRAP_ON_TRY.has(lastSegment(type) ?? '') && type.generics[0]) return type.generics[0];
  return type;
}

export interface TypeContext {
  readonly index: TypeIndex;
  /**
   * Element types already inferred from uses in this analysis, by `let` node id: one binding is
   * typed once, not at every receiver that names it. Lives for one pass over one tree only.
   */
  readonly inferredElements?: WeakMap<object, Map<number, TypeExpr | null>>;
  /**
   * For a re-parsed macro body: the macro call in the file's tree. Names the body does not bind
   * (`Self`, locals, parameters) are looked up from there.
   */
  readonly host?: Node;
}

function lastSegment(type: TypeExpr): string | null {
  return type.kind === 'path' ? (type.segments.at(-1) ?? null) : null;
}

/** Substitute an alias's generic parameters with the arguments written at the use. */
function substitute(type: TypeExpr, params: Map<string, TypeExpr>): TypeExpr {
  switch (type.kind) {
    case 'path':
      if (type.segments.length === 1 && type.generics.length === 0 && params.has(type.segments[0]!)) return params.get(type.segments[0]!)!;
      return { ...type, generics: type.generics.map((g) => substitute(g, params)) };
    case 'array':
      return { ...type, element: substitute(type.element, params) };
    case 'ref':
    case 'ptr':
      return { ...type, target: substitute(type.target, params) };
    case 'tuple':
      return { ...type, elements: type.elements.map((e) => substitute(e, params)) };
    default:
      return type;
  }
}

function genericMap(def: TypeDef, args: readonly TypeExpr[]): Map<string, TypeExpr> {
  const map = new Map<string, TypeExpr>();
  def.generics.forEach((g, i) => {
    if (g.kind === 'type' && args[i]) map.set(g.name, args[i]!);
  });
  return map;
}

/** One step of a workspace type alias (`type Ring = KVec<Desc>;`), or null when not an alias. */
export function expandAliasOnce(type: TypeExpr, ctx: TypeContext): TypeExpr | null {
  if (type.kind !== 'path') return null;
  const def = ctx.index.lookupType(type.segments);
  return def?.kind === 'alias' ? substitute(def.target, genericMap(def, type.generics)) : null;
}

/** Auto-deref through references, smart pointers and guards, one step. */
function derefOnce(type: TypeExpr): TypeExpr | null {
  if (type.kind === 'ref' || type.kind === 'ptr') return type.target;
  const name = lastSegment(type);
  if (type.kind === 'path' && name && DEREF_TO_FIRST_GENERIC.has(name) && type.generics[0]) return type.generics[0];
  return null;
}

/** Expand one alias or deref one pointer at a time until `accept` says stop; null if neither applies. */
export function derefUntil(type: TypeExpr, ctx: TypeContext, accept: (t: TypeExpr) => boolean): TypeExpr | null {
  let current: TypeExpr | null = type;
  for (let i = 0; current && i < 16; i++) {
    if (accept(current)) return current;
    const expanded = expandAliasOnce(current, ctx);
    current = expanded ?? derefOnce(current);
  }
  return null;
}

export function fieldType(base: TypeExpr, field: string, ctx: TypeContext): TypeExpr | null {
  const owner = derefUntil(base, ctx, (t) => t.kind === 'path' && ctx.index.lookupType(t.segments)?.kind === 'struct');
  if (!owner || owner.kind !== 'path') return null;
  const def = ctx.index.lookupType(owner.segments);
  if (def?.kind !== 'struct') return null;
  const f = def.fields.find((x) => x.name === field);
  return f ? substitute(f.type, genericMap(def, owner.generics)) : null;
}

function calleeType(fn: Node): { type: TypeExpr; method: string } | null {
  if (fn.type !== 'scoped_identifier') return null;
  const path = fn.childForFieldName('path');
  const method = fn.childForFieldName('name')?.text;
  if (!path || !method) return null;
  if (path.type === 'generic_type') {
    return { type: { kind: 'path', segments: [path.childForFieldName('type')!.text.split('::').at(-1)!], generics: typeArguments(path.childForFieldName('type_arguments')) }, method };
  }
  return { type: typeFromNode(path), method };
}

/** `let v = KVec::with_capacity(..)` says `KVec` without its element: later uses may say it. */
export function withElementFromUses(type: TypeExpr, declaration: Node, name: string, ctx: TypeContext): TypeExpr {
  if (type.kind !== 'path' || type.generics.length > 0 || !GROWABLE.has(lastSegment(type) ?? '')) return type;
  // Keyed by tree too: node ids are addresses, unique only within one tree (macro bodies are others).
  let memo = ctx.inferredElements?.get(declaration.tree);
  if (ctx.inferredElements && !memo) ctx.inferredElements.set(declaration.tree, (memo = new Map()));
  let element = memo?.get(declaration.id);
  if (element === undefined) {
    element = elementFromUses(declaration, name, {
      value: (n) => valueType(n, ctx),
      field: (structName, field) => {
        // `Self { items: v }`: the enclosing impl's type.
        const written = typeFromNode(structName);
        const impl = lastSegment(written) === 'Self' ? (enclosingImplType(structName) ?? (ctx.host ? enclosingImplType(ctx.host) : null)) : null;
        return fieldType(impl ? typeFromNode(impl) : written, field, ctx);
      },
      complete: (type) => {
        if (type.kind !== 'path' || type.generics.length > 0) return true;
        const def = ctx.index.lookupType(type.segments);
        // Primitives (`u32`) are whole; an undefined CamelCase name may be a generic written bare.
        if (!def) return !/^[A-Z]/.test(type.segments.at(-1) ?? '');
        return def.generics.every((g) => g.default !== undefined);
      },
    });
    memo?.set(declaration.id, element);
  }
  return element ? { ...type, generics: [element] } : type;
}

/** Types whose constructors CONSTRUCTORS models (the element type is inferred from uses). */
const KERNEL_CONTAINERS: ReadonlySet<string> = new Set([...GROWABLE, 'KBox', 'VBox', 'KVBox', 'Box', 'Arc', 'UniqueArc', 'ListArc']);

/** `dev.config()` where the receiver's type (or what it derefs to) has `fn config(&self) -> Config` in the workspace. */
function methodReturn(receiver: TypeExpr | null, method: string, ctx: TypeContext): TypeExpr | null {
  if (!receiver || !ctx.index.lookupFn) return null;
  let found: TypeExpr | null = null;
  derefUntil(receiver, ctx, (t) => {
    const owner = lastSegment(t);
    const def = owner ? ctx.index.lookupFn!(owner, method) : undefined;
    // A generic owner's signature may name its parameters: only a concrete receiver says them.
    if (def && t.kind === 'path' && t.generics.length === 0) found = def.returns;
    return def !== undefined;
  });
  return found;
}

/** Iterators over a tree (rust/kernel/rbtree.rs): `values()` yields &V, `keys()` &K, `iter()` (&K, &V). */
const TREE_ITERATORS: Readonly<Record<string, (k: TypeExpr, v: TypeExpr) => TypeExpr>> = {
  values: (_k, v) => v,
  values_mut: (_k, v) => v,
  keys: (k) => k,
  iter: (k, v) => ({ kind: 'tuple', elements: [k, v] }),
  iter_mut: (k, v) => ({ kind: 'tuple', elements: [k, v] }),
};
/** Iterator adaptors over a vector, an array or a slice that yield its elements (by reference or value). */
const ELEMENT_ITERATORS: ReadonlySet<string> = new Set(['iter', 'iter_mut', 'into_iter', 'drain']);

function elementOf(type: TypeExpr | null, ctx: TypeContext): TypeExpr | null {
  const seq = type ? derefUntil(type, ctx, (t) => t.kind === 'array' || t.kind === 'slice' || (t.kind === 'path' && GROWABLE.has(lastSegment(t) ?? ''))) : null;
  if (!seq) return null;
  if (seq.kind === 'array' || seq.kind === 'slice') return seq.element;
  return seq.kind === 'path' ? (seq.generics[0] ?? null) : null;
}

/**
 * One item of `for x in <iterable>`, references dropped (a reference's size never matters here:
 * what is pushed after `.clone()` is the value): `v` / `v.iter()` of a vector or array gives its
 * element, `tree.values()` the tree's V.
 */
function iterationItem(iterable: Node, ctx: TypeContext, depth: number): TypeExpr | null {
  const fn = iterable.type === 'call_expression' ? iterable.childForFieldName('function') : null;
  if (fn?.type === 'field_expression') {
    const method = fn.childForFieldName('field')?.text ?? '';
    const receiver = typeOfExpr(fn.childForFieldName('value')!, ctx, depth);
    const tree = receiver ? derefUntil(receiver, ctx, (t) => lastSegment(t) === 'RBTree') : null;
    if (tree?.kind === 'path' && tree.generics.length >= 2 && method in TREE_ITERATORS) return TREE_ITERATORS[method]!(tree.generics[0]!, tree.generics[1]!);
    if (ELEMENT_ITERATORS.has(method)) return elementOf(receiver, ctx);
    return null;
  }
  return elementOf(typeOfExpr(iterable, ctx, depth), ctx);
}

export function typeOfExpr(node: Node, ctx: TypeContext, depth = 0): TypeExpr | null {
  if (depth > MAX_DEPTH) return null;
  const next = (n: Node | null): TypeExpr | null => (n ? typeOfExpr(n, ctx, depth + 1) : null);
  switch (node.type) {
    case 'identifier': {
      const binding = findBinding(node.text, node) ?? (ctx.host ? findBinding(node.text, ctx.host) : null);
      if (!binding) return null;
      if (binding.typeNode) return typeFromNode(binding.typeNode);
      if (binding.iterable) return depth < MAX_DEPTH ? iterationItem(binding.iterable, ctx, depth + 1) : null;
      // `let req = Req { .. };`: the initialiser's value type, which also reads struct literals.
      const initial = binding.valueNode && depth < MAX_DEPTH ? valueType(binding.valueNode, ctx) : null;
      return initial && binding.declaration ? withElementFromUses(initial, binding.declaration, node.text, ctx) : initial;
    }
    case 'self': {
      const impl = enclosingImplType(node) ?? (ctx.host ? enclosingImplType(ctx.host) : null);
      return impl ? typeFromNode(impl) : null;
    }
    case 'field_expression': {
      const base = next(node.childForFieldName('value'));
      const field = node.childForFieldName('field')?.text;
      return base && field ? fieldType(base, field, ctx) : null;
    }
    case 'call_expression': {
      const fn = node.childForFieldName('function');
      if (!fn) return null;
      if (fn.type === 'field_expression') {
        const method = fn.childForFieldName('field')?.text ?? '';
        if (PASS_THROUGH.has(method)) return unwrapResult(next(fn.childForFieldName('value')));
        if (!LOCK_METHODS.has(method)) return methodReturn(next(fn.childForFieldName('value')), method, ctx);
        const base = next(fn.childForFieldName('value'));
        const lock = base && derefUntil(base, ctx, (t) => t.kind === 'path' && hasOwnName(LOCK_TYPES, lastSegment(t) ?? ''));
        // The guard derefs to the protected data; field access goes straight through it.
        return lock && lock.kind === 'path' ? (lock.generics[0] ?? null) : null;
      }
      if (fn.type === 'identifier') return ctx.index.lookupFn?.(null, fn.text)?.returns ?? null;
      const callee = calleeType(fn);
      if (!callee) return null;
      const owner = lastSegment(callee.type);
      // `crate::context::get_all_contexts()`: a free function called through its module path.
      if (owner && /^[a-z_]/.test(owner) && owner !== 'self') {
        const free = ctx.index.lookupFn?.(null, callee.method);
        if (free) return free.returns;
      }
      // A workspace function's written signature; the kernel containers' constructors are below.
      const declared =
        owner && owner !== 'Self' && !KERNEL_CONTAINERS.has(owner) && callee.type.kind === 'path' && callee.type.generics.length === 0 ? ctx.index.lookupFn?.(owner, callee.method) : undefined;
      if (declared) return declared.returns;
      if (owner === 'Self') {
        const impl = enclosingImplType(node) ?? (ctx.host ? enclosingImplType(ctx.host) : null);
        const implName = impl ? lastSegment(typeFromNode(impl)) : null;
        const own = implName ? ctx.index.lookupFn?.(implName, callee.method) : undefined;
        if (own) return own.returns;
      }
      if (!CONSTRUCTORS.has(callee.method)) return null;
      if (lastSegment(callee.type) === 'Self') {
        const impl = enclosingImplType(node) ?? (ctx.host ? enclosingImplType(ctx.host) : null);
        return impl ? typeFromNode(impl) : null;
      }
      return callee.type;
    }
    case 'try_expression': {
      return unwrapResult(next(node.namedChildren[0] ?? null));
    }
    case 'reference_expression':
      return next(node.childForFieldName('value'));
    case 'parenthesized_expression':
      return next(node.namedChildren[0] ?? null);
    case 'unary_expression': {
      const inner = next(node.namedChildren[0] ?? null);
      // `*guard`: a lock guard is already read as the data it protects, so `*` keeps it.
      return inner && node.children[0]?.text === '*' ? (derefOnce(inner) ?? inner) : inner;
    }
    default:
      return null;
  }
}
