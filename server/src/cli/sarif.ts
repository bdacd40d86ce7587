/**
 * `analyze --format sarif`: SARIF 2.1.0 (types from @types/sarif), one rule per diagnostic code
 * of the registry (diagnostic-codes.ts) with its help link, one result per diagnostic.
 */
import { pathToFileURL } from 'node:url';
import { VERSION } from '../version.js';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { DIAGNOSTIC_CODES, type DiagnosticCode } from '../analysis/diagnostic-codes.js';
import type { AnalysisReport, Severity } from '../analysis/report.js';
import { diagnosticHelpUrl } from '../readme-url.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL: Readonly<Record<Severity, Result.level>> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function toSarif(report: AnalysisReport): Log {
  const codes: readonly DiagnosticCode[] = DIAGNOSTIC_CODES.map((d) => d.code);
  const rules: ReportingDescriptor[] = DIAGNOSTIC_CODES.map((d) => {
    const helpUri = diagnosticHelpUrl(d.code);
    return {
      id: d.code,
      name: d.code,
      shortDescription: { text: d.summary },
      defaultConfiguration: { level: LEVEL[d.severity] },
      help: { text: `See the README, section "Diagnostics", ${d.code}.` },
      ...(helpUri ? { helpUri } : {}),
    };
  });
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
