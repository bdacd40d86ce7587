/**
 * The target the server models: profile, kernel version and NR_CPUS from the settings, or, where
 * they say `auto`, from the workspace: a kernel `.config` at the root (arch, page size, NR_CPUS,
 * slab options, and the version in its header) and the kernel `Makefile` (VERSION, PATCHLEVEL,
 * SUBLEVEL). What was taken from where is kept for the status line and the log.
 */
import { join } from 'node:path';
import { parseKernelConfig, type ConfigProfile } from '../../../engine/src/kconfig.js';
import { kernelTarget } from '../../../engine/src/kernel-version.js';
import { resolveProfile, type Profile } from '../../../engine/src/profile.js';
import { MAX_CONFIG_BYTES, MAX_MAKEFILE_BYTES } from '../workspace/limits.js';
import { FileAccessError, readRegularText, UnreadableFileError } from '../workspace/read-regular-file.js';
import type { ServerSettings } from './settings.js';

export interface Target {
  readonly profile: Profile;
  /** The version asked for (undefined: the newest modelled). */
  readonly kernel: string | undefined;
  /** The version modelled, as text ("7.1.5"). */
  readonly kernelText: string;
  /** Where each part came from: "profile arm64-16k from .config", ... */
  readonly sources: readonly string[];
}

/** `VERSION = 6` / `PATCHLEVEL = 18` / `SUBLEVEL = 3` at the top of the kernel's Makefile. */
export function makefileVersion(text: string): string | null {
  const field = (name: string): string | null => {
    for (const line of text.split('\n', 40)) {
      const [key, value] = line.split('=', 2).map((p) => p.trim());
      if (key === name && value !== undefined && /^\d+$/.test(value)) return value;
    }
    return null;
  };
  const version = field('VERSION');
  const patch = field('PATCHLEVEL');
  if (!version || !patch) return null;
  const sub = field('SUBLEVEL');
  return sub && sub !== '0' ? `${version}.${patch}.${sub}` : `${version}.${patch}`;
}

/**
 * The file's text, or null when it is absent. A FIFO, device or oversized file (a workspace can
 * carry a symlink to /dev/zero as its .config) is not read; the reason goes to `sources`.
 */
function readIfPresent(path: string, maxBytes: number, sources: string[]): string | null {
  try {
    return readRegularText(path, maxBytes);
  } catch (error) {
    if (error instanceof FileAccessError && error.code === 'ENOENT') return null;
    if (error instanceof UnreadableFileError) {
      sources.push(`${path.split('/').at(-1)} not read: ${error.reason}`);
      return null;
    }
    throw error;
  }
}

/** Resolve the target for a workspace root (or none) under the given settings. */
export function detectTarget(root: string | null, settings: ServerSettings): Target {
  const sources: string[] = [];
  const wantsWorkspace = settings.profile === 'auto' || settings.kernelVersion === 'auto' || settings.nrCpus === null;
  const configText = root && wantsWorkspace ? readIfPresent(join(root, '.config'), MAX_CONFIG_BYTES, sources) : null;
  const config: ConfigProfile | null = configText ? parseKernelConfig(configText) : null;
  const makefile = root && settings.kernelVersion === 'auto' ? readIfPresent(join(root, 'Makefile'), MAX_MAKEFILE_BYTES, sources) : null;

  let profileName: string | undefined;
  if (settings.profile !== 'auto') profileName = settings.profile;
  else if (config) {
    profileName = config.profileName;
    sources.push(`profile ${config.profileName} from .config`);
  }
  const options = settings.profile === 'auto' && config ? { ...config.options } : {};
  if (settings.nrCpus !== null) Object.assign(options, { nrCpus: settings.nrCpus });
  const profile = resolveProfile(profileName, options);

  let kernel: string | undefined;
  if (settings.kernelVersion !== 'auto') kernel = settings.kernelVersion;
  else {
    const fromMakefile = makefile ? makefileVersion(makefile) : null;
    if (fromMakefile) {
      kernel = fromMakefile;
      sources.push(`kernel ${fromMakefile} from Makefile`);
    } else if (config?.kernel) {
      kernel = config.kernel;
      sources.push(`kernel ${config.kernel} from .config`);
    }
  }
  return { profile, kernel, kernelText: kernelTarget(kernel).version.text, sources };
}
