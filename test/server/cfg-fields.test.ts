/**
 * Struct fields under `#[cfg(..)]`. The kernel's CpumaskVar (rust/kernel/cpumask.rs:216-221,
 * v7.1.5) holds a pointer with CONFIG_CPUMASK_OFFSTACK and the whole mask without it; laying out
 * both fields, or the first one, gives a wrong size for one build or the other. A field under a
 * kernel option is laid out as the build's .config decides (rustc sees `--cfg CONFIG_X` for y and
 * m: scripts/kconfig/confdata.c print_symbol_for_rustccfg), or the bundled defconfig's table
 * without a build; where nothing decides, the size is unknown with the reason. `test`/`doc` are
 * never set in a kernel build, so those fields are left out.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { kconfigSymbolsOf } from '../../engine/src/kconfig-symbols.js';
import { loadBuildLayouts } from '../../server/src/analysis/c-layouts/build-layouts.js';
import { cfgHolds } from '../../server/src/analysis/layout/cfg-predicate.js';
import { bundledCLayouts } from '../../engine/src/bundled-c-layouts.js';
import { resolveProfile } from '../../engine/src/profile.js';
import { SHARED_DIR } from '../engine/golden-tables.js';
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

test('cfg predicates: test/doc are false in a kernel build; kernel options as the build sets them', () => {
  expect(cfgHolds('test')).toBe(false);
  expect(cfgHolds('not(test)')).toBe(true);
  expect(cfgHolds('all(not(test), not(doc))')).toBe(true);
  expect(cfgHolds('any(test, CONFIG_X)')).toBe(null);
  expect(cfgHolds('all(test, CONFIG_X)')).toBe(false);
  // No build configuration: a kernel option decides nothing.
  expect(cfgHolds('CONFIG_CPUMASK_OFFSTACK')).toBe(null);
  const build = kconfigSymbolsOf('CONFIG_DEBUG_FS=y\nCONFIG_DRM=m\n# CONFIG_KUNIT is not set\nCONFIG_LOCALVERSION="-lab"\nCONFIG_NR_CPUS=64\n', 'test .config');
  expect(cfgHolds('CONFIG_DEBUG_FS', build)).toBe(true);
  expect(cfgHolds('CONFIG_DRM', build)).toBe(true); // m: rustc sees --cfg CONFIG_DRM too
  expect(cfgHolds('CONFIG_DRM = "m"', build)).toBe(true);
  expect(cfgHolds('CONFIG_DRM="y"', build)).toBe(false);
  expect(cfgHolds('CONFIG_KUNIT', build)).toBe(false);
  expect(cfgHolds('not(CONFIG_NEVER_NAMED)', build)).toBe(true); // a full .config: absent is not set
  expect(cfgHolds('CONFIG_NR_CPUS = "64"', build)).toBe(true);
  expect(cfgHolds('all(CONFIG_DEBUG_FS, not(CONFIG_KUNIT))', build)).toBe(true);
});

test('the bundled defconfig tables answer as the real .config files do, and only for the symbols they list', () => {
  const profiles = { x86_64: 'x86_64-defconfig', 'arm64-4k': 'arm64-defconfig' } as const;
  for (const [profile, build] of Object.entries(profiles)) {
    const real = kconfigSymbolsOf(readFileSync(join(SHARED_DIR, 'kernel-build', build, '.config'), 'utf8'), build);
    const bundled = bundledCLayouts(resolveProfile(profile)).kconfig!;
    for (const name of ['CONFIG_CPUMASK_OFFSTACK', 'CONFIG_DEBUG_FS', 'CONFIG_DRM', 'CONFIG_SMP', 'CONFIG_64BIT']) {
      expect([name, bundled.value(name)]).toEqual([name, real.value(name)]);
    }
    expect(bundled.value('CONFIG_NOT_NAMED_BY_ANY_RUST_FILE')).toBeUndefined();
  }
});

test('a field under a kernel option follows the build (bundled defconfig here); cfg(test) fields are left out', () => {
  writeFileSync(join(dir, 'cfg.rs'), SOURCE);
  const sitesFor = (profile: string) => {
    const r = runCli('analyze', join(dir, 'cfg.rs'), '--format', 'json', '--fail-on', 'never', '--profile', profile);
    expect(r.code).toBe(0);
    return (JSON.parse(r.stdout) as { sites: { line: number; size: { bytes: number | null; expr: string } }[] }).sites;
  };
  // x86_64 defconfig has no CONFIG_CPUMASK_OFFSTACK: the mask itself, [u64; 8] = 64 B.
  expect(sitesFor('x86_64').find((s) => s.line === 20)!.size.bytes).toBe(64);
  // arm64 defconfig sets CONFIG_CPUMASK_OFFSTACK=y: only the pointer, 8 B.
  const arm = sitesFor('arm64-4k');
  expect(arm.find((s) => s.line === 20)!.size.bytes).toBe(8);
  // Stats without its cfg(test) field: hits (8 B) + misses (4 B), padded to align 8 = 16 B.
  expect(arm.find((s) => s.line === 21)!.size.bytes).toBe(16);
});

test('without a build configuration the layout is unknown and names the option and the field', async () => {
  const parser = await createRustParser();
  const tree = parser.parse(SOURCE)!;
  const index = createTypeIndex([...itemsFromTree(tree).types]);
  tree.delete();
  parser.delete();
  const mask = layoutOf(pathType('MaskVar'), index, { pointerBytes: 8, pageSizeBytes: 4096 });
  expect(mask.known).toBe(false);
  if (!mask.known) expect(mask.reason).toBe('field ptr exists only under #[cfg(CONFIG_CPUMASK_OFFSTACK)], which no build configuration here decides, so the size is not guessed');
  const stats = layoutOf(pathType('Stats'), index, { pointerBytes: 8, pageSizeBytes: 4096 });
  expect(stats.known && stats.sizeBytes).toBe(16);
});

test("a build folder's C layouts carry its own .config: debug-locking sets what defconfig does not", async () => {
  const parser = await createRustParser();
  try {
    const def = loadBuildLayouts(join(SHARED_DIR, 'kernel-build', 'x86_64-defconfig'), parser);
    const dbg = loadBuildLayouts(join(SHARED_DIR, 'kernel-build', 'x86_64-debug-locking'), parser);
    expect(cfgHolds('CONFIG_DEBUG_LOCK_ALLOC', def.kconfig)).toBe(false);
    expect(cfgHolds('CONFIG_DEBUG_LOCK_ALLOC', dbg.kconfig)).toBe(true);
    expect(def.kconfig?.source).toBe(`${join(SHARED_DIR, 'kernel-build', 'x86_64-defconfig')}/.config`);
  } finally {
    parser.delete();
  }
});
