/**
 * Hover: on an allocation site, where it lands, in one screen (site-hover.ts); on a type name the
 * workspace defines, its layout (type-hover.ts).
 */
import type { Connection, Hover, ServerCapabilities } from 'vscode-languageserver';
import { cLayoutsOf } from '../../analysis/analyze-tree.js';
import { siteAt } from '../../analysis/simulate-site.js';
import { guard } from '../guard.js';
import { toLspRange } from '../lsp-ranges.js';
import type { ServerContext } from '../server-context.js';
import { commandLink } from '../protocol.js';
import { profilesLine } from './compare-profiles.js';
import { moveBeforeLock } from './move-before-lock.js';
import { siteHover } from './site-hover.js';
import { typeHover } from './type-hover.js';

export function hoverAt(ctx: ServerContext, uri: string, line: number, character: number): Hover | null {
  const doc = ctx.documents.get(uri);
  if (!doc) return null;
  const site = siteAt(ctx.documents.sitesOf(doc), line, character);
  if (site) {
    const range = toLspRange(site.found.range);
    const command = ctx.editor.simulateCommand;
    const simulateLink = command ? commandLink(command, { uri, position: range.start }) : null;
    const profiles = profilesLine(site, ctx.workspace.index.viewFrom(doc.path), ctx.target.options, ctx.target.target);
    const guarded = site.diagnostics.some((d) => d.code === 'sleep-in-atomic') ? site.found.atomicGuard : null;
    const lockMove = guarded ? moveBeforeLock(doc.tree.rootNode, doc.text, site.found.range, guarded) : null;
    return { contents: { kind: 'markdown', value: siteHover(site, ctx.target.target, { simulateLink, profilesLine: profiles, cLayouts: cLayoutsOf(ctx.target.options), lockMove }) }, range };
  }
  const node = doc.tree.rootNode.descendantForPosition({ row: line, column: character });
  if (!node || (node.type !== 'type_identifier' && node.type !== 'identifier')) return null;
  const text = typeHover(node.text, ctx.workspace.index.viewFrom(doc.path), ctx.target.options, ctx.target.target);
  return text ? { contents: { kind: 'markdown', value: text } } : null;
}

/** Binds the handlers; returns the capabilities they give. */
export function register(connection: Connection, ctx: ServerContext): ServerCapabilities {
  connection.onHover(guard(connection.console, 'hover', null, (p) => hoverAt(ctx, p.textDocument.uri, p.position.line, p.position.character)));
  return { hoverProvider: true };
}
