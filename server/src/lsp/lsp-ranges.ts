/** Analyzer ranges (0-based rows and UTF-16 columns) as LSP ranges; the units already agree. */
import type { Position, Range } from 'vscode-languageserver';
import type { SourceRange } from '../analysis/found-site.js';

export function toLspRange(r: SourceRange): Range {
  return { start: { line: r.startRow, character: r.startColumn }, end: { line: r.endRow, character: r.endColumn } };
}

export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

export function contains(r: Range, p: Position): boolean {
  const afterStart = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const beforeEnd = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return afterStart && beforeEnd;
}
