/**
 * A node's parent without `node.parent`: web-tree-sitter 0.25 answers that by walking down from
 * the root on every call, so a walk up n levels cost n walks down, inside a block of 100,000
 * statements too. Here the ancestors are carried down instead: one walk from the root (or from
 * the deepest ancestor the previous walk shares with this one: analysis asks in source order)
 * records the parent of every node on its way, per tree, so each later question about those
 * nodes is a map lookup. Trees never change after parsing (an edit makes a new tree).
 */
import type { Node, Tree } from 'web-tree-sitter';

interface Step {
  readonly node: Node;
  readonly end: number;
}

class Ancestry {
  /** Node id → its parent (null for the root). */
  private readonly parents = new Map<number, Node | null>();
  /** The last walk down: root first, each the parent of the next. */
  private path: Step[] = [];

  constructor(private readonly root: Node) {
    this.parents.set(root.id, null);
  }

  parentOf(node: Node): Node | null {
    const known = this.parents.get(node.id);
    if (known !== undefined) return known;
    // From the shared part of the last walk, else from the root; a node the walk cannot reach
    // (an empty node the parser inserted) is asked of web-tree-sitter.
    if (this.walkTo(node, false) || this.walkTo(node, true)) return this.parents.get(node.id) ?? null;
    const parent = node.parent;
    this.parents.set(node.id, parent);
    return parent;
  }

  private walkTo(target: Node, fromRoot: boolean): boolean {
    const start = target.startIndex;
    const end = target.endIndex;
    const path = fromRoot ? [] : this.path;
    while (path.length > 0 && !(path.at(-1)!.node.startIndex <= start && end <= path.at(-1)!.end)) path.pop();
    if (path.length === 0) path.push({ node: this.root, end: this.root.endIndex });
    this.path = path;
    let here = path.at(-1)!.node;
    for (;;) {
      // The first child that ends after `start`: the one holding the target, if any does.
      const child = here.firstChildForIndex(start);
      if (!child || child.startIndex > start) return false;
      const childEnd = child.endIndex;
      if (childEnd < end) return false;
      this.parents.set(child.id, here);
      path.push({ node: child, end: childEnd });
      if (child.id === target.id) return true;
      here = child;
    }
  }
}

const ancestries = new WeakMap<Tree, Ancestry>();

function ancestryOf(tree: Tree): Ancestry {
  let ancestry = ancestries.get(tree);
  if (!ancestry) ancestries.set(tree, (ancestry = new Ancestry(tree.rootNode)));
  return ancestry;
}

/** The node's parent (as `node.parent` would say), or null for the root or no node. */
export function parentOf(node: Node | null | undefined): Node | null {
  return node ? ancestryOf(node.tree).parentOf(node) : null;
}

/** The node's ancestors, nearest first. */
export function* ancestorsOf(node: Node): Generator<Node> {
  for (let n = parentOf(node); n; n = parentOf(n)) yield n;
}
