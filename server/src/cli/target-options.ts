/**
 * The options every subcommand shares to pick the target: --profile, --kernel, --config,
 * --nr-cpus, --build-dir (a kernel build folder: its .config, and its bindings for C layouts).
 * A .config gives the arch, page size, config switches and (from its header) the kernel version; explicit options win over it, and each override is reported.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { parseKernelConfig, type ConfigProfile } from '../../../engine/src/kconfig.js';
import { PROFILE_NAMES, resolveProfile, type Profile } from '../../../engine/src/profile.js';
import { MAX_CONFIG_BYTES } from '../workspace/limits.js';
import { readRegularText, UnreadableFileError } from '../workspace/read-regular-file.js';
import { UsageError } from './usage-error.js';

export interface TargetOptions {
  profile?: string;
  kernel?: string;
  config?: string;
  nrCpus?: string;
  buildDir?: string;
}

export interface ResolvedTarget {
  readonly profile: Profile;
  readonly kernel: string | undefined;
  readonly config: ConfigProfile | null;
  /** --build-dir, resolved: its bindings give the C layouts. */
  readonly buildDir: string | undefined;
  readonly notes: readonly string[];
}

export function addTargetOptions(command: Command): Command {
  return command
    .option('--profile <name>', `arch and page size: ${PROFILE_NAMES.join(', ')} (default x86_64, or from --config)`)
    .option('--kernel <version>', 'kernel version, e.g. 6.12, 6.18-rc3, 7.1.5 (default: the newest modelled, or from --config)')
    .option('--config <path>', 'a kernel .config to take the arch, page size, NR_CPUS and slab options from')
    .option('--nr-cpus <n>', 'CPUs SLUB sees at boot; slab orders depend on it (default 8)')
    .option('--build-dir <dir>', 'a kernel build folder: C layouts from its rust/bindings, and its .config unless --config is given');
}

function readConfig(path: string): ConfigProfile {
  let text: string;
  try {
    text = readRegularText(path, MAX_CONFIG_BYTES);
  } catch (error) {
    if (error instanceof UnreadableFileError) throw new UsageError(`cannot read --config ${path}: ${error.reason}`);
    throw error;
  }
  return parseKernelConfig(text);
}

export function resolveTarget(options: TargetOptions): ResolvedTarget {
  const notes: string[] = [];
  const buildDir = options.buildDir === undefined ? undefined : resolve(options.buildDir);
  if (buildDir !== undefined && !statSync(buildDir, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--build-dir ${options.buildDir}: not a folder`);
  const buildConfig = buildDir === undefined ? undefined : join(buildDir, '.config');
  const configPath = options.config ?? (buildConfig !== undefined && existsSync(buildConfig) ? buildConfig : undefined);
  const config = configPath ? readConfig(configPath) : null;
  let nrCpus: number | undefined;
  if (options.nrCpus !== undefined) {
    nrCpus = Number(options.nrCpus);
    if (!Number.isInteger(nrCpus) || nrCpus < 1) throw new UsageError(`--nr-cpus: expected a whole number ≥ 1, got '${options.nrCpus}'`);
  }
  const profileName = options.profile ?? config?.profileName;
  if (config && options.profile && options.profile !== config.profileName) {
    notes.push(`--profile ${options.profile} overrides the .config's ${config.profileName}`);
  }
  const profile = resolveProfile(profileName, { ...(config?.options ?? {}), ...(nrCpus !== undefined ? { nrCpus } : {}) });
  const kernel = options.kernel ?? config?.kernel ?? undefined;
  if (config) {
    for (const f of config.applied) notes.push(`${f.option}=${f.value}: ${f.effect}`);
    for (const f of config.notModelled) notes.push(`not modelled: ${f.option}=${f.value}: ${f.effect}`);
  }
  return { profile, kernel, config, buildDir, notes };
}
