/**
 * The target kalloc-lens models, worked out the same way by the CLI (cli/target-options.ts) and
 * the language server (lsp/): the kernel root from the files around where the user works
 * (kernel-root.ts), the build from the named folder, KBUILD_OUTPUT or the root
 * (kernel-build.ts), and from them the profile, page size, NR_CPUS (the build's `.config`) and
 * the version (the root Makefile, else the `.config` header). What the user pinned (`--profile`,
 * the `kallocLens.profile` setting, ...) wins over the files, and each choice is recorded in
 * `sources` (for the status bar and the log) and `notes` (what the .config changed or overrode).
 */
import { dirname } from 'node:path';
import { parseKernelConfig, type ConfigProfile, kernelTarget, resolveProfile, type Profile, type ProfileOptions } from '../../../engine/src/index.js';
import { MAX_CONFIG_BYTES } from '../workspace/limits.js';
import { readRegularText, UnreadableFileError } from '../workspace/read-regular-file.js';
import { findBuild, TargetError, type KernelBuild } from './kernel-build.js';
import { findKernelRoot, type KernelRoot } from './kernel-root.js';
import { isRegularFile } from './read-limited.js';

export { TargetError } from './kernel-build.js';

export interface TargetRequest {
  /** A file or folder the user works in; the kernel root is looked for at and above it. */
  readonly start: string | null;
  /** A build folder the user named, relative to `base`, and the option that named it (for messages). */
  readonly buildDir?: { readonly dir: string; readonly option: string; readonly base: string } | undefined;
  /** process.env.KBUILD_OUTPUT. */
  readonly kbuildOutput?: string | undefined;
  /** An explicit .config file (CLI --config), instead of the build's. */
  readonly configFile?: { readonly path: string; readonly option: string } | undefined;
  /** Pinned by the user; undefined means "from the files". */
  readonly profile?: string | undefined;
  readonly kernel?: string | undefined;
  readonly nrCpus?: number | undefined;
}

export interface Target {
  readonly profile: Profile;
  /** The version asked for (undefined: the newest modelled). */
  readonly kernel: string | undefined;
  /** The version modelled, as text ("7.1.5"). */
  readonly kernelText: string;
  /** The .config in use (the build's, or --config), parsed. */
  readonly config: ConfigProfile | null;
  readonly kernelRoot: KernelRoot | null;
  readonly build: KernelBuild | null;
  /** Where each part came from: "profile arm64-16k from .config", "kernel 7.1.5 from Makefile". */
  readonly sources: readonly string[];
  /** What the .config changed, what it sets that is not modelled, and what the user overrode. */
  readonly notes: readonly string[];
}

function parseConfig(text: string, where: string): ConfigProfile {
  try {
    return parseKernelConfig(text);
  } catch (error) {
    throw new TargetError(`${where}: ${(error as Error).message}`);
  }
}

/** Throws TargetError when something the user named cannot be used (a missing --config, a build folder without .config). */
export function detectTarget(request: TargetRequest): Target {
  const sources: string[] = [];
  // Files there but refused unread (a FIFO Makefile, a .config linked to /dev/zero) are named in sources.
  const refused: string[] = [];
  const kernelRoot = request.start ? findKernelRoot(request.start, refused) : null;
  const folder = request.start === null ? null : isRegularFile(request.start) ? dirname(request.start) : request.start;
  const { build, notes } = findBuild(kernelRoot, { named: request.buildDir, kbuildOutput: request.kbuildOutput, folder, refused });
  sources.push(...refused);

  let config: ConfigProfile | null = null;
  if (request.configFile) {
    let text: string;
    try {
      text = readRegularText(request.configFile.path, MAX_CONFIG_BYTES);
    } catch (error) {
      if (error instanceof UnreadableFileError) throw new TargetError(`cannot read ${request.configFile.option} ${request.configFile.path}: ${error.reason}`);
      throw error;
    }
    config = parseConfig(text, request.configFile.path);
  } else if (build?.configText) config = parseConfig(build.configText, `${build.dir}/.config`);

  // The .config's options describe its own arch; a pinned profile of another arch drops them.
  let options: ProfileOptions = {};
  let profileName = request.profile;
  if (config) {
    if (profileName === undefined) {
      profileName = config.profileName;
      sources.push(`profile ${config.profileName} from .config`);
    }
    if (profileName === config.profileName) {
      options = { ...config.options };
      for (const f of config.applied) notes.push(`${f.option}=${f.value}: ${f.effect}`);
      for (const f of config.notModelled) notes.push(`not modelled: ${f.option}=${f.value}: ${f.effect}`);
    } else notes.push(`profile ${profileName} overrides the .config's ${config.profileName}; its options are not used`);
  }
  if (request.nrCpus !== undefined) options = { ...options, nrCpus: request.nrCpus };
  const profile = resolveProfile(profileName, options);

  let kernel = request.kernel;
  if (kernel === undefined && kernelRoot) {
    kernel = kernelRoot.version;
    sources.push(`kernel ${kernel} from Makefile`);
  } else if (kernel === undefined && config?.kernel) {
    kernel = config.kernel;
    sources.push(`kernel ${kernel} from .config`);
  }
  return { profile, kernel, kernelText: kernelTarget(kernel).version.text, config, kernelRoot, build, sources, notes };
}
