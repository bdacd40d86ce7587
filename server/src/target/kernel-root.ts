/**
 * The kernel root: the nearest ancestor whose top-level `Makefile` sets VERSION and PATCHLEVEL,
 * with a `Kconfig` beside it. Almost every folder of a kernel tree has a Makefile (and many a
 * Kconfig), so "nearest Makefile" would stop at a driver's folder; only the top-level Makefile
 * starts with the version lines (Makefile:2-5 in v7.1.5).
 */
import { dirname, join, resolve } from 'node:path';
import { MAX_MAKEFILE_BYTES } from '../workspace/limits.js';
import { isRegularFile, readTextIfReadable } from './read-limited.js';

export interface KernelRoot {
  readonly dir: string;
  /** From the Makefile: "7.1.5", or "7.1" when SUBLEVEL is 0. */
  readonly version: string;
}

/** `VERSION = 6` / `PATCHLEVEL = 18` / `SUBLEVEL = 3` at the top of the kernel's Makefile. */
export function makefileVersion(text: string): string | null {
  const field = (name: string): string | null => {
    for (const line of text.split('\n', 40)) {
      const [key, value] = line.split('=', 2).map((p) => p.trim());
      if (key === name && value !== undefined && /^\d+$/.test(value)) return value;
    }
    return null;
  };
  const version = field('VERSION');
  const patch = field('PATCHLEVEL');
  if (!version || !patch) return null;
  const sub = field('SUBLEVEL');
  return sub && sub !== '0' ? `${version}.${patch}.${sub}` : `${version}.${patch}`;
}

/** The kernel root of this folder itself, or null; a Makefile there that is refused unread is named in `refused`. */
export function kernelRootAt(dir: string, refused?: string[]): KernelRoot | null {
  const makefile = readTextIfReadable(join(dir, 'Makefile'), MAX_MAKEFILE_BYTES, refused);
  const version = makefile ? makefileVersion(makefile) : null;
  return version && isRegularFile(join(dir, 'Kconfig')) ? { dir, version } : null;
}

/** The nearest kernel root at or above `start` (a file or a folder), or null outside a kernel tree. */
export function findKernelRoot(start: string, refused?: string[]): KernelRoot | null {
  let dir = resolve(start);
  if (isRegularFile(dir)) dir = dirname(dir);
  for (;;) {
    const root = kernelRootAt(dir, refused);
    if (root) return root;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
