/**
 * The server's commands (workspace/executeCommand), their arguments checked: a bad argument or
 * a place with nothing to simulate is a ResponseError saying what was expected, never an
 * exception in the log or `{ error }` inside a success. Names and types are in protocol.ts.
 * - `kalloc-lens.simulate`: replay the site under the cursor many times through the engine;
 * - `kalloc-lens.explain`: an ad-hoc request on the server's target.
 */
import { ErrorCodes, LSPErrorCodes, ResponseError, type Connection, type ServerCapabilities } from 'vscode-languageserver';
import { EngineError, explain, fragmentedStart } from '../../../../engine/src/index.js';
import { cLayoutsOf } from '../../analysis/analyze-tree.js';
import { siteAt, simulateSite } from '../../analysis/simulate-site.js';
import type { Target } from '../detect-target.js';
import { guard } from '../guard.js';
import { COMMANDS, type ExplainArgs, type ExplainResult, type SimulateArgs, type SimulateNeeds, type SimulateResult } from '../protocol.js';
import type { ServerContext } from '../server-context.js';
import { clip, shown } from '../settings.js';
import { compareSite } from './compare-profiles.js';
import { framePlaces } from './frame-places.js';

export { COMMANDS };

const badArguments = (message: string) => new ResponseError(ErrorCodes.InvalidParams, message);
const failed = (message: string) => new ResponseError(LSPErrorCodes.RequestFailed, message);

const MAX_COUNT = 100_000;
/** A user-given element: up to 1 GiB, and up to 2^24 of them (the engine refuses what the kernel would). */
const MAX_ELEMENT_BYTES = 1 << 30;
const MAX_ELEMENT_COUNT = 1 << 24;

export function readSimulateArgs(raw: unknown): SimulateArgs {
  const a = raw as Partial<SimulateArgs> | undefined;
  if (!a || typeof a.uri !== 'string' || typeof a.position?.line !== 'number' || typeof a.position?.character !== 'number') {
    throw badArguments(`${COMMANDS.simulate} expects { uri, position: { line, character }, count? }`);
  }
  const whole = (name: keyof SimulateArgs, value: unknown, max: number): void => {
    if (value !== undefined && (!Number.isInteger(value) || (value as number) < 1 || (value as number) > max)) {
      throw badArguments(`${COMMANDS.simulate}: ${name} must be a whole number from 1 to ${max}, got ${shown(value)}`);
    }
  };
  whole('count', a.count, MAX_COUNT);
  whole('elementSize', a.elementSize, MAX_ELEMENT_BYTES);
  whole('elementCount', a.elementCount, MAX_ELEMENT_COUNT);
  whole('elementAlign', a.elementAlign, 4096);
  if (a.elementAlign !== undefined && (a.elementAlign & (a.elementAlign - 1)) !== 0) throw badArguments(`${COMMANDS.simulate}: elementAlign must be a power of two, got ${a.elementAlign}`);
  if (a.memory !== undefined && a.memory !== 'fresh' && a.memory !== 'fragmented') throw badArguments(`${COMMANDS.simulate}: memory must be 'fresh' or 'fragmented'`);
  return a as SimulateArgs;
}

/** `kalloc-lens.explain`: an ad-hoc request on the server's target. */
export function explainCommand(raw: unknown, target: Target): ExplainResult {
  const usage = `${COMMANDS.explain} expects { size } or { count, elementSize }, with optional flags, allocator, align, api`;
  if (raw !== undefined && (raw === null || typeof raw !== 'object' || Array.isArray(raw))) throw badArguments(usage);
  const a = (raw ?? {}) as ExplainArgs;
  if (a.size === undefined && (a.count === undefined || a.elementSize === undefined)) throw badArguments(usage);
  // Each argument's type, before the engine sees it: its errors are for values, not types.
  for (const key of ['size', 'count', 'elementSize', 'align'] as const) {
    if (a[key] !== undefined && typeof a[key] !== 'number') throw badArguments(`${COMMANDS.explain}: ${key} must be a number, got ${shown(a[key])}`);
  }
  for (const key of ['flags', 'allocator', 'api'] as const) {
    if (a[key] !== undefined && typeof a[key] !== 'string') throw badArguments(`${COMMANDS.explain}: ${key} must be a string, got ${shown(a[key])}`);
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
    // The engine's messages quote the input: a 5 MB flags string is not sent back whole.
    if (error instanceof EngineError) throw badArguments(clip(error.message, 500));
    throw error;
  }
}

/** `kalloc-lens.simulate` at a position of an open document, once the workspace is indexed. */
async function simulateCommand(ctx: ServerContext, raw: unknown): Promise<SimulateResult> {
  const parsed = readSimulateArgs(raw);
  await ctx.indexed();
  const doc = ctx.documents.get(parsed.uri);
  if (!doc) throw failed(`${clip(parsed.uri, 200)} is not open`);
  const site = siteAt(ctx.documents.sitesOf(doc), parsed.position.line, parsed.position.character);
  if (!site) throw failed(`no allocation site at line ${parsed.position.line + 1}, column ${parsed.position.character + 1}`);
  const target = ctx.target.target;
  const element = parsed.elementSize !== undefined ? { sizeBytes: parsed.elementSize, alignBytes: parsed.elementAlign ?? 1 } : undefined;
  const result = simulateSite(
    site,
    target.profile,
    target.kernel,
    parsed.count,
    {
      ...(element ? { element } : {}),
      ...(parsed.elementCount !== undefined ? { elementCount: parsed.elementCount } : {}),
      ...(parsed.memory === 'fragmented' ? { memory: fragmentedStart(target.profile) } : {}),
    },
    cLayoutsOf(ctx.target.options),
  );
  if (!result.ok) {
    const data: SimulateNeeds | undefined = result.needs ? { needs: result.needs } : undefined;
    throw new ResponseError(LSPErrorCodes.RequestFailed, result.reason, data);
  }
  const version = result.trace.outcome.kernel.version;
  return {
    site: { call: site.report.call, line: site.report.line, column: site.report.column },
    trace: result.trace,
    chainPlaces: framePlaces(result.trace.outcome.chain, version, [target.kernelRoot?.dir ?? null, ...ctx.folders]),
    compare: compareSite(site, ctx.workspace.index.viewFrom(doc.path), ctx.target.options, target, {
      ...(element ? { element } : {}),
      ...(parsed.elementCount !== undefined ? { elementCount: parsed.elementCount } : {}),
    }),
  };
}

export function executeCommand(ctx: ServerContext, command: string, args: readonly unknown[]): Promise<SimulateResult> | ExplainResult {
  if (command === COMMANDS.explain) return explainCommand(args[0], ctx.target.target);
  if (command === COMMANDS.simulate) return simulateCommand(ctx, args[0]);
  throw badArguments(`unknown command ${shown(command)} (known: ${Object.values(COMMANDS).join(', ')})`);
}

/** Binds the handlers; returns the capabilities they give. */
export function register(connection: Connection, ctx: ServerContext): ServerCapabilities {
  connection.onExecuteCommand(guard(connection.console, 'executeCommand', null as unknown, (p) => executeCommand(ctx, p.command, p.arguments ?? [])));
  return { executeCommandProvider: { commands: Object.values(COMMANDS) } };
}
