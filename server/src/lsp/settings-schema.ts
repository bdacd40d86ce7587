/**
 * The settings' one description: the JSON schema of every `kallocLens.*` setting, with its
 * default and meaning. package.json's contributes.configuration is written from it
 * (`npm run settings`), readSettings() takes its bounds and enums from it, and
 * test/lsp/settings-schema.test.ts keeps all three and the README table in step.
 */
import { MAX_NR_CPUS, PROFILE_NAMES } from '../../../engine/src/index.js';
import { DIAGNOSTIC_CODES } from '../analysis/diagnostic-codes.js';
import { DEFAULT_DIAGNOSTIC_SETTINGS } from '../analysis/diagnostics.js';

export interface SettingSchema {
  readonly type: string | readonly string[];
  readonly default: unknown;
  readonly description: string;
  readonly enum?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly properties?: Readonly<Record<string, Omit<SettingSchema, 'default' | 'description'>>>;
  readonly additionalProperties?: boolean;
}

export const SEVERITY_VALUES = ['error', 'warning', 'information', 'hint', 'off'] as const;

export const DIAGNOSTICS_DELAY_MAX_MS = 5000;

/** Keyed by the setting's name without the `kallocLens.` section. */
export const SETTINGS_SCHEMA = {
  profile: {
    type: 'string',
    enum: ['auto', ...PROFILE_NAMES],
    default: 'auto',
    description: 'Architecture and page size to model. auto: from the workspace .config, else x86_64.',
  },
  kernelVersion: {
    type: 'string',
    default: 'auto',
    description: 'Kernel version to model, e.g. 6.12 or 7.1.5. auto: from the workspace Makefile or .config, else the newest modelled (7.1.5).',
  },
  nrCpus: {
    type: ['integer', 'null'],
    minimum: 1,
    maximum: MAX_NR_CPUS,
    default: null,
    description: 'CPUs SLUB sees at boot (slab orders depend on it). null: the .config NR_CPUS, or 8.',
  },
  typeSizesFile: {
    type: ['string', 'null'],
    default: null,
    description:
      'A JSON file of sizes for types the analyzer cannot see (bindings::*), relative to the workspace root and inside it (absolute paths and paths leading out are refused). Ignored from an untrusted workspace\'s own settings. See the README, "Type sizes file".',
  },
  buildDir: {
    type: ['string', 'null'],
    default: null,
    description:
      'The kernel build folder whose .config and rust/bindings/bindings_generated.rs give the target (make O=...), relative to the workspace folder or absolute. null: $KBUILD_OUTPUT, else the kernel tree the workspace is in (an in-tree build).',
  },
  severity: {
    type: 'object',
    default: {},
    description: 'Severity per diagnostic code, or off.',
    properties: Object.fromEntries(DIAGNOSTIC_CODES.map(({ code }) => [code, { type: 'string', enum: SEVERITY_VALUES }])),
    additionalProperties: false,
  },
  waste: {
    type: 'object',
    default: { minPercent: DEFAULT_DIAGNOSTIC_SETTINGS.wasteMinPercent, minBytes: DEFAULT_DIAGNOSTIC_SETTINGS.wasteMinBytes },
    description: 'slab-waste is reported at or above both thresholds.',
    properties: { minPercent: { type: 'number', minimum: 0, maximum: 100 }, minBytes: { type: 'number', minimum: 0 } },
  },
  inlayHints: { type: 'boolean', default: false, description: 'Show the byte size after capacity and count arguments.' },
  docCommentSites: { type: 'boolean', default: false, description: 'Also analyse the examples in /// and //! doc comments.' },
  diagnosticsDelayMs: {
    type: 'integer',
    minimum: 0,
    maximum: DIAGNOSTICS_DELAY_MAX_MS,
    default: 150,
    description: 'Quiet time after typing before diagnostics are published.',
  },
} as const satisfies Readonly<Record<string, SettingSchema>>;

/** package.json's contributes.configuration, made from the schema. */
export function contributesConfiguration(): { title: string; properties: Record<string, SettingSchema> } {
  return { title: 'Kalloc Lens', properties: Object.fromEntries(Object.entries(SETTINGS_SCHEMA).map(([name, schema]) => [`kallocLens.${name}`, schema])) };
}
