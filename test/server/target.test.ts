/**
 * The target module (server/src/target) that the CLI and the language server share: the kernel
 * root found from the files, the build in the documented order, and the profile and version read
 * from that build's .config and the root Makefile. Real builds: ../shared/kernel-build.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { detectTarget, TargetError } from '../../server/src/target/detect-target.js';
import { findKernelRoot, makefileVersion } from '../../server/src/target/kernel-root.js';
import { readTextIfReadable } from '../../server/src/target/read-limited.js';

const FIXTURE = resolve(__dirname, '..', 'fixtures', 'tree-scope');
const BUILDS = resolve(__dirname, '..', '..', '..', 'shared', 'kernel-build');
const temp = mkdtempSync(join(tmpdir(), 'kalloc-target-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('the kernel root', () => {
  test('the kernel Makefile header gives the version', () => {
    expect(makefileVersion('# SPDX\nVERSION = 6\nPATCHLEVEL = 18\nSUBLEVEL = 3\nEXTRAVERSION =\nNAME = Baby Opossum Posse\n')).toBe('6.18.3');
    expect(makefileVersion('VERSION = 7\nPATCHLEVEL = 1\nSUBLEVEL = 0\n')).toBe('7.1');
    expect(makefileVersion('all:\n\tcc main.c\n')).toBeNull();
  });

  test('from a driver folder or a file in it, the nearest Makefile with VERSION and PATCHLEVEL beside a Kconfig', () => {
    // drivers/mydrv has a Makefile of its own: "nearest Makefile" would stop there.
    expect(findKernelRoot(join(FIXTURE, 'drivers', 'mydrv'))).toEqual({ dir: FIXTURE, version: '7.1.5' });
    expect(findKernelRoot(join(FIXTURE, 'drivers', 'mydrv', 'queue', 'desc.rs'))).toEqual({ dir: FIXTURE, version: '7.1.5' });
    expect(findKernelRoot(resolve(__dirname, '..', '..', 'examples', 'ring'))).toBeNull();
  });

  test('a versioned Makefile without a Kconfig beside it is not a kernel root', () => {
    const dir = join(temp, 'no-kconfig');
    mkdirSync(dir);
    writeFileSync(join(dir, 'Makefile'), 'VERSION = 6\nPATCHLEVEL = 19\n');
    expect(findKernelRoot(dir)).toBeNull();
  });

  test('files are read only when regular, and within the limit', () => {
    const dir = join(temp, 'reads');
    mkdirSync(join(dir, '.config'), { recursive: true });
    writeFileSync(join(dir, 'big'), 'x'.repeat(100));
    expect(readTextIfReadable(join(dir, '.config'), 1000)).toBeNull();
    expect(readTextIfReadable(join(dir, 'big'), 10)).toBeNull();
    expect(readTextIfReadable(join(dir, 'big'), 100)).toBe('x'.repeat(100));
    expect(readTextIfReadable(join(dir, 'missing'), 10)).toBeNull();
  });
});

describe('the build and the target', () => {
  test('no build: the root Makefile gives the version, the profile is the default', () => {
    const t = detectTarget({ start: join(FIXTURE, 'drivers', 'mydrv') });
    expect(t.kernelRoot?.dir).toBe(FIXTURE);
    expect(t.build).toBeNull();
    expect([t.profile.name, t.kernelText, t.sources]).toEqual(['x86_64', '7.1.5', ['kernel 7.1.5 from Makefile']]);
  });

  test('a named build folder wins over KBUILD_OUTPUT, which wins over the root', () => {
    const named = detectTarget({
      start: FIXTURE,
      buildDir: { dir: join(BUILDS, 'arm64-defconfig'), option: '--build-dir', base: '/' },
      kbuildOutput: join(BUILDS, 'x86_64-defconfig'),
    });
    expect([named.build?.origin, named.build?.dir, named.profile.name]).toEqual(['named', join(BUILDS, 'arm64-defconfig'), 'arm64-4k']);
    expect(named.build?.bindings).toBe(join(BUILDS, 'arm64-defconfig', 'rust', 'bindings', 'bindings_generated.rs'));
    const env = detectTarget({ start: FIXTURE, kbuildOutput: join(BUILDS, 'arm64-defconfig') });
    expect([env.build?.origin, env.profile.name, env.kernelText]).toEqual(['KBUILD_OUTPUT', 'arm64-4k', '7.1.5']);
    expect(env.sources).toEqual(['profile arm64-4k from .config', 'kernel 7.1.5 from Makefile']);
  });

  test("an in-tree build: the root's own .config; a KBUILD_OUTPUT without one is passed over with a note", () => {
    const root = join(temp, 'in-tree');
    mkdirSync(join(root, 'drivers', 'x'), { recursive: true });
    writeFileSync(join(root, 'Makefile'), 'VERSION = 6\nPATCHLEVEL = 19\nSUBLEVEL = 2\n');
    writeFileSync(join(root, 'Kconfig'), '');
    writeFileSync(join(root, 'drivers', 'x', 'Makefile'), 'obj-y += x.o\n');
    writeFileSync(join(root, '.config'), '# Linux/arm64 6.18.0 Kernel Configuration\nCONFIG_ARM64=y\nCONFIG_ARM64_16K_PAGES=y\nCONFIG_SMP=y\nCONFIG_NR_CPUS=4\n');
    const t = detectTarget({ start: join(root, 'drivers', 'x'), kbuildOutput: 'out' });
    expect([t.build?.origin, t.profile.name, t.profile.nrCpus, t.kernelText]).toEqual(['in-tree', 'arm64-16k', 4, '6.19.2']);
    expect(t.sources).toEqual(['profile arm64-16k from .config', 'kernel 6.19.2 from Makefile']);
    expect(t.notes).toContain(`KBUILD_OUTPUT=out: no .config in ${join(root, 'out')}; not used`);
    // Pinned values win; a pinned profile of another arch drops the .config's options.
    const pinned = detectTarget({ start: root, profile: 'x86_64', kernel: '6.12', nrCpus: 2 });
    expect([pinned.profile.name, pinned.profile.nrCpus, pinned.kernelText, pinned.sources]).toEqual(['x86_64', 2, '6.12', []]);
    expect(pinned.notes).toContain("profile x86_64 overrides the .config's arm64-16k; its options are not used");
  });

  test('debug locking and defconfig are told apart by their .config (MEMCG is set only in the debug build)', () => {
    const at = (dir: string) => detectTarget({ start: FIXTURE, buildDir: { dir, option: '--build-dir', base: BUILDS } });
    const debug = at('x86_64-debug-locking');
    const defconfig = at('x86_64-defconfig');
    expect(debug.build?.dir).toBe(join(BUILDS, 'x86_64-debug-locking'));
    expect(debug.notes).toContain('CONFIG_MEMCG=y: GFP_KERNEL_ACCOUNT lands in kmalloc-cg-*');
    expect(defconfig.notes).toContain('CONFIG_MEMCG=n: not set: GFP_KERNEL_ACCOUNT lands in kmalloc-*');
    expect([debug.profile.memcg, defconfig.profile.memcg]).toEqual([true, false]);
  });

  test('a named folder that is not a build is an error that says so', () => {
    expect(() => detectTarget({ start: FIXTURE, buildDir: { dir: join(temp, 'nowhere'), option: '--build-dir', base: '/' } })).toThrow(TargetError);
    expect(() => detectTarget({ start: FIXTURE, buildDir: { dir: join(temp, 'nowhere'), option: '--build-dir', base: '/' } })).toThrow(/--build-dir .*nowhere: not a folder/);
  });
});
