/**
 * A bound on how deeply the extractors recurse into the tree. Tree-sitter parses a 5,000-deep
 * expression or 20,000 nested `mod`s without complaint, but following them recursively would
 * overflow the stack; past the bound, the file is reported as skipped with this reason.
 * Real kernel code nests a few levels; 256 leaves generous room.
 */
export const MAX_NESTING = 256;

export class TooDeepError extends Error {
  constructor(what: string) {
    super(`nesting deeper than ${MAX_NESTING} levels (${what})`);
    this.name = 'TooDeepError';
  }
}

let depth = 0;

/** Run one level of a recursive walk over `what`; throws TooDeepError past MAX_NESTING. */
export function nested<T>(what: string, body: () => T): T {
  if (depth >= MAX_NESTING) throw new TooDeepError(what);
  depth++;
  try {
    return body();
  } finally {
    depth--;
  }
}
