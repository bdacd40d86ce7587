/**
 * `analyze --format table`: one line per site, what a person scans in a terminal, then a summary.
 * A projection of the JSON report: where the site lands (its outcome), the waste its verdict
 * states, and the codes of its diagnostics (each made from the verdict).
 */
import { formatBytes } from '../../../engine/src/index.js';
import type { AnalysisReport, SiteReport } from '../analysis/report.js';

function lands(site: SiteReport): string {
  const o = site.outcome;
  switch (o.path) {
    case 'slab':
      return o.cache ?? 'slab';
    case 'large':
      return `order-${o.order} pages`;
    case 'vmalloc':
      return `vmalloc ${o.pages}p`;
    case 'kvmalloc':
      return `vmalloc ${o.pages}p (kv)`;
    case 'pages':
      return `order-${o.order} pages`;
    case 'dma':
      return `dma order-${o.order}`;
    case 'fail':
      return 'fails';
    case 'none':
      return 'nothing';
    case 'unknown': {
      const slab = o.thresholds?.filter((t) => t.path === 'slab').at(-1);
      return slab?.elements ? `slab up to ${slab.elements} el.` : '?';
    }
  }
}

function waste(site: SiteReport): string {
  return site.verdict.waste ? `${Math.round(site.verdict.waste.percent)}%` : '—';
}

export function formatTable(report: AnalysisReport, showRelative: (file: string) => string = (f) => f): string {
  const byPlace = new Map<string, string[]>();
  for (const d of report.diagnostics) {
    const key = `${d.file}:${d.line}:${d.column}`;
    byPlace.set(key, [...(byPlace.get(key) ?? []), d.code]);
  }
  const rows = report.sites.map((s) => [
    `${showRelative(s.file)}:${s.line}`,
    s.kind === 'doc' ? `${s.call} (doc)` : s.call,
    s.size.bytes !== null ? formatBytes(s.size.bytes) : '?',
    lands(s),
    waste(s),
    (byPlace.get(`${s.file}:${s.line}:${s.column}`) ?? []).join(', '),
  ]);
  const header = ['FILE:LINE', 'CALL', 'SIZE', 'LANDS', 'WASTE', 'NOTE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const count = (sev: string) => report.diagnostics.filter((d) => d.severity === sev).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 || word.endsWith('information') ? '' : 's'}`;
  const summary = [
    plural(report.sites.length, 'site'),
    plural(count('error'), 'error'),
    plural(count('warning'), 'warning'),
    plural(count('information'), 'information'),
    plural(count('hint'), 'hint'),
  ].join(' · ');
  const out = [line(header), ...rows.map(line), `${summary}       profile ${report.profile.name} · kernel ${report.profile.kernel} · C layouts ${report.layoutSource} · ${report.files} files`];
  for (const s of report.skipped) out.push(`skipped ${showRelative(s.file)}: ${s.reason}`);
  return out.join('\n');
}
