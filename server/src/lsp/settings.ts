/**
 * The server's settings (`kallocLens.*`), read from whatever the client sends and checked one by
 * one: an invalid value gets a warning naming the setting, and its default is used. Nothing here
 * throws; the server keeps running with what is valid. Defaults, bounds and enums are the
 * schema's (settings-schema.ts).
 */
import { parseKernelVersion } from '../../../engine/src/index.js';
import { DEFAULT_DIAGNOSTIC_SETTINGS } from '../analysis/diagnostics.js';
import type { DiagnosticCode, Severity } from '../analysis/report.js';
import { DIAGNOSTICS_DELAY_MAX_MS, SETTINGS_SCHEMA as SCHEMA, SEVERITY_VALUES } from './settings-schema.js';

export type SeveritySetting = Severity | 'off';

export interface ServerSettings {
  /** `auto` (from the workspace's .config, else x86_64) or a profile name. */
  readonly profile: string;
  /** `auto` (from the workspace's Makefile or .config, else the newest modelled) or a version. */
  readonly kernelVersion: string;
  /** CPUs SLUB sees at boot; null takes the .config's NR_CPUS or the engine default. */
  readonly nrCpus: number | null;
  /** A type sizes file (README "Type sizes file"), relative to the workspace root or absolute. */
  readonly typeSizesFile: string | null;
  /** The kernel build folder (.config, rust/bindings), relative to the workspace folder or absolute; null: KBUILD_OUTPUT, else the kernel root. */
  readonly buildDir: string | null;
  readonly severity: Readonly<Record<DiagnosticCode, SeveritySetting>>;
  readonly waste: { readonly minPercent: number; readonly minBytes: number };
  readonly inlayHints: boolean;
  readonly docCommentSites: boolean;
  /** Quiet time after the last change before diagnostics are published (0 publishes at once). */
  readonly diagnosticsDelayMs: number;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  profile: SCHEMA.profile.default,
  kernelVersion: SCHEMA.kernelVersion.default,
  nrCpus: SCHEMA.nrCpus.default,
  typeSizesFile: SCHEMA.typeSizesFile.default,
  buildDir: SCHEMA.buildDir.default,
  // The schema's `{}`: every code at its own default severity.
  severity: DEFAULT_DIAGNOSTIC_SETTINGS.severity,
  waste: SCHEMA.waste.default,
  inlayHints: SCHEMA.inlayHints.default,
  docCommentSites: SCHEMA.docCommentSites.default,
  diagnosticsDelayMs: SCHEMA.diagnosticsDelayMs.default,
};

const SEVERITIES: readonly SeveritySetting[] = SEVERITY_VALUES;

export interface SettingsResult {
  readonly settings: ServerSettings;
  /** One line per invalid value: "kallocLens.nrCpus: expected ... got ...; using the default". */
  readonly warnings: readonly string[];
}

/** Text cut short for a message. */
export function clip(text: string, maxChars = 80): string {
  return text.length > maxChars ? `${text.slice(0, maxChars)}… (${text.length} characters)` : text;
}

/** A value as JSON for a warning, cut short: a 5 MB setting is not echoed in a 5 MB message. */
export function shown(value: unknown, maxChars = 80): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return clip(text, maxChars);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Check every field of `raw` (the `kallocLens` section); unknown fields are ignored. */
export function readSettings(raw: unknown): SettingsResult {
  const warnings: string[] = [];
  const input = isRecord(raw) ? raw : {};
  if (raw !== undefined && raw !== null && !isRecord(raw)) warnings.push(`kallocLens: expected an object of settings, got ${shown(raw)}; using the defaults`);
  /** A checker returns the value, or `{ error }` saying what was expected. */
  const take = <T>(name: string, fallback: T, check: (v: unknown) => T | { error: string }): T => {
    const value = input[name];
    if (value === undefined || value === null) return fallback;
    const checked = check(value);
    if (isRecord(checked) && typeof checked.error === 'string') {
      warnings.push(`kallocLens.${name}: ${checked.error}; using the default`);
      return fallback;
    }
    return checked as T;
  };
  const profile = takeText(
    input,
    'profile',
    DEFAULT_SETTINGS.profile,
    (v) => (SCHEMA.profile.enum as readonly string[]).includes(v),
    `'auto' or one of ${SCHEMA.profile.enum.filter((p) => p !== 'auto').join(', ')}`,
    warnings,
  );
  const kernelVersion = takeText(input, 'kernelVersion', DEFAULT_SETTINGS.kernelVersion, (v) => v === 'auto' || isVersion(v), `'auto' or a kernel version like 6.12 or 7.1.5`, warnings);
  const nrCpus = take<number | null>('nrCpus', DEFAULT_SETTINGS.nrCpus, (v) =>
    Number.isInteger(v) && (v as number) >= SCHEMA.nrCpus.minimum && (v as number) <= SCHEMA.nrCpus.maximum
      ? (v as number)
      : { error: `expected a whole number from 1 to ${SCHEMA.nrCpus.maximum}, got ${shown(v)}` },
  );
  const typeSizesFile = take<string | null>('typeSizesFile', DEFAULT_SETTINGS.typeSizesFile, (v) =>
    typeof v === 'string' && v.trim() !== '' ? v : { error: `expected a file path, got ${shown(v)}` },
  );
  const buildDir = take<string | null>('buildDir', DEFAULT_SETTINGS.buildDir, (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : { error: `expected a folder path, got ${shown(v)}` }));
  const severity = { ...DEFAULT_SETTINGS.severity };
  if (input.severity !== undefined) {
    if (!isRecord(input.severity)) warnings.push(`kallocLens.severity: expected an object of code → severity, got ${shown(input.severity)}; using the defaults`);
    else {
      for (const [code, value] of Object.entries(input.severity)) {
        if (!Object.hasOwn(severity, code)) warnings.push(`kallocLens.severity.${clip(code)}: no such diagnostic code (known: ${Object.keys(severity).join(', ')})`);
        else if (!SEVERITIES.includes(value as SeveritySetting)) warnings.push(`kallocLens.severity.${clip(code)}: expected one of ${SEVERITIES.join(', ')}, got ${shown(value)}; using the default`);
        else severity[code as DiagnosticCode] = value as SeveritySetting;
      }
    }
  }
  const wasteInput = isRecord(input.waste) ? input.waste : {};
  if (input.waste !== undefined && !isRecord(input.waste)) warnings.push(`kallocLens.waste: expected { minPercent, minBytes }, got ${shown(input.waste)}; using the defaults`);
  const minPercent = wasteNumber(wasteInput, 'minPercent', DEFAULT_SETTINGS.waste.minPercent, SCHEMA.waste.properties.minPercent.maximum, warnings);
  const minBytes = wasteNumber(wasteInput, 'minBytes', DEFAULT_SETTINGS.waste.minBytes, Number.MAX_SAFE_INTEGER, warnings);
  const inlayHints = take<boolean>('inlayHints', DEFAULT_SETTINGS.inlayHints, (v) => (typeof v === 'boolean' ? v : { error: `expected true or false, got ${shown(v)}` }));
  const docCommentSites = take<boolean>('docCommentSites', DEFAULT_SETTINGS.docCommentSites, (v) => (typeof v === 'boolean' ? v : { error: `expected true or false, got ${shown(v)}` }));
  const diagnosticsDelayMs = take<number>('diagnosticsDelayMs', DEFAULT_SETTINGS.diagnosticsDelayMs, (v) =>
    Number.isInteger(v) && (v as number) >= 0 && (v as number) <= DIAGNOSTICS_DELAY_MAX_MS
      ? (v as number)
      : { error: `expected a whole number of milliseconds from 0 to ${DIAGNOSTICS_DELAY_MAX_MS}, got ${shown(v)}` },
  );
  return { settings: { profile, kernelVersion, nrCpus, typeSizesFile, buildDir, severity, waste: { minPercent, minBytes }, inlayHints, docCommentSites, diagnosticsDelayMs }, warnings };
}

function isVersion(text: string): boolean {
  try {
    parseKernelVersion(text);
    return true;
  } catch {
    return false;
  }
}

function takeText(input: Record<string, unknown>, name: string, fallback: string, ok: (v: string) => boolean, expected: string, warnings: string[]): string {
  const value = input[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'string' && ok(value.trim())) return value.trim();
  warnings.push(`kallocLens.${name}: expected ${expected}, got ${shown(value)}; using '${fallback}'`);
  return fallback;
}

function wasteNumber(input: Record<string, unknown>, name: string, fallback: number, max: number, warnings: string[]): number {
  const value = input[name];
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= max) return value;
  warnings.push(`kallocLens.waste.${name}: expected a number from 0 to ${max}, got ${shown(value)}; using ${fallback}`);
  return fallback;
}
