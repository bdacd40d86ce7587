/**
 * "Simulate this allocation": a found site run through the engine's stateful models. A push
 * (or reserve/extend) site simulates `count` pushes into an empty vector of its element; a site
 * with a fixed size simulates `count` live allocations of that request. Where the source does
 * not give what the engine needs (allocator, element size, size), the reason says what is missing.
 * A kernel-API site (dedicated cache, pages, DMA, a wrapper) is stepped with the numbers its
 * arguments gave and the target's C layouts (a dedicated cache's object size comes from them).
 */
import { type CLayoutSource, EngineError, type Profile, type BuddyStart, simulate, type SimulateInput, type SimulationTrace } from '../../../engine/src/index.js';
import type { AnalyzedSite } from './analyze-tree.js';

/** Pushes or allocations when the caller does not say. */
export const DEFAULT_SIMULATION_COUNT = { pushes: 64, allocations: 32 } as const;

/** What the user gives where the source does not: an element layout, a count, the buddy state. */
export interface SimulateGiven {
  readonly count?: number;
  readonly element?: { readonly sizeBytes: number; readonly alignBytes: number };
  /** Elements per allocation, for a with_capacity(n) whose n is not fixed. */
  readonly elementCount?: number;
  readonly memory?: BuddyStart;
}

/** What a form must ask for, pre-filled with what the source does give. */
export interface SimulationNeeds {
  readonly kind: 'kvec-push' | 'allocations';
  readonly elementSize: number | null;
  readonly elementAlign: number | null;
  /** Elements per allocation (with_capacity(n)), when the site takes a count. */
  readonly elementCount: number | null;
  readonly asksCount: boolean;
}

export type SiteSimulation = { readonly ok: true; readonly trace: SimulationTrace; readonly times: number } | { readonly ok: false; readonly reason: string; readonly needs: SimulationNeeds | null };

export function simulateSite(site: AnalyzedSite, profile: Profile, kernel: string | undefined, count?: number, given: SimulateGiven = {}, cLayouts?: CLayoutSource): SiteSimulation {
  const { found, size, report } = site;
  if (report.allocator === 'unknown') return { ok: false, reason: `the allocator of ${report.call} is not visible here (the receiver's type is unknown)`, needs: null };
  const flags = site.answer.gfpMask === null ? 'GFP_KERNEL' : (report.flags ?? 'GFP_KERNEL');
  const base = { api: found.chainApi, allocator: report.allocator, flags, profile, ...(kernel ? { kernel } : {}), ...(given.memory ? { memory: given.memory } : {}) };
  const times = count ?? given.count;
  const element = size.element ?? given.element ?? null;
  const needs = (kind: SimulationNeeds['kind']): SimulationNeeds => ({
    kind,
    elementSize: element?.sizeBytes ?? null,
    elementAlign: element?.alignBytes ?? null,
    elementCount: size.count ?? given.elementCount ?? null,
    asksCount: kind === 'allocations',
  });
  let input: SimulateInput;
  if (found.sizing === 'kernel-api') {
    if (size.unknownTerm) return { ok: false, reason: `the size is not fixed by the source: ${size.expr}`, needs: null };
    const { allocator: _served, ...call } = base;
    input = { ...call, ...(size.kernelInput ?? {}), ...(cLayouts ? { cLayouts } : {}), kind: 'allocations', times: times ?? DEFAULT_SIMULATION_COUNT.allocations };
  } else if (found.sizing === 'growth') {
    if (!element) return { ok: false, reason: `the element size is unknown: ${size.expr}`, needs: needs('kvec-push') };
    input = { ...base, kind: 'kvec-push', times: times ?? DEFAULT_SIMULATION_COUNT.pushes, element: { sizeBytes: element.sizeBytes, alignBytes: element.alignBytes } };
  } else if (found.sizing === 'array') {
    const elements = size.count ?? given.elementCount ?? null;
    if (!element || elements === null) return { ok: false, reason: `the size is not fixed by the source: ${size.expr}`, needs: needs('allocations') };
    input = { ...base, kind: 'allocations', times: times ?? DEFAULT_SIMULATION_COUNT.allocations, count: elements, element: { sizeBytes: element.sizeBytes, alignBytes: element.alignBytes } };
  } else if (size.bytes !== null) {
    input = { ...base, kind: 'allocations', times: times ?? DEFAULT_SIMULATION_COUNT.allocations, sizeBytes: size.bytes, alignBytes: size.element?.alignBytes ?? 1 };
  } else if (given.element && (found.sizing === 'element' || found.sizing === 'arc-inner')) {
    // The boxed type's layout as the user gives it (ArcInner adds its refcount: not modelled here, so only plain boxes).
    if (found.sizing === 'arc-inner') return { ok: false, reason: `the size is not fixed by the source: ${size.expr}`, needs: null };
    input = { ...base, kind: 'allocations', times: times ?? DEFAULT_SIMULATION_COUNT.allocations, sizeBytes: given.element.sizeBytes, alignBytes: given.element.alignBytes };
  } else {
    return { ok: false, reason: `the size is not fixed by the source: ${size.expr}`, needs: found.sizing === 'element' ? needs('allocations') : null };
  }
  try {
    return { ok: true, trace: simulate(input), times: input.times };
  } catch (error) {
    if (error instanceof EngineError) return { ok: false, reason: error.message, needs: null };
    throw error;
  }
}

/** The site whose call range holds a 0-based position, innermost first; null when none does. */
export function siteAt(sites: readonly AnalyzedSite[], row: number, column: number): AnalyzedSite | null {
  const holding = sites.filter((s) => {
    const r = s.found.range;
    const after = row > r.startRow || (row === r.startRow && column >= r.startColumn);
    const before = row < r.endRow || (row === r.endRow && column <= r.endColumn);
    return after && before;
  });
  // Nested calls (`KBox::new(KVec::with_capacity(..)?, f)`): the smallest range is the one meant.
  return holding.sort((a, b) => rangeSpan(a) - rangeSpan(b))[0] ?? null;
}

function rangeSpan(site: AnalyzedSite): number {
  const r = site.found.range;
  return (r.endRow - r.startRow) * 1_000_000 + (r.endColumn - r.startColumn);
}
