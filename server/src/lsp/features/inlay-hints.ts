/**
 * Inlay hints (off unless `kallocLens.inlayHints`): the byte size after a capacity or count
 * argument. Pulled by the editor, and asked to pull again when every answer may have changed.
 */
import { InlayHintRefreshRequest, type Connection, type ServerCapabilities, type InlayHint } from 'vscode-languageserver';
import { formatBytes } from '../../../../engine/src/index.js';
import { guard } from '../guard.js';
import type { ServerContext } from '../server-context.js';

export function inlayHints(ctx: ServerContext, uri: string): InlayHint[] {
  const doc = ctx.documents.get(uri);
  if (!doc || !ctx.target.settings.inlayHints) return [];
  return ctx.documents.sitesOf(doc).flatMap((site) => {
    const at = site.found.countRange;
    const bytes = site.size.bytes;
    if (!at || bytes === null) return [];
    const element = site.size.element;
    const count = site.size.count;
    if (!element || count === null) return [];
    // `BATCH = 2400 B` would read as if BATCH were bytes: say the product.
    const product = `× ${element.sizeBytes} B = ${formatBytes(bytes)}`;
    const label = site.found.count?.text.trim() === String(count) ? product : `${count} ${product}`;
    return [{ position: { line: at.endRow, character: at.endColumn }, label, paddingLeft: true }];
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
