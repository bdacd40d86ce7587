/**
 * One site verdict (server/src/analysis/site-verdict.ts): the JSON report carries each site's
 * facts, and every other report is a projection of them. Checked on the examples and the corpus
 * under two targets: each diagnostic stands on a fact of its site's verdict, each fact that is a
 * problem has its diagnostic, and the table's WASTE column is the verdict's waste.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { resolveProfile } from '../../engine/src/profile.js';
import { analyzePaths } from '../../server/src/analysis/analyze.js';
import type { DiagnosticCode } from '../../server/src/analysis/diagnostic-codes.js';
import type { AnalysisReport, SiteReport } from '../../server/src/analysis/report.js';
import type { SiteVerdict } from '../../server/src/analysis/site-verdict.js';
import { formatTable } from '../../server/src/cli/format-table.js';
import { toSarif } from '../../server/src/cli/sarif.js';

const ROOT = join(__dirname, '..', '..');

/** The verdict facts each diagnostic code is made from. */
const FACTS: Readonly<Record<DiagnosticCode, readonly (keyof SiteVerdict)[]>> = {
  'kmalloc-oversized': ['overKmallocMax', 'canPassKmallocMax'],
  'kmalloc-costly-order': ['costlyOrder'],
  'slab-waste': ['slabWaste'],
  'vmalloc-small': ['vmallocBelowPage'],
  'sleep-in-atomic': ['sleepsWhileAtomic'],
  'api-not-in-kernel': ['apiNotInKernel'],
  'dma-large-coherent': ['dmaLargeCoherent'],
};

/** Facts that are a problem whenever they hold (slab waste has a threshold: its diagnostic need not follow). */
const ALWAYS_DIAGNOSED: readonly (keyof SiteVerdict)[] = ['overKmallocMax', 'canPassKmallocMax', 'costlyOrder', 'vmallocBelowPage', 'sleepsWhileAtomic', 'apiNotInKernel', 'dmaLargeCoherent'];

const reports: [string, AnalysisReport][] = [];
beforeAll(async () => {
  const paths = [join(ROOT, 'examples'), join(ROOT, '..', 'shared', 'corpus')];
  reports.push(['x86_64, newest kernel', await analyzePaths(paths, { profile: resolveProfile('x86_64'), includeDoc: false })]);
  reports.push(['arm64-64k, 6.12', await analyzePaths(paths, { profile: resolveProfile('arm64-64k'), kernel: '6.12', includeDoc: false })]);
}, 120_000);

const place = (x: { file: string; line: number; column: number }) => `${x.file}:${x.line}:${x.column}`;

describe('reports project the site verdict', () => {
  test('every diagnostic stands on a fact of its site, and every problem fact has its diagnostic', () => {
    for (const [target, report] of reports) {
      const sites = new Map<string, SiteReport>(report.sites.map((s) => [place(s), s]));
      expect(report.diagnostics.length, target).toBeGreaterThan(0);
      for (const d of report.diagnostics) {
        const site = sites.get(place(d));
        expect(site, `${target}: ${d.code} at ${place(d)} has no site`).toBeDefined();
        expect(
          FACTS[d.code].some((fact) => site!.verdict[fact] !== undefined),
          `${target}: ${d.code} at ${place(d)} without its fact`,
        ).toBe(true);
      }
      const codesAt = new Set(report.diagnostics.map((d) => `${place(d)} ${d.code}`));
      for (const site of report.sites.filter((s) => s.kind === 'code')) {
        for (const fact of ALWAYS_DIAGNOSED) {
          if (site.verdict[fact] === undefined) continue;
          const code = (Object.keys(FACTS) as DiagnosticCode[]).find((c) => FACTS[c].includes(fact))!;
          expect(codesAt.has(`${place(site)} ${code}`), `${target}: ${fact} at ${place(site)} without ${code}`).toBe(true);
        }
      }
    }
  });

  test('the table’s WASTE column is the verdict’s waste, and SARIF has one result per diagnostic', () => {
    for (const [target, report] of reports) {
      const rows = formatTable(report)
        .split('\n')
        .slice(1, 1 + report.sites.length);
      const wasteColumn = rows.map((r) => r.split(/\s{2,}/)[4] ?? '');
      expect(
        wasteColumn.map((w) => (w === '' ? '—' : w)),
        target,
      ).toEqual(report.sites.map((s) => (s.verdict.waste ? `${Math.round(s.verdict.waste.percent)}%` : '—')));
      expect(toSarif(report).runs[0]!.results!.map((r) => r.ruleId)).toEqual(report.diagnostics.map((d) => d.code));
    }
  });
});
