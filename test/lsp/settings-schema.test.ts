/**
 * One description of the settings (server/src/lsp/settings-schema.ts): package.json's
 * contributes.configuration is made from it (npm run settings), the README table lists the same
 * settings and defaults, and readSettings() accepts exactly what the schema accepts (checked
 * with Ajv on valid and invalid values of every setting).
 */
import { readFileSync } from 'node:fs';
import AjvModule from 'ajv';
import { describe, expect, test } from 'vitest';
import { contributesConfiguration, SETTINGS_SCHEMA } from '../../server/src/lsp/settings-schema.js';
import { DEFAULT_SETTINGS, readSettings } from '../../server/src/lsp/settings.js';

// A CommonJS module whose class is `exports.default`: NodeNext types the default import as the whole module.
const Ajv = AjvModule.default;

describe('the settings schema', () => {
  test('package.json contributes.configuration is the schema (run npm run settings after changing it)', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(pkg.contributes.configuration).toEqual(JSON.parse(JSON.stringify(contributesConfiguration())));
  });

  test('the README table lists every setting with its default', () => {
    const readme = readFileSync('README.md', 'utf8');
    const table = readme.slice(readme.indexOf('### Settings (`kallocLens.*`)')).split('\n\n')[1]!;
    const rows = table
      .split('\n')
      .slice(2)
      .map((line) => line.split(' | ').map((cell) => cell.replace(/^\| /, '').replaceAll('`', '').trim()));
    expect(rows.map((r) => r[0])).toEqual(Object.keys(SETTINGS_SCHEMA));
    for (const [name, shown] of rows.map((r) => [r[0]!, r[1]!] as const)) {
      if (name === 'severity') expect(shown).toBe('as in Diagnostics');
      else
        expect(JSON.parse(/^[a-z]/.test(shown) && !['null', 'false', 'true'].includes(shown) ? JSON.stringify(shown) : shown), name).toEqual(
          SETTINGS_SCHEMA[name as keyof typeof SETTINGS_SCHEMA].default,
        );
    }
  });

  test('the defaults are the schema defaults', () => {
    const { severity, ...rest } = DEFAULT_SETTINGS;
    for (const [name, value] of Object.entries(rest)) expect(value, name).toEqual(SETTINGS_SCHEMA[name as keyof typeof SETTINGS_SCHEMA].default);
    expect(Object.keys(severity)).toEqual(Object.keys(SETTINGS_SCHEMA.severity.properties));
  });

  test('readSettings accepts exactly the values the schema accepts', () => {
    const ajv = new Ajv({ strict: false });
    const samples: Record<keyof typeof SETTINGS_SCHEMA, unknown[]> = {
      profile: ['auto', 'x86_64', 'arm64-64k', 'sparc', 7, ''],
      // The schema says only "string"; readSettings also checks it is a version, so only strings are compared.
      kernelVersion: [3, true],
      nrCpus: [1, 8, 8192, 0, 8193, 1.5, '8'],
      typeSizesFile: ['sizes.json', 7, false],
      buildDir: ['/home/ada/linux/out', 'out', 7, false],
      severity: [{}, { 'slab-waste': 'off' }, { 'kmalloc-oversized': 'hint' }, { 'slab-waste': 'loud' }, { 'no-such-code': 'error' }, 'error'],
      waste: [{ minPercent: 10 }, { minPercent: 0, minBytes: 0 }, { minPercent: 101 }, { minBytes: -1 }, 'x'],
      inlayHints: [true, false, 'yes', 1],
      docCommentSites: [true, 'no'],
      diagnosticsDelayMs: [0, 150, 5000, -1, 5001, 2.5],
    };
    for (const [name, values] of Object.entries(samples)) {
      const validate = ajv.compile(SETTINGS_SCHEMA[name as keyof typeof SETTINGS_SCHEMA]);
      for (const value of values) {
        expect(readSettings({ [name]: value }).warnings.length === 0, `${name} = ${JSON.stringify(value)}`).toBe(validate(value));
      }
    }
  });
});
