/**
 * The server's commands (workspace/executeCommand) and their arguments, checked: a bad argument
 * gets `{ error }` saying what was expected, never an exception.
 * - `kalloc-lens.simulate`: replay the site under the cursor many times through the engine;
 * - `kalloc-lens.explain`: an ad-hoc request on the server's target.
 */
import { EngineError } from '../../../../engine/src/errors.js';
import { explain } from '../../../../engine/src/explain.js';
import type { Outcome } from '../../../../engine/src/outcome.js';
import type { SimulationTrace } from '../../../../engine/src/simulate.js';
import type { Connection, ServerCapabilities } from 'vscode-languageserver';
import { siteAt, simulateSite } from '../../analysis/simulate-site.js';
import type { Target } from '../detect-target.js';
import { guard } from '../guard.js';
import type { ServerContext } from '../server-context.js';

export const COMMANDS = { simulate: 'kalloc-lens.simulate', explain: 'kalloc-lens.explain' } as const;

export interface SimulateArgs {
  readonly uri: string;
  readonly position: { readonly line: number; readonly character: number };
  /** Pushes (for a push site) or allocations; default 64 / 32. */
  readonly count?: number;
}

export type CommandResult<T> = T | { readonly error: string };
export type SimulateResult = CommandResult<{ readonly site: { readonly call: string; readonly line: number; readonly column: number }; readonly trace: SimulationTrace }>;

const MAX_COUNT = 100_000;

export function readSimulateArgs(raw: unknown): SimulateArgs | { error: string } {
  const a = raw as Partial<SimulateArgs> | undefined;
  if (!a || typeof a.uri !== 'string' || typeof a.position?.line !== 'number' || typeof a.position?.character !== 'number') {
    return { error: `${COMMANDS.simulate} expects { uri, position: { line, character }, count? }` };
  }
  if (a.count !== undefined && (!Number.isInteger(a.count) || a.count < 1 || a.count > MAX_COUNT)) {
    return { error: `${COMMANDS.simulate}: count must be a whole number from 1 to ${MAX_COUNT}, got ${JSON.stringify(a.count)}` };
  }
  return a as SimulateArgs;
}

export interface ExplainArgs {
  readonly size?: number;
  readonly count?: number;
  readonly elementSize?: number;
  readonly align?: number;
  readonly flags?: string;
  readonly allocator?: string;
  readonly api?: string;
}

/** `kalloc-lens.explain`: an ad-hoc request on the server's target. */
export function explainCommand(raw: unknown, target: Target): CommandResult<Outcome> {
  const a = (raw ?? {}) as ExplainArgs;
  if (a.size === undefined && (a.count === undefined || a.elementSize === undefined)) {
    return { error: `${COMMANDS.explain} expects { size } or { count, elementSize }, with optional flags, allocator, align, api` };
  }
  try {
    return explain({
      ...(a.size !== undefined ? { sizeBytes: a.size, alignBytes: a.align ?? 1 } : { count: a.count!, element: { sizeBytes: a.elementSize!, alignBytes: a.align ?? 1 } }),
      ...(a.flags !== undefined ? { flags: a.flags } : {}),
      ...(a.allocator !== undefined ? { allocator: a.allocator } : {}),
      ...(a.api !== undefined ? { api: a.api } : {}),
      profile: target.profile,
      ...(target.kernel ? { kernel: target.kernel } : {}),
    });
  } catch (error) {
    if (error instanceof EngineError) return { error: error.message };
    throw error;
  }
}

/** `kalloc-lens.simulate` at a position of an open document, once the workspace is indexed. */
async function simulateCommand(ctx: ServerContext, raw: unknown): Promise<SimulateResult> {
  const parsed = readSimulateArgs(raw);
  if ('error' in parsed) return parsed;
  await ctx.indexed();
  const doc = ctx.documents.get(parsed.uri);
  if (!doc) return { error: `${parsed.uri} is not open` };
  const site = siteAt(ctx.documents.sitesOf(doc), parsed.position.line, parsed.position.character);
  if (!site) return { error: `no allocation site at line ${parsed.position.line + 1}, column ${parsed.position.character + 1}` };
  const target = ctx.target.target;
  const result = simulateSite(site, target.profile, target.kernel, parsed.count);
  if (!result.ok) return { error: result.reason };
  return { site: { call: site.report.call, line: site.report.line, column: site.report.column }, trace: result.trace };
}

export function executeCommand(ctx: ServerContext, command: string, args: readonly unknown[]): Promise<unknown> | unknown {
  if (command === COMMANDS.explain) return explainCommand(args[0], ctx.target.target);
  if (command === COMMANDS.simulate) return simulateCommand(ctx, args[0]);
  return { error: `unknown command ${command}` };
}

/** Binds the handlers; returns the capabilities they give. */
export function register(connection: Connection, ctx: ServerContext): ServerCapabilities {
  connection.onExecuteCommand(guard(connection.console, 'executeCommand', null as unknown, (p) => executeCommand(ctx, p.command, p.arguments ?? [])));
  return { executeCommandProvider: { commands: Object.values(COMMANDS) } };
}
