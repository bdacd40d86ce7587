/**
 * T of `let x = UniqueArc::new_uninit(f)?` or `KBox::new_uninit(f)?` (a container of
 * MaybeUninit<T>) from what the code later puts in it, as rustc infers it: the value of
 * `x.write(value)` or the initialiser of `x.init_with(init)`, `x.pin_init_with(init)`,
 * `x.write_init(init)`, `x.write_pin_init(init)` (rust/kernel/sync/arc.rs:715-795 and
 * alloc/kbox.rs:215-423 in v7.1.5). An initialiser is read as the T it builds (`impl PinInit<T>`).
 */
import type { Node } from 'web-tree-sitter';
import { isRebinding, usesAfter } from './element-from-uses.js';
import type { TypeContext } from './expr-type.js';
import type { TypeExpr } from './rust-model.js';
import { mentionsInferred } from './self-type.js';
import { bindingAround, valueType } from './value-type.js';
import { parentOf } from '../parse/ancestors.js';

const FILLING_METHODS: ReadonlySet<string> = new Set(['write', 'init_with', 'pin_init_with', 'write_init', 'write_pin_init']);

function letOf(use: Node): Node | null {
  for (let n: Node | null = use; n; n = parentOf(n)) if (n.type === 'let_declaration') return n;
  return null;
}

export function uninitElementFromUses(call: Node, ctx: TypeContext): TypeExpr | null {
  const binding = bindingAround(call);
  const block = parentOf(binding?.declaration);
  if (!binding || !block) return null;
  // A `let` of the same name in an inner block shadows ours only inside that block.
  const shadowed: Node[] = [];
  const inside = (n: Node, outer: Node) => n.startIndex >= outer.startIndex && n.endIndex <= outer.endIndex;
  for (const use of usesAfter(block, binding.declaration, binding.name)) {
    if (shadowed.some((inner) => inside(use, inner))) continue;
    if (isRebinding(use)) {
      const inner = parentOf(letOf(use));
      if (!inner || inner.id === block.id) return null;
      shadowed.push(inner);
      continue;
    }
    const field = parentOf(use);
    if (field?.type !== 'field_expression' || field.childForFieldName('value')?.id !== use.id) continue;
    const call = parentOf(field);
    if (!FILLING_METHODS.has(field.childForFieldName('field')?.text ?? '') || call?.type !== 'call_expression') continue;
    const arg = call.childForFieldName('arguments')?.namedChildren.find((c) => c !== null && !c.type.endsWith('comment'));
    const type = arg ? valueType(arg, ctx) : null;
    return type && !mentionsInferred(type) ? type : null;
  }
  return null;
}
