/**
 * The version, read once from the package.json this code ships in (the repository's, or the
 * extension's next to dist/), so it is written in one place.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

function packageVersion(): string {
  // out/server/src/version.js, dist/server.mjs, or server/src/version.ts under vitest.
  for (const up of ['../../../package.json', '../package.json', '../../package.json']) {
    const path = fileURLToPath(new URL(up, import.meta.url));
    if (!existsSync(path)) continue;
    const pkg = JSON.parse(readFileSync(path, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'kalloc-lens' && typeof pkg.version === 'string') return pkg.version;
  }
  return 'unknown';
}

export const VERSION = packageVersion();
