/**
 * Vitest global setup: `npm run package` once, before any test file runs, so the tests that use
 * the .vsix (test/lsp/package.test.ts, test/e2e) share one build instead of racing to rewrite
 * dist/. A failed build fails the run here, with esbuild's or vsce's message.
 */
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/package.mjs'], { stdio: ['ignore', 'ignore', 'inherit'] });
}
