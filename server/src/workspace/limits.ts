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
/**
 * The language server's bounds: an editor keeps everything in memory while the user types, so
 * one file is limited to 2 MiB (the figure; 30× binder's largest file) and the index to
 * 20 000 files (the whole kernel has ~400 Rust files today; 50 copies of the corpus is 3 900).
 */
export const LSP_MAX_FILE_BYTES = 2 * 1024 * 1024;
export const LSP_MAX_INDEXED_FILES = 20_000;
/**
 * Files read for the target and sizes: a kernel .config is ~320 KB (arm64 defconfig), the
 * top Makefile ~77 KB (7.1.5), a type-sizes file a few KB. Anything past these is not what we
 * look for, and is refused rather than read.
 */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;
export const MAX_MAKEFILE_BYTES = 1024 * 1024;
export const MAX_TYPE_SIZES_BYTES = 4 * 1024 * 1024;
