/**
 * Whether a file is host code by what it names: a path rooted at `std` (std-paths.scm) outside
 * any `#[cfg(..)]`-gated item. The kernel builds its Rust with `no_std`, so a file that names std
 * unconditionally is a host program (scripts/, a proc-macro's helper, a userspace example) whose
 * `Box::new` and `Vec::push` are std's allocator, not the kernel's. pin-init's
 * `#[cfg(feature = "std")] use std::sync::Arc;` (rust/pin-init/src/alloc.rs:8-9, v7.1.5) is
 * gated and stays kernel code.
 */
import type { Node, Tree } from 'web-tree-sitter';
import { getQuery } from '../parse/queries.js';
import { parentOf } from '../parse/ancestors.js';

/** An item preceded by a #[cfg(..)] (or #[cfg_attr(..)]) attribute. */
function isCfgGated(node: Node): boolean {
  for (let sibling = node.previousNamedSibling; sibling && sibling.type === 'attribute_item'; sibling = sibling.previousNamedSibling) {
    if (/^#\[\s*cfg\b/.test(sibling.text)) return true;
  }
  return false;
}

function gatedAbove(node: Node): boolean {
  for (let n: Node | null = node; n; n = parentOf(n)) if (isCfgGated(n)) return true;
  return false;
}

const STD_WORD = /\bstd\b/;

export function usesStd(tree: Tree, source: string): boolean {
  // Most kernel files never name std as a word (`no_std`, `stdout` are not it): skip the query.
  if (!STD_WORD.test(source)) return false;
  const query = getQuery(tree.language, 'std-paths', { strict: false });
  return query.captures(tree.rootNode).some((c) => !gatedAbove(c.node));
}
