/**
 * An index that sees a doc example's own type definitions first, then the workspace's: a
 * `/// struct Foo { .. }` in an example is what that example's `KBox::new(Foo { .. })` boxes.
 */
import type { TypeDef, TypeIndex } from './rust-model.js';

export function withLocalTypes(index: TypeIndex, types: readonly TypeDef[]): TypeIndex {
  if (types.length === 0) return index;
  const local = new Map(types.map((t) => [t.name, t]));
  return {
    lookupType: (segments) => (segments.length === 1 ? local.get(segments[0]!) : undefined) ?? index.lookupType(segments),
    lookupConst: (segments) => index.lookupConst(segments),
    ...(index.lookupFn ? { lookupFn: index.lookupFn } : {}),
  };
}
