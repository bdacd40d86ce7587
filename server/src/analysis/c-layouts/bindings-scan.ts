/**
 * One lexical pass over bindgen's output (rust/bindings/bindings_generated.rs, ~4 MB) that
 * records where each top-level struct, union and type alias sits, from its first
 * `#[...]` attribute (so `#[repr(..)]` travels with it) to its closing `}` or `;`. No syntax
 * tree is kept: an item is parsed only when a layout needs it (bindings-type-index.ts).
 * The scan tracks bracket depth and skips comments, strings and char literals, which is all
 * it takes to find item boundaries in generated code. Consts (~23,000, mostly CONFIG_* and
 * uapi numbers) are not indexed: bindgen writes every array length as a literal, so no layout
 * needs one.
 */

export type BindingsItemKind = 'struct' | 'union' | 'type';

export interface BindingsItem {
  readonly kind: BindingsItemKind;
  /** Offsets into the file's text: [start, end). */
  readonly start: number;
  readonly end: number;
}

export interface BindingsScan {
  readonly types: ReadonlyMap<string, BindingsItem>;
}

const ITEM_HEAD = /pub (struct|union|type) ([A-Za-z_][A-Za-z0-9_]*)/y;

const enum Ch {
  Quote = 34,
  Hash = 35,
  Apostrophe = 39,
  OpenParen = 40,
  CloseParen = 41,
  Star = 42,
  Slash = 47,
  Semicolon = 59,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  LowerP = 112,
  OpenBrace = 123,
  CloseBrace = 125,
}

/** The end of a string literal that starts at `i` (the opening quote). */
function skipString(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === Ch.Backslash) j++;
    else if (c === Ch.Quote) return j + 1;
  }
  return text.length;
}

/** Past a char literal (`'{'`, `'\n'`); a lifetime (`'a`) is left for the caller to step over. */
function skipApostrophe(text: string, i: number): number {
  if (text.charCodeAt(i + 1) === Ch.Backslash) {
    const close = text.indexOf("'", i + 2);
    return close < 0 ? text.length : close + 1;
  }
  return text.charCodeAt(i + 2) === Ch.Apostrophe ? i + 3 : i + 1;
}

function skipComment(text: string, i: number): number {
  if (text.charCodeAt(i + 1) === Ch.Slash) {
    const nl = text.indexOf('\n', i);
    return nl < 0 ? text.length : nl + 1;
  }
  let depth = 0;
  for (let j = i; j < text.length - 1; j++) {
    if (text.charCodeAt(j) === Ch.Slash && text.charCodeAt(j + 1) === Ch.Star) {
      depth++;
      j++;
    } else if (text.charCodeAt(j) === Ch.Star && text.charCodeAt(j + 1) === Ch.Slash) {
      depth--;
      j++;
      if (depth === 0) return j + 1;
    }
  }
  return text.length;
}

export function scanBindings(text: string): BindingsScan {
  const types = new Map<string, BindingsItem>();
  let depth = 0;
  /** Where the attributes before the next item began (-1: none since the last item). */
  let attrStart = -1;
  let open: { kind: BindingsItemKind; name: string; start: number } | null = null;
  const close = (end: number): void => {
    if (!open) return;
    // bindgen emits each name once; the first wins should a later one repeat it.
    if (!types.has(open.name)) types.set(open.name, { kind: open.kind, start: open.start, end });
    open = null;
  };
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === Ch.Slash && (text.charCodeAt(i + 1) === Ch.Slash || text.charCodeAt(i + 1) === Ch.Star)) {
      i = skipComment(text, i);
      continue;
    }
    if (c === Ch.Quote) {
      i = skipString(text, i);
      continue;
    }
    if (c === Ch.Apostrophe) {
      i = skipApostrophe(text, i);
      continue;
    }
    if (c === Ch.OpenBrace || c === Ch.OpenParen || c === Ch.OpenBracket) {
      if (depth === 0 && c === Ch.OpenBracket && i > 0 && text.charCodeAt(i - 1) === Ch.Hash && !open && attrStart < 0) attrStart = i - 1;
      depth++;
    } else if (c === Ch.CloseBrace || c === Ch.CloseParen || c === Ch.CloseBracket) {
      depth = Math.max(0, depth - 1);
      // A braced struct or union ends with its `}`; a tuple struct goes on to its `;`.
      if (depth === 0 && c === Ch.CloseBrace) {
        if (open && (open.kind === 'struct' || open.kind === 'union')) close(i + 1);
        else if (!open) attrStart = -1;
      }
    } else if (c === Ch.Semicolon && depth === 0) {
      close(i + 1);
      attrStart = -1;
    } else if (depth === 0 && c === Ch.LowerP && !open) {
      ITEM_HEAD.lastIndex = i;
      const m = ITEM_HEAD.exec(text);
      if (m && (i === 0 || /\s/.test(text[i - 1]!))) {
        open = { kind: m[1] as BindingsItemKind, name: m[2]!, start: attrStart >= 0 ? attrStart : i };
        attrStart = -1;
        i += m[0].length;
        continue;
      }
    }
    i++;
  }
  return { types };
}
