/**
 * `Self` inside a type, replaced by the type of the impl it is written in (and `Self::Assoc` by
 * the impl's associated type, when the caller can look it up). Plain data in, plain data out.
 */
import { mapTypePaths, someTypePath, type TypeExpr } from './rust-model.js';

/** Whether a type still has a part rustc infers (`_`): a signature's generic parameter, say. */
export function mentionsInferred(type: TypeExpr): boolean {
  return someTypePath(type, (path) => path.segments.length === 1 && path.segments[0] === '_');
}

export function mentionsSelf(type: TypeExpr): boolean {
  return someTypePath(type, (path) => path.segments[0] === 'Self');
}

export function replaceSelf(type: TypeExpr, self: TypeExpr, assoc: (name: string) => TypeExpr | null = () => null): TypeExpr {
  return mapTypePaths(type, (path, again) => {
    if (path.segments.length === 1 && path.segments[0] === 'Self') return self;
    // `Self::Driver` with `type Driver = NovaDriver;` in the impl; otherwise it stays as written.
    if (path.segments.length === 2 && path.segments[0] === 'Self') return assoc(path.segments[1]!) ?? path;
    return { ...path, generics: path.generics.map(again) };
  });
}
