/**
 * Where each frame of a simulated chain opens (issue 15: "chain frames open at their line"): the
 * file in the workspace's kernel tree when the target detection found one (server/src/target),
 * else in a workspace folder that holds it, at the frame's definition (frame-line.ts); when no
 * local tree has the file, the kernel source online at the modelled version. A frame's file is
 * a kernel path (`mm/slub.c`); it is looked up only inside those folders, links included.
 */
import { resolveInsideWorkspace } from '../../workspace/inside-workspace.js';
import { MAX_FILE_BYTES } from '../../workspace/limits.js';
import { readTextIfReadable } from '../../target/read-limited.js';
import type { FramePlace } from '../protocol.js';
import { frameLine } from './frame-line.js';
import { frameUrl } from './site-hover.js';

export function framePlaces(chain: readonly { readonly frame: string; readonly file: string }[], version: string, roots: readonly (string | null)[]): FramePlace[] {
  const folders = [...new Set(roots.filter((r): r is string => r !== null))];
  // One read per file: a chain names mm/slub.c several times.
  const files = new Map<string, { path: string; text: string } | null>();
  const local = (file: string) => {
    if (!files.has(file)) {
      let found: { path: string; text: string } | null = null;
      for (const root of folders) {
        const inside = resolveInsideWorkspace(root, file);
        const text = inside.ok ? readTextIfReadable(inside.path, MAX_FILE_BYTES) : null;
        if (inside.ok && text !== null) {
          found = { path: inside.path, text };
          break;
        }
      }
      files.set(file, found);
    }
    return files.get(file)!;
  };
  return chain.map((f) => {
    const link = frameUrl(f, version);
    const at = local(f.file);
    return at ? { path: at.path, line: frameLine(at.text, f.frame, f.file), link } : { path: null, line: null, link };
  });
}
