/**
 * An Outcome under construction: every placement field empty, filled in by the path that
 * serves the request (explain.ts for the Rust allocators, kernel-api.ts for the wrappers).
 */
import type { Outcome } from './outcome.js';

export type Draft = { -readonly [K in keyof Outcome]: Outcome[K] } & { notes: string[] };

/** What the caller knows before placing: the request, its flags and the target. */
export type DraftStart = Pick<Outcome, 'allocator' | 'api' | 'request' | 'flags' | 'profile' | 'kernel'> & { notes: string[] };

export function emptyDraft(start: DraftStart): Draft {
  // In Outcome's own field order, so the JSON reads as the README documents it.
  return {
    path: 'none',
    allocator: start.allocator,
    api: start.api,
    request: start.request,
    flags: start.flags,
    cache: null,
    cacheType: null,
    objectSize: null,
    wasteBytes: null,
    wastePercent: null,
    alignGuaranteeBytes: null,
    slabOrder: null,
    objectsPerSlab: null,
    slabBytes: null,
    order: null,
    pages: null,
    costly: false,
    vmalloc: null,
    attempt: null,
    fallback: null,
    fillCount: null,
    failure: null,
    kmemCache: null,
    objects: null,
    dma: null,
    alsoAllocates: [],
    chain: [],
    notes: start.notes,
    profile: start.profile,
    kernel: start.kernel,
  };
}
