/**
 * The analyzer's output: the stable JSON contract of `kalloc-lens analyze --format json`
 * (version 1; fields may be added, never renamed). Table and SARIF output are made from it.
 */
import type { AlsoAllocates, DmaSummary, ObjectCountSummary, KmemCacheSummary } from '../../../engine/src/index.js';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

import type { DiagnosticCode } from './diagnostic-codes.js';
import type { VerdictReport } from './site-verdict.js';

export type { DiagnosticCode };

export interface ThresholdReport {
  readonly elements: number | null;
  readonly path: 'slab' | 'large' | 'vmalloc' | 'fail';
  readonly cache?: string;
  readonly order?: number;
  /** Page allocator orders above PAGE_ALLOC_COSTLY_ORDER. */
  readonly costly?: boolean;
}

export interface OutcomeReport {
  readonly path: 'slab' | 'large' | 'vmalloc' | 'kvmalloc' | 'pages' | 'dma' | 'fail' | 'none' | 'unknown';
  readonly cache: string | null;
  readonly objectSize: number | null;
  readonly wasteBytes: number | null;
  readonly slabOrder: number | null;
  readonly order: number | null;
  readonly pages: number | null;
  readonly fallback: { readonly path: 'vmalloc'; readonly pages: number; readonly when: string } | null;
  readonly thresholds?: readonly ThresholdReport[];
  readonly failure?: string | null;
  /** A dedicated slab cache: its geometry and sheaves (engine KmemCacheSummary). */
  readonly kmemCache?: KmemCacheSummary;
  /** Objects one call may take, when that depends on state (maple nodes per insert). */
  readonly objects?: ObjectCountSummary;
  /** DMA coherent memory: the paths dma_alloc_attrs may take, with their conditions. */
  readonly dma?: DmaSummary;
  /** Other allocations the call makes (devres's action node). */
  readonly alsoAllocates?: readonly AlsoAllocates[];
}

export interface SiteReport {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly call: string;
  readonly kind: 'code' | 'doc';
  readonly allocator: 'Kmalloc' | 'Vmalloc' | 'KVmalloc' | 'kmem_cache' | 'page_alloc' | 'dma' | 'unknown';
  readonly flags: string | null;
  readonly elementType: string | null;
  readonly elementSize: number | null;
  readonly size: {
    readonly bytes: number | null;
    readonly expr: string;
    readonly exact: boolean;
    /** When bytes is null but the source bounds the count (`n: u16`, `n.min(MAX)`): the largest request. */
    readonly upperBound?: { readonly bytes: number; readonly expr: string };
    /** When bytes is null: why the missing term is unknown, in words. */
    readonly unknownReason?: string;
  };
  readonly outcome: OutcomeReport;
  /** The derived facts that hold (site-verdict.ts): waste, over KMALLOC_MAX_SIZE, costly order, sleeping in atomic context, ... */
  readonly verdict: VerdictReport;
  readonly chain: readonly { readonly frame: string; readonly file: string }[];
  readonly notes: readonly string[];
}

export interface DiagnosticReport {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  readonly message: string;
}

export interface AnalysisReport {
  readonly version: 1;
  readonly profile: { readonly name: string; readonly pageSize: number; readonly kernel: string };
  /** Where C layouts (`bindings::X`) came from: `build:<dir>` or `bundled:x86_64-defconfig-7.1.5`. */
  readonly layoutSource: string;
  /** Said when the source stands in for another target (arm64-16k uses the 4K table). */
  readonly layoutSourceNote?: string;
  readonly sites: readonly SiteReport[];
  readonly diagnostics: readonly DiagnosticReport[];
  /** Files not analysed, with the reason (binary, too large, not UTF-8). */
  readonly skipped: readonly { readonly file: string; readonly reason: string }[];
  readonly files: number;
}
