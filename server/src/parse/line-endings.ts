/**
 * LSP ends a line at `\n`, `\r\n` or a lone `\r`; Tree-sitter counts rows only at `\n`. A lone
 * `\r` becomes `\n` in the text Tree-sitter parses: the same length, so every offset is the
 * same, and its rows and columns are then LSP's lines and characters.
 */
const LONE_CR = /\r(?!\n)/g;

export function hasLoneCr(text: string): boolean {
  LONE_CR.lastIndex = 0;
  return LONE_CR.test(text);
}

/** The text to give Tree-sitter for `text`. */
export function treeSitterText(text: string): string {
  return hasLoneCr(text) ? text.replace(LONE_CR, '\n') : text;
}
