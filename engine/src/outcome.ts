/**
 * The result of explain(): one allocation request, where it lands and how it gets there.
 * Plain data, stable field names (the CLI's JSON and the analyzer's `outcome` are this shape).
 * Numbers the kernel decides are null when they do not apply to the path taken.
 */
import type { ChainFrame } from './call-chain.js';
import type { ApiEra } from './data/kernel-changes.js';
import type { KmallocType } from './data/kmalloc-info.js';
import type { AllocatorName } from './layout.js';
import type { KmemCacheSummary } from './kmem-cache.js';
import type { VmallocArea } from './vmalloc.js';

export type OutcomePath = 'slab' | 'large' | 'vmalloc' | 'kvmalloc' | 'pages' | 'dma' | 'fail' | 'none';

/** Who serves the request: a Rust Allocator, a dedicated kmem_cache, the page allocator or DMA. */
export type OutcomeAllocator = AllocatorName | 'kmem_cache' | 'page_alloc' | 'dma';

/** How many objects one call takes from its cache, when that depends on state. */
export interface ObjectCountSummary {
  readonly typical: number;
  /** The most the kernel preallocates for one call. */
  readonly worstCase: number;
  readonly why: string;
}

/** One possible path of dma_alloc_attrs and when the kernel takes it. */
export interface DmaPathSummary {
  readonly path: 'dev-coherent-pool' | 'dma-direct' | 'cma' | 'swiotlb' | 'atomic-pool' | 'iommu';
  readonly when: string;
  readonly gets: string;
}

export interface DmaSummary {
  /** No device is known to the engine: the dma-direct answer is assumed. */
  readonly assumed: 'dma-direct';
  readonly alignedBytes: number;
  readonly order: number;
  readonly paths: readonly DmaPathSummary[];
}

/** Another allocation the same call makes (the devres action node, scatterlist chunks). */
export interface AlsoAllocates {
  readonly what: string;
  readonly sizeBytes: number | null;
  readonly formula: string;
  readonly flags: string;
  /** The kmalloc cache (or 'order-N pages'), null when the size is unknown. */
  readonly lands: string | null;
  readonly source: string;
}

export interface RequestSummary {
  /** Layout size Rust computed (count × element, or the given size). */
  readonly layoutBytes: number | null;
  readonly alignBytes: number;
  /** Bytes C is asked for after this era's padding. */
  readonly sizeBytes: number | null;
  /** "100 × 24 B = 2400 B", or the plain size. */
  readonly formula: string;
  readonly count: number | null;
  readonly elementBytes: number | null;
}

export interface FlagsSummary {
  readonly text: string;
  readonly mask: string;
  /** __GFP_DIRECT_RECLAIM: the call may sleep. */
  readonly maySleep: boolean;
}

/** The vmalloc area as reported (the page-pointer array stays internal). */
export type VmallocSummary = Omit<VmallocArea, 'pageArrayBytes'>;

export interface KvmallocFallbackSummary extends VmallocSummary {
  readonly path: 'vmalloc';
  /** 'always': kmalloc cannot serve it; 'if-kmalloc-fails': only under fragmentation. */
  readonly when: 'always' | 'if-kmalloc-fails';
}

export interface KmallocAttemptSummary {
  readonly path: 'slab' | 'large' | 'fail' | 'none';
  readonly cache: string | null;
  readonly order: number | null;
  /** The adjusted flags of kmalloc_gfp_adjust(). */
  readonly flags: string;
}

export interface Outcome {
  readonly path: OutcomePath;
  readonly allocator: OutcomeAllocator;
  readonly api: string;
  readonly request: RequestSummary;
  readonly flags: FlagsSummary;
  readonly cache: string | null;
  readonly cacheType: KmallocType | null;
  readonly objectSize: number | null;
  readonly wasteBytes: number | null;
  readonly wastePercent: number | null;
  /** Alignment the object is guaranteed (kmalloc: s->align or PAGE_SIZE; vmalloc: PAGE_SIZE). */
  readonly alignGuaranteeBytes: number | null;
  readonly slabOrder: number | null;
  readonly objectsPerSlab: number | null;
  readonly slabBytes: number | null;
  /** Page order of a large kmalloc (or of the failed request). */
  readonly order: number | null;
  readonly pages: number | null;
  /** order > PAGE_ALLOC_COSTLY_ORDER */
  readonly costly: boolean;
  readonly vmalloc: VmallocSummary | null;
  /** KVmalloc: the kmalloc attempt (always made first). */
  readonly attempt: KmallocAttemptSummary | null;
  readonly fallback: KvmallocFallbackSummary | null;
  /** With an element count: the largest count that still fits the same object. */
  readonly fillCount: number | null;
  readonly failure: string | null;
  /** A dedicated slab cache (kmem_cache_create) the call allocates from; null for kmalloc caches. */
  readonly kmemCache: KmemCacheSummary | null;
  /** Objects one call may take when the count depends on state (maple tree nodes per insert). */
  readonly objects: ObjectCountSummary | null;
  /** DMA coherent memory: the paths dma_alloc_attrs may take and when. */
  readonly dma: DmaSummary | null;
  readonly alsoAllocates: readonly AlsoAllocates[];
  readonly chain: readonly ChainFrame[];
  readonly notes: readonly string[];
  readonly profile: { readonly name: string; readonly pageSize: number; readonly nrCpus: number };
  readonly kernel: { readonly version: string; readonly era: ApiEra };
}
