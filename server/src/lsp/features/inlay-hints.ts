/**
 * Inlay hints (off unless `kallocLens.inlayHints`): the byte size after a capacity or count
 * argument. Pulled by the editor, and asked to pull again when every answer may have changed.
 */
import { InlayHintRefreshRequest, type Connection, type ServerCapabilities, type InlayHint } from 'vscode-languageserver';
import { formatBytes } from '../../../../engine/src/format-bytes.js';
import { guard } from '../guard.js';
import type { ServerContext } from '../server-context.js';

export function inlayHints(ctx: ServerContext, uri: string): InlayHint[] {
  const doc = ctx.documents.get(uri);
  if (!doc || !ctx.target.settings.inlayHints) return [];
  return ctx.documents.sitesOf(doc).flatMap((site) => {
    const at = site.found.countRange;
    const bytes = site.size.bytes;
    if (!at || bytes === null) return [];
    return [{ position: { line: at.endRow, character: at.endColumn }, label: ` = ${formatBytes(bytes)}`, paddingLeft: false }];
  });
}

/** Binds the handlers; returns the capabilities they give. */
export function register(connection: Connection, ctx: ServerContext): ServerCapabilities {
  connection.languages.inlayHint.on(guard(connection.console, 'inlayHint', [] as InlayHint[], (p) => inlayHints(ctx, p.textDocument.uri)));
  if (ctx.client.workspace?.inlayHint?.refreshSupport === true) {
    ctx.documents.onDidInvalidate(() => void connection.sendRequest(InlayHintRefreshRequest.type).catch(() => undefined));
  }
  return { inlayHintProvider: true };
}
