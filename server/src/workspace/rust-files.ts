/**
 * The Rust files under the paths a user gave: folders are walked (ignoring build output and
 * VCS folders), files are taken as given. Inside a kernel tree only the Rust the kernel builds
 * is listed: host folders (kernel-paths.ts) are named once in `skipped` and not entered, and
 * generated files are passed over unread. Missing paths are an input error; files that are not
 * text (a NUL byte, invalid UTF-8) or are too large are skipped, each with a reason, never
 * parsed.
 */
import { readdirSync, statSync, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { findKernelRoot } from '../target/kernel-root.js';
import { hostFolderOf, HOST_REASON, isGeneratedRust } from './kernel-paths.js';
import { IGNORED_DIRS, MAX_FILE_BYTES, MAX_FILES_PER_ROOT } from './limits.js';
import { FileTooLargeError, readRegularFile, UnreadableFileError } from './read-regular-file.js';
import { runSteps, type Steps } from './stepwise.js';

export interface SkippedFile {
  readonly path: string;
  readonly reason: string;
}

export interface RustFileList {
  readonly files: readonly string[];
  readonly skipped: readonly SkippedFile[];
}

/** A path the user gave that cannot be analysed: missing, or neither a file nor a folder. */
export class InputPathError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'InputPathError';
  }
}

export class MissingPathError extends InputPathError {
  constructor(path: string) {
    super(path, `no such file or folder: ${path}`);
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

function kindOf(stat: Stats): string {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

function readdirReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'folder not read: permission denied';
  if (code === 'ENOENT') return 'folder not read: it vanished while being listed';
  return `folder not read: ${code ?? String(error)}`;
}

/**
 * Walk roots in a stable order. A root that is a file is kept even without the .rs suffix. A
 * folder that cannot be listed (no permission, vanished) is skipped with its reason; the walk
 * goes on.
 */
export function listRustFiles(roots: readonly string[]): RustFileList {
  return runSteps(listingSteps(roots));
}

/** listRustFiles, one step per folder read (stepwise.ts). */
export function* listingSteps(roots: readonly string[]): Steps<RustFileList> {
  const files: string[] = [];
  const skipped: SkippedFile[] = [];
  for (const root of roots) {
    const stat = statOrNull(root);
    if (!stat) throw new MissingPathError(root);
    const kernelRoot = findKernelRoot(root)?.dir ?? null;
    // Paths as given stay as given (the report prints them); the kernel rules compare absolute ones.
    const host = (path: string): boolean => kernelRoot !== null && hostFolderOf(resolve(path), kernelRoot) !== null;
    if (stat.isFile()) {
      if (host(root)) skipped.push({ path: root, reason: HOST_REASON });
      else files.push(root);
      continue;
    }
    if (!stat.isDirectory()) throw new InputPathError(root, `${root} is neither a file nor a folder (it is ${kindOf(stat)})`);
    if (host(root)) {
      skipped.push({ path: root, reason: HOST_REASON });
      continue;
    }
    const start = files.length;
    const walk = function* (dir: string): Steps<boolean> {
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch (error) {
        skipped.push({ path: dir, reason: readdirReason(error) });
        return true;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      yield;
      for (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (IGNORED_DIRS.has(entry.name)) continue;
          if (host(path)) skipped.push({ path, reason: HOST_REASON });
          else if (!(yield* walk(path))) return false;
        } else if (entry.isFile() && entry.name.endsWith('.rs')) {
          if (kernelRoot !== null && isGeneratedRust(entry.name)) continue;
          if (files.length - start >= MAX_FILES_PER_ROOT) {
            skipped.push({ path, reason: `more than ${MAX_FILES_PER_ROOT} Rust files under ${root}; the rest are not read` });
            return false;
          }
          files.push(path);
        }
      }
      return true;
    };
    yield* walk(root);
  }
  return { files, skipped };
}

export type SourceText = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

/** A file over the size limit for one file: skipped, with the sizes in the reason. */
export function tooLarge(bytes: number, maxBytes: number): SourceText {
  return { ok: false, reason: `${(bytes / 1024 / 1024).toFixed(1)} MiB is over the ${(maxBytes / 1024 / 1024).toFixed(0)} MiB limit for one file` };
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Read one file as UTF-8 Rust source, or say why it is not (a FIFO or device is never read). */
export function readRustSource(path: string, limits: { readonly maxBytes?: number } = {}): SourceText {
  const maxBytes = limits.maxBytes ?? MAX_FILE_BYTES;
  let bytes: Buffer;
  try {
    bytes = readRegularFile(path, maxBytes);
  } catch (error) {
    if (error instanceof FileTooLargeError) return tooLarge(error.bytes, maxBytes);
    if (error instanceof UnreadableFileError) return { ok: false, reason: error.reason };
    throw error;
  }
  if (bytes.includes(0)) return { ok: false, reason: 'binary file (contains a NUL byte)' };
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    // TextDecoder's fatal mode throws only for invalid UTF-8; the reason says so.
    return { ok: false, reason: 'not valid UTF-8' };
  }
}
