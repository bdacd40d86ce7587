/**
 * `analyze --format sarif`: SARIF 2.1.0 (types from @types/sarif), one rule per diagnostic code,
 * one result per diagnostic.
 */
import { pathToFileURL } from 'node:url';
import { VERSION } from '../version.js';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { AnalysisReport, DiagnosticCode, Severity } from '../analysis/report.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const RULES: Readonly<Record<DiagnosticCode, string>> = {
  'kmalloc-oversized': 'A Kmalloc-backed request above KMALLOC_MAX_SIZE always fails.',
  'kmalloc-costly-order': 'A large kmalloc needs a page order above PAGE_ALLOC_COSTLY_ORDER and fails under fragmentation.',
  'slab-waste': 'The request wastes a large share of its kmalloc object.',
  'vmalloc-small': 'Vmalloc maps a whole page for a request smaller than a page.',
  'sleep-in-atomic': 'Flags that may sleep while a spinlock or RCU read-side guard is held.',
};

const LEVEL: Readonly<Record<Severity, Result.level>> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function toSarif(report: AnalysisReport): Log {
  const codes = Object.keys(RULES) as DiagnosticCode[];
  const rules: ReportingDescriptor[] = codes.map((code) => ({
    id: code,
    name: code,
    shortDescription: { text: RULES[code] },
    help: { text: `See the README, section "Diagnostics", ${code}.` },
  }));
  const results: Result[] = report.diagnostics.map((d) => ({
    ruleId: d.code,
    ruleIndex: codes.indexOf(d.code),
    level: LEVEL[d.severity],
    message: { text: d.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: pathToFileURL(d.file).href }, region: { startLine: d.line, startColumn: d.column } } }],
  }));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'kalloc-lens', version: VERSION, rules } },
        results,
        properties: { profile: report.profile, sites: report.sites.length },
      },
    ],
  };
}
