/**
 * The engine's answer for a kernel-API site (dedicated cache, pages, DMA, wrapper): explain()
 * with the numbers the arguments gave. When the API needs a size the call does not fix, the
 * outcome is unknown and the note names the missing term; nothing is guessed.
 */
import { type CLayoutSource, EngineError, explain, parseGfp, type Outcome, type Profile } from '../../../engine/src/index.js';
import type { FoundSite } from './found-site.js';
import type { OutcomeReport } from './report.js';
import type { SiteAnswer } from './site-outcome.js';
import type { SiteSize } from './site-size.js';

export function kernelApiAnswer(
  site: FoundSite,
  size: SiteSize,
  profile: Profile,
  kernel: string | undefined,
  cLayouts: CLayoutSource | undefined,
  flags: string,
  gfpMask: number | null,
  notes: string[],
  toReport: (o: Outcome) => OutcomeReport,
  unknown: () => OutcomeReport,
): SiteAnswer {
  const input = size.kernelInput ?? {};
  try {
    const o = explain({ api: site.chainApi, flags, profile, ...(kernel ? { kernel } : {}), ...(cLayouts ? { cLayouts } : {}), ...input });
    notes.push(...o.notes);
    // A fixed GFP_KERNEL of a second allocation (the devres action node) sleeps whatever the caller passed.
    const extra = o.alsoAllocates.reduce((mask, a) => mask | parseGfp(a.flags).mask, 0);
    return { outcome: toReport(o), chain: o.chain.map((f) => ({ frame: f.frame, file: f.file })), notes, gfpMask: gfpMask === null ? null : gfpMask | extra, detail: o };
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    notes.push(size.unknownTerm ? `the size is not fixed at the call: ${size.expr} (${size.unknownTerm} unknown)` : `the engine cannot place this call: ${error.message}`);
    return { outcome: unknown(), chain: [], notes, gfpMask, detail: null };
  }
}
