/**
 * The README shipped with this code (the repository's, or the extension's next to dist/), as a
 * file URL: diagnostics link their code's section there, in the editor and in SARIF.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { helpAnchor, type DiagnosticCode } from './analysis/diagnostic-codes.js';

function readmeUrl(): string | null {
  // dist/server.mjs: diagnostics.md beside it (scripts/package.mjs cuts it from the README's
  // Diagnostics section; the .vsix's own readme.md is the extension's, without those anchors).
  // Then the repository's README: server/src/readme-url.ts under vitest, out/server/src/readme-url.js.
  for (const up of ['./diagnostics.md', '../../README.md', '../../../README.md']) {
    const path = fileURLToPath(new URL(up, import.meta.url));
    if (existsSync(path)) return pathToFileURL(path).href;
  }
  return null;
}

export const README_URL = readmeUrl();

/** The help link of a diagnostic code, or null when no README ships with the server. */
export function diagnosticHelpUrl(code: DiagnosticCode): string | null {
  return README_URL ? `${README_URL}#${helpAnchor(code)}` : null;
}
