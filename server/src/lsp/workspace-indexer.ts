/**
 * The server's workspace index: the types, aliases and consts of every Rust file under the
 * workspace folders and of what they use around them (analysis-scope.ts: a kernel tree's
 * rust/kernel, the crate of a file opened from outside), built at start (reporting progress per file) and kept current from watched
 * file changes and from open documents' own trees. Bounded: build output and VCS folders are
 * not walked, files over LSP_MAX_FILE_BYTES are skipped, and at most LSP_MAX_INDEXED_FILES are
 * read, so opening a whole kernel tree stays within memory.
 */
import { statSync } from 'node:fs';
import { sep } from 'node:path';
import type { Parser, Tree } from 'web-tree-sitter';
import { itemsFromTree } from '../analysis/extract/items-from-tree.js';
import { TooDeepError } from '../analysis/extract/nesting.js';
import { indexSource } from '../analysis/index-source.js';
import { WorkspaceIndex } from '../analysis/workspace-index.js';
import { LSP_MAX_FILE_BYTES, LSP_MAX_INDEXED_FILES } from '../workspace/limits.js';
import { analysisScopeYielding, contextFolders } from '../workspace/analysis-scope.js';
import { listRustFiles } from '../workspace/rust-files.js';

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
  /** Files read from disk into the index (by indexRoots or indexAround). */
  private readonly indexed = new Set<string>();
  /** Folders whose Rust is in the index: the workspace folders and the context read around files. */
  private readonly covered: string[] = [];
  /** Files whose items come from an open document's tree, not from disk. */
  private readonly open = new Set<string>();

  constructor(private readonly parser: Parser) {}

  /** Read and index every Rust file under the roots. Yields to the event loop between files. */
  async indexRoots(roots: readonly string[], progress: IndexProgress): Promise<IndexSummary> {
    const start = performance.now();
    const skipped: { file: string; reason: string }[] = [];
    // The workspace's files and what they need around them (a kernel tree's rust/kernel).
    const scope = await analysisScopeYielding(roots.filter(existsAsFolder));
    skipped.push(...scope.skipped.map((s) => ({ file: s.path, reason: s.reason })));
    const listed = [...scope.files, ...scope.context];
    const files = listed.slice(0, LSP_MAX_INDEXED_FILES);
    for (const file of listed.slice(LSP_MAX_INDEXED_FILES)) skipped.push({ file, reason: `over the ${LSP_MAX_INDEXED_FILES}-file index limit` });
    for (const file of files) this.indexed.add(file);
    this.covered.push(...roots, ...contextFolders(roots));
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

  /**
   * An opened file outside the workspace folders (an editor rooted elsewhere, a single file):
   * index its crate and its kernel tree's rust/kernel, as the CLI does for a lone file. Returns
   * how many files were added.
   */
  indexAround(file: string): number {
    const folders = contextFolders([file]).filter((f) => !this.covered.some((c) => f === c || f.startsWith(`${c}${sep}`)));
    if (folders.length === 0) return 0;
    this.covered.push(...folders);
    let added = 0;
    for (const path of listRustFiles(folders).files) {
      if (this.indexed.has(path) || path === file) continue;
      this.indexed.add(path);
      if (this.indexFile(path) === null) added++;
      if (this.indexed.size >= LSP_MAX_INDEXED_FILES) break;
    }
    return added;
  }

  /** (Re)index one file from disk, unless it is open; returns why it was skipped, or null. */
  indexFile(file: string): string | null {
    if (this.open.has(file)) return null;
    const source = indexSource(this.parser, file, LSP_MAX_FILE_BYTES);
    if (!source.ok) {
      this.index.deleteFile(file);
      return source.reason;
    }
    this.index.setFile(file, source.items);
    source.tree.delete();
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
