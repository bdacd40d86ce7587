/**
 * `Self` inside a type, replaced by the type of the impl it is written in (and `Self::Assoc` by
 * the impl's associated type, when the caller can look it up). Plain data in, plain data out.
 */
import type { TypeExpr } from './rust-model.js';

/** Whether a type still has a part rustc infers (`_`): a signature's generic parameter, say. */
export function mentionsInferred(type: TypeExpr): boolean {
  switch (type.kind) {
    case 'path':
      return (type.segments.length === 1 && type.segments[0] === '_') || type.generics.some(mentionsInferred);
    case 'array':
    case 'slice':
      return mentionsInferred(type.element);
    case 'tuple':
      return type.elements.some(mentionsInferred);
    case 'ref':
    case 'ptr':
      return mentionsInferred(type.target);
    default:
      return false;
  }
}

export function mentionsSelf(type: TypeExpr): boolean {
  switch (type.kind) {
    case 'path':
      return type.segments[0] === 'Self' || type.generics.some(mentionsSelf);
    case 'array':
    case 'slice':
      return mentionsSelf(type.element);
    case 'tuple':
      return type.elements.some(mentionsSelf);
    case 'ref':
    case 'ptr':
      return mentionsSelf(type.target);
    default:
      return false;
  }
}

export function replaceSelf(type: TypeExpr, self: TypeExpr, assoc: (name: string) => TypeExpr | null = () => null): TypeExpr {
  const again = (t: TypeExpr): TypeExpr => replaceSelf(t, self, assoc);
  switch (type.kind) {
    case 'path':
      if (type.segments.length === 1 && type.segments[0] === 'Self') return self;
      // `Self::Driver` with `type Driver = NovaDriver;` in the impl; otherwise it stays as written.
      if (type.segments.length === 2 && type.segments[0] === 'Self') return assoc(type.segments[1]!) ?? type;
      return { ...type, generics: type.generics.map(again) };
    case 'array':
      return { ...type, element: again(type.element) };
    case 'slice':
      return { ...type, element: again(type.element) };
    case 'tuple':
      return { ...type, elements: type.elements.map(again) };
    case 'ref':
    case 'ptr':
      return { ...type, target: again(type.target) };
    default:
      return type;
  }
}
