/**
 * The bindings reader against real builds (../shared/kernel-build, read in place): every struct
 * in both x86_64 struct-sizes.tsv files (GCC's sizeof, read from DWARF) must come out the same
 * as our layout of bindgen's Rust, except the six the README lists, where bindgen 0.60.1
 * mis-reads an alignment attribute (rustc agrees with us there, not with GCC).
 *
 * rustc cross-check (rustc 1.95.0, a scratch file in /tmp that `include!`s each build's bindings
 * after rust/bindings/lib.rs's preamble and prints size_of/align_of): x86_64 defconfig / debug
 * locking gave mutex 24/136, spinlock_t 4/64, wait_queue_head 24/80, work_struct 32/72,
 * device 760/1208, task_struct 3264/5952 (align 64), module 1216/1344 (align 64), alt_instr 14/14
 * (align 1), completion 32/88, lock_class_key 0/16, delayed_work 88/168, page 64 (align 16),
 * xa_node 576, maple_node 256: the values asserted below.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Parser } from 'web-tree-sitter';
import { BindingsScanCache, loadBuildLayouts, type BuildLayouts } from '../../server/src/analysis/c-layouts/build-layouts.js';
import { UnreadableFileError } from '../../server/src/workspace/read-regular-file.js';
import { createRustParser } from '../../server/src/parse/rust-parser.js';
import { SHARED_DIR } from '../engine/golden-tables.js';

const BUILDS = join(SHARED_DIR, 'kernel-build');
/** README.md of ../shared/kernel-build: where bindgen 0.60.1 and GCC disagree. */
const BINDGEN_MISREADS = ['cgroup_namespace', 'compat_ethtool_rx_flow_spec', 'compat_ethtool_rxnfc', 'ns_common', 'pid_namespace', 'user_namespace'];

let parser: Parser;
beforeAll(async () => {
  if (!existsSync(BUILDS)) throw new Error(`${BUILDS} is missing: clone the repo next to ../shared`);
  parser = await createRustParser();
});

function gccSizes(build: string): [string, number][] {
  const rows = readFileSync(join(BUILDS, build, 'struct-sizes.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'));
  return rows.map((l) => l.split('\t')).map(([name, size]) => [name!, Number(size)]);
}

function sizeOf(layouts: BuildLayouts, name: string): number | string {
  const r = layouts.explain(name);
  return r.known ? r.sizeBytes : `unknown: ${r.reason}`;
}

describe.each(['x86_64-defconfig', 'x86_64-debug-locking'])('%s: every struct GCC laid out', (build) => {
  test('agrees with GCC except the six bindgen mis-reads', { timeout: 60_000 }, () => {
    const layouts = loadBuildLayouts(join(BUILDS, build), parser);
    const rows = gccSizes(build);
    expect(rows.length).toBeGreaterThan(2300);
    const disagree: string[] = [];
    const absent: string[] = [];
    for (const [name, gcc] of rows) {
      if (!layouts.hasType(name)) {
        absent.push(name);
        continue;
      }
      const ours = sizeOf(layouts, name);
      if (ours !== gcc) disagree.push(`${name}: GCC ${gcc}, ours ${ours}`);
    }
    expect(disagree.map((d) => d.split(':')[0]).sort()).toEqual(BINDGEN_MISREADS);
    // pahole names a few nested anonymous structs by their own tag; bindgen names them after
    // the parent (ubuf_info_msgzc_mmpin for `struct mmpin`), so they are not bindings types.
    expect(absent.length).toBeLessThanOrEqual(6);
    expect(rows.length - absent.length).toBeGreaterThanOrEqual(2356);
  });
});

test('x86_64 defconfig and debug locking, as rustc gives them', () => {
  const def = loadBuildLayouts(join(BUILDS, 'x86_64-defconfig'), parser);
  const dbg = loadBuildLayouts(join(BUILDS, 'x86_64-debug-locking'), parser);
  const both = (name: string) => [def.layoutOf(name), dbg.layoutOf(name)].map((l) => l && [l.size, l.align]);
  expect(both('mutex')).toEqual([
    [24, 8],
    [136, 8],
  ]);
  expect(both('spinlock_t')).toEqual([
    [4, 4],
    [64, 8],
  ]);
  expect(both('wait_queue_head')).toEqual([
    [24, 8],
    [80, 8],
  ]);
  expect(both('work_struct')).toEqual([
    [32, 8],
    [72, 8],
  ]);
  expect(both('device')).toEqual([
    [760, 8],
    [1208, 8],
  ]);
  expect(both('task_struct')).toEqual([
    [3264, 64],
    [5952, 64],
  ]);
  expect(both('module')).toEqual([
    [1216, 64],
    [1344, 64],
  ]);
  expect(both('alt_instr')).toEqual([
    [14, 1],
    [14, 1],
  ]);
  expect(both('completion')).toEqual([
    [32, 8],
    [88, 8],
  ]);
  expect(both('lock_class_key')).toEqual([
    [0, 1],
    [16, 8],
  ]);
  expect(both('delayed_work')).toEqual([
    [88, 8],
    [168, 8],
  ]);
  expect(both('page')).toEqual([
    [64, 16],
    [64, 16],
  ]);
  // Blocklisted in bindgen, defined by rust/bindings/lib.rs:34-36.
  expect(def.layoutOf('__kernel_size_t')).toEqual({ size: 8, align: 8 });
  expect(def.layoutOf('size_t')).toEqual({ size: 8, align: 8 });
  expect(def.layoutOf('no_such_type')).toBeUndefined();
  expect(def.explain('no_such_type')).toMatchObject({ known: false, reason: expect.stringContaining('has no type no_such_type') });
});

test('arm64 defconfig: the sizes the README gives', () => {
  const arm = loadBuildLayouts(join(BUILDS, 'arm64-defconfig'), parser);
  expect(arm.layoutOf('device')?.size).toBe(800);
  expect(arm.layoutOf('task_struct')?.size).toBe(4032);
  expect(arm.layoutOf('mutex')).toEqual({ size: 24, align: 8 });
  expect(arm.layoutOf('spinlock_t')).toEqual({ size: 4, align: 4 });
  expect(arm.layoutOf('list_head')).toEqual({ size: 16, align: 8 });
});

describe('reading the bindings', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kalloc-build-'));
    return () => rmSync(dir, { recursive: true, force: true });
  });

  test('the scan is cached by size and mtime, and read again when the file changes', () => {
    const bindings = join(dir, 'rust', 'bindings');
    mkdirSync(bindings, { recursive: true });
    const file = join(bindings, 'bindings_generated.rs');
    writeFileSync(file, '#[repr(C)]\npub struct a { pub x: u32, }\n');
    const cache = new BindingsScanCache();
    expect(loadBuildLayouts(dir, parser, cache).layoutOf('a')).toEqual({ size: 4, align: 4 });
    writeFileSync(file, '#[repr(C)]\npub struct a { pub x: u64, pub y: u8, }\n');
    expect(loadBuildLayouts(dir, parser, cache).layoutOf('a')).toEqual({ size: 16, align: 8 });
  });

  test('a missing or non-regular bindings file is a clear error', () => {
    expect(() => loadBuildLayouts(join(dir, 'nowhere'), parser)).toThrow(UnreadableFileError);
    const notFile = join(dir, 'dirbuild', 'rust', 'bindings', 'bindings_generated.rs');
    mkdirSync(notFile, { recursive: true });
    expect(() => loadBuildLayouts(join(dir, 'dirbuild'), parser)).toThrow(/not a regular file/);
  });
});
