/**
 * One open document: its text (LSP TextDocument, UTF-16 positions) and its Tree-sitter tree,
 * kept in step by incremental edits. Each LSP change becomes a `tree.edit` on the old tree and
 * the new text is re-parsed with that tree, so Tree-sitter reuses every unchanged subtree.
 * web-tree-sitter counts indices and columns in UTF-16 code units, as LSP does.
 */
import type { Parser, Point, Tree } from 'web-tree-sitter';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { hasLoneCr, treeSitterText } from '../parse/line-endings.js';
import { parentOf } from '../parse/ancestors.js';

type Edit = Parameters<Tree['edit']>[0];

/** A range with its end before its start (a client's mistake) taken the right way round, once, for both the text and the tree. */
function ordered(range: Range): Range {
  const { start, end } = range;
  const reversed = end.line < start.line || (end.line === start.line && end.character < start.character);
  return reversed ? { start: end, end: start } : range;
}

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
    const tree = parser.parse(treeSitterText(text));
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

  /** Bumped by every update, even one that repeats a version number: caches key by it. */
  private updates = 0;
  /** The text was refused (too large, binary) and the tree not kept up with it. */
  private treeStale = false;

  get revision(): number {
    return this.updates;
  }

  /**
   * Apply LSP changes in order (ranged or whole-text) and re-parse incrementally. `refuse` sees
   * the new text before any parse and may name why it must not be parsed (too large, binary):
   * then the text is kept, the tree is not, and the reason is returned. With `checkBody` false
   * the edit is not checked for staying inside one function body (lastEditInsideFunctionBody
   * stays false): comparing the trees costs as much as re-parsing what changed, in a function of
   * 100,000 statements more than reading a file's few items again.
   */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number, parser: Parser, refuse: (text: string) => string | null = () => null, checkBody = true): string | null {
    this.bodyOnly = false;
    this.updates++;
    const hadLoneCr = hasLoneCr(this.document.getText());
    const edits: Edit[] = [];
    let whole = false;
    let newRange: { start: Point; end: Point } | null = null;
    for (const raw of changes) {
      if (!('range' in raw)) {
        this.document = TextDocument.update(this.document, [raw], version);
        whole = true;
        continue;
      }
      const change = { ...raw, range: ordered(raw.range) };
      const startIndex = this.document.offsetAt(change.range.start);
      const oldEndIndex = this.document.offsetAt(change.range.end);
      // offsetAt clamps out-of-range positions; take the positions it clamped to.
      const startPosition = this.pointAt(startIndex);
      const oldEndPosition = this.pointAt(oldEndIndex);
      this.document = TextDocument.update(this.document, [change], version);
      const newEndPosition = endPointAfter(startPosition, change.text);
      newRange = { start: startPosition, end: newEndPosition };
      edits.push({ startIndex, oldEndIndex, newEndIndex: startIndex + change.text.length, startPosition, oldEndPosition, newEndPosition });
    }
    if (changes.length === 0) this.document = TextDocument.update(this.document, [], version);
    const text = this.document.getText();
    const refused = refuse(text);
    if (refused) {
      this.treeStale = true;
      return refused;
    }
    // A lone CR before or after: its rows may have moved under Tree-sitter; parse afresh. So
    // after a whole-text change, or when the tree missed edits while the text was refused.
    if (whole || this.treeStale || hadLoneCr || hasLoneCr(text)) {
      this.replaceTree(parser.parse(treeSitterText(text)));
      this.treeStale = false;
      return null;
    }
    if (edits.length === 0) return null;
    const old = this.current;
    for (const edit of edits) old.edit(edit);
    const next = parser.parse(text, old);
    if (!next) return null;
    const single = checkBody && changes.length === 1 && newRange && insideOneFunctionBody(next, newRange.start, newRange.end);
    const changed = single ? old.getChangedRanges(next).map((r) => ({ start: r.startPosition, end: r.endPosition })) : [];
    this.bodyOnly = Boolean(single) && changed.every((r) => insideOneFunctionBody(next, r.start, r.end));
    old.delete();
    this.current = next;
    return null;
  }

  private pointAt(offset: number): Point {
    const p = this.document.positionAt(offset);
    return { row: p.line, column: p.character };
  }

  private replaceTree(next: Tree | null): void {
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
  for (let n = tree.rootNode.descendantForPosition(start, end); n; n = parentOf(n)) {
    if (n.type === 'block' && parentOf(n)?.type === 'function_item') {
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
