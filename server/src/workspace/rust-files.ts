/**
 * The Rust files under the paths a user gave: folders are walked (ignoring build output and
 * VCS folders), files are taken as given. Missing paths are an input error; files that are not
 * text (a NUL byte, invalid UTF-8) or are too large are skipped, each with a reason, never
 * parsed.
 */
import { readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { IGNORED_DIRS, MAX_FILE_BYTES, MAX_FILES_PER_ROOT } from './limits.js';

export interface SkippedFile {
  readonly path: string;
  readonly reason: string;
}

export interface RustFileList {
  readonly files: readonly string[];
  readonly skipped: readonly SkippedFile[];
}

export class MissingPathError extends Error {
  constructor(readonly path: string) {
    super(`no such file or folder: ${path}`);
    this.name = 'MissingPathError';
  }
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Walk roots in a stable order. A root that is a file is kept even without the .rs suffix. */
export function listRustFiles(roots: readonly string[]): RustFileList {
  const files: string[] = [];
  const skipped: SkippedFile[] = [];
  for (const root of roots) {
    const stat = statOrNull(root);
    if (!stat) throw new MissingPathError(root);
    if (stat.isFile()) {
      files.push(root);
      continue;
    }
    const start = files.length;
    const walk = (dir: string): void => {
      const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!IGNORED_DIRS.has(entry.name)) walk(path);
        } else if (entry.isFile() && entry.name.endsWith('.rs')) {
          if (files.length - start >= MAX_FILES_PER_ROOT) {
            skipped.push({ path, reason: `more than ${MAX_FILES_PER_ROOT} Rust files under ${root}; the rest are not read` });
            return;
          }
          files.push(path);
        }
      }
    };
    walk(root);
  }
  return { files, skipped };
}

export type SourceText = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

/** A file over the size limit for one file: skipped, with the sizes in the reason. */
export function tooLarge(bytes: number, maxBytes: number): SourceText {
  return { ok: false, reason: `${(bytes / 1024 / 1024).toFixed(1)} MiB is over the ${(maxBytes / 1024 / 1024).toFixed(0)} MiB limit for one file` };
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Read one file as UTF-8 Rust source, or say why it is not. */
export function readRustSource(path: string, limits: { readonly maxBytes?: number } = {}): SourceText {
  const maxBytes = limits.maxBytes ?? MAX_FILE_BYTES;
  // Size first, so a huge file is never read into memory.
  const length = statSync(path).size;
  if (length > maxBytes) return tooLarge(length, maxBytes);
  const bytes = readFileSync(path);
  if (bytes.length > maxBytes) return tooLarge(bytes.length, maxBytes);
  if (bytes.includes(0)) return { ok: false, reason: 'binary file (contains a NUL byte)' };
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    // TextDecoder's fatal mode throws only for invalid UTF-8; the reason says so.
    return { ok: false, reason: 'not valid UTF-8' };
  }
}
