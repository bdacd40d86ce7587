/**
 * The argument roles of the Rust allocation APIs (data/rust-api-args.ts) against the kernel's own
 * signatures: in the v7.1.5 tree (read in place), the parameter typed `Flags` of each API of the
 * newest era sits where its row says, and an API whose row has fixed flags takes none.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { RUST_API_ROWS, type ApiRow } from '../../engine/src/api-registry.js';

const KERNEL = '/work/kernel/linux-7.1.5';
const KERNEL_GIT = '/work/.mirror/danayer+linux-7.1.5/repo';
/** A file of the v7.1.5 tree: extracted, or from its git objects. */
function read(file: string): string {
  if (existsSync(`${KERNEL}/${file}`)) return readFileSync(`${KERNEL}/${file}`, 'utf8');
  const shown = spawnSync('git', ['--git-dir', KERNEL_GIT, 'show', `HEAD:${file}`], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (shown.status !== 0) throw new Error(`cannot read ${file} of the v7.1.5 tree: ${shown.stderr}`);
  return shown.stdout;
}

/** Where each type's functions are declared (InPlaceInit's pin_init/init live in init.rs). */
const FILES: Readonly<Record<string, readonly string[]>> = {
  vec: ['rust/kernel/alloc/kvec.rs'],
  box: ['rust/kernel/alloc/kbox.rs', 'rust/kernel/init.rs'],
  Arc: ['rust/kernel/sync/arc.rs', 'rust/kernel/init.rs'],
  UniqueArc: ['rust/kernel/sync/arc.rs', 'rust/kernel/init.rs'],
  ListArc: ['rust/kernel/list/arc.rs'],
  rbtree: ['rust/kernel/rbtree.rs'],
  allocator: ['rust/kernel/alloc.rs'],
  string: ['rust/kernel/str.rs'],
};

function filesOf(row: ApiRow): readonly string[] {
  if (row.type === 'Allocator') return FILES.allocator!;
  const family = row.container?.family;
  if (family === 'shared') return FILES[row.type!]!;
  return family ? (FILES[family] ?? []) : [];
}

/** The parameter lists (after `self`) of every `fn <name>` in the text: each parameter's type. */
function signatures(text: string, name: string): string[][] {
  const out: string[][] = [];
  for (const m of text.matchAll(new RegExp(`\\bfn ${name}\\b(?:<[^(]*>)?\\(([^)]*(?:\\([^)]*\\)[^)]*)*)\\)`, 'g'))) {
    const params = m[1]!
      .split(/,(?![^<]*>)/)
      .map((p) => p.trim())
      .filter((p) => p !== '' && !/^(&|&mut |mut )?self$|^&'\w+ (mut )?self$/.test(p));
    out.push(params.map((p) => p.slice(p.indexOf(':') + 1).trim()));
  }
  return out;
}

const newest = RUST_API_ROWS.filter((r) => r.kind === 'alloc' && r.type !== null && r.eras.includes('node-align') && filesOf(r).length > 0);

describe('Rust API argument roles, against the v7.1.5 signatures', () => {
  test('rows cover the APIs checked here', () => {
    expect(newest.length).toBeGreaterThan(40);
  });

  test.each(newest.map((r) => [r.api, r] as const))('%s: the Flags parameter is where the row says', (_api, row) => {
    const found = filesOf(row).flatMap((file) => signatures(read(file), row.method));
    expect(found.length, `no fn ${row.method} in ${filesOf(row).join(', ')}`).toBeGreaterThan(0);
    const flagsAt = found.map((params) => params.findIndex((t) => t === 'Flags'));
    if (row.args.flags === undefined) {
      expect(row.fixedFlags, 'an API that takes no flags says which it uses').toBe('GFP_KERNEL');
      expect(flagsAt).toContain(-1);
    } else {
      expect(row.fixedFlags).toBeNull();
      expect(flagsAt).toContain(row.args.flags);
    }
  });
});
