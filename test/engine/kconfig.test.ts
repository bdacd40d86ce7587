import { describe, expect, test } from 'vitest';
import { parseKernelConfig } from '../../engine/src/kconfig.js';
import { resolveProfile } from '../../engine/src/profile.js';
import { kmallocPlacement } from '../../engine/src/kmalloc.js';
import { parseGfp } from '../../engine/src/gfp.js';

const ARM64_64K = `#
# Automatically generated file; DO NOT EDIT.
# Linux/arm64 6.18.0 Kernel Configuration
#
CONFIG_ARM64=y
CONFIG_ARM64_64K_PAGES=y
CONFIG_ARCH_FORCE_MAX_ORDER=13
CONFIG_SMP=y
CONFIG_NR_CPUS=4
CONFIG_MEMCG=y
CONFIG_ZONE_DMA=y
CONFIG_RUST=y
CONFIG_KASAN=y
`;

const X86_DEFCONFIG = `# Linux/x86 7.1.5 Kernel Configuration
CONFIG_X86_64=y
CONFIG_SMP=y
CONFIG_NR_CPUS=64
# CONFIG_MEMCG is not set
CONFIG_ZONE_DMA=y
CONFIG_SLUB_TINY=y
CONFIG_RANDOM_KMALLOC_CACHES=y
CONFIG_RUST=y
`;

describe('.config to profile', () => {
  test('arm64 64K pages: profile, order, CPUs, kernel from the header, KASAN reported as not modelled', () => {
    const cfg = parseKernelConfig(ARM64_64K);
    expect(cfg.profileName).toBe('arm64-64k');
    expect(cfg.kernel).toBe('6.18.0');
    expect(cfg.options).toMatchObject({ maxPageOrder: 13, nrCpus: 4, memcg: true, zoneDma: true });
    expect(cfg.notModelled.map((f) => f.option)).toEqual(['CONFIG_KASAN']);
  });

  test('x86 without MEMCG: GFP_KERNEL_ACCOUNT lands in kmalloc-*; SLUB_TINY and random caches apply', () => {
    const cfg = parseKernelConfig(X86_DEFCONFIG);
    const profile = resolveProfile(cfg.profileName, cfg.options);
    expect(profile.memcg).toBe(false);
    expect(profile.slubTiny).toBe(true);
    const p = kmallocPlacement(64, parseGfp('GFP_KERNEL_ACCOUNT').mask, profile);
    expect(p.path === 'slab' && p.cacheName).toBe('kmalloc-rnd-??-64');
    expect(cfg.applied.find((f) => f.option === 'CONFIG_NR_CPUS')?.effect).toMatch(/slab orders use 8/);
    // SLUB_TINY caps the slab order at 1.
    expect(p.path === 'slab' && p.cache.order).toBeLessThanOrEqual(1);
  });

  test('not a .config, or another arch: a clear error', () => {
    expect(() => parseKernelConfig('hello\nworld')).toThrow(/no CONFIG_ lines/);
    expect(() => parseKernelConfig('CONFIG_RISCV=y\n')).toThrow(/neither x86_64.*nor arm64/);
  });
});
