/**
 * The facts about a site that more than one view states, decided once: diagnostics, the code
 * lens, the hover and the reports project these instead of each re-deciding "over
 * KMALLOC_MAX_SIZE" or "costly order" from the outcome. The JSON carries the facts that hold
 * (`verdict` of each site, verdictReport below); the CLI table and SARIF are made from that
 * JSON and its diagnostics, so they state the same facts. Whether an order is costly is the
 * engine's (Outcome.costly); this module decides which sites that makes a problem.
 */
import { gfpAllowsBlocking, type Profile } from '../../../engine/src/index.js';
import type { AtomicGuard } from './atomic-scope.js';
import type { FoundSite } from './found-site.js';
import type { SiteAnswer } from './site-outcome.js';
import type { SiteSize } from './site-size.js';

export interface SiteVerdict {
  /** What the allocator hands out beyond the request (a slab object, a page block), when both are known. */
  readonly waste: { readonly bytes: number; readonly percent: number } | null;
  /** A Kmalloc-backed request above KMALLOC_MAX_SIZE: the page allocator refuses the order, it always fails. */
  readonly overKmallocMax: { readonly bytes: number | null; readonly order: number; readonly limit: number } | null;
  /** The size is not fixed, but a bound the source gives can take a Kmalloc request past KMALLOC_MAX_SIZE. */
  readonly canPassKmallocMax: { readonly bound: number; readonly expr: string; readonly limit: number; readonly maxCount: number } | null;
  /** A Kmalloc-backed large kmalloc above PAGE_ALLOC_COSTLY_ORDER (a KVmalloc attempt is meant to fail quietly). */
  readonly costlyOrder: { readonly order: number; readonly blockBytes: number; readonly limit: number } | null;
  /** Coherent DMA memory in one block above PAGE_ALLOC_COSTLY_ORDER (dma-direct, no IOMMU). */
  readonly dmaLargeCoherent: { readonly order: number; readonly blockBytes: number; readonly limit: number } | null;
  /** The share of the slab object the request leaves unused. */
  readonly slabWaste: { readonly bytes: number; readonly percent: number; readonly cache: string; readonly objectSize: number; readonly fillCount: number | null } | null;
  /** Vmalloc maps a whole page for less than a page. */
  readonly vmallocBelowPage: { readonly bytes: number; readonly pageSize: number } | null;
  /** Flags that may sleep while this guard is held. */
  readonly sleepsWhileAtomic: AtomicGuard | null;
  /** The call does not exist in the target kernel: what to say, with the era that has it. */
  readonly apiNotInKernel: string | null;
}

export function siteVerdict(site: FoundSite, size: SiteSize, answer: SiteAnswer, profile: Profile): SiteVerdict {
  const c = profile.constants;
  const o = answer.outcome;
  const kmalloc = site.allocator === 'Kmalloc';
  const bound = size.upperBound;
  const costly = answer.detail?.costly === true;
  return {
    waste: o.wasteBytes !== null && o.objectSize && o.path !== 'fail' ? { bytes: o.wasteBytes, percent: (o.wasteBytes / o.objectSize) * 100 } : null,
    overKmallocMax:
      kmalloc && o.path === 'fail' && o.order !== null && o.order > c.MAX_PAGE_ORDER ? { bytes: answer.detail?.request.sizeBytes ?? size.bytes, order: o.order, limit: c.KMALLOC_MAX_SIZE } : null,
    canPassKmallocMax:
      kmalloc && size.bytes === null && bound && bound.bytes > c.KMALLOC_MAX_SIZE
        ? { bound: bound.bytes, expr: bound.expr, limit: c.KMALLOC_MAX_SIZE, maxCount: Math.floor(c.KMALLOC_MAX_SIZE / (size.element?.sizeBytes || 1)) }
        : null,
    costlyOrder: kmalloc && o.path === 'large' && costly && o.order !== null ? { order: o.order, blockBytes: o.objectSize ?? 0, limit: c.PAGE_ALLOC_COSTLY_ORDER } : null,
    dmaLargeCoherent: o.path === 'dma' && costly && o.order !== null ? { order: o.order, blockBytes: (o.pages ?? 0) * c.PAGE_SIZE, limit: c.PAGE_ALLOC_COSTLY_ORDER } : null,
    slabWaste:
      o.path === 'slab' && o.objectSize && o.wasteBytes !== null && o.cache
        ? { bytes: o.wasteBytes, percent: (o.wasteBytes / o.objectSize) * 100, cache: o.cache, objectSize: o.objectSize, fillCount: answer.detail?.fillCount ?? null }
        : null,
    vmallocBelowPage: site.allocator === 'Vmalloc' && size.bytes !== null && size.bytes > 0 && size.bytes < c.PAGE_SIZE ? { bytes: size.bytes, pageSize: c.PAGE_SIZE } : null,
    sleepsWhileAtomic: site.atomicGuard && answer.gfpMask !== null && gfpAllowsBlocking(answer.gfpMask) ? site.atomicGuard : null,
    apiNotInKernel: answer.notInKernel ?? null,
  };
}

/** The facts that hold, for the JSON report: a fact that does not hold is left out rather than written as null. */
export function verdictReport(verdict: SiteVerdict): VerdictReport {
  return Object.fromEntries(Object.entries(verdict).filter(([, fact]) => fact !== null)) as VerdictReport;
}

export type VerdictReport = { readonly [K in keyof SiteVerdict]?: NonNullable<SiteVerdict[K]> };
