/**
 * How the target detection reads a file: through the one reader (workspace/read-regular-file.ts:
 * only a regular file, never a FIFO or device, within a byte limit), with "absent" (null) for
 * anything it refuses, so a hostile or huge workspace cannot stall start-up. The caller decides
 * whether absence is an error.
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { FileAccessError, readRegularText, UnreadableFileError } from '../workspace/read-regular-file.js';

/** Whether a regular file is at path (stat only: a FIFO is never opened). */
export function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The file's text, or null when it is missing, not a regular file, or over maxBytes. A file that
 * is there but refused (a FIFO, a link to /dev/zero, too large) is named in `refused`
 * ("Makefile not read: not a regular file (it is a FIFO)"), for the user to see.
 */
export function readTextIfReadable(path: string, maxBytes: number, refused?: string[]): string | null {
  try {
    return readRegularText(path, maxBytes);
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error;
    if (!(error instanceof FileAccessError && error.code === 'ENOENT')) refused?.push(`${basename(path)} not read: ${error.reason}`);
    return null;
  }
}
