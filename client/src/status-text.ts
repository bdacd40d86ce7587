/**
 * The status bar text: profile, kernel version and the build whose .config (and bindings) are
 * read, e.g. `kalloc x86_64 · 7.1.5 · build: ~/linux/out`, or `kalloc arm64-16k · 6.18 · bundled
 * defconfig` when no build was found (the wording: C sizes then come from the bundled
 * defconfig tables).
 */
import type { TargetParams } from '../../server/src/lsp/protocol.js';

/** A path under the home folder as `~/...`. */
export function homeRelative(path: string, home: string): string {
  if (home && (path === home || path.startsWith(`${home}/`))) return `~${path.slice(home.length)}`;
  return path;
}

export function statusText(target: TargetParams, home: string): string {
  const build = target.build === null ? 'bundled defconfig' : `build: ${homeRelative(target.build, home)}`;
  return `kalloc ${target.profile} · ${target.kernel} · ${build}`;
}
