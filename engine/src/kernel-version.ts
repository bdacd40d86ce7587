/**
 * Kernel version strings ("6.12", "v6.18-rc3", "7.1.5") to the rules of that version.
 * An -rcN counts as its release: the merge window that defines the API closed at rc1.
 */
import { BASE_RULES_6_1, KERNEL_CHANGES, NEWEST_KERNEL, OLDEST_KERNEL, STABLE_BACKPORT_NOTES, type KernelRules } from './data/kernel-changes.js';
import { EngineError } from './errors.js';

export interface KernelVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number | null;
  readonly rc: number | null;
  /** As the user wrote it, normalised ("7.1.5", "6.18-rc3"). */
  readonly text: string;
}

export interface KernelTarget {
  readonly version: KernelVersion;
  readonly rules: KernelRules;
  /** Things the user should know about how we read this version (newer than modelled, backports). */
  readonly notes: readonly string[];
}

// A regex over a version string (one token), not over Rust source.
const VERSION_PATTERN = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:-rc(\d+))?$/;

export function parseKernelVersion(text: string): KernelVersion {
  const trimmed = text.trim();
  const match = VERSION_PATTERN.exec(trimmed);
  if (!match) {
    throw new EngineError('invalid-kernel-version', `kernel version '${text}' is not a version like 6.12, 7.1.5 or v6.18-rc3`);
  }
  const major = Number(match[1]);
  const minor = Number(match[2]);
  const patch = match[3] === undefined ? null : Number(match[3]);
  const rc = match[4] === undefined ? null : Number(match[4]);
  const text2 = `${major}.${minor}${patch === null ? '' : `.${patch}`}${rc === null ? '' : `-rc${rc}`}`;
  return { major, minor, patch, rc, text: text2 };
}

function atLeast(v: KernelVersion, since: readonly [number, number]): boolean {
  return v.major > since[0] || (v.major === since[0] && v.minor >= since[1]);
}

export const NEWEST_KERNEL_TEXT = `${NEWEST_KERNEL.major}.${NEWEST_KERNEL.minor}.${NEWEST_KERNEL.patch}`;

const targets = new Map<string, KernelTarget>();

/**
 * Resolve a version string (default: the newest modelled kernel) to its rules. Memoised, so
 * the same text always gives the same (immutable) rules object, which callers may key caches by.
 */
export function kernelTarget(text?: string): KernelTarget {
  const key = text ?? '';
  const cached = targets.get(key);
  if (cached) return cached;
  const target = buildKernelTarget(text);
  targets.set(key, target);
  return target;
}

function buildKernelTarget(text: string | undefined): KernelTarget {
  const version = parseKernelVersion(text ?? NEWEST_KERNEL_TEXT);
  const notes: string[] = [];
  if (!atLeast(version, [OLDEST_KERNEL.major, OLDEST_KERNEL.minor])) {
    throw new EngineError('unsupported-kernel-version', `kernel ${version.text} has no Rust allocation API (Rust support arrived in ${OLDEST_KERNEL.major}.${OLDEST_KERNEL.minor}); use 6.1 or later`);
  }
  if (atLeast(version, [NEWEST_KERNEL.major, NEWEST_KERNEL.minor + 1])) {
    notes.push(`kernel ${version.text} is newer than the newest modelled kernel (${NEWEST_KERNEL_TEXT}); its ${NEWEST_KERNEL.major}.${NEWEST_KERNEL.minor} rules are used`);
  }
  let rules: KernelRules = BASE_RULES_6_1;
  for (const change of KERNEL_CHANGES) {
    if (atLeast(version, change.since)) rules = { ...rules, ...change.changes };
  }
  for (const backport of STABLE_BACKPORT_NOTES) {
    if (version.major === backport.release[0] && version.minor === backport.release[1]) notes.push(backport.note);
  }
  return { version, rules, notes };
}
