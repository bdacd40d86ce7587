/**
 * GFP flags at a call, resolved where the source says: a local `let f = GFP_KERNEL | __GFP_ZERO;`,
 * a `const RX_FLAGS: Flags = GFP_KERNEL;` in the workspace. A parameter (`gfp: Flags`) stays as
 * written: its value comes from the caller.
 */
import type { Node } from 'web-tree-sitter';
import type { TypeContext } from './expr-type.js';
import { findBinding } from './scope.js';

export interface ResolvedFlags {
  readonly written: string;
  readonly resolved: string;
}

const MAX_STEPS = 8;

export function resolveFlags(node: Node, ctx: TypeContext): ResolvedFlags {
  const written = node.text.replace(/\s+/g, ' ');
  let current: { text: string; node: Node | null } = { text: written, node };
  for (let step = 0; step < MAX_STEPS; step++) {
    const n = current.node;
    if (n?.type === 'identifier') {
      const binding = findBinding(n.text, n);
      if (binding?.valueNode) {
        current = { text: binding.valueNode.text.replace(/\s+/g, ' '), node: binding.valueNode };
        continue;
      }
      if (binding) break; // a parameter: the caller decides
    }
    if (n && (n.type === 'identifier' || n.type === 'scoped_identifier') && !/GFP_/.test(n.text)) {
      const def = ctx.index.lookupConst(n.text.split('::'));
      if (def) {
        current = { text: def.value.text.replace(/\s+/g, ' '), node: null };
        continue;
      }
    }
    break;
  }
  return { written, resolved: current.text };
}
