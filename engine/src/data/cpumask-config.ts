/**
 * What decides whether a CpumaskVar allocates: CONFIG_CPUMASK_OFFSTACK and NR_CPUS, per arch as
 * `make defconfig` sets them in v7.1.5 (../shared/kernel-build/{x86_64,arm64}-defconfig/.config:
 * x86_64 CONFIG_NR_CPUS=64 and no CPUMASK_OFFSTACK (it comes with MAXSMP); arm64 CONFIG_NR_CPUS=512,
 * CONFIG_CPUMASK_OFFSTACK=y).
 *
 * include/linux/cpumask.h:69–77: large_cpumask_bits is NR_CPUS when NR_CPUS <= 4 × BITS_PER_LONG,
 * else nr_cpu_ids (the CPUs found at boot); :1018 cpumask_size() = bitmap_size(large_cpumask_bits).
 * lib/cpumask.c:28 alloc_cpumask_var_node: kmalloc_node(cpumask_size(), flags, node).
 */
import type { ArchName } from './arch-profiles.js';

export interface CpumaskConfig {
  readonly offstack: boolean;
  readonly nrCpusConfig: number;
}

export const CPUMASK_DEFCONFIG: Readonly<Record<ArchName, CpumaskConfig>> = {
  x86_64: { offstack: false, nrCpusConfig: 64 },
  arm64: { offstack: true, nrCpusConfig: 512 },
};

/** NR_CPUS <= 4 × BITS_PER_LONG keeps the compile-time NR_CPUS as the mask's bit count. */
export const CPUMASK_CONST_BITS_LIMIT_LONGS = 4;
