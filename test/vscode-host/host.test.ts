/**
 * The @vscode/test-electron suite (suite.ts) in a desktop VS Code. It needs a VS Code binary:
 * KALLOC_VSCODE_BINARY, or a download cached in .vscode-test/ by @vscode/test-electron. This
 * machine cannot download one, so here it is skipped, and it says so; the same extension is
 * tested in a real VS Code through code-server (test/e2e).
 */
import { cpSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { runTests } from '@vscode/test-electron';
import { expect, test } from 'vitest';

function cachedBinary(): string | undefined {
  if (process.env.KALLOC_VSCODE_BINARY) return process.env.KALLOC_VSCODE_BINARY;
  const cache = resolve('.vscode-test');
  if (!existsSync(cache)) return undefined;
  for (const dir of readdirSync(cache)) {
    const code = join(cache, dir, 'code');
    if (existsSync(code)) return code;
  }
  return undefined;
}

const binary = cachedBinary();
if (!binary) {
  console.log(
    'vscode-host: skipped: no VS Code binary (set KALLOC_VSCODE_BINARY, or let @vscode/test-electron cache one in .vscode-test/; this machine cannot download it). test/e2e covers the extension in code-server.',
  );
}

test.skipIf(!binary)(
  'the extension activates, registers its commands and passes settings to the server (desktop VS Code)',
  async () => {
    const suite = resolve('out/vscode-host/suite.cjs');
    await build({ entryPoints: ['test/vscode-host/suite.ts'], outfile: suite, bundle: true, platform: 'node', format: 'cjs', external: ['vscode'], logLevel: 'warning' });
    const workspace = mkdtempSync(join(tmpdir(), 'kalloc-host-'));
    cpSync('examples', workspace, { recursive: true });
    const code = await runTests({
      vscodeExecutablePath: binary!,
      extensionDevelopmentPath: resolve('.'),
      extensionTestsPath: suite,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    });
    expect(code).toBe(0);
  },
  300_000,
);
