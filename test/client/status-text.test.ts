/** The status bar names the target and the build in use, or that no build was found. */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { homeRelative, statusText } from '../../client/src/status-text.js';
import type { TargetParams } from '../../server/src/lsp/protocol.js';

const target: TargetParams = { profile: 'x86_64', pageSize: 4096, nrCpus: 8, kernel: '7.1.5', sources: [], kernelRoot: '/home/ada/linux', build: '/home/ada/linux/out' };

describe('status bar', () => {
  test('the build folder, shortened under the home folder', () => {
    expect(statusText(target, '/home/ada')).toBe('kalloc x86_64 · 7.1.5 · build: ~/linux/out');
    expect(statusText(target, '/home/bob')).toBe('kalloc x86_64 · 7.1.5 · build: /home/ada/linux/out');
    expect(homeRelative('/home/adam/x', '/home/ada')).toBe('/home/adam/x');
  });

  test('no build: the bundled defconfig', () => {
    expect(statusText({ ...target, profile: 'arm64-16k', kernel: '6.18', build: null }, '/home/ada')).toBe('kalloc arm64-16k · 6.18 · bundled defconfig');
  });

  test('the build folder is a setting and the command that picks it is contributed', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(pkg.contributes.configuration.properties['kallocLens.buildDir']).toMatchObject({ type: ['string', 'null'], default: null });
    expect(pkg.contributes.commands.map((c: { command: string }) => c.command)).toContain('kallocLens.selectBuildDir');
  });
});
