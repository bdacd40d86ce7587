/**
 * The diagnostics registry (server/src/analysis/diagnostic-codes.ts) is the one description of
 * each code: the README table lists the same codes and default severities with their anchors,
 * the settings default to them, and SARIF's rules are made from them with a help link.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { DIAGNOSTIC_CODES } from '../../server/src/analysis/diagnostic-codes.js';
import type { AnalysisReport } from '../../server/src/analysis/report.js';
import { toSarif } from '../../server/src/cli/sarif.js';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings.js';

describe('diagnostics registry', () => {
  test('the README table: each code with its anchor and default severity, in order', () => {
    const rows = [...readFileSync('README.md', 'utf8').matchAll(/^\| <a id="diagnostics-([\w-]+)"><\/a>`([\w-]+)` *\| (\w+) *\|/gm)].map((m) => [m[1], m[2], m[3]]);
    expect(rows).toEqual(DIAGNOSTIC_CODES.map((d) => [d.code, d.code, d.severity]));
  });

  test('the settings default each code to its severity', () => {
    expect(DEFAULT_SETTINGS.severity).toEqual(Object.fromEntries(DIAGNOSTIC_CODES.map((d) => [d.code, d.severity])));
  });

  test('SARIF: one rule per code with its description, default level and help link', () => {
    const report: AnalysisReport = {
      version: 1,
      profile: { name: 'x86_64', pageSize: 4096, kernel: '7.1.5' },
      layoutSource: 'bundled:x86_64-defconfig-7.1.5',
      sites: [],
      diagnostics: [],
      skipped: [],
      files: 0,
    };
    const rules = toSarif(report).runs[0]!.tool.driver.rules!;
    expect(rules.map((r) => r.id)).toEqual(DIAGNOSTIC_CODES.map((d) => d.code));
    expect(rules[0]).toMatchObject({ shortDescription: { text: DIAGNOSTIC_CODES[0].summary }, defaultConfiguration: { level: 'error' } });
    for (const rule of rules) expect(rule.helpUri).toMatch(new RegExp(`^file://.*/README\\.md#diagnostics-${rule.id}$`));
  });
});
