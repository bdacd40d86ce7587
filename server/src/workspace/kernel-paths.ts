/**
 * Which Rust in a kernel tree the kernel builds. Host programs are built for the machine that
 * builds the kernel, with std's allocator: the proc-macro crates and their dependencies
 * (rust/Makefile builds syn, quote, proc-macro2, macros and pin-init/internal as host crates in
 * v7.1.5), scripts/ (generate_rust_target, rustdoc_test_*) and tools/. pin-init's examples are
 * cargo examples run in userspace. Generated files (`*_generated.rs`: bindgen output in a build)
 * are build output, not source. None of them is read.
 */
import { relative, sep } from 'node:path';

/** Said once per host file or folder in `skipped`, by the CLI and the server's log alike. */
export const HOST_REASON = "host program (std's allocator)";

/** Folders under a kernel root holding host code, as relative paths with '/'. */
export const HOST_FOLDERS: readonly string[] = ['rust/syn', 'rust/quote', 'rust/proc-macro2', 'rust/macros', 'rust/pin-init/internal', 'rust/pin-init/examples', 'scripts', 'tools'];

function relativeInRoot(path: string, root: string): string | null {
  const rel = relative(root, path);
  if (rel === '' || rel.startsWith('..') || rel.startsWith(sep)) return rel === '' ? '' : null;
  return rel.split(sep).join('/');
}

/** The host folder that holds `path` (itself or an ancestor), relative to the root; null when the kernel builds it. */
export function hostFolderOf(path: string, kernelRoot: string): string | null {
  const rel = relativeInRoot(path, kernelRoot);
  if (rel === null || rel === '') return null;
  return HOST_FOLDERS.find((h) => rel === h || rel.startsWith(`${h}/`)) ?? null;
}

/** bindgen's output in an in-tree build (rust/bindings/bindings_generated.rs, rust/uapi/uapi_generated.rs, ...). */
export function isGeneratedRust(name: string): boolean {
  return name.endsWith('_generated.rs');
}
