/**
 * The one way the CLI, the language server and its workers read a file from disk: only a
 * regular file, and only up to a byte limit. A workspace can carry a symlink to /dev/zero or a
 * FIFO under any name (.config, Makefile, a .rs file, the type-sizes file); reading one would
 * block the event loop for good or grow memory without end.
 *
 * The file is opened with O_NONBLOCK, so opening a FIFO never waits for a writer, and the kind
 * is checked with fstat on that descriptor (not a separate stat, which a rename could race).
 * Anything but a regular file is closed unread.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/** Why a file was not read: `reason` is a short phrase for a message ("it is a FIFO"). */
export class UnreadableFileError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'UnreadableFileError';
  }
}

/** The path names a FIFO, a device, a socket or a folder. */
export class NotRegularFileError extends UnreadableFileError {
  constructor(
    path: string,
    readonly kind: string,
  ) {
    super(path, `not a regular file (it is ${kind})`);
    this.name = 'NotRegularFileError';
  }
}

/** The file is larger than the caller's limit. */
export class FileTooLargeError extends UnreadableFileError {
  constructor(
    path: string,
    readonly bytes: number,
    readonly maxBytes: number,
  ) {
    super(path, `${sizeText(bytes)} is over the ${sizeText(maxBytes)} limit for this file`);
    this.name = 'FileTooLargeError';
  }
}

/** open or read failed: `code` is the errno name (ENOENT, EACCES, ...). */
export class FileAccessError extends UnreadableFileError {
  constructor(
    path: string,
    readonly code: string,
  ) {
    super(path, code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : `cannot read (${code})`);
    this.name = 'FileAccessError';
  }
}

function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

function kindOf(stat: Stats): string {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  if (stat.isDirectory()) return 'a folder';
  return 'not a file';
}

// O_NONBLOCK and O_NOCTTY do not exist on Windows, where FIFOs are not files either.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

function errnoOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}

/** The file's bytes; throws an UnreadableFileError subclass for anything else. */
export function readRegularFile(path: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    const code = errnoOf(error);
    // Opening a folder read-only succeeds on Linux; EISDIR comes only from some systems.
    if (code === 'EISDIR') throw new NotRegularFileError(path, 'a folder');
    throw new FileAccessError(path, code);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new NotRegularFileError(path, kindOf(stat));
    if (stat.size > maxBytes) throw new FileTooLargeError(path, stat.size, maxBytes);
    // Read until end of file, stopping one byte past the limit: a file that grew since fstat
    // is caught and never read whole. The first read asks for the size fstat gave plus one
    // byte, so a file that kept its size is read once and its end seen with a one-byte read
    // (small buffers come from Node's pool); past that size, in 64 KiB steps.
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const want = length <= stat.size ? stat.size - length + 1 : 1 << 16;
      const chunk = Buffer.allocUnsafe(Math.min(want, maxBytes + 1 - length, 1 << 20));
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (error) {
        throw new FileAccessError(path, errnoOf(error));
      }
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      length += n;
      if (length > maxBytes) throw new FileTooLargeError(path, length, maxBytes);
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length);
  } finally {
    closeSync(fd);
  }
}

/** The file as UTF-8 text (invalid sequences become U+FFFD); same errors as readRegularFile. */
export function readRegularText(path: string, maxBytes: number): string {
  return readRegularFile(path, maxBytes).toString('utf8');
}
