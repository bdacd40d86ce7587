/**
 * The options every subcommand shares to pick the target: --profile, --kernel, --config,
 * --build-dir, --nr-cpus. The target itself is worked out by server/src/target (the same code
 * as the language server's): the kernel root around the paths given, the build (--build-dir,
 * KBUILD_OUTPUT, the root), its .config and the root Makefile. Explicit options win, and each
 * override is reported.
 */
import type { Command } from 'commander';
import { PROFILE_NAMES } from '../../../engine/src/index.js';
import { detectTarget, TargetError, type Target } from '../target/detect-target.js';
import { UsageError } from './usage-error.js';

export interface TargetOptions {
  profile?: string;
  kernel?: string;
  config?: string;
  buildDir?: string;
  nrCpus?: string;
}

export interface ResolvedTarget extends Target {
  /** The build folder whose bindings give the C layouts: the one named, or a found one that has generated them. */
  readonly buildDir: string | undefined;
}

export function addTargetOptions(command: Command): Command {
  return command
    .option('--profile <name>', `arch and page size: ${PROFILE_NAMES.join(', ')} (default x86_64, or from the build's .config)`)
    .option('--kernel <version>', "kernel version, e.g. 6.12, 6.18-rc3, 7.1.5 (default: the kernel tree's Makefile, else the newest modelled)")
    .option('--build-dir <dir>', 'the kernel build folder (.config, rust/bindings); default $KBUILD_OUTPUT, else the kernel tree itself')
    .option('--config <path>', "a kernel .config to take the arch, page size, NR_CPUS and slab options from (instead of the build's)")
    .option('--nr-cpus <n>', 'CPUs SLUB sees at boot; slab orders depend on it (default 8)');
}

/** The target for work at `start` (the first path given, or the current folder). */
export function resolveTarget(options: TargetOptions, start: string = process.cwd()): ResolvedTarget {
  let nrCpus: number | undefined;
  if (options.nrCpus !== undefined) {
    nrCpus = Number(options.nrCpus);
    if (!Number.isInteger(nrCpus) || nrCpus < 1) throw new UsageError(`--nr-cpus: expected a whole number ≥ 1, got '${options.nrCpus}'`);
  }
  try {
    const target = detectTarget({
      start,
      buildDir: options.buildDir !== undefined ? { dir: options.buildDir, option: '--build-dir', base: process.cwd() } : undefined,
      kbuildOutput: process.env.KBUILD_OUTPUT || undefined,
      configFile: options.config !== undefined ? { path: options.config, option: '--config' } : undefined,
      profile: options.profile,
      kernel: options.kernel,
      nrCpus,
    });
    const build = target.build;
    return { ...target, buildDir: build && (build.origin === 'named' || build.bindings !== null) ? build.dir : undefined };
  } catch (error) {
    if (error instanceof TargetError) throw new UsageError(error.message);
    throw error;
  }
}
