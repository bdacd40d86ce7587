/**
 * Tree-sitter expression nodes → ConstExpr, for const items, array lengths and the size
 * arguments of allocation calls. Integer literals are read token by token (a regex over one
 * literal's text is fine); everything else follows the tree.
 *
 * Import cycle with type-from-node.ts, on purpose: a const expression holds types
 * (`size_of::<T>()`, `as u32`) and a type holds consts (`[T; N]`), as in Rust's grammar.
 */
import type { Node } from 'web-tree-sitter';
import type { BinaryOp, ConstExpr, IntTypeName } from '../rust-model.js';
import { nested } from './nesting.js';
import { typeArguments, typeFromNode } from './type-from-node.js';

const INT_SUFFIX = /(u8|u16|u32|u64|u128|usize|i8|i16|i32|i64|i128|isize)$/;
const BINARY_OPS: ReadonlySet<string> = new Set(['+', '-', '*', '/', '%', '<<', '>>', '&', '|', '^']);

/** One integer literal token: `4096`, `0x1000`, `1_000usize`, `0b1010`, `0o17`. */
export function parseIntLiteral(text: string): { value: bigint; suffix?: IntTypeName } | null {
  const m = INT_SUFFIX.exec(text);
  const suffix = m ? (m[1] as IntTypeName) : undefined;
  const digits = (m ? text.slice(0, -m[1]!.length) : text).replace(/_/g, '');
  if (!/^(0x[0-9a-fA-F]+|0o[0-7]+|0b[01]+|\d+)$/.test(digits)) return null;
  return suffix ? { value: BigInt(digits), suffix } : { value: BigInt(digits) };
}

function segmentsOf(node: Node): string[] {
  if (node.type === 'scoped_identifier' || node.type === 'scoped_type_identifier') {
    const path = node.childForFieldName('path');
    const name = node.childForFieldName('name');
    return [...(path ? segmentsOf(path) : []), ...(name ? [name.text] : [])];
  }
  if (node.type === 'generic_type') return segmentsOf(node.childForFieldName('type')!);
  return [node.text];
}

export function constFromNode(node: Node): ConstExpr {
  return nested('a constant expression', () => constAt(node));
}

function constAt(node: Node): ConstExpr {
  const text = node.text;
  switch (node.type) {
    case 'integer_literal': {
      const lit = parseIntLiteral(text);
      return lit ? { kind: 'int', ...lit, text } : { kind: 'unknown', text };
    }
    case 'identifier':
    case 'scoped_identifier':
      return { kind: 'path', segments: segmentsOf(node), text };
    case 'parenthesized_expression':
    case 'block': {
      const inner = node.namedChildren.filter((c): c is Node => c !== null && c.type !== 'line_comment' && c.type !== 'block_comment');
      return inner.length === 1 ? { kind: 'paren', inner: constFromNode(inner[0]!), text } : { kind: 'unknown', text };
    }
    case 'unary_expression': {
      const op = node.children[0]?.text;
      const operand = node.namedChildren[0];
      if ((op === '-' || op === '!') && operand) return { kind: 'unary', op, operand: constFromNode(operand), text };
      return { kind: 'unknown', text };
    }
    case 'binary_expression': {
      const op = node.childForFieldName('operator')?.text ?? '';
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (!BINARY_OPS.has(op) || !left || !right) return { kind: 'unknown', text };
      return { kind: 'binary', op: op as BinaryOp, left: constFromNode(left), right: constFromNode(right), text };
    }
    case 'type_cast_expression': {
      const value = node.childForFieldName('value');
      const type = node.childForFieldName('type');
      return value && type ? { kind: 'cast', operand: constFromNode(value), type: typeFromNode(type), text } : { kind: 'unknown', text };
    }
    case 'call_expression': {
      // size_of::<T>() / core::mem::size_of::<T>() / align_of::<T>()
      const fn = node.childForFieldName('function');
      const args = node.childForFieldName('arguments');
      if (fn?.type === 'generic_function' && args && args.namedChildCount === 0) {
        const name = segmentsOf(fn.childForFieldName('function')!).at(-1);
        const types = typeArguments(fn.childForFieldName('type_arguments'));
        if ((name === 'size_of' || name === 'align_of') && types.length === 1) {
          return { kind: 'layout-call', fn: name, type: types[0]!, text };
        }
      }
      return { kind: 'unknown', text };
    }
    default:
      return { kind: 'unknown', text };
  }
}
