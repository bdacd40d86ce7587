/**
 * One open document: its text (LSP TextDocument, UTF-16 positions) and its Tree-sitter tree,
 * kept in step by incremental edits. Each LSP change becomes a `tree.edit` on the old tree and
 * the new text is re-parsed with that tree, so Tree-sitter reuses every unchanged subtree.
 * web-tree-sitter counts indices and columns in UTF-16 code units, as LSP does.
 */
import type { Parser, Point, Tree } from 'web-tree-sitter';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';

export class OpenDocument {
  private constructor(
    readonly uri: string,
    /** File path for the report and the workspace index (the URI's path). */
    readonly path: string,
    private document: TextDocument,
    private current: Tree,
  ) {}

  /** Parse a newly opened document; null when the parser gives up (it reports, never throws). */
  static open(uri: string, path: string, version: number, text: string, parser: Parser): OpenDocument | null {
    const tree = parser.parse(text);
    return tree ? new OpenDocument(uri, path, TextDocument.create(uri, 'rust', version, text), tree) : null;
  }

  get text(): string {
    return this.document.getText();
  }

  get version(): number {
    return this.document.version;
  }

  get tree(): Tree {
    return this.current;
  }

  get textDocument(): TextDocument {
    return this.document;
  }

  /**
   * After the last update: true when it was one ranged change and everything it changed (the
   * edited text and every range whose syntax changed) lies inside one function body. Then the
   * file's items (types, consts, aliases) cannot have changed.
   */
  private bodyOnly = false;

  get lastEditInsideFunctionBody(): boolean {
    return this.bodyOnly;
  }

  /** Apply LSP changes in order (ranged or whole-text) and re-parse incrementally. */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number, parser: Parser): void {
    this.bodyOnly = false;
    const single = changes.length === 1 && 'range' in changes[0]! ? changes[0] : null;
    let newRange: { start: Point; end: Point } | null = null;
    let edited = false;
    for (const change of changes) {
      if ('range' in change) {
        edited = true;
        const startIndex = this.document.offsetAt(change.range.start);
        const oldEndIndex = this.document.offsetAt(change.range.end);
        // offsetAt clamps out-of-range positions; take the positions it clamped to.
        const startPosition = this.pointAt(startIndex);
        const oldEndPosition = this.pointAt(oldEndIndex);
        this.document = TextDocument.update(this.document, [change], version);
        const newEndPosition = endPointAfter(startPosition, change.text);
        newRange = { start: startPosition, end: newEndPosition };
        this.current.edit({ startIndex, oldEndIndex, newEndIndex: startIndex + change.text.length, startPosition, oldEndPosition, newEndPosition });
      } else {
        this.document = TextDocument.update(this.document, [change], version);
        this.reparse(parser, null);
        edited = false;
      }
    }
    if (!edited) return;
    const old = this.current;
    const next = parser.parse(this.document.getText(), old);
    if (!next) return;
    const changed = [...(single && newRange ? [newRange] : []), ...old.getChangedRanges(next).map((r) => ({ start: r.startPosition, end: r.endPosition }))];
    this.bodyOnly = single !== null && changed.every((r) => insideOneFunctionBody(next, r.start, r.end));
    old.delete();
    this.current = next;
  }

  private pointAt(offset: number): Point {
    const p = this.document.positionAt(offset);
    return { row: p.line, column: p.character };
  }

  private reparse(parser: Parser, old: Tree | null): void {
    const next = parser.parse(this.document.getText(), old);
    if (!next) return;
    if (next !== this.current) this.current.delete();
    this.current = next;
  }

  close(): void {
    this.current.delete();
  }
}

/** Is [start, end] strictly inside the body block of a function (where no indexed item lives)? */
function insideOneFunctionBody(tree: Tree, start: Point, end: Point): boolean {
  for (let n = tree.rootNode.descendantForPosition(start, end); n; n = n.parent) {
    if (n.type === 'block' && n.parent?.type === 'function_item') {
      const after = (p: Point, q: Point) => p.row > q.row || (p.row === q.row && p.column > q.column);
      return after(start, n.startPosition) && after(n.endPosition, end);
    }
  }
  return false;
}

/** Where text inserted at `start` ends, in rows and UTF-16 columns. */
export function endPointAfter(start: Point, text: string): Point {
  const lastBreak = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
  if (lastBreak === -1) return { row: start.row, column: start.column + text.length };
  const rows = (text.match(/\r\n|\r|\n/g) ?? []).length;
  return { row: start.row + rows, column: text.length - lastBreak - 1 };
}
