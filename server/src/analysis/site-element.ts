/**
 * What the source says about the allocated type T besides the call's own generics: the `let`
 * annotation or function return type around it, unwrapped the way the call's signature wraps T
 * (`KBox::pin_init(..)` returns `Result<Pin<KBox<T>>>`, `UniqueArc::new_uninit` returns
 * `Result<UniqueArc<MaybeUninit<T>>>`), and `Self` read as the type of the enclosing `impl`.
 */
import type { Node } from 'web-tree-sitter';
import { BOX_ALIASES, VECTOR_ALIASES } from './data/kernel-type-names.js';
import { expandAliasOnce, type TypeContext } from './expr-type.js';
import { typeFromNode } from './extract/type-from-node.js';
import type { TypeExpr } from './rust-model.js';
import { mentionsSelf, replaceSelf } from './self-type.js';
import { parentOf } from '../parse/ancestors.js';

/** Wrappers a constructor's return type puts around the container (init.rs, kbox.rs, arc.rs). */
const SIGNATURE_WRAPPERS: ReadonlySet<string> = new Set(['Result', 'Option', 'Pin']);

export type ContainerFamily = 'vector' | 'box' | 'arc';

const FAMILY: Readonly<Record<ContainerFamily, (name: string) => boolean>> = {
  vector: (name) => name in VECTOR_ALIASES || name === 'Vec',
  box: (name) => name in BOX_ALIASES || name === 'Box',
  arc: (name) => name === 'Arc' || name === 'UniqueArc' || name === 'ListArc',
};

function last(type: TypeExpr): string {
  return type.kind === 'path' ? (type.segments.at(-1) ?? '') : '';
}

/**
 * T from an annotation on the call's value: `Pin<KBox<Self>>` → `Self`, `Arc<Foo>` → `Foo`, and
 * for `new_uninit` `KBox<MaybeUninit<Foo>>` → `Foo`. An annotation that is not this call's
 * container (a `.into()` target, a different pointer) says nothing about T: null.
 */
export function elementFromAnnotation(annotated: TypeExpr | null, family: ContainerFamily, uninit: boolean, ctx: TypeContext): TypeExpr | null {
  let type = annotated;
  for (let i = 0; type && i < 8; i++) {
    if (type.kind !== 'path') return null;
    const name = last(type);
    if (FAMILY[family](name)) {
      const element = type.generics[0] ?? null;
      if (!uninit) return element;
      return element?.kind === 'path' && last(element) === 'MaybeUninit' ? (element.generics[0] ?? null) : null;
    }
    if (SIGNATURE_WRAPPERS.has(name)) type = type.generics[0] ?? null;
    else type = expandAliasOnce(type, ctx);
  }
  return null;
}

/** The `impl` item around a node, or around the macro call a re-parsed body came from. */
function implAt(at: Node, ctx: TypeContext): Node | null {
  const inside = (n: Node | null): Node | null => {
    for (let p = parentOf(n); p; p = parentOf(p)) if (p.type === 'impl_item') return p;
    return null;
  };
  return inside(at) ?? inside(ctx.host ?? null);
}

/** `type Driver = NovaDriver;` inside the impl: what `Self::Driver` names. */
function associatedType(impl: Node, name: string): TypeExpr | null {
  for (const item of impl.childForFieldName('body')?.namedChildren ?? []) {
    if (item?.type === 'type_item' && item.childForFieldName('name')?.text === name) {
      const target = item.childForFieldName('type');
      return target ? typeFromNode(target) : null;
    }
  }
  return null;
}

/**
 * `Self` (also inside generics, arrays, tuples) replaced by the impl's type, and `Self::Assoc`
 * by the impl's `type Assoc = ..;`, when the source gives them.
 */
export function resolveSelf(type: TypeExpr | null, at: Node, ctx: TypeContext): TypeExpr | null {
  if (!type || !mentionsSelf(type)) return type;
  const impl = implAt(at, ctx);
  const selfNode = impl?.childForFieldName('type');
  if (!impl || !selfNode) return type;
  const self = typeFromNode(selfNode);
  // Not in this impl: another impl of the same type (a trait's) may give it; the index keys
  // those as `Owner::Assoc`.
  const elsewhere = (name: string): TypeExpr | null => (self.kind === 'path' ? { kind: 'path', segments: [self.segments.at(-1)!, name], generics: [] } : null);
  return replaceSelf(type, self, (name) => associatedType(impl, name) ?? elsewhere(name));
}
