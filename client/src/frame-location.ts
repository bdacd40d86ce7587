/**
 * Where a chain frame is defined in a file, so that opening it lands on the function and not on
 * line 1. A one-line search for the definition's first line: `fn with_capacity` for a Rust frame
 * (`KVec::with_capacity`), `macro_rules! kvec` for a macro, and for C the line that names the
 * function before its `(` and is not a declaration (`;`). Null when the file does not show it.
 */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function frameLine(text: string, frame: string, file: string): number | null {
  const lines = text.split('\n');
  const find = (pattern: RegExp, skip?: (line: string) => boolean): number | null => {
    const i = lines.findIndex((line) => pattern.test(line) && !skip?.(line));
    return i < 0 ? null : i;
  };
  if (file.endsWith('.rs')) {
    if (frame.endsWith('!')) return find(new RegExp(`macro_rules!\\s+${escapeRegExp(frame.slice(0, -1))}\\b`));
    const name = frame.slice(frame.lastIndexOf('::') + (frame.includes('::') ? 2 : 0));
    return find(new RegExp(`\\bfn\\s+${escapeRegExp(name)}\\b`));
  }
  const name = escapeRegExp(frame);
  return find(new RegExp(`^(?:#define\\s+${name}\\b|(?:[A-Za-z_].*\\b)?${name}\\s*\\()`), (line) => line.trimEnd().endsWith(';'));
}
