/**
 * KVec / VVec / KVVec growth: the reserve rule of each era, the reallocations n pushes cause
 * (which ones move the data and how many bytes C copies), and, for an element type, the
 * capacities at which the buffer leaves each kmalloc cache, turns to the page allocator, and fails.
 */
import { pow2 } from './bits.js';
import type { KernelRules } from './data/kernel-changes.js';
import { STD_MIN_NON_ZERO_CAP, VEC_GROWTH_FACTOR } from './data/rust-vec-growth.js';
import { EngineError } from './errors.js';
import { backingBytes, kmallocPlacement } from './kmalloc.js';
import { kvmallocDecision } from './kvmalloc.js';
import { arrayLayout, requestSizeFor, type AllocatorName, type Layout } from './layout.js';
import type { Profile } from './profile.js';
import { krealloc, kvrealloc, vrealloc, type Backing, type Movement, type ReallocResult } from './realloc.js';

/** Vec::reserve(additional): the capacity the buffer grows to when `len + additional > cap`. */
export function reserveNewCapacity(cap: number, len: number, additional: number, elementBytes: number, rules: KernelRules): number {
  const required = len + additional;
  const doubled = Math.max(cap * VEC_GROWTH_FACTOR, required);
  if (rules.apiEra !== 'alloc-crate') return doubled;
  const min = STD_MIN_NON_ZERO_CAP.find((row) => elementBytes <= row.maxElementBytes)!.minCapacity;
  return Math.max(min, doubled);
}

export interface GrowthStep {
  /** Vec length when the push that grew it ran. */
  readonly lenBefore: number;
  readonly oldCapacity: number;
  readonly newCapacity: number;
  /** Bytes Rust asks C for (Layout::array(new_cap), padded as this era pads). */
  readonly requestBytes: number;
  /** "kmalloc-64", "order-3", "vmalloc(4 pages)", or "FAIL(...)". */
  readonly landsIn: string;
  /** ksize() / mapped bytes of the buffer after the step; 0 on failure. */
  readonly backingBytes: number;
  readonly movement: Movement | 'failed';
  readonly bytesCopied: number;
  readonly failure: string | null;
  readonly backing: Backing;
}

export interface GrowthRequest {
  readonly element: Layout;
  readonly pushes: number;
  readonly allocator: AllocatorName;
  readonly gfpMask: number;
  readonly profile: Profile;
  readonly rules: KernelRules;
}

export interface GrowthTrace {
  readonly steps: readonly GrowthStep[];
  readonly finalLength: number;
  readonly finalCapacity: number;
  readonly reallocations: number;
  readonly moves: number;
  readonly bytesCopied: number;
  /** Index of the push that failed, or null. */
  readonly failedAtLength: number | null;
  readonly notes: readonly string[];
}

export function describeBacking(backing: Backing): string {
  if (backing.kind === 'vmalloc') return `vmalloc(${backing.area.pages} page${backing.area.pages === 1 ? '' : 's'})`;
  if (backing.kind === 'kmalloc') {
    const p = backing.placement;
    if (p.path === 'slab') return p.cacheName;
    if (p.path === 'large') return `order-${p.order}`;
  }
  return 'none';
}

function backingSize(backing: Backing, profile: Profile): number {
  if (backing.kind === 'kmalloc') return backingBytes(backing.placement);
  if (backing.kind === 'vmalloc') return backing.area.pages * profile.constants.PAGE_SIZE;
  return 0;
}

const MAX_PUSHES = Number.MAX_SAFE_INTEGER;

/** The reallocations that `pushes` single pushes into an empty vector cause. O(log pushes). */
export function simulateGrowth(request: GrowthRequest): GrowthTrace {
  const { element, pushes, allocator, gfpMask, profile, rules } = request;
  if (!Number.isSafeInteger(pushes) || pushes < 0 || pushes > MAX_PUSHES) {
    throw new EngineError('invalid-argument', `push count must be a whole number ≥ 0, got ${String(pushes)}`);
  }
  const notes: string[] = [];
  if (element.sizeBytes === 0) {
    notes.push('a vector of a zero-sized type has capacity usize::MAX and never allocates');
    return { steps: [], finalLength: pushes, finalCapacity: Infinity, reallocations: 0, moves: 0, bytesCopied: 0, failedAtLength: null, notes };
  }
  const steps: GrowthStep[] = [];
  let backing: Backing = { kind: 'none' };
  let cap = 0;
  let len = 0;
  let moves = 0;
  let copied = 0;
  let failedAtLength: number | null = null;
  while (len < pushes) {
    if (len === cap) {
      const newCap = reserveNewCapacity(cap, len, 1, element.sizeBytes, rules);
      const array = arrayLayout(element, newCap);
      if (!array.ok) {
        const failure = array.reason === 'isize-overflow' ? 'Layout::array overflows isize::MAX: AllocError before any C call' : 'beyond 2^53 bytes: no allocator can serve it';
        steps.push({
          lenBefore: len,
          oldCapacity: cap,
          newCapacity: newCap,
          requestBytes: array.approxBytes,
          landsIn: 'FAIL(layout)',
          backingBytes: 0,
          movement: 'failed',
          bytesCopied: 0,
          failure,
          backing,
        });
        failedAtLength = len;
        break;
      }
      const request = requestSizeFor(array.layout, allocator, rules, profile);
      const result: ReallocResult =
        allocator === 'Kmalloc'
          ? krealloc(backing, request.sizeBytes, request.alignBytes, gfpMask, profile, rules)
          : allocator === 'Vmalloc'
            ? vrealloc(backing, request.sizeBytes, gfpMask, profile, rules)
            : kvrealloc(backing, request.sizeBytes, request.alignBytes, gfpMask, profile, rules);
      if (result.failure !== null) {
        const failedPlacement = kmallocPlacement(request.sizeBytes, result.gfpMask, profile);
        const landsIn = failedPlacement.path === 'fail' ? `FAIL(order-${failedPlacement.order}>MAX_PAGE_ORDER)` : 'FAIL';
        steps.push({
          lenBefore: len,
          oldCapacity: cap,
          newCapacity: newCap,
          requestBytes: request.sizeBytes,
          landsIn,
          backingBytes: 0,
          movement: 'failed',
          bytesCopied: 0,
          failure: result.failure,
          backing,
        });
        failedAtLength = len;
        break;
      }
      backing = result.backing;
      if (result.movement === 'moved') moves++;
      copied += result.bytesCopied;
      steps.push({
        lenBefore: len,
        oldCapacity: cap,
        newCapacity: newCap,
        requestBytes: request.sizeBytes,
        landsIn: describeBacking(backing),
        backingBytes: backingSize(backing, profile),
        movement: result.movement,
        bytesCopied: result.bytesCopied,
        failure: null,
        backing,
      });
      cap = newCap;
    }
    // Pushes up to the capacity do not allocate.
    len = Math.min(pushes, cap);
  }
  return { steps, finalLength: len, finalCapacity: cap, reallocations: steps.filter((s) => s.movement !== 'failed').length, moves, bytesCopied: copied, failedAtLength, notes };
}

export interface CapacityThreshold {
  /** Largest capacity served this way (for 'fail': the first capacity that fails). */
  readonly elements: number;
  readonly path: 'slab' | 'large' | 'vmalloc' | 'fail';
  readonly cache?: string;
  readonly objectSizeBytes?: number;
  readonly order?: number;
  readonly costly?: boolean;
  /** For 'vmalloc': elements that fit in one page. */
  readonly elementsPerPage?: number;
}

/**
 * Largest n ≥ 0 whose request fits in `limitBytes`. Padding is linear in n (n × stride) in every
 * era except 6.5–6.10 for over-aligned types (next_power_of_two), where a binary search on the
 * monotonic request size answers instead.
 */
export function maxElementsWithin(limitBytes: number, element: Layout, allocator: AllocatorName, profile: Profile, rules: KernelRules): number {
  const stride = Math.ceil(element.sizeBytes / element.alignBytes) * element.alignBytes;
  const rounds = rules.kmallocPadding === 'pad-then-next-pow2' && allocator !== 'Vmalloc' && element.alignBytes > profile.constants.ARCH_SLAB_MINALIGN;
  if (!rounds) return Math.floor(limitBytes / stride);
  let lo = 0;
  let hi = Math.floor(limitBytes / stride) + 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const array = arrayLayout(element, mid);
    const fits = array.ok && requestSizeFor(array.layout, allocator, rules, profile).sizeBytes <= limitBytes;
    if (fits) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * For a vector of `element`: the largest capacity that stays in each kmalloc cache, each page
 * order, and where it fails (Kmalloc) or turns to vmalloc (KVmalloc). Vmalloc has no buckets:
 * it reports how many elements one page holds.
 */
export function capacityThresholds(element: Layout, allocator: AllocatorName, gfpMask: number, profile: Profile, rules: KernelRules): CapacityThreshold[] {
  if (element.sizeBytes === 0) return [];
  const c = profile.constants;
  if (allocator === 'Vmalloc') {
    return [{ elements: Infinity, path: 'vmalloc', elementsPerPage: Math.floor(c.PAGE_SIZE / element.sizeBytes) }];
  }
  const out: CapacityThreshold[] = [];
  let previous = 0;
  const push = (t: CapacityThreshold): void => {
    if (t.elements > previous) {
      out.push(t);
      previous = t.elements;
    }
  };
  const atCapacity = (n: number) => kmallocPlacement(n, gfpMask, profile);
  // Slab caches in size order: probe each cache's object size.
  for (let bytes = 1; bytes <= c.KMALLOC_MAX_CACHE_SIZE;) {
    const placement = atCapacity(bytes);
    if (placement.path !== 'slab') break;
    const objectBytes = placement.cache.objectSizeBytes;
    push({ elements: maxElementsWithin(objectBytes, element, allocator, profile, rules), path: 'slab', cache: placement.cacheName, objectSizeBytes: objectBytes });
    bytes = objectBytes + 1;
  }
  for (let order = 0; order <= c.MAX_PAGE_ORDER; order++) {
    const blockBytes = pow2(c.PAGE_SHIFT + order);
    if (blockBytes <= c.KMALLOC_MAX_CACHE_SIZE) continue;
    push({ elements: maxElementsWithin(blockBytes, element, allocator, profile, rules), path: 'large', order, costly: order > c.PAGE_ALLOC_COSTLY_ORDER });
  }
  const firstBeyond = previous + 1;
  if (allocator === 'KVmalloc') {
    const array = arrayLayout(element, firstBeyond);
    const bytes = array.ok ? array.layout.sizeBytes : Infinity;
    const decision = Number.isFinite(bytes) ? kvmallocDecision(bytes, gfpMask, profile, rules) : null;
    if (decision && decision.fallback.when !== 'never') {
      out.push({ elements: Infinity, path: 'vmalloc', elementsPerPage: Math.floor(c.PAGE_SIZE / element.sizeBytes) });
      return out;
    }
  }
  out.push({ elements: firstBeyond, path: 'fail' });
  return out;
}
