/**
 * Code lenses over each code site: where it lands (lens-text.ts), and Simulate. The editor pulls
 * them; when every answer may have changed it is asked to pull again, where it can be asked.
 */
import { CodeLensRefreshRequest, type CodeLens, type Connection, type ServerCapabilities } from 'vscode-languageserver';
import { guard } from '../guard.js';
import { toLspRange } from '../lsp-ranges.js';
import type { ServerContext } from '../server-context.js';
import { COMMANDS } from './commands.js';
import { groupedTitles } from './lens-text.js';

export function codeLenses(ctx: ServerContext, uri: string): CodeLens[] {
  const doc = ctx.documents.get(uri);
  if (!doc) return [];
  const sites = ctx.documents.sitesOf(doc).filter((s) => s.found.kind === 'code');
  return groupedTitles(sites).flatMap(({ site, title }) => {
    const range = toLspRange(site.found.range);
    const simulate: CodeLens = { range, command: { title: 'Simulate', command: COMMANDS.simulate, arguments: [{ uri, position: range.start }] } };
    return title === null ? [simulate] : [{ range, command: { title, command: '' } }, simulate];
  });
}

/** Binds the handlers; returns the capabilities they give. */
export function register(connection: Connection, ctx: ServerContext): ServerCapabilities {
  connection.onCodeLens(guard(connection.console, 'codeLens', [] as CodeLens[], (p) => codeLenses(ctx, p.textDocument.uri)));
  if (ctx.client.workspace?.codeLens?.refreshSupport === true) {
    ctx.documents.onDidInvalidate(() => void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined));
  }
  return { codeLensProvider: { resolveProvider: false } };
}
