/**
 * A path setting resolved inside a workspace folder. A workspace's own `.vscode/settings.json`
 * can set path settings (kallocLens.typeSizesFile), so `../x`, an absolute path, or a symlink
 * leading out of the folder must not make the server read files elsewhere on the machine.
 */
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

export type InsidePath = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly reason: string };

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function within(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}

/**
 * `setting` relative to `root`, followed through symlinks, and still inside it. A file that does
 * not exist yet is judged by its spelled path (it is then reported missing when read).
 */
export function resolveInsideWorkspace(root: string | null, setting: string): InsidePath {
  if (!root) return { ok: false, reason: 'there is no workspace folder to look for it in' };
  if (isAbsolute(setting)) return { ok: false, reason: 'an absolute path; give a path relative to the workspace folder' };
  const spelled = resolve(root, setting);
  if (!within(resolve(root), spelled)) return { ok: false, reason: 'outside the workspace folder' };
  if (!within(realOrSelf(root), realOrSelf(spelled))) return { ok: false, reason: 'a link to a file outside the workspace folder' };
  return { ok: true, path: spelled };
}
