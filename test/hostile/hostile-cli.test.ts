/**
 * Issue 16 items 1, 5 and 14 through the built CLI: FIFOs and devices where files are expected,
 * an unlistable folder, and a reader that stops early. Each run is bounded and killed if late.
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { CLI, runCliWithin } from '../cli/run-cli.js';
import { mkfifo, removeWorkspace, tempWorkspace } from './hostile-workspace.js';

const work = tempWorkspace('cli');
afterAll(() => removeWorkspace(work));
const BOUND = 30_000;

/** Exit 2 with one clear line on stderr and no stack trace. */
function expectUsageError(r: ReturnType<typeof runCliWithin>, message: RegExp): void {
  expect(r.signal).toBeNull();
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(r.code).toBe(2);
}

describe('files that never end (item 1)', () => {
  test('--config a FIFO or /dev/zero: refused at once with exit 2', () => {
    mkfifo(join(work, 'config.fifo'));
    expectUsageError(runCliWithin(BOUND, 'explain', '--size', '100', '--config', join(work, 'config.fifo')), /cannot read --config .*config\.fifo: not a regular file \(it is a FIFO\)/);
    expectUsageError(runCliWithin(BOUND, 'explain', '--size', '100', '--config', '/dev/zero'), /cannot read --config \/dev\/zero: not a regular file \(it is a character device\)/);
  });

  test('--type-sizes /dev/zero: refused with exit 2', () => {
    expectUsageError(runCliWithin(BOUND, 'analyze', join(work, 'a.rs'), '--type-sizes', '/dev/zero'), /--type-sizes \/dev\/zero: not a regular file \(it is a character device\)/);
  });

  test('a .rs file given as a link to /dev/zero is not read', () => {
    symlinkSync('/dev/zero', join(work, 'zero.rs'));
    expectUsageError(runCliWithin(BOUND, 'analyze', join(work, 'zero.rs')), /zero\.rs is neither a file nor a folder \(it is a character device\)/);
  });
});

describe('clear messages, exit 2 (item 14)', () => {
  test('analyze /dev/null and a FIFO root', () => {
    expectUsageError(runCliWithin(BOUND, 'analyze', '/dev/null'), /^kalloc-lens: \/dev\/null is neither a file nor a folder \(it is a character device\)\n$/);
    mkfifo(join(work, 'root.fifo'));
    expectUsageError(runCliWithin(BOUND, 'analyze', join(work, 'root.fifo')), /root\.fifo is neither a file nor a folder \(it is a FIFO\)/);
  });

  test('simulate on a folder, and on a FIFO', () => {
    mkdirSync(join(work, 'dir'));
    expectUsageError(runCliWithin(BOUND, 'simulate', `${join(work, 'dir')}:1:1`), /dir: not a regular file \(it is a folder\)/);
    mkfifo(join(work, 'sim.fifo'));
    expectUsageError(runCliWithin(BOUND, 'simulate', `${join(work, 'sim.fifo')}:1:1`), /sim\.fifo: not a regular file \(it is a FIFO\)/);
  });

  test('stdout closed early (analyze | head -1): quiet, exit 0', async () => {
    const many = join(work, 'many');
    mkdirSync(many);
    // ~400 KB of JSON: far more than a pipe holds, so writes go on after the reader has gone.
    const body = Array.from({ length: 300 }, (_, i) => `    let b${i} = KBox::new([0u8; ${100 + i}], GFP_KERNEL)?;`).join('\n');
    writeFileSync(join(many, 'm.rs'), `use kernel::prelude::*;\nfn f() -> Result {\n${body}\n    Ok(())\n}\n`);
    const child = spawn(process.execPath, [CLI, 'analyze', many, '--format', 'json', '--fail-on', 'never'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const killer = setTimeout(() => child.kill('SIGKILL'), BOUND);
    const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    clearTimeout(killer);
    expect(signal).toBeNull();
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe('a folder that cannot be listed (item 5)', () => {
  test('is skipped with its reason; the other files are analysed', () => {
    const root = join(work, 'tree');
    mkdirSync(root);
    writeFileSync(join(root, 'b.rs'), 'use kernel::prelude::*;\nfn g() -> Result { let _v = KBox::new([0u8; 3000], GFP_KERNEL)?; Ok(()) }\n');
    // Root ignores permissions; a path longer than PATH_MAX cannot be listed by anyone.
    let deep = 'deep';
    for (let i = 0; i < 18; i++) deep = join(deep, 'd'.repeat(250));
    expect(spawnSync('mkdir', ['-p', deep], { cwd: root }).status).toBe(0);
    const r = runCliWithin(BOUND, 'analyze', root, '--format', 'json', '--fail-on', 'never');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { files: number; skipped: { file: string; reason: string }[] };
    expect(report.files).toBe(1);
    expect(report.skipped).toEqual([{ file: expect.stringMatching(/d{250}$/), reason: 'folder not read: ENAMETOOLONG' }]);
  });
});
