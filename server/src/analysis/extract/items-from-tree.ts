/**
 * The items of one file as plain definitions for the workspace index: structs, enums, unions
 * (fields, generics, #[repr]), type aliases and consts/statics. Items live at module level, in
 * `mod` blocks and (consts) in `impl` blocks, so only those are walked: a whole-tree query costs
 * as much as the parse itself. Items declared inside function bodies are not indexed.
 */
import type { Node, Tree } from 'web-tree-sitter';
import { DEFAULT_REPR, mapTypePaths, type ConstDef, type FieldDef, type FnDef, type GenericParam, type IntTypeName, type Repr, type TypeDef, type TypeExpr, type VariantDef } from '../rust-model.js';
import { constFromNode, parseIntLiteral } from './const-from-node.js';
import { mentionsSelf, replaceSelf } from '../self-type.js';
import { typeArguments, typeFromNode } from './type-from-node.js';
import { nested } from './nesting.js';
import { parentOf } from '../../parse/ancestors.js';

export interface FileItems {
  readonly types: readonly TypeDef[];
  readonly consts: readonly ConstDef[];
  /** Functions with a written return type (free ones and those in impl blocks). */
  readonly fns?: readonly FnDef[];
}

const INITIALISER_TRAITS: ReadonlySet<string> = new Set(['PinInit', 'Init']);

/** `-> Result<Self>` in `impl Foo` → Result<Foo>; `-> impl PinInit<Self, Error>` → Foo. */
/**
 * `impl<K, V> RBTreeNodeReservation<K, V> { fn new(..) -> Result<Self> }`: K and V are whatever
 * the caller's use infers, so in the recorded signature they are `_` (rustc's word for a type it
 * infers), never a type named `K`.
 */
function inferredParams(type: TypeExpr, params: ReadonlySet<string>): TypeExpr {
  if (params.size === 0) return type;
  return mapTypePaths(type, (path, again) =>
    path.segments.length === 1 && path.generics.length === 0 && params.has(path.segments[0]!) ? { kind: 'path', segments: ['_'], generics: [] } : { ...path, generics: path.generics.map(again) },
  );
}

/** Crates whose types no workspace defines: a name imported from them is never a workspace type. */
const STD_CRATES = /^(core|alloc|std)::/;

/**
 * `use core::ops::Range;`, `use core::mem::{MaybeUninit, size_of};` (one level of braces, `as`
 * renames): the names a file takes from core, alloc or std, with their full paths.
 */
function stdImports(use: Node, into: Map<string, string[]>): void {
  const text = use.childForFieldName('argument')?.text.replace(/\s+/g, '') ?? '';
  if (!STD_CRATES.test(text)) return;
  const braces = /^(.*)::\{([^{}]*)\}$/.exec(text);
  const items = braces ? braces[2]!.split(',').map((name) => `${braces[1]}::${name}`) : [text];
  for (const item of items) {
    const [path, alias] = item.split('as');
    const segments = path!.split('::').filter((x) => x !== '' && x !== 'self');
    const name = alias ?? segments.at(-1);
    if (name && /^[A-Z]/.test(name) && segments.length > 1) into.set(name, segments);
  }
}

/** A bare `Range<usize>` in a file that imports core::ops::Range is `core::ops::Range<usize>`. */
function qualified(type: TypeExpr, imports: ReadonlyMap<string, string[]>): TypeExpr {
  return mapTypePaths(type, (path, again) => {
    const full = path.segments.length === 1 ? imports.get(path.segments[0]!) : undefined;
    return { ...path, ...(full ? { segments: full } : {}), generics: path.generics.map(again) };
  });
}

function qualifiedDef(def: TypeDef, imports: ReadonlyMap<string, string[]>): TypeDef {
  const fieldsOf = (fields: readonly FieldDef[]) => fields.map((f) => ({ ...f, type: qualified(f.type, imports) }));
  switch (def.kind) {
    case 'struct':
    case 'union':
      return { ...def, fields: fieldsOf(def.fields) };
    case 'enum':
      return { ...def, variants: def.variants.map((v) => ({ ...v, fields: fieldsOf(v.fields) })) };
    case 'alias':
      return { ...def, target: qualified(def.target, imports) };
  }
}

const NO_PARAMS: ReadonlySet<string> = new Set();

function typeParamNames(...items: (Node | null)[]): ReadonlySet<string> {
  // Most functions and impls have no generics: skip the walk.
  if (!items.some((item) => item?.childForFieldName('type_parameters'))) return NO_PARAMS;
  return new Set(items.flatMap((item) => (item ? genericsOf(item) : [])).flatMap((g) => (g.kind === 'type' ? [g.name] : [])));
}

function returnTypeOf(fn: Node, self: TypeExpr | null): TypeExpr | null {
  let ret = fn.childForFieldName('return_type');
  // `impl PinInit<Self, Error> + '_` parses as the bounds around the `impl` type.
  if (ret?.type === 'bounded_type') ret = ret.namedChildren.find((c) => c?.type === 'abstract_type') ?? ret;
  if (!ret) return null;
  // Only the initialiser's first argument of an `impl` return is kept: read the whole type only otherwise.
  let type: TypeExpr;
  if (ret.type === 'abstract_type') {
    const trait = ret.childForFieldName('trait');
    const name = trait?.type === 'generic_type' ? trait.childForFieldName('type')?.text.split('::').at(-1) : undefined;
    const first = name && INITIALISER_TRAITS.has(name) ? typeArguments(trait!.childForFieldName('type_arguments'))[0] : undefined;
    if (!first) return null;
    type = first;
  } else {
    type = typeFromNode(ret);
  }
  const outer = parentOf(parentOf(fn));
  const impl = outer?.type === 'impl_item' ? outer : null;
  return inferredParams(self && mentionsSelf(type) ? replaceSelf(type, self) : type, typeParamNames(impl, fn));
}

const INT_NAMES: ReadonlySet<string> = new Set(['u8', 'u16', 'u32', 'u64', 'u128', 'usize', 'i8', 'i16', 'i32', 'i64', 'i128', 'isize']);

/** The `#[...]` attributes written right before an item (comments may sit between them). */
export function attributesOf(item: Node): Node[] {
  const out: Node[] = [];
  for (let prev = item.previousNamedSibling; prev; prev = prev.previousNamedSibling) {
    if (prev.type === 'attribute_item') out.push(prev);
    else if (prev.type !== 'line_comment' && prev.type !== 'block_comment') break;
  }
  return out;
}

/** Merge every `#[repr(...)]` of an item. */
export function reprOf(item: Node): Repr {
  let repr: { -readonly [K in keyof Repr]: Repr[K] } = { ...DEFAULT_REPR };
  for (const attrItem of attributesOf(item)) {
    const attr = attrItem.namedChildren[0];
    if (!attr || attr.namedChildren[0]?.text !== 'repr') continue;
    const args = attr.childForFieldName('arguments');
    if (!args) continue;
    const tokens = args.namedChildren.filter((c): c is Node => c !== null);
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      const next = tokens[i + 1];
      const argValue = (): number | undefined => {
        if (next?.type !== 'token_tree') return undefined;
        const lit = next.namedChildren[0] ? parseIntLiteral(next.namedChildren[0].text) : null;
        return lit ? Number(lit.value) : undefined;
      };
      if (token.text === 'C') repr = { ...repr, base: 'C' };
      else if (token.text === 'transparent') repr = { ...repr, base: 'transparent' };
      else if (token.text === 'packed') repr = { ...repr, packedBytes: argValue() ?? 1 };
      else if (token.text === 'align') {
        const align = argValue();
        if (align !== undefined) repr = { ...repr, alignBytes: align };
      } else if (INT_NAMES.has(token.text)) repr = { ...repr, int: token.text as IntTypeName };
    }
  }
  return repr;
}

function genericsOf(item: Node): GenericParam[] {
  const params = item.childForFieldName('type_parameters');
  if (!params) return [];
  const out: GenericParam[] = [];
  for (const p of params.namedChildren) {
    if (!p) continue;
    if (p.type === 'type_identifier') out.push({ kind: 'type', name: p.text });
    else if (p.type === 'constrained_type_parameter' || p.type === 'optional_type_parameter' || p.type === 'type_parameter') {
      const name = p.childForFieldName('left') ?? p.childForFieldName('name') ?? p.namedChildren[0];
      const dflt = p.childForFieldName('default_type');
      if (name) out.push(dflt ? { kind: 'type', name: name.text, default: typeFromNode(dflt) } : { kind: 'type', name: name.text });
    } else if (p.type === 'const_parameter') {
      const name = p.childForFieldName('name');
      const type = p.childForFieldName('type');
      // `const ID: u64 = 0` (rust/kernel/list.rs List, ListLinks, Work): the default is what
      // a written `List<Thread>` means.
      const value = p.childForFieldName('value');
      if (name && type) out.push({ kind: 'const', name: name.text, type: typeFromNode(type), ...(value ? { default: constFromNode(value) } : {}) });
    }
  }
  return out;
}

function fieldsOf(body: Node | null): { fields: FieldDef[]; tuple: boolean } {
  if (!body) return { fields: [], tuple: false };
  if (body.type === 'ordered_field_declaration_list') {
    const types = body.namedChildren.filter((c): c is Node => c !== null && c.type !== 'attribute_item' && c.type !== 'visibility_modifier' && !c.type.endsWith('comment'));
    return { fields: types.map((t, i) => ({ name: String(i), type: typeFromNode(t) })), tuple: true };
  }
  const fields: FieldDef[] = [];
  // Attributes stand as siblings before their field: a `#[cfg(..)]` belongs to the next field.
  let cfg: string | undefined;
  for (const f of body.namedChildren) {
    if (f?.type === 'attribute_item') {
      const m = /^#\[\s*cfg\s*\((.*)\)\s*\]$/s.exec(f.text);
      if (m) cfg = m[1]!.trim();
      continue;
    }
    if (f?.type !== 'field_declaration') continue;
    const name = f.childForFieldName('name');
    const type = f.childForFieldName('type');
    if (name && type) fields.push({ name: name.text, type: typeFromNode(type), ...(cfg !== undefined ? { cfg } : {}) });
    cfg = undefined;
  }
  return { fields, tuple: false };
}

function variantsOf(body: Node | null): VariantDef[] {
  if (!body) return [];
  const out: VariantDef[] = [];
  for (const v of body.namedChildren) {
    if (v?.type !== 'enum_variant') continue;
    const name = v.childForFieldName('name')?.text ?? '';
    const value = v.childForFieldName('value');
    const { fields } = fieldsOf(v.childForFieldName('body'));
    out.push(value ? { name, fields, discriminant: constFromNode(value) } : { name, fields });
  }
  return out;
}

const ITEM_CONTAINERS: ReadonlySet<string> = new Set(['mod_item', 'impl_item', 'declaration_list']);
const INDEXED_ITEMS: ReadonlySet<string> = new Set(['struct_item', 'union_item', 'enum_item', 'type_item', 'const_item', 'static_item']);
/** Items inside function bodies are not indexed, so functions are read without descending. */
const FUNCTION_ITEMS: ReadonlySet<string> = new Set(['function_item']);

export function itemsFromTree(tree: Tree): FileItems {
  return itemsUnder(tree.rootNode);
}

/** The items written directly in `parent` (a file, or the block of a doc example's wrapper function). */
export function itemsUnder(parent: Node): FileItems {
  const types: TypeDef[] = [];
  const consts: ConstDef[] = [];
  const fns: FnDef[] = [];
  const visit = (parent: Node, self: TypeExpr | null): void => {
    for (const item of parent.namedChildren) {
      if (!item) continue;
      if (ITEM_CONTAINERS.has(item.type)) {
        const body = item.type === 'declaration_list' ? item : item.childForFieldName('body');
        const implType = item.type === 'impl_item' ? item.childForFieldName('type') : null;
        if (body) nested('modules and impls', () => visit(body, implType ? typeFromNode(implType) : item.type === 'mod_item' ? null : self));
        continue;
      }
      if (FUNCTION_ITEMS.has(item.type)) {
        const name = item.childForFieldName('name')?.text;
        const returns = name ? returnTypeOf(item, self) : null;
        const owner = self?.kind === 'path' ? (self.segments.at(-1) ?? null) : null;
        if (name && returns) fns.push({ owner, name, returns });
        continue;
      }
      if (item.type === 'use_declaration') {
        stdImports(item, imports);
        continue;
      }
      // Functions, uses and macros are most items; skip them before any field lookup.
      if (!INDEXED_ITEMS.has(item.type) || item.hasError) continue;
      const name = item.childForFieldName('name')?.text;
      if (!name) continue;
      switch (item.type) {
        case 'struct_item': {
          const { fields, tuple } = fieldsOf(item.childForFieldName('body'));
          types.push({ kind: 'struct', name, generics: genericsOf(item), tuple, fields, repr: reprOf(item) });
          break;
        }
        case 'union_item':
          types.push({ kind: 'union', name, generics: genericsOf(item), fields: fieldsOf(item.childForFieldName('body')).fields, repr: reprOf(item) });
          break;
        case 'enum_item':
          types.push({ kind: 'enum', name, generics: genericsOf(item), variants: variantsOf(item.childForFieldName('body')), repr: reprOf(item) });
          break;
        case 'type_item': {
          const target = item.childForFieldName('type');
          // An impl's associated type (`type State = bindings::mutex;` in `impl Backend for
          // MutexBackend`) is `MutexBackend::State`, never a free-standing `State`.
          const owner = self?.kind === 'path' ? self.segments.at(-1) : undefined;
          if (target) types.push({ kind: 'alias', name: owner ? `${owner}::${name}` : name, generics: genericsOf(item), target: typeFromNode(target) });
          break;
        }
        case 'const_item':
        case 'static_item': {
          const value = item.childForFieldName('value');
          const type = item.childForFieldName('type');
          if (value) consts.push(type ? { name, type: typeFromNode(type), value: constFromNode(value) } : { name, value: constFromNode(value) });
          break;
        }
      }
    }
  };
  const imports = new Map<string, string[]>();
  visit(parent, null);
  return { types: imports.size > 0 ? types.map((t) => qualifiedDef(t, imports)) : types, consts, fns };
}
