/**
 * Tree-sitter type nodes → TypeExpr. Tree-sitter nodes stop in server/src/analysis; what leaves
 * here is plain data. Lifetimes, trait bounds and associated-type bindings are dropped: they
 * never change a layout. Anything unrecognised becomes `unknown` with its text.
 *
 * Import cycle with const-from-node.ts, on purpose: Rust's grammar nests the two (an array
 * type holds a const length, `size_of::<T>()` in a const holds a type), and so does the reader.
 */
import type { Node } from 'web-tree-sitter';
import type { TypeExpr } from '../rust-model.js';
import { constFromNode } from './const-from-node.js';
import { nested } from './nesting.js';

function pathSegments(node: Node): string[] {
  switch (node.type) {
    case 'type_identifier':
    case 'identifier':
    case 'primitive_type':
    case 'self':
    case 'super':
    case 'crate':
    case 'metavariable':
      return [node.text];
    case 'scoped_type_identifier':
    case 'scoped_identifier': {
      const path = node.childForFieldName('path');
      const name = node.childForFieldName('name');
      return [...(path ? pathSegments(path) : []), ...(name ? [name.text] : [])];
    }
    case 'generic_type':
      return pathSegments(node.childForFieldName('type')!);
    default:
      return [node.text];
  }
}

/** The generic arguments of a `type_arguments` node, lifetimes and bindings left out. */
export function typeArguments(node: Node | null): TypeExpr[] {
  if (!node) return [];
  const out: TypeExpr[] = [];
  for (const child of node.namedChildren) {
    if (!child || child.type === 'lifetime' || child.type === 'type_binding' || child.type === 'trait_bounds') continue;
    if (child.type === 'integer_literal' || child.type === 'block' || child.type === 'unary_expression') {
      out.push({ kind: 'const-arg', value: constFromNode(child) });
      continue;
    }
    out.push(typeFromNode(child));
  }
  return out;
}

export function typeFromNode(node: Node): TypeExpr {
  return nested('a type', () => typeAt(node));
}

function typeAt(node: Node): TypeExpr {
  switch (node.type) {
    case 'type_identifier':
    case 'primitive_type':
    case 'scoped_type_identifier':
    case 'identifier':
    case 'scoped_identifier':
      return { kind: 'path', segments: pathSegments(node), generics: [] };
    case 'generic_type':
      return { kind: 'path', segments: pathSegments(node), generics: typeArguments(node.childForFieldName('type_arguments')) };
    case 'array_type': {
      const element = typeFromNode(node.childForFieldName('element')!);
      const length = node.childForFieldName('length');
      return length ? { kind: 'array', element, length: constFromNode(length) } : { kind: 'slice', element };
    }
    case 'tuple_type':
      return { kind: 'tuple', elements: node.namedChildren.filter((c): c is Node => c !== null).map(typeFromNode) };
    case 'unit_type':
      return { kind: 'tuple', elements: [] };
    case 'reference_type':
      return {
        kind: 'ref',
        mutable: node.children.some((c) => c?.type === 'mutable_specifier'),
        target: typeFromNode(node.childForFieldName('type')!),
      };
    case 'pointer_type':
      return {
        kind: 'ptr',
        mutable: node.children.some((c) => c?.type === 'mutable_specifier'),
        target: typeFromNode(node.childForFieldName('type')!),
      };
    case 'dynamic_type':
      return { kind: 'dyn', traits: [node.childForFieldName('trait')?.text ?? node.text] };
    case 'function_type':
      return { kind: 'fn-ptr', text: node.text };
    case 'never_type':
      return { kind: 'never' };
    case 'bounded_type':
      return typeFromNode(node.namedChildren[0]!);
    default:
      return { kind: 'unknown', text: node.text };
  }
}
