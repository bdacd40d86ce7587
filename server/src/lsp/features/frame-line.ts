/**
 * Where a chain frame is defined in its file, so that opening it lands on the function and not on
 * line 1. A line search for the definition's first line:
 * - Rust `Type::method`: `fn method` inside the `impl` block whose self type is `Type`
 *   (`unsafe impl Allocator for Vmalloc`), else the first `fn method` of the file (an alias such
 *   as `KVec::push` is implemented on `Vec`); a macro `kvec!` at `macro_rules! kvec`;
 * - C: the line that names the function before its `(` at column 0 and is not a declaration
 *   (`;`), or its `#define`.
 * Null when the file does not show it.
 */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `impl<T, A> Vec<T, A>` → Vec; `unsafe impl Allocator for Kmalloc {` → Kmalloc; null for any other line. */
function implSelfType(line: string): string | null {
  const head = /^\s*(?:unsafe\s+)?impl\b(.*)$/.exec(line)?.[1];
  if (head === undefined) return null;
  // Drop the impl's own generics (no nesting deeper than one level in the kernel's impl lines).
  let rest = head.trimStart();
  if (rest.startsWith('<')) {
    let depth = 0;
    let i = 0;
    for (; i < rest.length; i++) {
      if (rest[i] === '<') depth++;
      else if (rest[i] === '>' && --depth === 0) break;
    }
    rest = rest.slice(i + 1);
  }
  rest = rest.split(/\{|\bwhere\b/)[0]!;
  const self = / for\s+(.*)$/.exec(rest)?.[1] ?? rest;
  return /^\s*&?(?:'\w+\s+)?(?:mut\s+)?(?:[\w]+::)*(\w+)/.exec(self)?.[1] ?? null;
}

function rustLine(lines: readonly string[], frame: string): number | null {
  if (frame.endsWith('!')) {
    const macro = new RegExp(`macro_rules!\\s+${escapeRegExp(frame.slice(0, -1))}\\b`);
    const i = lines.findIndex((l) => macro.test(l));
    return i < 0 ? null : i;
  }
  const cut = frame.lastIndexOf('::');
  const type = cut < 0 ? null : (frame.slice(0, cut).split('::').at(-1) ?? null);
  const fn = new RegExp(`\\bfn\\s+${escapeRegExp(cut < 0 ? frame : frame.slice(cut + 2))}\\b`);
  let first: number | null = null;
  let inSelf = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const self = implSelfType(line);
    // A top-level impl starts a new block (impls are not nested).
    if (self !== null && /^(?:unsafe\s+)?impl\b/.test(line)) inSelf = self === type;
    if (!fn.test(line)) continue;
    if (inSelf) return i;
    first ??= i;
  }
  return first;
}

function cLine(lines: readonly string[], frame: string): number | null {
  const name = escapeRegExp(frame);
  const definition = new RegExp(`^(?:#define\\s+${name}\\b|(?:[A-Za-z_].*\\b)?${name}\\s*\\()`);
  const i = lines.findIndex((line) => definition.test(line) && !line.trimEnd().endsWith(';'));
  return i < 0 ? null : i;
}

/** The 0-based line of `frame`'s definition in `text` (the file `file`), or null. */
export function frameLine(text: string, frame: string, file: string): number | null {
  const lines = text.split('\n');
  return file.endsWith('.rs') ? rustLine(lines, frame) : cLine(lines, frame);
}
