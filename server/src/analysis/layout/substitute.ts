/**
 * Generic parameter substitution: `struct Ring<T, const N: usize> { items: [T; N] }` used as
 * `Ring<u64, 16>` becomes `{ items: [u64; 16] }` before layout. A parameter is a one-segment
 * path without generics; Tree-sitter cannot tell `Ring<u64, N>`'s `N` from a type, so a
 * one-segment path given for a const parameter is read as a constant.
 */
import type { ConstExpr, GenericParam, TypeExpr } from '../rust-model.js';

export interface Substitution {
  readonly types: ReadonlyMap<string, TypeExpr>;
  readonly consts: ReadonlyMap<string, ConstExpr>;
}

export type Binding = { readonly ok: true; readonly subst: Substitution } | { readonly ok: false; readonly missing: string };

function asConst(arg: TypeExpr): ConstExpr | undefined {
  if (arg.kind === 'const-arg') return arg.value;
  if (arg.kind === 'path' && arg.segments.length === 1 && arg.generics.length === 0) {
    return { kind: 'path', segments: arg.segments, text: arg.segments[0]! };
  }
  return undefined;
}

/** Pair parameters with arguments (or their defaults). */
export function bindGenerics(params: readonly GenericParam[], args: readonly TypeExpr[]): Binding {
  const types = new Map<string, TypeExpr>();
  const consts = new Map<string, ConstExpr>();
  for (const [i, param] of params.entries()) {
    const arg = args[i];
    if (param.kind === 'type') {
      const type = arg ?? param.default;
      if (!type) return { ok: false, missing: param.name };
      types.set(param.name, type.kind === 'const-arg' ? { kind: 'unknown', text: type.value.text } : type);
    } else {
      const value = (arg && asConst(arg)) ?? param.default;
      if (!value) return { ok: false, missing: param.name };
      consts.set(param.name, value);
    }
  }
  return { ok: true, subst: { types, consts } };
}

function isEmpty(s: Substitution): boolean {
  return s.types.size === 0 && s.consts.size === 0;
}

export function substituteType(type: TypeExpr, s: Substitution): TypeExpr {
  if (isEmpty(s)) return type;
  switch (type.kind) {
    case 'path': {
      if (type.segments.length === 1 && type.generics.length === 0) {
        const name = type.segments[0]!;
        const bound = s.types.get(name);
        if (bound) return bound;
        const value = s.consts.get(name);
        if (value) return { kind: 'const-arg', value };
      }
      // `B::State` with B = MutexBackend is `MutexBackend::State` (the impl's associated type).
      const owner = type.segments.length === 2 ? s.types.get(type.segments[0]!) : undefined;
      if (owner?.kind === 'path' && owner.generics.length === 0) {
        return { ...type, segments: [...owner.segments, type.segments[1]!], generics: type.generics.map((g) => substituteType(g, s)) };
      }
      return { ...type, generics: type.generics.map((g) => substituteType(g, s)) };
    }
    case 'array':
      return { ...type, element: substituteType(type.element, s), length: substituteConst(type.length, s) };
    case 'tuple':
      return { ...type, elements: type.elements.map((e) => substituteType(e, s)) };
    case 'ref':
    case 'ptr':
      return { ...type, target: substituteType(type.target, s) };
    case 'slice':
      return { ...type, element: substituteType(type.element, s) };
    case 'const-arg':
      return { ...type, value: substituteConst(type.value, s) };
    case 'dyn':
    case 'fn-ptr':
    case 'never':
    case 'unknown':
      return type;
  }
}

export function substituteConst(expr: ConstExpr, s: Substitution): ConstExpr {
  if (isEmpty(s)) return expr;
  switch (expr.kind) {
    case 'path':
      return (expr.segments.length === 1 && s.consts.get(expr.segments[0]!)) || expr;
    case 'unary':
      return { ...expr, operand: substituteConst(expr.operand, s) };
    case 'binary':
      return { ...expr, left: substituteConst(expr.left, s), right: substituteConst(expr.right, s) };
    case 'cast':
      return { ...expr, operand: substituteConst(expr.operand, s) };
    case 'paren':
      return { ...expr, inner: substituteConst(expr.inner, s) };
    case 'layout-call':
      return { ...expr, type: substituteType(expr.type, s) };
    case 'int':
    case 'unknown':
      return expr;
  }
}
