/**
 * `kalloc-lens analyze` in a kernel tree (test/fixtures/tree-scope, a small driver in the
 * kernel's layout): a single file gives the same answer as its folder, host code gives no site,
 * and the target comes from the tree's Makefile and the build (--build-dir, KBUILD_OUTPUT).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { CLI, runCli } from './run-cli.js';

const TREE = 'test/fixtures/tree-scope';
const BUILDS = resolve(__dirname, '..', '..', '..', 'shared', 'kernel-build');
const temp = mkdtempSync(join(tmpdir(), 'kalloc-tree-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

interface Site {
  file: string;
  line: number;
  call: string;
  elementSize: number | null;
  size: { bytes: number | null };
  outcome: { path: string; cache?: string };
}
interface Report {
  sites: Site[];
  diagnostics: { file: string; line: number; code: string }[];
  skipped: { file: string; reason: string }[];
  profile: { name: string; kernel: string };
  files: number;
}

function analyze(...args: string[]): Report {
  const r = runCli('analyze', ...args, '--format', 'json', '--fail-on', 'never');
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Report;
}

const brief = (s: Site) => `${s.file}:${s.line} ${s.call} ${s.elementSize} ${s.size.bytes} ${s.outcome.cache ?? s.outcome.path}`;

describe('a single file gives the same answer as its folder', () => {
  test('examples/ring/ring.rs alone: the alias in types.rs resolves and both kmalloc-oversized errors stay', () => {
    const folder = analyze('examples');
    const alone = runCli('analyze', 'examples/ring/ring.rs', '--format', 'json');
    expect(alone.code).toBe(1); // --fail-on error: the oversized errors make it fail, as the folder does
    const single = JSON.parse(alone.stdout) as Report;
    expect(single.sites.map(brief)).toEqual(folder.sites.filter((s) => s.file.endsWith('ring.rs')).map(brief));
    expect(single.diagnostics.filter((d) => d.code === 'kmalloc-oversized').map((d) => d.line)).toEqual([53, 105]);
    expect(single.files).toBe(1);
  });

  test('a module in a subfolder of a driver reads its crate (the folder with the Makefile) and rust/kernel', () => {
    const desc = analyze(`${TREE}/drivers/mydrv/queue/desc.rs`);
    // Slot (state.rs): 8 + 4 + 4 + 8 + 8 = 32 B; 1 << 18 of them = 8 MiB > KMALLOC_MAX_SIZE (4 MiB).
    expect(desc.sites.map(brief)).toEqual([`${TREE}/drivers/mydrv/queue/desc.rs:12 KVec::with_capacity 32 8388608 fail`]);
    expect(desc.diagnostics.map((d) => d.code)).toEqual(['kmalloc-oversized']);
    const main = analyze(`${TREE}/drivers/mydrv/mydrv.rs`);
    // Table = KVec<Slot>: 64 × 32 = 2048 B. Timer: Delta (rust/kernel/time.rs, i64) × 2 + u32 = 20, padded to 24 B.
    expect(main.sites.map(brief)).toEqual([`${TREE}/drivers/mydrv/mydrv.rs:18 KVec::with_capacity 32 2048 kmalloc-2k`, `${TREE}/drivers/mydrv/mydrv.rs:20 KBox::new 24 24 kmalloc-32`]);
    const driver = analyze(`${TREE}/drivers/mydrv`);
    expect(driver.sites.map(brief)).toEqual([...main.sites, ...desc.sites].map(brief));
  });
});

describe('host code is not kernel code', () => {
  test('the whole tree: scripts/ and rust/macros are listed once in skipped and give no site', () => {
    const tree = analyze(TREE);
    expect(tree.sites.map((s) => s.file)).toEqual([`${TREE}/drivers/mydrv/mydrv.rs`, `${TREE}/drivers/mydrv/mydrv.rs`, `${TREE}/drivers/mydrv/queue/desc.rs`]);
    expect(tree.skipped).toEqual([
      { file: `${TREE}/rust/macros`, reason: "host program (std's allocator)" },
      { file: `${TREE}/scripts`, reason: "host program (std's allocator)" },
    ]);
    expect(analyze(`${TREE}/scripts/gen_table.rs`)).toMatchObject({ sites: [], skipped: [{ file: `${TREE}/scripts/gen_table.rs`, reason: "host program (std's allocator)" }] });
  });

  test('a crate that uses std gives no site anywhere; without its std line the same code would', () => {
    const host = join(temp, 'host');
    mkdirSync(host);
    copyFileSync(`${TREE}/scripts/gen_table.rs`, join(host, 'gen_table.rs'));
    expect(analyze(host)).toMatchObject({ sites: [], skipped: [{ file: join(host, 'gen_table.rs'), reason: "host program (std's allocator)" }], files: 0 });
    // The test can fail: the same file without `use std` and `std::` has a site (Box::try_new).
    const plain = join(temp, 'plain');
    mkdirSync(plain);
    const text = readFileSync(`${TREE}/scripts/gen_table.rs`, 'utf8')
      .replace('use std::io::Write;', '')
      .replace(/std::io::stdout\(\)[^;]*;/, '');
    writeFileSync(join(plain, 'gen_table.rs'), text);
    expect(analyze(plain).sites.map((s) => s.call)).toEqual(['Box::try_new']);
    // #[cfg(feature = "std")] items stay kernel code (pin-init's alloc.rs does this).
    writeFileSync(join(plain, 'gated.rs'), '#[cfg(feature = "std")]\nuse std::sync::Arc;\nfn f() -> Result { let v = KVec::<u8>::with_capacity(8, GFP_KERNEL)?; Ok(()) }\n');
    expect(analyze(join(plain, 'gated.rs')).sites.map((s) => s.call)).toEqual(['KVec::with_capacity']);
  });
});

describe('the target from the tree and its build', () => {
  test('--build-dir, then KBUILD_OUTPUT, then the tree: profile from the .config, version from the Makefile', () => {
    expect(analyze(`${TREE}/drivers/mydrv`).profile).toEqual({ name: 'x86_64', pageSize: 4096, kernel: '7.1.5' });
    const arm = analyze(`${TREE}/drivers/mydrv`, '--build-dir', join(BUILDS, 'arm64-defconfig'));
    expect(arm.profile).toEqual({ name: 'arm64-4k', pageSize: 4096, kernel: '7.1.5' });
    const env = spawnSync(process.execPath, [CLI, 'analyze', `${TREE}/drivers/mydrv`, '--format', 'json', '--fail-on', 'never'], {
      encoding: 'utf8',
      env: { ...process.env, KBUILD_OUTPUT: join(BUILDS, 'arm64-defconfig') },
    });
    expect(JSON.parse(env.stdout).profile.name).toBe('arm64-4k');
    const bad = runCli('analyze', `${TREE}/drivers/mydrv`, '--build-dir', join(temp, 'nowhere'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--build-dir .*nowhere: not a folder/);
  });
});
