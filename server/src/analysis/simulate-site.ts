/**
 * "Simulate this allocation": a found site run through the engine's stateful models. A push
 * (or reserve/extend) site simulates `count` pushes into an empty vector of its element; a site
 * with a fixed size simulates `count` live allocations of that request. Where the source does
 * not give what the engine needs (allocator, element size, size), the reason says what is missing.
 */
import { EngineError } from '../../../engine/src/errors.js';
import type { Profile } from '../../../engine/src/profile.js';
import { simulate, type SimulateInput, type SimulationTrace } from '../../../engine/src/simulate.js';
import type { AnalyzedSite } from './analyze-tree.js';

/** Pushes or allocations when the caller does not say. */
export const DEFAULT_SIMULATION_COUNT = { pushes: 64, allocations: 32 } as const;

export type SiteSimulation = { readonly ok: true; readonly trace: SimulationTrace; readonly times: number } | { readonly ok: false; readonly reason: string };

export function simulateSite(site: AnalyzedSite, profile: Profile, kernel: string | undefined, count?: number): SiteSimulation {
  const { found, size, report } = site;
  if (report.allocator === 'unknown') return { ok: false, reason: `the allocator of ${report.call} is not visible here (the receiver's type is unknown)` };
  const flags = site.answer.gfpMask === null ? 'GFP_KERNEL' : (report.flags ?? 'GFP_KERNEL');
  const base = { api: found.chainApi, allocator: report.allocator, flags, profile, ...(kernel ? { kernel } : {}) };
  let input: SimulateInput;
  if (found.sizing === 'growth') {
    if (!size.element) return { ok: false, reason: `the element size is unknown: ${size.expr}` };
    input = { ...base, kind: 'kvec-push', times: count ?? DEFAULT_SIMULATION_COUNT.pushes, element: { sizeBytes: size.element.sizeBytes, alignBytes: size.element.alignBytes } };
  } else if (found.sizing === 'array' && size.element && size.count !== null) {
    input = { ...base, kind: 'allocations', times: count ?? DEFAULT_SIMULATION_COUNT.allocations, count: size.count, element: { sizeBytes: size.element.sizeBytes, alignBytes: size.element.alignBytes } };
  } else if (size.bytes !== null) {
    input = { ...base, kind: 'allocations', times: count ?? DEFAULT_SIMULATION_COUNT.allocations, sizeBytes: size.bytes, alignBytes: size.element?.alignBytes ?? 1 };
  } else {
    return { ok: false, reason: `the size is not fixed by the source: ${size.expr}` };
  }
  try {
    return { ok: true, trace: simulate(input), times: input.times };
  } catch (error) {
    if (error instanceof EngineError) return { ok: false, reason: error.message };
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
