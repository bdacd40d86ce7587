/**
 * Whether a call exists in the target kernel, read from the engine's tables: a site whose API
 * is not in the target's era (KBox::new with --kernel 6.6, Vec::try_push with 7.1.5) gets the
 * `api-not-in-kernel` diagnostic, and is placed with that era's nearest equivalent when the
 * engine's row names one (`instead: 'use Box::new(x, flags) (BoxExt)'`), else with no chain.
 */
import { callChain, callChainApis, API_ERAS, apiRow, type KernelApiEntry, STABLE_BACKPORT_NOTES, EngineError, kernelTarget } from '../../../engine/src/index.js';

export interface ApiAvailability {
  /** "KBox::new needs kernel 6.13 or later (6.12.y backport)". */
  readonly message: string;
  /** The target era's equivalent call, if the engine names one that exists there. */
  readonly equivalent: string | null;
}

/** Kernel releases where the API era changes, oldest first (the engine's API registry). */
const ERA_STARTS: readonly (readonly [number, number])[] = API_ERAS.map((era) => era.since);

const text = ([major, minor]: readonly [number, number]): string => `${major}.${minor}`;

function hasApi(api: string, kernel: string | undefined): boolean {
  return callChainApis(kernelTarget(kernel).rules).includes(api);
}

const memo = new Map<string, ApiAvailability | null>();

/** Null when `api` exists in the target kernel (or in no era at all: then it is not ours to judge). */
export function apiAvailability(api: string, kernel: string | undefined): ApiAvailability | null {
  const key = `${api}@${kernel ?? ''}`;
  if (memo.has(key)) return memo.get(key)!;
  const result = compute(api, kernel);
  memo.set(key, result);
  return result;
}

/** A kernel API (MapleTree::insert) outside its releases: the registry's since/until, with how sure they are. */
function kernelApiAvailability(entry: KernelApiEntry, kernel: string | undefined): ApiAvailability | null {
  const target = kernelTarget(kernel).version;
  const before = (a: readonly [number, number]) => target.major < a[0] || (target.major === a[0] && target.minor < a[1]);
  if (before(entry.since)) {
    const read = entry.row.sinceRead;
    const sure = entry.sinceConfirmed ? '' : ` (unconfirmed: ${read.lacks ? `absent in ${read.lacks}, ` : ''}present in ${read.has})`;
    return { message: `${entry.api} needs kernel ${text(entry.since)} or later${sure}`, equivalent: null };
  }
  if (entry.until && !before([entry.until[0], entry.until[1] + 1])) {
    return { message: `${entry.api} is gone after kernel ${text(entry.until)}${entry.row.instead ? `: ${entry.row.instead}` : ''}`, equivalent: null };
  }
  return null;
}

function compute(api: string, kernel: string | undefined): ApiAvailability | null {
  const entry = apiRow(api);
  if (entry?.family === 'kernel') return kernelApiAvailability(entry, kernel);
  if (hasApi(api, kernel)) return null;
  const homes = ERA_STARTS.filter((start) => hasApi(api, text(start)));
  if (homes.length === 0) return null;
  const target = kernelTarget(kernel).version;
  const first = homes[0]!;
  const older = target.major < first[0] || (target.major === first[0] && target.minor < first[1]);
  let message: string;
  if (older) {
    // A stable series just before the era that later received it (6.12.y: the Allocator trait).
    const backport = STABLE_BACKPORT_NOTES.find((b) => b.release[0] === first[0] && b.release[1] === first[1] - 1);
    message = `${api} needs kernel ${text(first)} or later${backport ? ` (${text(backport.release)}.y backport)` : ''}`;
  } else {
    const last = homes[homes.length - 1]!;
    const end = ERA_STARTS[ERA_STARTS.indexOf(last) + 1];
    message = end ? `${api} was replaced in kernel ${text(end)}` : `${api} is not in kernel ${target.text}`;
  }
  return { message: `${message}${equivalentText(api, kernel)}`, equivalent: equivalentApi(api, kernel) };
}

/** The engine's own wording of what to use instead in the target era ("; in 7.1.5 use KVec::push(x, flags)"). */
function equivalentText(api: string, kernel: string | undefined): string {
  const said = engineMessage(api, kernel);
  const at = said?.indexOf('; in ') ?? -1;
  return said && at >= 0 ? said.slice(at) : '';
}

function equivalentApi(api: string, kernel: string | undefined): string | null {
  const said = engineMessage(api, kernel);
  const named = said ? /; in .*? use ([\w:]+)\(/.exec(said)?.[1] : undefined;
  return named && hasApi(named, kernel) ? named : null;
}

function engineMessage(api: string, kernel: string | undefined): string | null {
  try {
    callChain({ api, rules: kernelTarget(kernel).rules, leaf: { kind: 'slab', slubPath: 'fast' }, allocator: 'Kmalloc' });
    return null;
  } catch (error) {
    if (error instanceof EngineError) return error.message;
    throw error;
  }
}
