/**
 * The kernel build a target is read from: the folder holding `.config`,
 * `rust/bindings/bindings_generated.rs` and `rust/uapi/uapi_generated.rs`. Found in this order
 * (issue 10, section 1):
 *   1. the folder the user named (`--build-dir DIR`, the `kallocLens.buildDir` setting);
 *   2. `KBUILD_OUTPUT` (relative to the kernel root, as `make O=` is from the source tree);
 *   3. the kernel root itself (an in-tree build);
 *   4. outside a kernel tree, the folder the user works in, when it holds a `.config` (a copied
 *      .config beside out-of-tree code, as the README has always said).
 * A folder counts as a build when it has a `.config`. A named folder without one is an error the
 * user must hear about; an environment variable without one is passed over with a note.
 */
import { statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { KernelRoot } from './kernel-root.js';
import { MAX_CONFIG_BYTES } from '../workspace/limits.js';
import { isRegularFile, readTextIfReadable } from './read-limited.js';

export type BuildOrigin = 'named' | 'KBUILD_OUTPUT' | 'in-tree' | 'workspace';

export interface KernelBuild {
  readonly dir: string;
  readonly origin: BuildOrigin;
  /** null only for a named folder without one: its bindings still give C layouts. */
  readonly configText: string | null;
  /** rust/bindings/bindings_generated.rs, when the build has generated it. */
  readonly bindings: string | null;
}

/** A build folder the user named cannot be used; the message says which and why. */
export class TargetError extends Error {}

export interface BuildRequest {
  /** The folder the user named (absolute, or relative to `base`), and the option's name for messages. */
  readonly named?: { readonly dir: string; readonly option: string; readonly base: string } | undefined;
  /** process.env.KBUILD_OUTPUT, if set. */
  readonly kbuildOutput?: string | undefined;
  /** The folder the user works in: a build outside a kernel tree when it holds a .config. */
  readonly folder?: string | null | undefined;
  /** Files there but refused unread (a FIFO .config), named for the user. */
  readonly refused?: string[] | undefined;
}

function buildAt(dir: string, origin: BuildOrigin, refused?: string[]): KernelBuild | null {
  const configText = readTextIfReadable(join(dir, '.config'), MAX_CONFIG_BYTES, refused);
  if (configText === null && origin !== 'named') return null;
  const bindings = join(dir, 'rust', 'bindings', 'bindings_generated.rs');
  return { dir, origin, configText, bindings: isRegularFile(bindings) ? bindings : null };
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The build to read, and notes on candidates passed over. Throws TargetError for a named folder that is not a build. */
export function findBuild(root: KernelRoot | null, request: BuildRequest): { build: KernelBuild | null; notes: string[] } {
  const notes: string[] = [];
  if (request.named) {
    const dir = resolve(request.named.base, request.named.dir);
    if (!isFolder(dir)) throw new TargetError(`${request.named.option} ${request.named.dir}: not a folder`);
    const build = buildAt(dir, 'named', request.refused)!;
    if (build.configText === null) notes.push(`${request.named.option} ${dir}: no .config there; the profile is not read from it`);
    return { build, notes };
  }
  if (request.kbuildOutput) {
    const dir = isAbsolute(request.kbuildOutput) ? request.kbuildOutput : resolve(root?.dir ?? '.', request.kbuildOutput);
    const build = buildAt(dir, 'KBUILD_OUTPUT', request.refused);
    if (build) return { build, notes };
    notes.push(`KBUILD_OUTPUT=${request.kbuildOutput}: no .config in ${dir}; not used`);
  }
  if (root) return { build: buildAt(root.dir, 'in-tree', request.refused), notes };
  return { build: request.folder ? buildAt(request.folder, 'workspace', request.refused) : null, notes };
}
