/**
 * Whether a pointer to a type is fat (address + length or vtable): slices, `str`/`CStr`/`BStr`,
 * `dyn Trait`, and structs or aliases whose last field is one of those. Anything the index
 * cannot resolve counts as sized, as generic parameters are unless written `?Sized`.
 */
import type { TypeExpr, TypeIndex } from '../rust-model.js';
import { builtinRow } from './apply-shape.js';
import { primitiveLayout } from './primitives.js';
import { bindGenerics, substituteType } from './substitute.js';

/** Deep enough for wrapper-of-wrapper-of-slice; a bound, since the index may hold cycles. */
const MAX_TAIL_DEPTH = 8;

export function isUnsized(type: TypeExpr, index: TypeIndex, pointerBytes: number, depth = 0): boolean {
  if (type.kind === 'slice' || type.kind === 'dyn') return true;
  if (type.kind !== 'path' || depth > MAX_TAIL_DEPTH) return false;
  if (type.generics.length === 0 && primitiveLayout(type.segments, pointerBytes)) return false;
  const row = builtinRow(type.segments);
  if (row) return row.shape.kind === 'unsized';
  if (type.segments[0] === 'bindings' || index.allSized) return false;
  const def = index.lookupType(type.segments);
  if (!def || def.kind === 'enum' || def.kind === 'union') return false;
  const binding = bindGenerics(def.generics, type.generics);
  if (!binding.ok) return false;
  const tail = def.kind === 'alias' ? def.target : def.fields[def.fields.length - 1]?.type;
  return tail !== undefined && isUnsized(substituteType(tail, binding.subst), index, pointerBytes, depth + 1);
}
