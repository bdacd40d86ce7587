/**
 * The type sizes file (README "Type sizes file"): sizes for types the analyzer cannot see, such
 * as C `bindings::` types, `{ "bindings::spinlock_t": { "size": 4, "align": 4 }, ... }`. Shared by
 * the CLI (`--type-sizes`) and the language server (`kallocLens.typeSizesFile`).
 */
import type { UserTypeSize } from '../analysis/layout/layout-result.js';
import { MAX_TYPE_SIZES_BYTES } from './limits.js';
import { readRegularText, UnreadableFileError } from './read-regular-file.js';

export class TypeSizesError extends Error {}

/**
 * What JSON.parse found wrong, without its text: V8's messages quote the input around the
 * error, and the file may not be ours to show. Where V8 gives an offset it becomes line:column.
 */
function jsonErrorPlace(text: string, error: Error): string {
  if (/^Unexpected end of JSON input/.test(error.message)) return 'not valid JSON (it ends early)';
  const at = /position (\d+)/.exec(error.message);
  if (!at) return 'not valid JSON';
  const offset = Number(at[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `not valid JSON at line ${line}, column ${column}`;
}

/** A type name fit to repeat in a message: a Rust path of sane length; else only its number. */
function entryName(type: string, index: number): string {
  return /^[A-Za-z_][A-Za-z0-9_:<>, ]{0,120}$/.test(type) ? `"${type}"` : `entry ${index + 1}`;
}

/**
 * Parse the file's text; throws TypeSizesError naming the entry that is wrong. Messages never
 * quote the file's values: the path may name any file on the machine.
 */
export function parseTypeSizes(text: string): Record<string, UserTypeSize> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new TypeSizesError(jsonErrorPlace(text, error as Error));
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new TypeSizesError('expected an object of "type": { "size": bytes, "align": bytes }');
  // A null prototype: a type named "__proto__" or "constructor" is an entry like any other.
  const out: Record<string, UserTypeSize> = Object.create(null) as Record<string, UserTypeSize>;
  Object.entries(parsed as Record<string, unknown>).forEach(([type, value], index) => {
    const v = (value && typeof value === 'object' ? value : {}) as { size?: unknown; align?: unknown };
    if (!Number.isInteger(v.size) || !Number.isInteger(v.align) || (v.size as number) < 0 || (v.align as number) < 1) {
      throw new TypeSizesError(`${entryName(type, index)}: expected { "size": bytes, "align": bytes } with whole numbers (size ≥ 0, align ≥ 1)`);
    }
    out[type] = { sizeBytes: v.size as number, alignBytes: v.align as number };
  });
  return out;
}

/** Read and parse; a FIFO, device or oversized file is refused unread. */
export function readTypeSizesFile(path: string): Record<string, UserTypeSize> {
  let text: string;
  try {
    text = readRegularText(path, MAX_TYPE_SIZES_BYTES);
  } catch (error) {
    if (error instanceof UnreadableFileError) throw new TypeSizesError(error.reason);
    throw error;
  }
  return parseTypeSizes(text);
}
