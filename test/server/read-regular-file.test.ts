/** The one file reader: regular files only, opened without blocking, read up to a limit. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { FileAccessError, FileTooLargeError, NotRegularFileError, readRegularFile, readRegularText } from '../../server/src/workspace/read-regular-file.js';
import { readRustSource } from '../../server/src/workspace/rust-files.js';

const dir = mkdtempSync(join(tmpdir(), 'kalloc-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readRegularFile', () => {
  test('a regular file is read whole, and a symlink to one is followed', () => {
    writeFileSync(join(dir, 'a.txt'), 'hello');
    symlinkSync(join(dir, 'a.txt'), join(dir, 'link.txt'));
    expect(readRegularText(join(dir, 'a.txt'), 1024)).toBe('hello');
    expect(readRegularText(join(dir, 'link.txt'), 1024)).toBe('hello');
    expect(readRegularFile(join(dir, 'a.txt'), 5).length).toBe(5);
  });

  test('a FIFO with no writer is refused at once, never waited on', () => {
    const fifo = join(dir, 'fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const t = performance.now();
    expect(() => readRegularFile(fifo, 1024)).toThrow(NotRegularFileError);
    expect(() => readRegularFile(fifo, 1024)).toThrow(/not a regular file \(it is a FIFO\)/);
    expect(performance.now() - t).toBeLessThan(5_000);
  });

  test('/dev/zero, directly or through a symlink, is refused unread', () => {
    symlinkSync('/dev/zero', join(dir, 'zero.rs'));
    expect(() => readRegularFile('/dev/zero', 1024)).toThrow(/it is a character device/);
    expect(() => readRegularFile(join(dir, 'zero.rs'), 1024)).toThrow(NotRegularFileError);
    expect(readRustSource(join(dir, 'zero.rs'))).toEqual({ ok: false, reason: 'not a regular file (it is a character device)' });
  });

  test('a folder, a missing file and a file over the limit each get their own error', () => {
    expect(() => readRegularFile(dir, 1024)).toThrow(/it is a folder/);
    expect(() => readRegularFile(join(dir, 'nope'), 1024)).toThrow(FileAccessError);
    expect(() => readRegularFile(join(dir, 'nope'), 1024)).toThrow(/no such file/);
    writeFileSync(join(dir, 'big.txt'), 'x'.repeat(2000));
    expect(() => readRegularFile(join(dir, 'big.txt'), 1999)).toThrow(FileTooLargeError);
    expect(readRegularFile(join(dir, 'big.txt'), 2000).length).toBe(2000);
  });
});
