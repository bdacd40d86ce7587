/**
 * The contract between the server and the clients that want more than plain LSP (the VS Code
 * extension, tests), in the manner of rust-analyzer's lsp_ext.ts: every request, notification and
 * command name with its parameter and result types, imported by both sides. A failed request or
 * command is a JSON-RPC error (ResponseError), never `{ error }` inside a success.
 * Other editors can ignore all of it: the features themselves are plain LSP.
 */
import { NotificationType, RequestType0 } from 'vscode-languageserver-protocol';
import type { Outcome, SimulationTrace } from '../../../engine/src/index.js';

export interface TargetParams {
  /** Profile name: x86_64, arm64-16k, ... */
  readonly profile: string;
  readonly pageSize: number;
  readonly nrCpus: number;
  /** The kernel version modelled, e.g. "7.1.5". */
  readonly kernel: string;
  /** Where auto settings were taken from: "profile arm64-16k from .config", ... */
  readonly sources: readonly string[];
  /** The kernel tree the workspace is in (the folder whose Makefile has VERSION), or null. */
  readonly kernelRoot: string | null;
  /** The build folder whose .config (and bindings) are read, or null: no build, bundled defconfig defaults. */
  readonly build: string | null;
}

/** The target the server models: sent after start and whenever settings, the build's .config or bindings, or the Makefile change. */
export const TargetNotification = new NotificationType<TargetParams>('kalloc-lens/target');
export const TARGET_NOTIFICATION = TargetNotification.method;

/**
 * Client → server: a target for this session only, over the settings (the profile picker's
 * default; nothing is written to settings.json). A key left out comes from the settings again;
 * an empty object ends the session target. Values are checked as the settings are.
 */
export interface SessionTarget {
  readonly profile?: string;
  readonly kernelVersion?: string;
  readonly nrCpus?: number | null;
}
export const SessionTargetNotification = new NotificationType<SessionTarget>('kalloc-lens/sessionTarget');

/** One choice of a picker: the value written to the setting, and what it means. */
export interface Choice {
  readonly label: string;
  readonly description: string;
}

export interface ProfileChoices {
  /** `auto` first, then every profile the engine models. */
  readonly profiles: readonly Choice[];
  /** `auto` first, then the newest modelled, then each release where the model changes, newest first. */
  readonly kernels: readonly Choice[];
}

/** What the profile picker offers, from the engine's tables (the client holds none of them). */
export const ProfileChoicesRequest = new RequestType0<ProfileChoices, void>('kalloc-lens/profileChoices');

export interface ServerStatus {
  /** The server's process id: a test that started this server ends exactly this process. */
  readonly pid: number;
  readonly version: string;
}

export const ServerStatusRequest = new RequestType0<ServerStatus, void>('kalloc-lens/status');

/** workspace/executeCommand names. */
export const COMMANDS = { simulate: 'kalloc-lens.simulate', explain: 'kalloc-lens.explain' } as const;

export interface SimulateArgs {
  readonly uri: string;
  readonly position: { readonly line: number; readonly character: number };
  /** Pushes (for a push site) or allocations; default 64 / 32. */
  readonly count?: number;
  /** Where the source does not fix them: the element's layout, and elements per allocation. */
  readonly elementSize?: number;
  readonly elementAlign?: number;
  readonly elementCount?: number;
  /** The buddy allocator at the start: 'fresh' (1 GiB free, unfragmented; default) or 'fragmented' (no free block above PAGE_ALLOC_COSTLY_ORDER). */
  readonly memory?: 'fresh' | 'fragmented';
}

/**
 * The `data` of the simulate command's ResponseError when the site lacks a size the user can
 * give: what to ask for, pre-filled with what the source fixes.
 */
export interface SimulateNeeds {
  readonly needs: {
    readonly kind: 'kvec-push' | 'allocations';
    readonly elementSize: number | null;
    readonly elementAlign: number | null;
    readonly elementCount: number | null;
    readonly asksCount: boolean;
  };
}

export interface SimulateResult {
  readonly site: { readonly call: string; readonly line: number; readonly column: number };
  readonly trace: SimulationTrace;
  /** For each frame of `trace.outcome.chain`, where it opens (features/frame-places.ts). */
  readonly chainPlaces: readonly FramePlace[];
  /** The site under every profile, other NR_CPUS and another kernel version, one row each. */
  readonly compare: readonly CompareRow[];
}

/**
 * Where a chain frame opens: its file in the workspace's kernel tree (or a workspace folder) at
 * its definition, else online. `link` is always given, for the editor to offer both.
 */
export interface FramePlace {
  /** The file on this machine (absolute), or null when no local tree holds it. */
  readonly path: string | null;
  /** The definition's 0-based line in `path`, or null when the file does not show it (it opens at the top). */
  readonly line: number | null;
  /** The definition in the kernel source online, at the modelled version. */
  readonly link: string;
}

/** One target of the compare table: what it is, and where the site lands there (worded as the lens). */
export interface CompareRow {
  readonly label: string;
  readonly profile: string;
  readonly pageSize: number;
  readonly nrCpus: number;
  readonly kernel: string;
  /** What differs from the target: the profile, NR_CPUS or the kernel version. */
  readonly varies: 'profile' | 'nr-cpus' | 'kernel';
  /** This row is the target the editor models now. */
  readonly current: boolean;
  readonly lands: string;
  readonly slabOrder: number | null;
}

/** `kalloc-lens.explain`: `{ size }` or `{ count, elementSize }`, on the server's target. */
export interface ExplainArgs {
  readonly size?: number;
  readonly count?: number;
  readonly elementSize?: number;
  readonly align?: number;
  readonly flags?: string;
  readonly allocator?: string;
  readonly api?: string;
}

export type ExplainResult = Outcome;

/**
 * `initializationOptions.editor` (client → server, at start): what the editor can do beyond
 * plain LSP. `simulateCommand`: a command the hover may link to (`command:<id>?<args>`), taking
 * `{ uri, position }`; VS Code's extension registers `kallocLens.simulateAt` and trusts only it.
 */
export interface EditorOptions {
  readonly simulateCommand?: string;
}

/** The command id the VS Code extension opens the simulate view with. */
export const SIMULATE_VIEW_COMMAND = 'kallocLens.simulateAt';

/** A hover link that runs `command` on `{ uri, position }` (VS Code's command URI form). */
export function commandLink(command: string, args: unknown): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify([args]))}`;
}
