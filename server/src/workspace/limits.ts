/**
 * Bounds that keep analysis of a whole kernel tree from eating the machine. One place, so the
 * CLI, the language server and the benchmarks agree.
 */
/**
 * Files larger than this are skipped with a message: no hand-written kernel Rust file comes
 * close (binder's thread.rs is 60 KB); a 5 MB file is still analysed.
 */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;
/** Folders never descended into: build output, VCS metadata, dependencies. */
export const IGNORED_DIRS: ReadonlySet<string> = new Set(['.git', 'node_modules', 'target', 'out', '.tmp_versions', 'build']);
/** Files read from one root at the most. */
export const MAX_FILES_PER_ROOT = 200_000;
/** Tree-sitter parse budget for one file, in microseconds (parse stops and the file is reported). */
export const PARSE_TIMEOUT_MICROS = 10_000_000;
