/**
 * Quick fixes for the analyzer's diagnostics:
 * - kmalloc-oversized / kmalloc-costly-order at a `KVec::..`/`KBox::..` call: switch the type to
 *   its kvmalloc-backed twin (KVVec/KVBox), or to VVec/VBox, at the call and in the `let`
 *   annotation if there is one;
 * - sleep-in-atomic: allocate before taking the lock (move-before-lock.ts; offered first, or shown
 *   disabled with the reason it cannot be done), and GFP_KERNEL → GFP_ATOMIC;
 * - slab-waste: the capacity that fills the object the request already gets; a named count keeps
 *   its name (the const's value changes), with the number written at the call as the other choice.
 */
import { vmallocTwins } from '../../../../engine/src/index.js';
import { CodeActionKind, type CodeAction, type Connection, type ServerCapabilities, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { AnalyzedSite } from '../../analysis/analyze-tree.js';
import type { OpenDocument } from '../open-document.js';
import { guard } from '../guard.js';
import { moveBeforeLock } from './move-before-lock.js';
import { valueFlow } from './value-flow.js';
import { sameRange, toLspRange } from '../lsp-ranges.js';
import type { ServerContext } from '../server-context.js';
import { parentOf } from '../../parse/ancestors.js';

function typeSwaps(doc: OpenDocument, site: AnalyzedSite): { from: string; to: readonly string[]; edits: (to: string) => TextEdit[] } | null {
  // The types that can take a Kmalloc container's place, best first (the registry's twins).
  const from = site.found.api.kind === 'rust' ? (site.found.api.row.type ?? '') : '';
  const to = vmallocTwins(from);
  if (to.length === 0) return null;
  const r = site.found.range;
  const line = doc.textDocument.getText({ start: { line: r.startRow, character: r.startColumn }, end: { line: r.startRow, character: r.startColumn + from.length } });
  // Only a call written `KVec::..` names the type here; a method call's type is declared elsewhere.
  if (line !== from) return null;
  const at = (row: number, column: number) => ({ start: { line: row, character: column }, end: { line: row, character: column + from.length } });
  const annotation = letAnnotation(doc, site, from);
  // Every type the value flows into changes too, or the fix is not offered.
  const call = doc.tree.rootNode.descendantForPosition({ row: r.startRow, column: r.startColumn }, { row: r.endRow, column: Math.max(0, r.endColumn - 1) });
  const flow = call ? valueFlow(call, from) : { ok: true as const, heads: [] };
  if (!flow.ok) return null;
  const heads = flow.heads.map((h) => toLspRange(h));
  return {
    from,
    to,
    edits: (to) => [{ range: at(r.startRow, r.startColumn), newText: to }, ...(annotation ? [{ range: annotation, newText: to }] : []), ...heads.map((range) => ({ range, newText: to }))],
  };
}

/** `let v: KVec<T> = KVec::with_capacity(..)`: the annotation's `KVec` must change with the call. */
function letAnnotation(doc: OpenDocument, site: AnalyzedSite, from: string) {
  const r = site.found.range;
  let node = doc.tree.rootNode.descendantForPosition({ row: r.startRow, column: r.startColumn });
  while (node && node.type !== 'let_declaration' && node.type !== 'block' && node.type !== 'source_file') node = parentOf(node)!;
  const type = node?.type === 'let_declaration' ? node.childForFieldName('type') : null;
  const head = type?.type === 'generic_type' ? type.childForFieldName('type') : type;
  if (!head || head.text !== from) return null;
  return toLspRange({ startRow: head.startPosition.row, startColumn: head.startPosition.column, endRow: head.endPosition.row, endColumn: head.endPosition.column });
}

/**
 * `const NAME: usize = ..;` in this file, when the count is written as that bare name: the value's
 * range, and how often else the name appears as an identifier (changing it changes those too).
 */
function constItemOf(doc: OpenDocument, countText: string) {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(countText)) return null;
  const item = doc.tree.rootNode.descendantsOfType('const_item').find((c) => c?.childForFieldName('name')?.text === countText);
  const value = item?.childForFieldName('value');
  if (!item || !value) return null;
  const uses = doc.tree.rootNode.descendantsOfType('identifier').filter((n) => n?.text === countText).length;
  return {
    name: countText,
    value: toLspRange({ startRow: value.startPosition.row, startColumn: value.startPosition.column, endRow: value.endPosition.row, endColumn: value.endPosition.column }),
    // Uses besides the const's own name and this count.
    otherUses: Math.max(0, uses - 2),
  };
}

export interface CodeActionOptions {
  /** The client shows disabled actions with their reason (textDocument.codeAction.disabledSupport); else they are left out. */
  readonly disabledSupport: boolean;
}

export function codeActions(doc: OpenDocument, sites: readonly AnalyzedSite[], diagnostics: readonly Diagnostic[], options: CodeActionOptions = { disabledSupport: false }): CodeAction[] {
  const out: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== 'kalloc-lens') continue;
    const site = sites.find((s) => sameRange(toLspRange(s.found.range), diagnostic.range));
    if (!site) continue;
    const fix = (title: string, edits: TextEdit[], preferred = false): CodeAction => ({
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: preferred,
      edit: { changes: { [doc.uri]: edits } },
    });
    switch (diagnostic.code) {
      case 'kmalloc-oversized':
      case 'kmalloc-costly-order': {
        const swap = typeSwaps(doc, site);
        if (!swap) break;
        swap.to.forEach((to, i) => out.push(fix(`Use ${to} instead of ${swap.from}${i === 0 ? ' (kvmalloc: kmalloc first, vmalloc if that fails)' : ' (vmalloc)'}`, swap.edits(to), i === 0)));
        break;
      }
      case 'sleep-in-atomic': {
        const guarded = site.found.atomicGuard;
        const move = guarded ? moveBeforeLock(doc.tree.rootNode, doc.text, site.found.range, guarded) : null;
        if (move?.ok) out.push(fix(move.title, move.edits, true));
        else if (move && options.disabledSupport) out.push({ title: 'Allocate before taking the lock', kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], disabled: { reason: move.reason } });
        const flags = site.found.flagsRange;
        if (!flags || !/\bGFP_KERNEL\b/.test(site.found.flagsWritten ?? '')) break;
        const written = doc.textDocument.getText(toLspRange(flags));
        out.push(fix('Use GFP_ATOMIC (does not sleep; fails sooner when memory is short)', [{ range: toLspRange(flags), newText: written.replace(/\bGFP_KERNEL\b/, 'GFP_ATOMIC') }]));
        break;
      }
      case 'slab-waste': {
        const fill = site.answer.detail?.fillCount;
        const count = site.found.countRange;
        if (!fill || !count || site.size.count === null || fill <= site.size.count) break;
        const fills = `fills the ${site.answer.detail?.cache} object it already gets`;
        // A named count keeps its name: change the const (offered first), or write the number here.
        const named = constItemOf(doc, doc.textDocument.getText(toLspRange(count)).trim());
        if (named)
          out.push(
            fix(
              `Set ${named.name} = ${fill} (${fills}${named.otherUses ? `; also used at ${named.otherUses} other place${named.otherUses === 1 ? '' : 's'}` : ''})`,
              [{ range: named.value, newText: String(fill) }],
              true,
            ),
          );
        out.push(fix(`Use capacity ${fill} here (${fills})`, [{ range: toLspRange(count), newText: String(fill) }], !named));
        break;
      }
    }
  }
  return out;
}

/** Binds the handlers; returns the capabilities they give. */
export function register(connection: Connection, ctx: ServerContext): ServerCapabilities {
  connection.onCodeAction(
    guard(connection.console, 'codeAction', [] as CodeAction[], (p) => {
      const doc = ctx.documents.get(p.textDocument.uri);
      const disabledSupport = ctx.client.textDocument?.codeAction?.disabledSupport === true;
      return doc ? codeActions(doc, ctx.documents.sitesOf(doc), p.context.diagnostics, { disabledSupport }) : [];
    }),
  );
  return { codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] } };
}
