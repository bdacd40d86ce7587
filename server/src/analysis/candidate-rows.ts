/**
 * Where in a file an allocation call can be: the rows that contain one of the allocation
 * vocabulary's method names (`push`, `with_capacity`, `new`, `kvec`, ...) as a whole word,
 * merged into spans. The Tree-sitter query then runs only over those spans: most of a kernel
 * file (types, docs, register code) has no such word, and walking it was a third of the cost of
 * analysis. This is a lexical prefilter; what is a call is still decided on the tree.
 */
import { API_FUNCTION_NAMES, CONVERSION_METHODS, KERNEL_API_FUNCTION_NAMES, METHOD_ALIASES, VECTOR_METHODS } from './known-apis.js';

export interface RowSpan {
  /** 0-based, inclusive. */
  readonly firstRow: number;
  readonly lastRow: number;
}

/** Spans closer than this many rows are queried as one (each query call has a fixed cost). */
const MERGE_GAP_ROWS = 8;

/** Every name an allocation call can be spelled with after `::` or `.`, and the kvec! macro. */
const WORDS: readonly string[] = [...new Set(['kvec', ...Object.keys(METHOD_ALIASES), ...Object.keys(CONVERSION_METHODS), ...VECTOR_METHODS, ...API_FUNCTION_NAMES, ...KERNEL_API_FUNCTION_NAMES])];

const WORD_PATTERN = new RegExp(`\\b(?:${WORDS.join('|')})\\b`, 'g');

/** Row spans of `source` that may hold an allocation call, in order. */
export function candidateRows(source: string): RowSpan[] {
  const spans: { firstRow: number; lastRow: number }[] = [];
  let row = 0;
  let counted = 0;
  for (const match of source.matchAll(WORD_PATTERN)) {
    // Count newlines only up to each hit, once.
    for (let i = source.indexOf('\n', counted); i !== -1 && i < match.index; i = source.indexOf('\n', i + 1)) row++;
    counted = match.index;
    const last = spans.at(-1);
    if (last && row <= last.lastRow + MERGE_GAP_ROWS) last.lastRow = row;
    else spans.push({ firstRow: row, lastRow: row });
  }
  return spans;
}
