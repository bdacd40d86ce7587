/**
 * Markdown that text from the source cannot break out of. Everything the analyzer read from a
 * user's file (type names, const names, flags, count expressions with their comments) goes through
 * `code()` or `escapeMarkdown()` before it reaches a hover: a comment holding "```" must not close
 * a block, and a `[link](..)` or `![image](https://..)` in the source must stay text.
 */

/** One line: Markdown ends a paragraph at a newline, and a hover row must stay one row. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

/**
 * An inline code span holding `text` verbatim: its fence is one backtick longer than the longest
 * run inside (CommonMark 6.1), padded with spaces when the text starts or ends with a backtick.
 * Nothing inside a code span is a link, an image or HTML.
 */
export function code(text: string): string {
  const line = oneLine(text);
  const longest = Math.max(0, ...[...line.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = line.startsWith('`') || line.endsWith('`') || line === '' ? ' ' : '';
  return `${fence}${pad}${line}${pad}${fence}`;
}

/**
 * Prose with source text in it, shown as typed: every ASCII punctuation character Markdown could
 * read as syntax is backslash-escaped (CommonMark 2.4 allows escaping any of them), so `[x](y)`,
 * `<img>`, `*` and autolinks (`https\://`) stay plain text.
 */
export function escapeMarkdown(text: string): string {
  return oneLine(text).replace(/[\\`*_{}[\]()#+\-.!<>|~:&"']/g, (c) => `\\${c}`);
}

/** Rows of one hover: hard line breaks (two trailing spaces), so each row wraps on its own. */
export function rows(lines: readonly string[]): string {
  return lines.join('  \n');
}

/** A bold label, then its text: `**lands** kmalloc-4k ...`. */
export function labelled(label: string, text: string): string {
  return `**${label}** ${text}`;
}
