/**
 * The type sizes file (README "Type sizes file"): sizes for types the analyzer cannot see, such
 * as C `bindings::` types, `{ "bindings::spinlock_t": { "size": 4, "align": 4 }, ... }`. Shared by
 * the CLI (`--type-sizes`) and the language server (`kallocLens.typeSizesFile`).
 */
import { readFileSync } from 'node:fs';
import type { UserTypeSize } from '../analysis/layout/layout-result.js';

export class TypeSizesError extends Error {}

/** Parse the file's text; throws TypeSizesError naming the entry that is wrong. */
export function parseTypeSizes(text: string): Record<string, UserTypeSize> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new TypeSizesError((error as Error).message);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new TypeSizesError('expected an object of "type": { "size": bytes, "align": bytes }');
  const out: Record<string, UserTypeSize> = {};
  for (const [type, value] of Object.entries(parsed as Record<string, unknown>)) {
    const v = value as { size?: unknown; align?: unknown };
    if (!Number.isInteger(v?.size) || !Number.isInteger(v?.align) || (v.size as number) < 0 || (v.align as number) < 1) {
      throw new TypeSizesError(`"${type}": expected { "size": bytes, "align": bytes } with whole numbers, got ${JSON.stringify(value)}`);
    }
    out[type] = { sizeBytes: v.size as number, alignBytes: v.align as number };
  }
  return out;
}

export function readTypeSizesFile(path: string): Record<string, UserTypeSize> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new TypeSizesError((error as NodeJS.ErrnoException).code ?? String(error));
  }
  return parseTypeSizes(text);
}
