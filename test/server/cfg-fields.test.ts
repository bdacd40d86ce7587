/**
 * Struct fields under `#[cfg(..)]`. The kernel's CpumaskVar (rust/kernel/cpumask.rs:216-221,
 * v7.1.5) holds a pointer with CONFIG_CPUMASK_OFFSTACK and the whole mask without it; laying out
 * both fields, or the first one, gives a wrong size for one build or the other. A field under a
 * kernel option makes the size unknown with the reason; `test`/`doc` are never set in a kernel
 * build, so those fields are left out and the size stays exact.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { cfgHolds } from '../../server/src/analysis/layout/cfg-predicate.js';
import { itemsFromTree } from '../../server/src/analysis/extract/items-from-tree.js';
import { layoutOf } from '../../server/src/analysis/layout/layout-of.js';
import { createTypeIndex, pathType } from '../../server/src/analysis/rust-model-builders.js';
import { createRustParser } from '../../server/src/parse/rust-parser.js';
import { runCli } from '../cli/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'kalloc-cfg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SOURCE = `use kernel::prelude::*;

#[repr(transparent)]
pub struct MaskVar {
    #[cfg(CONFIG_CPUMASK_OFFSTACK)]
    ptr: *mut u8,
    #[cfg(not(CONFIG_CPUMASK_OFFSTACK))]
    mask: [u64; 8],
}

pub struct Stats {
    hits: u64,
    #[cfg(test)]
    trace: [u64; 32],
    #[cfg(not(test))]
    misses: u32,
}

fn f() -> Result {
    let _a = KBox::new(MaskVar { mask: [0; 8] }, GFP_KERNEL)?;
    let _b = KBox::new(Stats { hits: 0, misses: 0 }, GFP_KERNEL)?;
    Ok(())
}
`;

test('cfg predicates: test/doc are false in a kernel build; kernel options are unknown', () => {
  expect(cfgHolds('test')).toBe(false);
  expect(cfgHolds('not(test)')).toBe(true);
  expect(cfgHolds('all(not(test), not(doc))')).toBe(true);
  expect(cfgHolds('any(test, CONFIG_X)')).toBe(null);
  expect(cfgHolds('all(test, CONFIG_X)')).toBe(false);
  expect(cfgHolds('CONFIG_CPUMASK_OFFSTACK')).toBe(null);
});

test('a field under a kernel option leaves the size unknown, with the reason; cfg(test) fields are left out', () => {
  writeFileSync(join(dir, 'cfg.rs'), SOURCE);
  const r = runCli('analyze', join(dir, 'cfg.rs'), '--format', 'json', '--fail-on', 'never');
  expect(r.code).toBe(0);
  const sites = (JSON.parse(r.stdout) as { sites: { line: number; size: { bytes: number | null; expr: string } }[] }).sites;
  const mask = sites.find((s) => s.line === 20)!;
  expect(mask.size.bytes).toBeNull();
  expect(mask.size.expr).toBe('size_of::<MaskVar>()');
  // Stats without its cfg(test) field: hits (8 B) + misses (4 B), padded to align 8 = 16 B.
  expect(sites.find((s) => s.line === 21)!.size.bytes).toBe(16);
});

test('the unknown layout names the option and the field', async () => {
  const parser = await createRustParser();
  const tree = parser.parse(SOURCE)!;
  const index = createTypeIndex([...itemsFromTree(tree).types]);
  tree.delete();
  parser.delete();
  const mask = layoutOf(pathType('MaskVar'), index, { pointerBytes: 8, pageSizeBytes: 4096 });
  expect(mask.known).toBe(false);
  if (!mask.known) expect(mask.reason).toBe('field ptr exists only under #[cfg(CONFIG_CPUMASK_OFFSTACK)]; whether the build sets that is not modelled, so the size is not guessed');
  const stats = layoutOf(pathType('Stats'), index, { pointerBytes: 8, pageSizeBytes: 4096 });
  expect(stats.known && stats.sizeBytes).toBe(16);
});
