/**
 * The one way a file on disk enters a workspace index, for the CLI, its worker threads and the
 * language server alike: read it as Rust source within a byte limit, parse it, leave out host
 * code (uses-std.ts), and extract its items. The caller keeps or deletes the tree.
 */
import type { Parser, Tree } from 'web-tree-sitter';
import { treeSitterText } from '../parse/line-endings.js';
import { HOST_REASON } from '../workspace/kernel-paths.js';
import { MAX_FILE_BYTES } from '../workspace/limits.js';
import { readRustSource } from '../workspace/rust-files.js';
import { itemsFromTree, type FileItems } from './extract/items-from-tree.js';
import { TooDeepError } from './extract/nesting.js';
import { usesStd } from './uses-std.js';

export type IndexedSource = { readonly ok: true; readonly text: string; readonly tree: Tree; readonly items: FileItems } | { readonly ok: false; readonly reason: string };

export function indexSource(parser: Parser, file: string, maxBytes: number = MAX_FILE_BYTES): IndexedSource {
  let source;
  try {
    source = readRustSource(file, { maxBytes });
  } catch (error) {
    return { ok: false, reason: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  if (!source.ok) return source;
  const tree = parser.parse(treeSitterText(source.text));
  if (!tree) return { ok: false, reason: 'the parser gave up on this file' };
  if (usesStd(tree, source.text)) {
    tree.delete();
    return { ok: false, reason: HOST_REASON };
  }
  try {
    return { ok: true, text: source.text, tree, items: itemsFromTree(tree) };
  } catch (error) {
    // A file nested past the extractors' bound is skipped with the reason, not a stack overflow.
    tree.delete();
    if (error instanceof TooDeepError) return { ok: false, reason: error.message };
    throw error;
  }
}
