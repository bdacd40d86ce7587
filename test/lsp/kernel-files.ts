/**
 * Files of the v7.1.5 kernel tree, read in place: from the extracted tree, or from its git
 * objects when it is not extracted. Tests copy the few they need into their temp folders (never
 * into the repo).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

export const KERNEL_TREE = '/work/kernel/linux-7.1.5';
const KERNEL_GIT = '/work/.mirror/danayer+linux-7.1.5/repo';

export function readKernelFile(file: string): string {
  if (existsSync(`${KERNEL_TREE}/${file}`)) return readFileSync(`${KERNEL_TREE}/${file}`, 'utf8');
  const shown = spawnSync('git', ['--git-dir', KERNEL_GIT, 'show', `HEAD:${file}`], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (shown.status !== 0) throw new Error(`cannot read ${file} of the v7.1.5 tree: ${shown.stderr}`);
  return shown.stdout;
}
