/**
 * A constant upper bound on an element count the source does not fix, where the source says it:
 * the count's integer type is narrow (`n: u16`, `len as u8`), it is capped (`n.min(MAX)`,
 * `min(n, MAX)`, `n.clamp(LO, HI)`), or it is the length of a fixed-size array. Sums and products
 * of bounded terms and constants are bounded. `usize`/`u32` counts are not: their range says
 * nothing useful about a request, and the kernel's own checks are what bound them.
 */
import type { Node } from 'web-tree-sitter';
import { intRange } from './layout/primitives.js';
import { typeOfExpr, type TypeContext } from './expr-type.js';
import { constFromNode } from './extract/const-from-node.js';
import { typeFromNode } from './extract/type-from-node.js';
import type { ConstExpr, IntTypeName, TypeExpr } from './rust-model.js';

export interface CountBound {
  /** An expression for the largest count (constants the evaluator can read). */
  readonly max: ConstExpr;
  /** Why that is the bound, for the message: "`n` is a u16". */
  readonly why: string;
}

/** Integer types narrow enough that their range bounds a request usefully. */
const NARROW_INTS: ReadonlySet<string> = new Set(['u8', 'u16', 'i8', 'i16']);
const MAX_DEPTH = 8;

function narrowIntMax(type: TypeExpr | null): { name: string; max: bigint } | null {
  const name = type?.kind === 'path' && type.segments.length === 1 ? type.segments[0]! : '';
  // The pointer width does not change the range of these types.
  return NARROW_INTS.has(name) ? { name, max: intRange(name as IntTypeName, 8).max } : null;
}

function intExpr(value: bigint, text: string): ConstExpr {
  return { kind: 'int', value, text };
}

/** A constant as the evaluator sees it, or null when the node names a runtime value. */
function constantOf(node: Node): ConstExpr | null {
  const expr = constFromNode(node);
  if (expr.kind === 'unknown') return null;
  // A lower-case single name is a binding, not a const.
  if (expr.kind === 'path' && expr.segments.length === 1 && /^[a-z_][a-z0-9_]*$/.test(expr.segments[0]!)) return null;
  return expr;
}

function args(call: Node): Node[] {
  return (call.childForFieldName('arguments')?.namedChildren ?? []).filter((c): c is Node => c !== null && !c.type.endsWith('comment'));
}

function arrayLength(receiver: Node, ctx: TypeContext): ConstExpr | null {
  const type = typeOfExpr(receiver, ctx);
  const array = type?.kind === 'ref' ? type.target : type;
  return array?.kind === 'array' ? array.length : null;
}

function methodBound(call: Node, fn: Node, ctx: TypeContext, depth: number): CountBound | null {
  const method = fn.childForFieldName('field')?.text ?? '';
  const receiver = fn.childForFieldName('value');
  const a = args(call);
  if (method === 'min' && a[0] && receiver) {
    const cap = constantOf(a[0]) ?? constantOf(receiver);
    if (cap) return { max: cap, why: `\`${call.text}\` is at most ${cap.text}` };
    return boundOf(receiver, ctx, depth + 1) ?? boundOf(a[0], ctx, depth + 1);
  }
  if (method === 'clamp' && a[1]) {
    const cap = constantOf(a[1]);
    return cap ? { max: cap, why: `\`${call.text}\` is at most ${cap.text}` } : null;
  }
  if (method === 'into' && receiver && a.length === 0) return boundOf(receiver, ctx, depth + 1);
  if (method === 'len' && receiver && a.length === 0) {
    const length = arrayLength(receiver, ctx);
    return length ? { max: length, why: `\`${receiver.text}\` is an array of ${length.text}` } : null;
  }
  return null;
}

/** The bound of a count expression, or null when nothing the source says bounds it. */
export function boundOf(node: Node, ctx: TypeContext, depth = 0): CountBound | null {
  if (depth > MAX_DEPTH) return null;
  switch (node.type) {
    case 'parenthesized_expression': {
      const inner = node.namedChildren.find((c) => c !== null && !c.type.endsWith('comment'));
      return inner ? boundOf(inner, ctx, depth + 1) : null;
    }
    case 'type_cast_expression': {
      const type = node.childForFieldName('type');
      const narrow = type ? narrowIntMax(typeFromNode(type)) : null;
      if (narrow) return { max: intExpr(narrow.max, `${narrow.name}::MAX`), why: `\`${node.text}\` is a ${narrow.name}` };
      const value = node.childForFieldName('value');
      return value ? boundOf(value, ctx, depth + 1) : null;
    }
    case 'identifier':
    case 'field_expression': {
      const narrow = narrowIntMax(typeOfExpr(node, ctx));
      return narrow ? { max: intExpr(narrow.max, `${narrow.name}::MAX`), why: `\`${node.text}\` is a ${narrow.name}` } : null;
    }
    case 'call_expression': {
      const fn = node.childForFieldName('function');
      if (fn?.type === 'field_expression') return methodBound(node, fn, ctx, depth);
      const name = fn?.text.split('::').at(-1);
      const a = args(node);
      // usize::from(n) widens without changing the value.
      if (name === 'from' && a.length === 1) return boundOf(a[0]!, ctx, depth + 1);
      if (name === 'min' && a.length === 2) {
        const cap = constantOf(a[1]!) ?? constantOf(a[0]!);
        return cap ? { max: cap, why: `\`${node.text}\` is at most ${cap.text}` } : null;
      }
      return null;
    }
    case 'binary_expression': {
      const op = node.childForFieldName('operator')?.text;
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if ((op !== '+' && op !== '*') || !left || !right) return null;
      const l = constantOf(left) ? null : boundOf(left, ctx, depth + 1);
      const r = constantOf(right) ? null : boundOf(right, ctx, depth + 1);
      const lMax = l?.max ?? constantOf(left);
      const rMax = r?.max ?? constantOf(right);
      if (!lMax || !rMax || (!l && !r)) return null;
      return { max: { kind: 'binary', op, left: lMax, right: rMax, text: `${lMax.text} ${op} ${rMax.text}` }, why: [l?.why, r?.why].filter(Boolean).join(' and ') };
    }
    default:
      return null;
  }
}
