/**
 * Code the outer tree does not parse as code: the bodies of macro invocations
 * (`try_pin_init!(Self { buf <- VVec::with_capacity(n, GFP_KERNEL), .. })`) and the examples in
 * doc comments (`/// let v = KVec::<u8>::with_capacity(4, GFP_KERNEL)?;`). Each region is parsed
 * on its own inside a wrapper function, and positions map back line by line to the file.
 */
import type { Node, Parser, QueryMatch, Tree } from 'web-tree-sitter';
import { KERNEL_API_TEXT } from './known-apis.js';

export interface EmbeddedRegion {
  readonly kind: 'macro' | 'doc';
  /** Wrapped source to parse. */
  readonly source: string;
  /** For each wrapped line, the file's 0-based row and the column its text starts at; null for wrapper lines. */
  readonly lines: readonly ({ readonly row: number; readonly column: number } | null)[];
  /** For a macro body: the macro call it came from, in the tree that holds it. */
  readonly host?: Node;
}

const WRAP_OPEN = 'fn __kalloc_embedded() {';
const WRAP_CLOSE = '}';

/** Cheap text check (not parsing) for whether a macro body could contain an allocation call. */
const MAY_ALLOCATE = /\b(K|V|KV)?(Box|Vec)\b|\bArc\b|\bUniqueArc\b|\bCString\b|\b(K|V|KV)malloc\b|\bkvec\b|\.(push|reserve|extend_from_slice|resize|try_push|try_reserve|shrink_to)\s*\(/;

/** Macro bodies worth parsing, outermost only (nested ones are found when their region is parsed). */
export function macroRegions(matches: readonly QueryMatch[]): EmbeddedRegion[] {
  const out: EmbeddedRegion[] = [];
  let outerEnd = -1;
  for (const match of matches) {
    const call = match.captures.find((c) => c.name === 'macro.call')?.node;
    const body = match.captures.find((c) => c.name === 'macro.body')?.node;
    if (!call || !body || call.startIndex < outerEnd) continue;
    // `kernel::kvec!` is kvec! by path: its tokens are the finder's, not a body to re-parse.
    const name =
      match.captures
        .find((c) => c.name === 'macro.name')
        ?.node.text.split('::')
        .at(-1) ?? '';
    outerEnd = call.endIndex;
    if (name !== 'kvec' && body.text.length > 2 && (MAY_ALLOCATE.test(body.text) || KERNEL_API_TEXT.test(body.text))) {
      // A macro_rules! expansion: `$crate`, `$elem` become `_crate`, `_elem` (same columns), and a
      // repetition `$(..),*` keeps its inner tokens; what the arguments decide stays unknown.
      const text = call.type === 'macro_rule' ? body.text.slice(1, -1).replace(/\$/g, '_') : body.text.slice(1, -1);
      out.push({ ...regionFromSpan(text, body.startPosition.row, body.startPosition.column + 1, 'macro'), host: call });
    }
  }
  return out;
}

function regionFromSpan(text: string, row: number, column: number, kind: 'macro' | 'doc'): EmbeddedRegion {
  const textLines = text.split('\n');
  return {
    kind,
    source: `${WRAP_OPEN}\n${text}\n${WRAP_CLOSE}`,
    lines: [null, ...textLines.map((_, i) => ({ row: row + i, column: i === 0 ? column : 0 })), null],
  };
}

const DOC_PREFIX = /^(\/\/\/|\/\/!)\s?/;
const FENCE = /^\s*```\s*([\w,-]*)\s*$/;
/** Fence info strings that are not Rust code (rustdoc: ```text, ```sh, ...). */
const NOT_RUST: ReadonlySet<string> = new Set(['text', 'sh', 'bash', 'console', 'c', 'json', 'toml', 'none']);

/** Rust code blocks in `///` and `//!` comments. Lines hidden with `# ` are code too. */
export function docRegions(source: string): EmbeddedRegion[] {
  const out: EmbeddedRegion[] = [];
  const fileLines = source.split('\n');
  let state: 'outside' | 'rust' | 'other' = 'outside';
  let block: { row: number; column: number; text: string }[] = [];
  for (let row = 0; row < fileLines.length; row++) {
    const raw = fileLines[row]!;
    const indent = raw.length - raw.trimStart().length;
    const trimmed = raw.trimStart();
    const prefix = DOC_PREFIX.exec(trimmed);
    if (!prefix) {
      state = 'outside';
      continue;
    }
    const content = trimmed.slice(prefix[0].length);
    const fence = FENCE.exec(content);
    if (fence) {
      if (state === 'outside') {
        const info = (fence[1] ?? '').split(',')[0]!.trim();
        state = NOT_RUST.has(info) ? 'other' : 'rust';
        block = [];
      } else {
        if (state === 'rust' && block.length > 0) out.push(docRegion(block));
        state = 'outside';
      }
      continue;
    }
    if (state === 'rust') {
      const hidden = content.startsWith('# ') ? 2 : content === '#' ? 1 : 0;
      block.push({ row, column: indent + prefix[0].length + hidden, text: content.slice(hidden) });
    }
  }
  return out;
}

function docRegion(block: { row: number; column: number; text: string }[]): EmbeddedRegion {
  return {
    kind: 'doc',
    source: `${WRAP_OPEN}\n${block.map((l) => l.text).join('\n')}\n${WRAP_CLOSE}`,
    lines: [null, ...block.map((l) => ({ row: l.row, column: l.column })), null],
  };
}

/** Map a position in a region's parse back to the file (0-based row, column). */
export function mapPosition(region: EmbeddedRegion, row: number, column: number): { row: number; column: number } | null {
  const line = region.lines[row];
  return line ? { row: line.row, column: line.column + column } : null;
}

export function parseRegion(parser: Parser, region: EmbeddedRegion): Tree | null {
  return parser.parse(region.source);
}
