/**
 * Analyzer diagnostics as LSP diagnostics on the whole call, each with its stable code and a
 * codeDescription linking to the code's section of the README shipped with the server.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { AnalyzedSite } from '../../analysis/analyze-tree.js';
import type { Severity } from '../../analysis/report.js';
import { toLspRange } from '../lsp-ranges.js';

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** README.md next to the package (repository root, or the extension's folder). */
function readmeUrl(): string | null {
  for (const up of ['../../../../README.md', '../../../../../README.md', '../README.md']) {
    const path = fileURLToPath(new URL(up, import.meta.url));
    if (existsSync(path)) return pathToFileURL(path).href;
  }
  return null;
}

const README = readmeUrl();

export function lspDiagnostics(sites: readonly AnalyzedSite[]): Diagnostic[] {
  return sites.flatMap((site) =>
    site.diagnostics.map((d) => ({
      range: toLspRange(site.found.range),
      severity: SEVERITY[d.severity],
      code: d.code,
      ...(README ? { codeDescription: { href: `${README}#diagnostics-${d.code}` } } : {}),
      source: 'kalloc-lens',
      message: d.message,
    })),
  );
}
