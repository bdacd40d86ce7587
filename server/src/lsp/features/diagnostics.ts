/**
 * Analyzer diagnostics as LSP diagnostics on the whole call, each with its stable code and a
 * codeDescription linking to the code's section of the README shipped with the server. They are
 * pushed: on open and when every answer may have changed at once, after a quiet time
 * (`kallocLens.diagnosticsDelayMs`) while typing.
 */
import { DiagnosticSeverity, type Connection, type ServerCapabilities, type Diagnostic } from 'vscode-languageserver';
import type { AnalyzedSite } from '../../analysis/analyze-tree.js';
import type { Severity } from '../../analysis/report.js';
import { diagnosticHelpUrl as helpUrl } from '../../readme-url.js';
import { toLspRange } from '../lsp-ranges.js';
import type { ServerContext } from '../server-context.js';

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function lspDiagnostics(sites: readonly AnalyzedSite[]): Diagnostic[] {
  return sites.flatMap((site) =>
    site.diagnostics.map((d) => ({
      range: toLspRange(site.found.range),
      severity: SEVERITY[d.severity],
      code: d.code,
      ...(helpUrl(d.code) ? { codeDescription: { href: helpUrl(d.code)! } } : {}),
      source: 'kalloc-lens',
      message: d.message,
    })),
  );
}

/** Binds the handlers; returns the capabilities they give. */
export function register(connection: Connection, ctx: ServerContext): ServerCapabilities {
  const timers = new Map<string, NodeJS.Timeout>();
  const cancel = (uri: string): void => {
    clearTimeout(timers.get(uri));
    timers.delete(uri);
  };
  // Analysed in slices (DocumentStore.analysed): other requests are answered meanwhile, and a
  // document changed before its analysis ends is published by the schedule of its newer text.
  const publish = async (uri: string): Promise<void> => {
    const doc = ctx.documents.get(uri);
    if (!doc) return;
    try {
      const sites = await ctx.documents.analysed(doc);
      if (sites) void connection.sendDiagnostics({ uri, version: doc.version, diagnostics: lspDiagnostics(sites) });
    } catch (error) {
      connection.console.error(`kalloc-lens: diagnostics failed at ${uri}: ${(error as Error).stack ?? String(error)}`);
    }
  };
  const schedule = (uri: string, delay: number): void => {
    cancel(uri);
    // setTimeout(0) waits at least 1 ms; with no delay asked, publish on the next turn.
    if (delay === 0) setImmediate(() => void publish(uri));
    else {
      timers.set(
        uri,
        setTimeout(() => {
          timers.delete(uri);
          void publish(uri);
        }, delay),
      );
    }
  };
  ctx.documents.onDidOpen((doc) => schedule(doc.uri, 0));
  ctx.documents.onDidEdit((doc) => schedule(doc.uri, ctx.target.settings.diagnosticsDelayMs));
  ctx.documents.onDidInvalidate(() => {
    for (const doc of ctx.documents.all()) schedule(doc.uri, 0);
  });
  ctx.documents.onDidClose((uri) => {
    cancel(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  });
  return {};
}
