/**
 * The server's target: server/src/target's detection (the CLI's too) under the settings. A
 * setting at `auto` (or null) leaves that part to the files; `kallocLens.buildDir` names the
 * build, relative to the workspace folder. A named build folder that cannot be used is reported
 * and passed over, so the server keeps answering from what it can find.
 */
import { dirname } from 'node:path';
import { detectTarget as detect, TargetError, type Target } from '../target/detect-target.js';
import { isRegularFile } from '../target/read-limited.js';
import type { ServerSettings } from './settings.js';

export type { Target } from '../target/detect-target.js';
export { makefileVersion } from '../target/kernel-root.js';

/** The target for work at `start` (the workspace folder, or the first open file); `warn` hears about unusable settings. */
export function detectTarget(start: string | null, settings: ServerSettings, env: NodeJS.ProcessEnv = process.env, warn: (message: string) => void = () => undefined): Target {
  const base = start === null ? process.cwd() : isRegularFile(start) ? dirname(start) : start;
  const request = {
    start,
    kbuildOutput: env.KBUILD_OUTPUT || undefined,
    profile: settings.profile === 'auto' ? undefined : settings.profile,
    kernel: settings.kernelVersion === 'auto' ? undefined : settings.kernelVersion,
    nrCpus: settings.nrCpus ?? undefined,
  };
  if (settings.buildDir === null) return detect(request);
  try {
    return detect({ ...request, buildDir: { dir: settings.buildDir, option: 'kallocLens.buildDir', base } });
  } catch (error) {
    if (!(error instanceof TargetError)) throw error;
    warn(`${error.message}; looking for the build as if it were not set`);
    return detect(request);
  }
}
