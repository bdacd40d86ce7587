/**
 * A found site and its size → the engine's answer: where it lands, the chain, and for sizes
 * the source does not fix (a push), the capacities at which it changes cache, turns to the page
 * allocator, and fails. Old-era calls (Vec::try_push) take their own era's chain. An engine
 * error on odd input becomes an "unknown" outcome with the reason, never a crash.
 */
import { API_ERAS } from '../../../engine/src/api-registry.js';
import { apiAllocator, callChain, callChainApis, type ChainLeaf } from '../../../engine/src/call-chain.js';
import { EngineError } from '../../../engine/src/errors.js';
import { explain, type ExplainInput } from '../../../engine/src/explain.js';
import { parseGfp } from '../../../engine/src/gfp.js';
import { kernelTarget } from '../../../engine/src/kernel-version.js';
import { capacityThresholds } from '../../../engine/src/kvec-growth.js';
import type { AllocatorName } from '../../../engine/src/layout.js';
import type { Outcome } from '../../../engine/src/outcome.js';
import type { Profile } from '../../../engine/src/profile.js';
import type { FoundSite } from './found-site.js';
import type { OutcomeReport } from './report.js';
import type { SiteSize } from './site-size.js';

/** One kernel per API era (its last), oldest first: an API missing from the target era is looked up here. */
const ERA_KERNELS = API_ERAS.map((era) => era.last);

export interface SiteAnswer {
  readonly outcome: OutcomeReport;
  readonly chain: readonly { readonly frame: string; readonly file: string }[];
  readonly notes: readonly string[];
  /** The flags mask used, or null when the flags are not known here (a parameter). */
  readonly gfpMask: number | null;
  /** The engine outcome, when there was one (for diagnostics and hovers). */
  readonly detail: Outcome | null;
}

function unknownOutcome(extra: Partial<OutcomeReport> = {}): OutcomeReport {
  return { path: 'unknown', cache: null, objectSize: null, wasteBytes: null, slabOrder: null, order: null, pages: null, fallback: null, ...extra };
}

function toReport(o: Outcome): OutcomeReport {
  return {
    path: o.path,
    cache: o.cache,
    objectSize: o.objectSize,
    wasteBytes: o.wasteBytes,
    slabOrder: o.slabOrder,
    order: o.order,
    pages: o.pages ?? o.vmalloc?.pages ?? null,
    fallback: o.fallback ? { path: 'vmalloc', pages: o.fallback.pages, when: o.fallback.when } : null,
    failure: o.failure,
  };
}

/** The kernel whose era has this API: the target if it does, else the newest era that does. */
function kernelFor(api: string, target: string | undefined): { kernel: string | undefined; note: string | null } {
  if (callChainApis(kernelTarget(target).rules).includes(api)) return { kernel: target, note: null };
  const home = [...ERA_KERNELS].reverse().find((k) => callChainApis(kernelTarget(k).rules).includes(api));
  return home ? { kernel: home, note: `${api} is an older kernel's API; its chain and rules are shown for kernel ${home}` } : { kernel: target, note: null };
}

export function answerSite(site: FoundSite, size: SiteSize, profile: Profile, kernel: string | undefined): SiteAnswer {
  const notes: string[] = [];
  const { kernel: era, note } = kernelFor(site.chainApi, kernel);
  if (note) notes.push(note);
  let gfpMask: number | null = null;
  let flags = 'GFP_KERNEL';
  if (site.flags) {
    try {
      gfpMask = parseGfp(site.flags).mask;
      flags = site.flags;
    } catch (error) {
      if (!(error instanceof EngineError)) throw error;
      notes.push(`flags '${site.flags}' come from the caller; the cache is shown for GFP_KERNEL`);
    }
  } else {
    gfpMask = parseGfp(flags).mask;
  }
  if (site.allocator === 'unknown') {
    notes.push('the receiver’s type is not visible here, so the allocator (Kmalloc, Vmalloc or KVmalloc) is unknown');
    return { outcome: unknownOutcome(), chain: [], notes, gfpMask, detail: null };
  }
  const allocator: AllocatorName = site.allocator;
  const rules = kernelTarget(era).rules;
  try {
    if (size.bytes !== null || (site.sizing === 'array' && size.count !== null && size.element)) {
      const input: ExplainInput =
        site.sizing === 'array' && size.element && size.count !== null
          ? { api: site.chainApi, allocator, flags, count: size.count, element: { sizeBytes: size.element.sizeBytes, alignBytes: size.element.alignBytes }, profile, ...(era ? { kernel: era } : {}) }
          : { api: site.chainApi, allocator, flags, sizeBytes: size.bytes!, alignBytes: size.element?.alignBytes ?? 1, profile, ...(era ? { kernel: era } : {}) };
      const o = explain(input);
      notes.push(...o.notes);
      return { outcome: toReport(o), chain: o.chain.map((f) => ({ frame: f.frame, file: f.file })), notes, gfpMask, detail: o };
    }
    // The size is not fixed here: the chain of a first allocation, and growth thresholds.
    const leaf: ChainLeaf = allocator === 'Vmalloc' ? { kind: 'vmalloc' } : { kind: 'slab', slubPath: 'fast' };
    const fixed = apiAllocator(site.chainApi, rules);
    const chain = callChain({ api: site.chainApi, ...(fixed === 'generic' ? { allocator } : {}), rules, leaf }).frames.map((f) => ({ frame: f.frame, file: f.file }));
    const thresholds =
      // A push's capacity, or a with_capacity(n) whose n is not fixed: where each count lands.
      (site.sizing === 'growth' || site.sizing === 'array') && size.element && size.element.sizeBytes > 0
        ? capacityThresholds({ sizeBytes: size.element.sizeBytes, alignBytes: size.element.alignBytes }, allocator, gfpMask ?? parseGfp('GFP_KERNEL').mask, profile, rules).map((t) => ({
            elements: Number.isFinite(t.elements) ? t.elements : null,
            path: t.path,
            ...(t.cache ? { cache: t.cache } : {}),
            ...(t.order !== undefined ? { order: t.order } : {}),
          }))
        : undefined;
    return { outcome: unknownOutcome(thresholds ? { thresholds } : {}), chain, notes, gfpMask, detail: null };
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    notes.push(`the engine cannot place this call: ${error.message}`);
    return { outcome: unknownOutcome(), chain: [], notes, gfpMask, detail: null };
  }
}
