/**
 * The server's workspace index: the types, aliases and consts of every Rust file under the
 * workspace folders, built at start (reporting progress per file) and kept current from watched
 * file changes and from open documents' own trees. Bounded: build output and VCS folders are
 * not walked, files over LSP_MAX_FILE_BYTES are skipped, and at most LSP_MAX_INDEXED_FILES are
 * read, so opening a whole kernel tree stays within memory.
 */
import { statSync } from 'node:fs';
import type { Parser, Tree } from 'web-tree-sitter';
import { itemsFromTree } from '../analysis/extract/items-from-tree.js';
import { TooDeepError } from '../analysis/extract/nesting.js';
import { WorkspaceIndex } from '../analysis/workspace-index.js';
import { LSP_MAX_FILE_BYTES, LSP_MAX_INDEXED_FILES } from '../workspace/limits.js';
import { listRustFiles, readRustSource } from '../workspace/rust-files.js';
import { treeSitterText } from '../parse/line-endings.js';

export interface IndexProgress {
  /** Called every few files with how many are done of how many. */
  report(done: number, total: number): void;
}

export interface IndexSummary {
  readonly files: number;
  readonly skipped: readonly { readonly file: string; readonly reason: string }[];
  readonly milliseconds: number;
}

export class WorkspaceIndexer {
  readonly index = new WorkspaceIndex();
  /** Files whose items come from an open document's tree, not from disk. */
  private readonly open = new Set<string>();

  constructor(private readonly parser: Parser) {}

  /** Read and index every Rust file under the roots. Yields to the event loop between files. */
  async indexRoots(roots: readonly string[], progress: IndexProgress): Promise<IndexSummary> {
    const start = performance.now();
    const skipped: { file: string; reason: string }[] = [];
    const listed = listRustFiles(roots.filter(existsAsFolder));
    skipped.push(...listed.skipped.map((s) => ({ file: s.path, reason: s.reason })));
    const files = listed.files.slice(0, LSP_MAX_INDEXED_FILES);
    for (const file of listed.files.slice(LSP_MAX_INDEXED_FILES)) skipped.push({ file, reason: `over the ${LSP_MAX_INDEXED_FILES}-file index limit` });
    let done = 0;
    for (const file of files) {
      const reason = this.indexFile(file);
      if (reason) skipped.push({ file, reason });
      if (++done % 16 === 0 || done === files.length) {
        progress.report(done, files.length);
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    return { files: this.index.fileCount, skipped, milliseconds: performance.now() - start };
  }

  /** (Re)index one file from disk, unless it is open; returns why it was skipped, or null. */
  indexFile(file: string): string | null {
    if (this.open.has(file)) return null;
    let source;
    try {
      source = readRustSource(file, { maxBytes: LSP_MAX_FILE_BYTES });
    } catch (error) {
      this.index.deleteFile(file);
      return `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
    }
    if (!source.ok) {
      this.index.deleteFile(file);
      return source.reason;
    }
    const tree = this.parser.parse(treeSitterText(source.text));
    if (!tree) return 'the parser gave up on this file';
    try {
      this.index.setFile(file, itemsFromTree(tree));
    } catch (error) {
      if (!(error instanceof TooDeepError)) throw error;
      this.index.deleteFile(file);
      return error.message;
    } finally {
      tree.delete();
    }
    return null;
  }

  removeFile(file: string): void {
    if (!this.open.has(file)) this.index.deleteFile(file);
  }

  /** An open document's items, from its current tree; true when they changed. */
  setOpenTree(file: string, tree: Tree): boolean {
    this.open.add(file);
    let items;
    try {
      items = itemsFromTree(tree);
    } catch (error) {
      // Too deep to read: no items from it (its analysis says why).
      if (!(error instanceof TooDeepError)) throw error;
      const had = this.index.itemsOf(file) !== undefined;
      this.index.deleteFile(file);
      return had;
    }
    const before = this.index.itemsOf(file);
    // Most edits are inside function bodies: the items stay the same and the index is not rebuilt.
    if (before && JSON.stringify(before, bigintText) === JSON.stringify(items, bigintText)) return false;
    this.index.setFile(file, items);
    return true;
  }

  /** The document closed: its items come from disk again. */
  closeFile(file: string): void {
    this.open.delete(file);
    this.indexFile(file);
  }
}

/** ConstExpr holds bigints; compare them as text. */
function bigintText(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

function existsAsFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
