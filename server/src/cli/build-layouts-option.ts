/**
 * The C layouts of the target's build folder (--build-dir, KBUILD_OUTPUT, or a tree with
 * generated bindings), shared by analyze, explain and simulate; undefined when there is no build,
 * so the caller falls back to the bundled defconfig tables.
 */
import type { CLayoutSource } from '../../../engine/src/index.js';
import { loadBuildLayouts } from '../analysis/c-layouts/build-layouts.js';
import { createRustParser } from '../parse/rust-parser.js';
import { UnreadableFileError } from '../workspace/read-regular-file.js';
import type { ResolvedTarget } from './target-options.js';
import { UsageError } from './usage-error.js';

/** The build's layouts, or a usage error saying why its bindings cannot be read. */
export async function buildCLayouts(target: ResolvedTarget): Promise<CLayoutSource | undefined> {
  if (target.buildDir === undefined) return undefined;
  try {
    return loadBuildLayouts(target.buildDir, await createRustParser());
  } catch (error) {
    if (error instanceof UnreadableFileError) throw new UsageError(`--build-dir: ${error.message} (run \`make rust/bindings/bindings_generated.rs\` or a full build there)`);
    throw error;
  }
}
