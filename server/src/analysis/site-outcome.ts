/**
 * A found site and its size → the engine's answer: where it lands, the chain, and for sizes
 * the source does not fix (a push), the capacities at which it changes cache, turns to the page
 * allocator, and fails. A call the target kernel lacks (Vec::try_push in 7.1.5) is placed as that
 * era's equivalent (api-availability.ts) or not at all. An engine
 * error on odd input becomes an "unknown" outcome with the reason, never a crash.
 */
import {
  apiAllocator,
  callChain,
  type ChainLeaf,
  EngineError,
  explain,
  type ExplainInput,
  parseGfp,
  kernelTarget,
  capacityThresholds,
  type AllocatorName,
  type Outcome,
  type Profile,
  type CLayoutSource,
} from '../../../engine/src/index.js';
import { apiAvailability } from './api-availability.js';
import type { FoundSite } from './found-site.js';
import type { OutcomeReport } from './report.js';
import type { SiteSize } from './site-size.js';
import { kernelApiAnswer } from './kernel-api-answer.js';

export interface SiteAnswer {
  readonly outcome: OutcomeReport;
  readonly chain: readonly { readonly frame: string; readonly file: string }[];
  readonly notes: readonly string[];
  /** The flags mask used, or null when the flags are not known here (a parameter). */
  readonly gfpMask: number | null;
  /** The engine outcome, when there was one (for diagnostics and hovers). */
  readonly detail: Outcome | null;
  /** When the call is not in the target kernel: why (the `api-not-in-kernel` diagnostic). */
  readonly notInKernel?: string;
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
    ...(o.kmemCache ? { kmemCache: o.kmemCache } : {}),
    ...(o.objects ? { objects: o.objects } : {}),
    ...(o.dma ? { dma: o.dma } : {}),
    ...(o.alsoAllocates.length > 0 ? { alsoAllocates: o.alsoAllocates } : {}),
  };
}

/** `cLayouts`: where C struct sizes come from, for the dedicated caches of kernel APIs (maple_node). */
export function answerSite(site: FoundSite, size: SiteSize, profile: Profile, kernel: string | undefined, cLayouts?: CLayoutSource): SiteAnswer {
  const missing = apiAvailability(site.chainApi, kernel);
  if (!missing) return answerIn(site, size, profile, kernel, cLayouts);
  // Not in this kernel: placed as the era's equivalent call when there is one, else not at all.
  const notInKernel = missing.message;
  if (!missing.equivalent) {
    return { outcome: unknownOutcome(), chain: [], notes: [notInKernel], gfpMask: null, detail: null, notInKernel };
  }
  const answer = answerIn({ ...site, chainApi: missing.equivalent }, size, profile, kernel);
  return { ...answer, notes: [`${notInKernel}; shown as ${missing.equivalent}`, ...answer.notes], notInKernel };
}

function answerIn(site: FoundSite, size: SiteSize, profile: Profile, era: string | undefined, cLayouts?: CLayoutSource): SiteAnswer {
  const notes: string[] = [];
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
  if (site.sizing === 'kernel-api') return kernelApiAnswer(site, size, profile, era, cLayouts, flags, gfpMask, notes, toReport, unknownOutcome);
  if (site.allocator === 'unknown' || site.allocator === 'kmem_cache' || site.allocator === 'page_alloc' || site.allocator === 'dma') {
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
            ...(t.costly ? { costly: true } : {}),
          }))
        : undefined;
    return { outcome: unknownOutcome(thresholds ? { thresholds } : {}), chain, notes, gfpMask, detail: null };
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    notes.push(`the engine cannot place this call: ${error.message}`);
    return { outcome: unknownOutcome(), chain: [], notes, gfpMask, detail: null };
  }
}
