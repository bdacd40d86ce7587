/**
 * What to read for an analysis of some paths, the same for the CLI, its workers and the
 * language server: the Rust files whose sites are reported, and the files read only for their
 * types, aliases and consts. A single file is analysed with its crate around it, and code in a
 * kernel tree with the tree's `rust/kernel`, so a file gives the same answer as its folder
 * (issue 10, section 1).
 */
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { findKernelRoot } from '../target/kernel-root.js';
import { isRegularFile } from '../target/read-limited.js';
import { listingSteps, type SkippedFile } from './rust-files.js';
import { runSteps, runStepsYielding, type Steps } from './stepwise.js';

export interface AnalysisScope {
  /** Files whose sites are reported, in a stable order. */
  readonly files: readonly string[];
  /** Files indexed only for their items: the crate around a lone file, rust/kernel of a kernel tree. */
  readonly context: readonly string[];
  readonly skipped: readonly SkippedFile[];
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The folder of the crate a file belongs to. In a kernel tree: the nearest folder below the root
 * with a Makefile or Kbuild (a driver: drivers/android/binder for binder/node/wrapper.rs) or a
 * lib.rs (rust/kernel). Elsewhere: the nearest folder with a Cargo.toml, not past a repository's
 * top (.git). Else the file's own folder.
 */
export function crateFolderOf(file: string, kernelRoot: string | null): string {
  const own = dirname(resolve(file));
  for (let dir = own; ;) {
    if (kernelRoot !== null) {
      if (dir === kernelRoot) return own;
      if (isRegularFile(join(dir, 'Makefile')) || isRegularFile(join(dir, 'Kbuild')) || isRegularFile(join(dir, 'lib.rs'))) return dir;
    } else {
      if (isRegularFile(join(dir, 'Cargo.toml'))) return dir;
      if (isFolder(join(dir, '.git'))) return own;
    }
    const parent = dirname(dir);
    if (parent === dir) return own;
    dir = parent;
  }
}

/** The folders to index around the given paths (crates of lone files, rust/kernel of kernel trees). */
export function contextFolders(paths: readonly string[]): string[] {
  const folders = new Set<string>();
  for (const path of paths) {
    const root = findKernelRoot(path)?.dir ?? null;
    if (root !== null && isFolder(join(root, 'rust', 'kernel'))) folders.add(join(root, 'rust', 'kernel'));
    if (isRegularFile(path)) folders.add(crateFolderOf(path, root));
  }
  return [...folders];
}

/** Throws MissingPathError (rust-files.ts) for a path that does not exist. */
export function analysisScope(paths: readonly string[]): AnalysisScope {
  return runSteps(scopeSteps(paths));
}

/** analysisScope with the event loop let through while a large tree is listed (the server's). */
export function analysisScopeYielding(paths: readonly string[]): Promise<AnalysisScope> {
  return runStepsYielding(scopeSteps(paths));
}

function* scopeSteps(paths: readonly string[]): Steps<AnalysisScope> {
  const { files, skipped } = yield* listingSteps(paths);
  const listed = new Set(files.map((f) => resolve(f)));
  const context = (yield* listingSteps(contextFolders(paths))).files.filter((f) => !listed.has(resolve(f)));
  return { files, context, skipped };
}
