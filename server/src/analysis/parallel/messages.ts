/**
 * Messages between analyze-parallel.ts (main thread) and analyze-worker.ts. Everything is plain
 * data for structured cloning; the profile travels as its name and options.
 */
import type { ProfileOptions } from '../../../../engine/src/index.js';
import type { DiagnosticSettings } from '../diagnostics.js';
import type { FileItems } from '../extract/items-from-tree.js';
import type { UserTypeSize } from '../layout/layout-result.js';
import type { DiagnosticReport, SiteReport } from '../report.js';

export interface WorkerOptions {
  readonly profileName: string;
  readonly profileOptions: ProfileOptions;
  readonly kernel?: string;
  readonly includeDoc: boolean;
  readonly userSizes?: Readonly<Record<string, UserTypeSize>>;
  /** The build folder whose bindings give C layouts; absent: the bundled table of the profile. */
  readonly buildDir?: string;
  readonly diagnostics?: DiagnosticSettings;
}

export type ToWorker =
  /** Pass 1: parse these files (and these context files, not analysed), return their items. */
  | { readonly type: 'index'; readonly files: readonly string[]; readonly context: readonly string[] }
  /** Pass 2: the items of every file in the workspace; analyse this worker's files. */
  | { readonly type: 'analyze'; readonly items: readonly (readonly [string, FileItems])[]; readonly options: WorkerOptions };

export type FromWorker =
  | {
      readonly type: 'indexed';
      readonly items: readonly (readonly [string, FileItems])[];
      readonly contextItems: readonly (readonly [string, FileItems])[];
      readonly skipped: readonly { readonly file: string; readonly reason: string }[];
    }
  | {
      readonly type: 'analyzed';
      readonly sites: readonly SiteReport[];
      readonly diagnostics: readonly DiagnosticReport[];
      readonly skipped: readonly { readonly file: string; readonly reason: string }[];
    }
  | { readonly type: 'error'; readonly message: string };
