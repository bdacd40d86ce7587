/** Server settings are checked field by field; the target comes from settings or the workspace. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { detectTarget } from '../../server/src/lsp/detect-target.js';
import { DEFAULT_SETTINGS, readSettings } from '../../server/src/lsp/settings.js';

describe('readSettings', () => {
  test('nothing given: the defaults, no warning', () => {
    expect(readSettings(undefined)).toEqual({ settings: DEFAULT_SETTINGS, warnings: [] });
    expect(readSettings({})).toEqual({ settings: DEFAULT_SETTINGS, warnings: [] });
  });

  test('valid values are taken', () => {
    const { settings, warnings } = readSettings({
      profile: 'arm64-16k',
      kernelVersion: '6.12',
      nrCpus: 64,
      typeSizesFile: 'sizes.json',
      severity: { 'slab-waste': 'off', 'sleep-in-atomic': 'error' },
      waste: { minPercent: 10, minBytes: 64 },
      inlayHints: true,
      docCommentSites: true,
      diagnosticsDelayMs: 0,
    });
    expect(warnings).toEqual([]);
    expect(settings).toMatchObject({ profile: 'arm64-16k', kernelVersion: '6.12', nrCpus: 64, typeSizesFile: 'sizes.json', inlayHints: true, docCommentSites: true, diagnosticsDelayMs: 0 });
    expect(settings.severity).toMatchObject({ 'slab-waste': 'off', 'sleep-in-atomic': 'error', 'kmalloc-oversized': 'error' });
    expect(settings.waste).toEqual({ minPercent: 10, minBytes: 64 });
  });

  test('each invalid value: a warning naming the setting, and its default', () => {
    const { settings, warnings } = readSettings({
      profile: 'sparc',
      kernelVersion: 'latest',
      nrCpus: 0,
      typeSizesFile: 7,
      severity: { 'slab-waste': 'loud', 'no-such-code': 'error' },
      waste: { minPercent: 300 },
      inlayHints: 'yes',
      diagnosticsDelayMs: -1,
    });
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(warnings).toEqual([
      expect.stringMatching(/^kallocLens\.profile: expected 'auto' or one of x86_64, .*got "sparc"; using 'auto'$/),
      expect.stringMatching(/^kallocLens\.kernelVersion: expected 'auto' or a kernel version/),
      expect.stringMatching(/^kallocLens\.nrCpus: expected a whole number from 1 to 8192, got 0; using the default$/),
      expect.stringMatching(/^kallocLens\.typeSizesFile: expected a file path, got 7/),
      expect.stringMatching(/^kallocLens\.severity\.slab-waste: expected one of error, warning, information, hint, off, got "loud"/),
      expect.stringMatching(/^kallocLens\.severity\.no-such-code: no such diagnostic code/),
      expect.stringMatching(/^kallocLens\.waste\.minPercent: expected a number from 0 to 100, got 300; using 25$/),
      expect.stringMatching(/^kallocLens\.inlayHints: expected true or false, got "yes"/),
      expect.stringMatching(/^kallocLens\.diagnosticsDelayMs: expected a whole number of milliseconds/),
    ]);
  });

  test('not an object at all: one warning, all defaults', () => {
    expect(readSettings('x86_64')).toEqual({ settings: DEFAULT_SETTINGS, warnings: [expect.stringMatching(/^kallocLens: expected an object of settings/)] });
  });
});

describe('the target under the settings', () => {
  test('auto takes the files; pinned settings win; a buildDir that is no build is reported and passed over', () => {
    const root = mkdtempSync(join(tmpdir(), 'kalloc-target-'));
    try {
      writeFileSync(join(root, '.config'), '# Linux/arm64 6.18.0 Kernel Configuration\nCONFIG_ARM64=y\nCONFIG_ARM64_16K_PAGES=y\nCONFIG_SMP=y\nCONFIG_NR_CPUS=4\n');
      writeFileSync(join(root, 'Makefile'), 'VERSION = 6\nPATCHLEVEL = 19\nSUBLEVEL = 2\n');
      writeFileSync(join(root, 'Kconfig'), '');
      const auto = detectTarget(root, DEFAULT_SETTINGS, {});
      expect(auto.profile.name).toBe('arm64-16k');
      expect(auto.profile.nrCpus).toBe(4);
      expect(auto.kernelText).toBe('6.19.2');
      expect(auto.sources).toEqual(['profile arm64-16k from .config', 'kernel 6.19.2 from Makefile']);
      const pinned = detectTarget(root, { ...DEFAULT_SETTINGS, profile: 'x86_64', kernelVersion: '6.12', nrCpus: 2 }, {});
      expect([pinned.profile.name, pinned.profile.nrCpus, pinned.kernelText, pinned.sources]).toEqual(['x86_64', 2, '6.12', []]);
      expect(detectTarget(null, DEFAULT_SETTINGS, {}).profile.name).toBe('x86_64');
      const warnings: string[] = [];
      const fallback = detectTarget(root, { ...DEFAULT_SETTINGS, buildDir: 'no-such-build' }, {}, (w) => warnings.push(w));
      expect([fallback.build?.origin, fallback.profile.name]).toEqual(['in-tree', 'arm64-16k']);
      expect(warnings).toEqual([expect.stringMatching(/^kallocLens\.buildDir no-such-build: not a folder; looking for the build as if it were not set$/)]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('kallocLens.buildDir: a folder path, else a warning', () => {
    expect(readSettings({ buildDir: ' ../out ' }).settings.buildDir).toBe('../out');
    expect(readSettings({ buildDir: 3 }).warnings).toEqual([expect.stringMatching(/^kallocLens\.buildDir: expected a folder path, got 3; using the default$/)]);
  });
});
