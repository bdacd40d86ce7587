/**
 * rustc's fallback for literals nothing constrains: an unsuffixed integer is `i32` and an
 * unsuffixed float `f64` (The Rust Reference, "Literal expressions"). We apply it only where the
 * source shows nothing else can constrain the value: it is bound by a `let` without a type, and
 * the binding is then only read inside macros (`pr_info!("{}", a)`, `dbg!(a)`), which format it
 * through a trait and never fix its type. Anything else stays unknown: a later call, field or
 * comparison could make the literal a u8 or a u64.
 */
import type { Node } from 'web-tree-sitter';
import { constFromNode, parseIntLiteral } from './extract/const-from-node.js';
import { isRebinding, usesAfter } from './element-from-uses.js';
import type { TypeExpr } from './rust-model.js';
import { bindingAround } from './value-type.js';
import { parentOf } from '../parse/ancestors.js';

const FLOAT_SUFFIX = /(f32|f64)$/;

/** The type a value made only of unsuffixed literals gets by default (`1` → i32, `[0; 4]` → [i32; 4]). */
function defaultedType(node: Node): TypeExpr | null {
  switch (node.type) {
    case 'integer_literal':
      return parseIntLiteral(node.text)?.suffix ? null : { kind: 'path', segments: ['i32'], generics: [] };
    case 'float_literal':
      return FLOAT_SUFFIX.test(node.text) ? null : { kind: 'path', segments: ['f64'], generics: [] };
    case 'unary_expression':
      return node.children[0]?.text === '-' ? defaultedType(node.namedChildren[0]!) : null;
    case 'array_expression': {
      const length = node.childForFieldName('length');
      const value = node.childForFieldName('value');
      if (length && value) {
        const element = defaultedType(value);
        return element ? { kind: 'array', element, length: constFromNode(length) } : null;
      }
      return null;
    }
    default:
      return null;
  }
}

function insideMacro(use: Node): boolean {
  for (let n = parentOf(use); n; n = parentOf(n)) {
    if (n.type === 'macro_invocation') return true;
    if (n.type === 'block' || n.type === 'function_item') return false;
  }
  return false;
}

/** The literal's fallback type at an allocation call, or null when something may constrain it. */
export function unconstrainedLiteralType(arg: Node | null, call: Node): TypeExpr | null {
  const type = arg ? defaultedType(arg) : null;
  if (!type) return null;
  const binding = bindingAround(call);
  if (!binding || binding.declaration.childForFieldName('type')) return null;
  const block = parentOf(binding.declaration);
  if (!block) return null;
  for (const use of usesAfter(block, binding.declaration, binding.name)) {
    // A new `let` of the same name ends the uses we follow (its initialiser was read before it).
    if (isRebinding(use)) break;
    if (!insideMacro(use)) return null;
  }
  return type;
}
