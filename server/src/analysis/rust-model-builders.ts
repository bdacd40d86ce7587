/**
 * Small constructors for rust-model values, so tests, built-in tables and the Tree-sitter
 * extractor build the same shapes the same way. Texts are composed the way rustfmt would
 * print them; `pathType('kernel::alloc::KBox', [...])` splits the path on `::` only.
 */
import {
  DEFAULT_REPR,
  type BinaryOp,
  type ConstDef,
  type ConstExpr,
  type EnumDef,
  type FieldDef,
  type GenericParam,
  type IntTypeName,
  type Repr,
  type StructDef,
  type TypeDef,
  type TypeExpr,
  type TypeIndex,
  type VariantDef,
  typeText,
} from './rust-model.js';

export function pathType(path: string, generics: readonly TypeExpr[] = []): TypeExpr {
  return { kind: 'path', segments: path.split('::'), generics };
}

export function arrayType(element: TypeExpr, length: ConstExpr | number): TypeExpr {
  return { kind: 'array', element, length: typeof length === 'number' ? intLit(length) : length };
}

export function tupleType(...elements: TypeExpr[]): TypeExpr {
  return { kind: 'tuple', elements };
}

export const UNIT: TypeExpr = { kind: 'tuple', elements: [] };

export function refType(target: TypeExpr, mutable = false): TypeExpr {
  return { kind: 'ref', mutable, target };
}

export function ptrType(target: TypeExpr, mutable = false): TypeExpr {
  return { kind: 'ptr', mutable, target };
}

export function sliceType(element: TypeExpr): TypeExpr {
  return { kind: 'slice', element };
}

export function dynType(...traits: string[]): TypeExpr {
  return { kind: 'dyn', traits };
}

export function constArg(value: ConstExpr | number): TypeExpr {
  return { kind: 'const-arg', value: typeof value === 'number' ? intLit(value) : value };
}

export function intLit(value: number | bigint, suffix?: IntTypeName): ConstExpr {
  const big = BigInt(value);
  const text = `${big}${suffix ?? ''}`;
  return suffix ? { kind: 'int', value: big, suffix, text } : { kind: 'int', value: big, text };
}

export function constPath(path: string): ConstExpr {
  return { kind: 'path', segments: path.split('::'), text: path };
}

export function binary(op: BinaryOp, left: ConstExpr, right: ConstExpr): ConstExpr {
  return { kind: 'binary', op, left, right, text: `${left.text} ${op} ${right.text}` };
}

export function unary(op: '-' | '!', operand: ConstExpr): ConstExpr {
  return { kind: 'unary', op, operand, text: `${op}${operand.text}` };
}

export function paren(inner: ConstExpr): ConstExpr {
  return { kind: 'paren', inner, text: `(${inner.text})` };
}

export function cast(operand: ConstExpr, type: TypeExpr): ConstExpr {
  return { kind: 'cast', operand, type, text: `${operand.text} as ${typeText(type)}` };
}

export function sizeOf(type: TypeExpr, prefix = ''): ConstExpr {
  return { kind: 'layout-call', fn: 'size_of', type, text: `${prefix}size_of::<${typeText(type)}>()` };
}

export function alignOf(type: TypeExpr, prefix = ''): ConstExpr {
  return { kind: 'layout-call', fn: 'align_of', type, text: `${prefix}align_of::<${typeText(type)}>()` };
}

/** `fields` as [name, type] pairs; tuple structs use '0', '1', ... */
export function fields(...pairs: [string, TypeExpr][]): FieldDef[] {
  return pairs.map(([name, type]) => ({ name, type }));
}

export function structDef(name: string, fieldDefs: readonly FieldDef[], options: { repr?: Repr; generics?: readonly GenericParam[]; tuple?: boolean } = {}): StructDef {
  return {
    kind: 'struct',
    name,
    generics: options.generics ?? [],
    tuple: options.tuple ?? false,
    fields: fieldDefs,
    repr: options.repr ?? DEFAULT_REPR,
  };
}

export function variant(name: string, fieldDefs: readonly FieldDef[] = [], discriminant?: ConstExpr): VariantDef {
  return discriminant ? { name, fields: fieldDefs, discriminant } : { name, fields: fieldDefs };
}

export function enumDef(name: string, variants: readonly VariantDef[], options: { repr?: Repr; generics?: readonly GenericParam[] } = {}): EnumDef {
  return { kind: 'enum', name, generics: options.generics ?? [], variants, repr: options.repr ?? DEFAULT_REPR };
}

export function constDef(name: string, value: ConstExpr, type?: TypeExpr): ConstDef {
  return type ? { name, type, value } : { name, value };
}

/** A first-version index: names are matched by their last path segment only. */
export function createTypeIndex(types: readonly TypeDef[], consts: readonly ConstDef[] = []): TypeIndex {
  const typeMap = new Map(types.map((def) => [def.name, def]));
  const constMap = new Map(consts.map((def) => [def.name, def]));
  const last = (segments: readonly string[]): string => segments[segments.length - 1] ?? '';
  return {
    lookupType: (segments) => typeMap.get(last(segments)),
    lookupConst: (segments) => constMap.get(last(segments)),
  };
}

export const EMPTY_INDEX: TypeIndex = createTypeIndex([]);
