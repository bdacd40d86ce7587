/**
 * `kalloc-lens/profileChoices`: what a profile picker offers, read from the engine's tables, so
 * a client (the VS Code extension's "Select Profile") holds no list of its own: every modelled
 * profile, and every kernel release where the model changes, newest first.
 */
import type { Connection, ServerCapabilities } from 'vscode-languageserver';
import { ARCH_PROFILES, KERNEL_CHANGES, OLDEST_KERNEL, NEWEST_KERNEL_TEXT } from '../../../../engine/src/index.js';
import { guard } from '../guard.js';
import { ProfileChoicesRequest, type ProfileChoices } from '../protocol.js';

export function profileChoices(): ProfileChoices {
  const releases = [...KERNEL_CHANGES].reverse().map((c) => ({ label: c.since.join('.'), description: c.what }));
  return {
    profiles: [{ label: 'auto', description: 'from the workspace .config, else x86_64' }, ...ARCH_PROFILES.map((p) => ({ label: p.name, description: `${2 ** p.pageShift / 1024} KiB pages` }))],
    kernels: [
      { label: 'auto', description: 'from the workspace Makefile or .config, else the newest modelled' },
      { label: NEWEST_KERNEL_TEXT, description: 'the newest modelled' },
      ...releases,
      { label: `${OLDEST_KERNEL.major}.${OLDEST_KERNEL.minor}`, description: 'the first kernel with Rust: the forked alloc crate' },
    ],
  };
}

/** Binds the request; it gives no standard capability. */
export function register(connection: Connection): ServerCapabilities {
  connection.onRequest(
    ProfileChoicesRequest,
    guard(connection.console, 'profileChoices', { profiles: [], kernels: [] } as ProfileChoices, () => profileChoices()),
  );
  return {};
}
