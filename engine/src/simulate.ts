/**
 * simulate(): run a request through the stateful models and return a step-by-step trace a UI can
 * draw. Two kinds:
 * - 'allocations': the same request `count` times, all kept live (SLUB paths, slabs taken from
 *   the buddy allocator, large kmalloc blocks, vmalloc pages, kvmalloc falling back to vmalloc
 *   when the buddy allocator has no block big enough);
 * - 'kvec-push': `count` pushes into an empty KVec/VVec/KVVec, each reallocation allocated for
 *   real and the old buffer freed.
 * The buddy allocator starts with `memory` (default 1 GiB free, unfragmented).
 *
 * Kernel APIs that bypass kmalloc are stepped too ('allocations' only): a dedicated kmem_cache
 * (maple_node, radix_tree_node) through its own SLUB model, built from the cache's object size,
 * order and sheaf capacity; the page allocator at the call's order; DMA coherent memory along the
 * dma-direct path (pages of get_order(size)), the path assumed without a device.
 */
import type { KernelRules } from './data/kernel-changes.js';
import { EngineError } from './errors.js';
import { explain, parseAllocator, type ExplainInput } from './explain.js';
import { parseGfp } from './gfp.js';
import { kernelTarget } from './kernel-version.js';
import { kmallocPlacement, type KmallocPlacement } from './kmalloc.js';
import { kvmallocDecision } from './kvmalloc.js';
import { simulateGrowth } from './kvec-growth.js';
import { makeLayout, type AllocatorName } from './layout.js';
import type { KmemCacheSummary } from './kmem-cache.js';
import type { Outcome } from './outcome.js';
import { resolveProfile, type Profile } from './profile.js';
import { BuddyAllocator, type BuddyEvent, type BuddyStart } from './sim/buddy-allocator.js';
import { createSlubCache } from './sim/slub-cache.js';
import type { SlubCache, SlubCounters } from './sim/slub-types.js';
import { vmallocArea } from './vmalloc.js';
import { vmAreaAllocPages } from './sim/vmalloc-pages.js';

export interface SimulateInput extends ExplainInput {
  readonly kind?: 'allocations' | 'kvec-push';
  /** How many allocations of the request, or how many pushes. */
  readonly times: number;
  readonly memory?: BuddyStart;
  /** Steps kept in the trace (the totals count all). Default 256. */
  readonly maxSteps?: number;
}

export type StepPath = string;

export interface SimStep {
  readonly index: number;
  readonly action: 'alloc' | 'free';
  /** SLUB path (alloc_from_pcs, fastpath, new-slab, ...), 'large', 'vmalloc', or 'fail'. */
  readonly path: StepPath;
  readonly cache: string | null;
  readonly order: number | null;
  readonly pages: number | null;
  /** The first new slab taken from the buddy allocator by this step. */
  readonly newSlab: { readonly order: number; readonly pfn: number } | null;
  /** How many new slabs this step took (a sheaf refill can take several; ALLOC_SLAB counts each). */
  readonly newSlabs: number;
  readonly buddyEvents: readonly BuddyEvent[];
  /** kvec-push: the capacity after the step, and whether the data moved. */
  readonly capacity?: number;
  readonly movement?: string;
  readonly bytesCopied?: number;
  readonly failure?: string;
  /** vmalloc: the blocks vm_area_alloc_pages took, per order (index = order); high-order ones from 6.19. */
  readonly vmallocBlocks?: readonly number[];
}

export interface SimulationTrace {
  readonly version: 1;
  readonly kind: 'allocations' | 'kvec-push';
  readonly outcome: Outcome;
  readonly steps: readonly SimStep[];
  readonly truncatedSteps: number;
  readonly totals: {
    readonly operations: number;
    readonly failures: number;
    readonly paths: Readonly<Record<string, number>>;
    readonly buddySplits: number;
    readonly buddyMerges: number;
  };
  readonly buddy: { readonly maxOrder: number; readonly pageSize: number; readonly before: readonly number[]; readonly after: readonly number[] };
  readonly slub: readonly { readonly cache: string; readonly frontEnd: string; readonly counters: SlubCounters }[];
  readonly notes: readonly string[];
}

const DEFAULT_MEMORY: BuddyStart = { kind: 'free-bytes', bytes: 1 << 30 };
const MAX_COUNT = 10_000_000;

/** The allocators of one simulation: the buddy allocator and one SLUB model per kmalloc cache touched. */
class World {
  readonly buddy: BuddyAllocator;
  readonly caches = new Map<string, SlubCache>();
  readonly paths: Record<string, number> = {};
  failures = 0;

  readonly frontEnd: KernelRules['slubFrontEnd'];

  constructor(
    readonly profile: Profile,
    readonly rules: KernelRules,
    memory: BuddyStart,
  ) {
    this.frontEnd = rules.slubFrontEnd;
    this.buddy = new BuddyAllocator(profile.constants.MAX_PAGE_ORDER, profile.constants.PAGE_SHIFT, memory);
  }

  count(path: string): void {
    this.paths[path] = (this.paths[path] ?? 0) + 1;
  }

  slubFor(placement: Extract<KmallocPlacement, { path: 'slab' }>): SlubCache {
    let slub = this.caches.get(placement.cacheName);
    if (!slub) {
      slub = createSlubCache(placement.cache, this.profile, this.frontEnd, this.buddy);
      this.caches.set(placement.cacheName, slub);
    }
    return slub;
  }

  /** A dedicated cache's SLUB model: its own s->size, order and sheaf capacity. */
  dedicated(cache: KmemCacheSummary): SlubCache {
    let slub = this.caches.get(cache.name);
    if (!slub) {
      const shape = { order: cache.slabOrder, objectsPerSlab: cache.objectsPerSlab, slabSizeBytes: cache.slabSize };
      slub = createSlubCache(shape, this.profile, this.frontEnd, this.buddy, { capacity: cache.sheafCapacity });
      this.caches.set(cache.name, slub);
    }
    return slub;
  }
}

/** A live buffer, so it can be freed. */
type Held =
  | { readonly kind: 'slab'; readonly cache: SlubCache; readonly object: number }
  | { readonly kind: 'pages'; readonly pfn: number; readonly order: number }
  /** Every page split to order 0 (split_page), so vfree() frees them one by one. */
  | { readonly kind: 'vmalloc'; readonly pfns: readonly number[] };

interface Allocated {
  readonly step: Omit<SimStep, 'index' | 'action'>;
  readonly held: Held | null;
}

function allocKmalloc(world: World, placement: KmallocPlacement, events: BuddyEvent[] | undefined): Allocated {
  if (placement.path === 'slab') {
    const slub = world.slubFor(placement);
    const r = slub.alloc(events);
    if (!r.ok) return { step: { path: 'fail', cache: placement.cacheName, order: null, pages: null, newSlab: null, newSlabs: 0, buddyEvents: events ?? [], failure: r.reason }, held: null };
    return {
      step: {
        path: r.path,
        cache: placement.cacheName,
        order: null,
        pages: null,
        newSlab: r.newSlab && { order: r.newSlab.order, pfn: r.newSlab.pfn },
        newSlabs: r.newSlabs,
        buddyEvents: events ?? [],
      },
      held: { kind: 'slab', cache: slub, object: r.object },
    };
  }
  if (placement.path === 'large') {
    const pfn = world.buddy.alloc(placement.order, events);
    if (pfn < 0)
      return {
        step: {
          path: 'fail',
          cache: null,
          order: placement.order,
          pages: placement.pages,
          newSlab: null,
          newSlabs: 0,
          buddyEvents: events ?? [],
          failure: `no free block of order ${placement.order} in the buddy allocator`,
        },
        held: null,
      };
    return {
      step: { path: 'large', cache: null, order: placement.order, pages: placement.pages, newSlab: null, newSlabs: 0, buddyEvents: events ?? [] },
      held: { kind: 'pages', pfn, order: placement.order },
    };
  }
  const failure = placement.path === 'fail' ? `order ${placement.order} > MAX_PAGE_ORDER` : 'size 0: nothing allocated';
  return {
    step: {
      path: placement.path === 'fail' ? 'fail' : 'none',
      cache: null,
      order: placement.path === 'fail' ? placement.order : null,
      pages: null,
      newSlab: null,
      newSlabs: 0,
      buddyEvents: events ?? [],
      failure,
    },
    held: null,
  };
}

function allocVmalloc(world: World, sizeBytes: number, allowHuge: boolean, events: BuddyEvent[] | undefined): Allocated {
  const area = vmallocArea(sizeBytes, world.profile, allowHuge);
  const order = area.pageShift - world.profile.constants.PAGE_SHIFT;
  const got = vmAreaAllocPages(world.buddy, area.pages, order, world.rules, events);
  const base = { cache: null, order, pages: area.pages, newSlab: null, newSlabs: 0, buddyEvents: events ?? [], vmallocBlocks: got.blocksPerOrder };
  if (!got.pfns) return { step: { ...base, path: 'fail', failure: `vmalloc: the buddy allocator ran out of order-${order} blocks` }, held: null };
  return { step: { ...base, path: 'vmalloc' }, held: { kind: 'vmalloc', pfns: got.pfns } };
}

function allocDedicated(world: World, cache: KmemCacheSummary, events: BuddyEvent[] | undefined): Allocated {
  const slub = world.dedicated(cache);
  const r = slub.alloc(events);
  const base = { cache: cache.name, order: null, pages: null, buddyEvents: events ?? [] };
  if (!r.ok) return { step: { ...base, path: 'fail', newSlab: null, newSlabs: 0, failure: r.reason }, held: null };
  return { step: { ...base, path: r.path, newSlab: r.newSlab && { order: r.newSlab.order, pfn: r.newSlab.pfn }, newSlabs: r.newSlabs }, held: { kind: 'slab', cache: slub, object: r.object } };
}

/** alloc_pages(order), or dma-direct's __dma_direct_alloc_pages of get_order(size): one buddy block. */
function allocPages(world: World, order: number, path: 'alloc_pages' | 'dma-direct', events: BuddyEvent[] | undefined): Allocated {
  const pages = 2 ** order;
  const base = { cache: null, order, pages, newSlab: null, newSlabs: 0, buddyEvents: events ?? [] };
  if (order > world.profile.constants.MAX_PAGE_ORDER) {
    return { step: { ...base, path: 'fail', failure: `order ${order} > MAX_PAGE_ORDER (${world.profile.constants.MAX_PAGE_ORDER})` }, held: null };
  }
  const pfn = world.buddy.alloc(order, events);
  if (pfn < 0) return { step: { ...base, path: 'fail', failure: `no free block of order ${order} in the buddy allocator` }, held: null };
  return { step: { ...base, path }, held: { kind: 'pages', pfn, order } };
}

/**
 * How one call of a kernel API that bypasses kmalloc is stepped, from its outcome; null for the
 * Rust allocators (kmalloc, vmalloc, kvmalloc).
 */
function kernelApiStepper(outcome: Outcome): { readonly perCall: number; readonly step: (world: World, events: BuddyEvent[] | undefined) => Allocated; readonly note: string } | null {
  switch (outcome.allocator) {
    case 'kmem_cache': {
      const cache = outcome.kmemCache;
      if (!cache) {
        const why = outcome.notes.find((n) => n.startsWith('object size unknown') || n.startsWith('the cache is the first argument'));
        throw new EngineError('invalid-argument', `${outcome.api} allocates from ${outcome.cache ?? 'a dedicated cache'} whose object size is not known here${why ? `: ${why}` : ''}`);
      }
      const objects = outcome.objects;
      const perCall = Math.max(1, objects?.typical ?? 1);
      const worst = objects && objects.worstCase !== perCall ? `; at worst ${objects.worstCase} per call (${objects.why})` : '';
      return {
        perCall,
        step: (world, events) => allocDedicated(world, cache, events),
        note: `each call takes ${perCall} ${cache.name} object${perCall === 1 ? '' : 's'} (${cache.slabSize} B each, ${cache.objectsPerSlab} per order-${cache.slabOrder} slab${cache.sheafCapacity !== null ? `, sheaves of ${cache.sheafCapacity}` : ''})${worst}`,
      };
    }
    case 'page_alloc': {
      const order = outcome.order;
      if (order === null) throw new EngineError('invalid-argument', `${outcome.api}: the page order is not known`);
      return {
        perCall: 1,
        step: (world, events) => allocPages(world, order, 'alloc_pages', events),
        note: `each call takes one order-${order} block (${2 ** order} page${order === 0 ? '' : 's'}) from the buddy allocator`,
      };
    }
    case 'dma': {
      const dma = outcome.dma;
      if (!dma) throw new EngineError('invalid-argument', `${outcome.api}: ${outcome.failure ?? 'the buffer size is not known'}`);
      return {
        perCall: 1,
        step: (world, events) => allocPages(world, dma.order, 'dma-direct', events),
        note: `stepped along dma-direct, the path assumed without a device: each call takes one order-${dma.order} block (get_order(${dma.alignedBytes} B)); the other paths (${dma.paths
          .filter((p) => p.path !== 'dma-direct')
          .map((p) => p.path)
          .join(', ')}) depend on the device and are listed with their conditions`,
      };
    }
    default:
      return null;
  }
}

function freeHeld(world: World, held: Held, events: BuddyEvent[] | undefined): string {
  switch (held.kind) {
    case 'slab':
      return held.cache.free(held.object, events).path;
    case 'pages':
      world.buddy.free(held.pfn, held.order, events);
      return 'free_large_kmalloc';
    case 'vmalloc':
      for (const pfn of held.pfns) world.buddy.free(pfn, 0, events);
      return 'vfree';
  }
}

function allocate(world: World, allocator: AllocatorName, sizeBytes: number, gfpMask: number, rules: ReturnType<typeof kernelTarget>['rules'], trace: boolean): Allocated {
  const events: BuddyEvent[] | undefined = trace ? [] : undefined;
  if (allocator === 'Kmalloc') return allocKmalloc(world, kmallocPlacement(sizeBytes, gfpMask, world.profile), events);
  if (allocator === 'Vmalloc') return allocVmalloc(world, sizeBytes, false, events);
  const decision = kvmallocDecision(sizeBytes, gfpMask, world.profile, rules);
  const first = decision.attempt.path === 'fail' ? null : allocKmalloc(world, decision.attempt, events);
  if (first && first.held) return first;
  if (decision.fallback.when === 'never')
    return (
      first ?? { step: { path: 'fail', cache: null, order: null, pages: null, newSlab: null, newSlabs: 0, buddyEvents: events ?? [], failure: decision.failReason ?? 'kvmalloc failed' }, held: null }
    );
  const fallback = allocVmalloc(world, sizeBytes, decision.fallback.area.huge, events);
  return { ...fallback, step: { ...fallback.step, path: `kvmalloc→${fallback.step.path}` } };
}

export function simulate(input: SimulateInput): SimulationTrace {
  const count = input.times;
  if (!Number.isSafeInteger(count) || count < 0 || count > MAX_COUNT) {
    throw new EngineError('invalid-argument', `times must be a whole number from 0 to ${MAX_COUNT}, got ${String(count)}`);
  }
  const kind = input.kind ?? 'allocations';
  const maxSteps = input.maxSteps ?? 256;
  const profile = typeof input.profile === 'object' ? input.profile : resolveProfile(input.profile, input.profileOptions);
  const { times: _times, kind: _kind, memory: _memory, maxSteps: _maxSteps, ...request } = input;
  // kvec-push starts from one element; the outcome is replaced by the final buffer below.
  let outcome = explain(kind === 'kvec-push' && request.element ? { ...request, profile, count: 1 } : { ...request, profile });
  const rules = kernelTarget(input.kernel).rules;
  const gfpMask = parseGfp(input.flags ?? 'GFP_KERNEL').mask;
  const served = outcome.allocator;
  const kernelApi = kernelApiStepper(outcome);
  if (kernelApi && kind !== 'allocations') throw new EngineError('invalid-argument', `${outcome.api} goes to ${served}: simulate steps it as 'allocations', not pushes`);
  const world = new World(profile, rules, input.memory ?? DEFAULT_MEMORY);
  const before = world.buddy.freeCounts();
  const steps: SimStep[] = [];
  const notes: string[] = [];
  let operations = 0;
  const record = (action: 'alloc' | 'free', step: Omit<SimStep, 'index' | 'action'>): void => {
    operations++;
    world.count(step.path);
    if (step.path === 'fail') world.failures++;
    if (steps.length < maxSteps) steps.push({ index: operations - 1, action, ...step });
  };

  if (kernelApi) {
    for (let i = 0; i < count; i++) {
      for (let j = 0; j < kernelApi.perCall; j++) record('alloc', kernelApi.step(world, steps.length < maxSteps ? [] : undefined).step);
    }
    notes.push(kernelApi.note);
  } else if (served !== 'Kmalloc' && served !== 'Vmalloc' && served !== 'KVmalloc') {
    throw new EngineError('invalid-argument', `${outcome.api} goes to ${served}, which simulate does not step through`);
  } else if (kind === 'allocations') {
    const sizeBytes = outcome.request.sizeBytes;
    if (sizeBytes === null && outcome.path === 'none') {
      // An inline cpumask or bitmap: the wrapper returns before any allocator.
      throw new EngineError('invalid-argument', `${outcome.api} allocates nothing here: ${outcome.notes.find((n) => /nothing is allocated|inline/.test(n)) ?? 'no allocator is called'}`);
    }
    if (sizeBytes === null) throw new EngineError('invalid-argument', 'simulate needs a request with a known size');
    // A second kmalloc the same call makes (devres's action node), stepped after the first.
    const also = outcome.alsoAllocates.filter((a): a is typeof a & { sizeBytes: number } => a.sizeBytes !== null);
    for (let i = 0; i < count; i++) {
      const got = allocate(world, served, sizeBytes, gfpMask, rules, steps.length < maxSteps);
      record('alloc', got.step);
      for (const a of also) record('alloc', allocate(world, 'Kmalloc', a.sizeBytes, parseGfp(a.flags).mask, rules, steps.length < maxSteps).step);
    }
    for (const a of also) notes.push(`each call also allocates ${a.what}: ${a.formula}, ${a.flags}, in ${a.lands ?? 'kmalloc'} (${a.source})`);
  } else {
    if (!input.element) throw new EngineError('invalid-argument', "simulate 'kvec-push' needs an element size");
    if (input.count !== undefined || input.sizeBytes !== undefined)
      throw new EngineError('invalid-argument', "simulate 'kvec-push' takes an element and a number of pushes (times), not a size or count");
    const element = makeLayout(input.element.sizeBytes, input.element.alignBytes ?? 1);
    const allocator = input.allocator !== undefined ? parseAllocator(input.allocator) : served;
    const growth = simulateGrowth({ element, pushes: count, allocator, gfpMask, profile, rules });
    let held: Held | null = null;
    for (const g of growth.steps) {
      if (g.movement === 'failed') {
        record('alloc', { path: 'fail', cache: null, order: null, pages: null, newSlab: null, newSlabs: 0, buddyEvents: [], capacity: g.newCapacity, failure: g.failure ?? 'failed' });
        break;
      }
      if (g.movement === 'in-place') {
        record('alloc', { path: 'in-place', cache: g.landsIn, order: null, pages: null, newSlab: null, newSlabs: 0, buddyEvents: [], capacity: g.newCapacity, movement: g.movement, bytesCopied: 0 });
        continue;
      }
      const backing = g.backing.kind === 'vmalloc' ? 'Vmalloc' : 'Kmalloc';
      const got = allocate(world, backing, g.requestBytes, gfpMask, rules, steps.length < maxSteps);
      record('alloc', { ...got.step, capacity: g.newCapacity, movement: g.movement, bytesCopied: g.bytesCopied });
      if (held) {
        const events: BuddyEvent[] = [];
        const path = freeHeld(world, held, events);
        record('free', { path, cache: null, order: null, pages: null, newSlab: null, newSlabs: 0, buddyEvents: events ?? [] });
      }
      held = got.held;
      if (!held) break;
    }
    notes.push(...growth.notes);
    // The outcome describes the buffer the pushes end with.
    if (Number.isFinite(growth.finalCapacity) && growth.finalCapacity > 0) outcome = explain({ ...request, profile, count: growth.finalCapacity });
  }
  if (world.failures > 0) notes.push(`${world.failures} of ${operations} operations failed`);
  return {
    version: 1,
    kind,
    outcome,
    steps,
    truncatedSteps: Math.max(0, operations - steps.length),
    totals: { operations, failures: world.failures, paths: { ...world.paths }, buddySplits: world.buddy.splits, buddyMerges: world.buddy.merges },
    buddy: { maxOrder: profile.constants.MAX_PAGE_ORDER, pageSize: profile.constants.PAGE_SIZE, before, after: world.buddy.freeCounts() },
    slub: [...world.caches.entries()].map(([cache, slub]) => ({ cache, frontEnd: slub.frontEnd, counters: slub.counters() })),
    notes,
  };
}
