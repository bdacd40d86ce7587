/**
 * The call chain of one Rust allocation: the frames from the Rust call down to the C function the
 * outcome picks (a SLUB fast path, the page allocator, a vmalloc area), each with its kernel file.
 *
 * The frames are data (engine/src/data/call-chains/, one table per Rust API era plus the C side).
 * This module picks the era's table from the rules, checks that the API exists there and that the
 * outcome can happen for it, and joins the Rust, FFI and C parts. An API missing from the era is an
 * EngineError('unknown-api') that names the era and what to call instead; an outcome that cannot
 * happen (slab for Vmalloc, 'none' for Arc) is an EngineError('invalid-argument').
 *
 * Results depend only on the request, so they are memoised and frozen.
 */
import { cFrames } from './data/call-chains/c-frames.js';
import { ALLOCATOR_PLACEHOLDER, type ChainFrame, type ChainLeaf, type RustApi, type RustStop } from './data/call-chains/chain-frame.js';
import { ALLOC_CRATE_APIS, allocCrateTail } from './data/call-chains/rust-frames-alloc-crate.js';
import { ALLOCATOR_TRAIT_APIS, NODE_ALIGN_APIS, SHRINK_TO_ALLOC, allocatorTraitHelper, allocatorTraitTail } from './data/call-chains/rust-frames-allocator-trait.js';
import { BOX_EXT_APIS, boxExtTail } from './data/call-chains/rust-frames-box-ext.js';
import { BASE_RULES_6_1, KERNEL_CHANGES, OLDEST_KERNEL, type ApiEra, type KernelRules } from './data/kernel-changes.js';
import { EngineError } from './errors.js';
import { MemoTrie } from './memo-trie.js';
import type { AllocatorName } from './layout.js';

export type { ChainFrame, ChainLeaf } from './data/call-chains/chain-frame.js';

export interface CallChainRequest {
  /** Canonical call name: 'KVec::push', 'KBox::new', 'kvec![x; n]', 'Vec::try_push', ... */
  readonly api: string;
  /** Required for generic names (Allocator::alloc, and Box::new or Vec::push from 6.13); must match an alias otherwise. */
  readonly allocator?: AllocatorName;
  readonly rules: KernelRules;
  readonly leaf: ChainLeaf;
  /** The call grows a buffer it already has (push on a non-empty Vec, realloc of a live pointer). */
  readonly growsExisting?: boolean;
}

export interface CallChain {
  readonly frames: readonly ChainFrame[];
  readonly allocator: AllocatorName;
  readonly notes: readonly string[];
}

const ALLOCATORS: readonly AllocatorName[] = ['Kmalloc', 'Vmalloc', 'KVmalloc'];

export const ERA_APIS: Record<ApiEra, ReadonlyMap<string, RustApi>> = {
  'alloc-crate': byName(ALLOC_CRATE_APIS),
  'box-ext': byName(BOX_EXT_APIS),
  'allocator-trait': byName(ALLOCATOR_TRAIT_APIS),
  'node-align': byName(NODE_ALIGN_APIS),
};

/** How error messages (and the era list, api-registry.ts) name each era. */
export const ERA_WHAT: Record<ApiEra, string> = {
  'alloc-crate': 'the forked alloc crate',
  'box-ext': 'GFP flags with BoxExt/VecExt',
  'allocator-trait': 'the Allocator trait',
  'node-align': 'NUMA node and alignment passed to C',
};

/** Names people reach for that the kernel never had, with what to use. */
const NOT_KERNEL_APIS: ReadonlyMap<string, string> = new Map([['Arc::new_uninit', 'the kernel Arc has no new_uninit; use UniqueArc::new_uninit(flags), write it, then convert it into an Arc']]);

/** Eras oldest first, each with the release it starts in (read from KERNEL_CHANGES, not repeated here). */
export const ERA_STARTS: readonly { readonly era: ApiEra; readonly since: readonly [number, number] }[] = [
  { era: BASE_RULES_6_1.apiEra, since: [OLDEST_KERNEL.major, OLDEST_KERNEL.minor] },
  ...KERNEL_CHANGES.flatMap((change) => (change.changes.apiEra ? [{ era: change.changes.apiEra, since: change.since }] : [])),
];

// Every result is a pure function of the request (and frozen), so caching is safe. The rules
// object keys a WeakMap by identity (kernelTarget() returns one object per version), the rest a
// short string; the key space is bounded by APIs × allocators × leaves per rules object.
const CACHE = new WeakMap<KernelRules, MemoTrie<CallChain>>();

export function callChain(request: CallChainRequest): CallChain {
  let perRules = CACHE.get(request.rules);
  if (!perRules) {
    perRules = new MemoTrie(100_000);
    CACHE.set(request.rules, perRules);
  }
  const key = cacheKey(request);
  const cached = perRules.get(key);
  if (cached) return cached;
  const built = freeze(buildChain(request));
  perRules.set(key, built);
  return built;
}

/**
 * The allocator an API's type fixes (KVVec → KVmalloc, Arc → Kmalloc), or 'generic' when the
 * caller must name it (Box<T, A>, Allocator::*). Throws like callChain for unknown names.
 */
export function apiAllocator(name: string, rules: KernelRules): AllocatorName | 'generic' {
  return lookUp(name, rules).allocator;
}

/** The API names the chain tables know for these rules (for listings and tests). */
export function callChainApis(rules: KernelRules): readonly string[] {
  return [...ERA_APIS[rules.apiEra].values()].filter((api) => !api.requires || api.requires.holds(rules)).map((api) => api.api);
}

function buildChain(request: CallChainRequest): CallChain {
  const { rules, leaf } = request;
  const api = lookUp(request.api, rules);
  const allocator = resolveAllocator(api, request.allocator);
  const head = api.frames.map((frame) => forAllocator(frame, allocator));

  if (api.kind === 'no-alloc') {
    return { frames: head, allocator, notes: leaf.kind === 'none' ? [] : [`${api.api} never allocates: the outcome '${leaf.kind}' does not apply`] };
  }
  checkLeaf(api, allocator, leaf, rules);
  const grows = (api.grows ?? false) && (request.growsExisting ?? false);

  // KVVec::shrink_to(0) of a vector holding a buffer frees it; otherwise size 0 stops in Rust.
  const shrinkFrees = api.kind === 'shrink' && leaf.kind === 'none' && grows;
  if (leaf.kind === 'none' && !shrinkFrees && typeof api.zeroSize === 'object' && 'keep' in api.zeroSize) return stop(head, api.zeroSize, allocator);
  // checkLeaf has made sure this API has a layout failure.
  if (leaf.kind === 'fail' && leaf.at === 'layout') return stop(head, api.layoutFailure!, allocator);

  switch (rules.apiEra) {
    case 'alloc-crate':
      return joinC([...head, ...allocCrateTail(rules, grows)], { rules, allocator, leaf, grows });
    case 'box-ext':
      return joinC([...head, ...boxExtTail(rules)], { rules, allocator, leaf, grows });
    case 'allocator-trait':
    case 'node-align':
      return traitChain(api, head, { rules, allocator, leaf, grows });
  }
}

interface Context {
  readonly rules: KernelRules;
  readonly allocator: AllocatorName;
  readonly leaf: ChainLeaf;
  readonly grows: boolean;
}

/** The Rust frames, then the C frames for an ordinary allocation. */
function joinC(rust: readonly ChainFrame[], ctx: Context, purpose: 'alloc' | 'free' | 'shrink' = 'alloc', extraNotes: readonly string[] = []): CallChain {
  const c = cFrames({ rules: ctx.rules, allocator: ctx.allocator, leaf: ctx.leaf, growsExisting: ctx.grows, purpose });
  return { frames: [...rust, ...c.frames], allocator: ctx.allocator, notes: [...extraNotes, ...c.notes, ...outcomeNotes(ctx, purpose)] };
}

function traitChain(api: RustApi, head: readonly ChainFrame[], ctx: Context): CallChain {
  const { rules, allocator, leaf } = ctx;
  const tail = allocatorTraitTail(allocator, rules);
  const helper = allocatorTraitHelper(allocator, rules);

  if (leaf.kind === 'fail' && leaf.at === 'rust-align-check') {
    return { frames: [...head, tail[0]!], allocator, notes: [`${allocator}::realloc refuses an alignment above PAGE_SIZE in this kernel: pr_warn!, then AllocError; C is never called`] };
  }
  if (api.kind === 'shrink') return shrinkChain(head, tail, helper, ctx);
  if (api.kind === 'free') return joinC([...head, ...tail, helper], ctx, 'free');
  // A realloc to size 0 of a live buffer frees it.
  const purpose = leaf.kind === 'none' && ctx.grows ? 'free' : 'alloc';
  return joinC([...head, ...tail, helper], ctx, purpose);
}

/**
 * KVVec::shrink_to (7.1): a kmalloc-backed buffer goes through KVmalloc::realloc, which keeps the
 * object; a vmalloc-backed one gets a fresh KVmalloc::alloc (kmalloc first), a copy and a free.
 */
function shrinkChain(head: readonly ChainFrame[], tail: readonly ChainFrame[], helper: ChainFrame, ctx: Context): CallChain {
  const { leaf } = ctx;
  if (leaf.kind === 'none') {
    return joinC([...head, ...tail, helper], ctx, 'free', [
      'target capacity 0: a kmalloc-backed buffer goes through KVmalloc::realloc to size 0, a vmalloc-backed one through KVmalloc::free (kvec.rs:807-815); both reach kvrealloc with size 0, which vfree()s a vmalloc address and kfree()s anything else',
    ]);
  }
  if (leaf.kind === 'slab' || leaf.kind === 'large') {
    return joinC([...head, ...tail, helper], ctx, 'shrink', ['a kmalloc-backed KVVec: krealloc keeps the object where it is, so no memory is returned']);
  }
  const fresh: ChainLeaf = leaf.kind === 'vmalloc' || leaf.kind === 'kvmalloc-fallback' ? { kind: 'kvmalloc-fallback', huge: leaf.huge ?? false } : leaf;
  return joinC([...head, SHRINK_TO_ALLOC, ...tail, helper], { ...ctx, leaf: fresh, grows: false }, 'alloc', [
    'a vmalloc-backed KVVec shrinks only when that frees at least one page; then the elements are copied and KVmalloc::free vfree()s the old area',
  ]);
}

function stop(head: readonly ChainFrame[], at: RustStop, allocator: AllocatorName): CallChain {
  const frames = head.slice(0, at.keep);
  if (at.frame) frames.push(forAllocator(at.frame, allocator));
  return { frames, allocator, notes: [at.note] };
}

/** What Rust sees at the end of the chain. */
function outcomeNotes(ctx: Context, purpose: 'alloc' | 'free' | 'shrink'): string[] {
  const { leaf, rules } = ctx;
  if (purpose === 'free') return ['a size-0 realloc: the buffer is freed and nothing is allocated'];
  if (leaf.kind === 'none') {
    return ['size 0: C frees nothing and Rust discards its result; ReallocFunc::call returns a dangling pointer aligned to the layout, so nothing is allocated'];
  }
  if (leaf.kind !== 'fail') return [];
  switch (rules.apiEra) {
    case 'alloc-crate':
      return ['krealloc returns NULL: Global.allocate/grow reports AllocError and the try_* call returns Err'];
    case 'box-ext':
      return ['krealloc returns NULL: krealloc_aligned passes it on and BoxExt/VecExt return AllocError'];
    default:
      return ['C returns NULL: ReallocFunc::call returns AllocError'];
  }
}

// ---- look-up and checks ---------------------------------------------------------------

function lookUp(name: string, rules: KernelRules): RustApi {
  const api = ERA_APIS[rules.apiEra].get(name);
  if (!api) throw unknownApi(name, rules.apiEra);
  if (api.requires && !api.requires.holds(rules)) {
    throw new EngineError('unknown-api', `${name} is not in this kernel: ${api.requires.why}`);
  }
  return api;
}

function unknownApi(name: string, era: ApiEra): EngineError {
  const notKernel = NOT_KERNEL_APIS.get(name);
  if (notKernel) return new EngineError('unknown-api', `${name} does not exist: ${notKernel}`);
  const homes = ERA_STARTS.map((start) => start.era).filter((home) => ERA_APIS[home].has(name));
  const range = eraRange(era, era);
  if (homes.length === 0) {
    const known = oneOfEachType([...ERA_APIS[era].keys()]).slice(0, 8);
    return new EngineError('unknown-api', `unknown API '${name}'; the names known in ${range} include ${known.join(', ')}, …`);
  }
  const first = homes[0]!;
  const last = homes[homes.length - 1]!;
  const where = eraIndex(first) > eraIndex(era) ? `${name} needs kernel ${eraStart(first)} or later (${ERA_WHAT[first]})` : `${name} exists only in ${eraRange(first, last)} (${ERA_WHAT[first]})`;
  const instead = homes.map((home) => ERA_APIS[home].get(name)?.instead?.[era]).find((text) => text !== undefined);
  return new EngineError('unknown-api', instead ? `${where}; in ${range} ${instead}` : where);
}

/** The first name of each type ('KVec::push', 'KBox::new', ...), for a short, varied list. */
function oneOfEachType(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.filter((name) => {
    const type = name.split('::')[0]!;
    if (seen.has(type)) return false;
    seen.add(type);
    return true;
  });
}

function resolveAllocator(api: RustApi, requested: AllocatorName | undefined): AllocatorName {
  if (requested !== undefined && !ALLOCATORS.includes(requested)) {
    throw new EngineError('unknown-allocator', `allocator '${String(requested)}' is not one of ${ALLOCATORS.join(', ')}`);
  }
  if (api.allocator === 'generic') {
    if (requested === undefined) {
      const alias = api.api.startsWith('Box::') ? '; or use KBox, VBox or KVBox' : api.api.startsWith('Vec::') ? '; or use KVec, VVec or KVVec' : '';
      throw new EngineError('invalid-argument', `${api.api} needs the allocator (Kmalloc, Vmalloc or KVmalloc)${alias}`);
    }
    return requested;
  }
  if (requested !== undefined && requested !== api.allocator) {
    throw new EngineError('invalid-argument', `${api.api} always allocates with ${api.allocator}, not ${requested}`);
  }
  return api.allocator;
}

function checkLeaf(api: RustApi, allocator: AllocatorName, leaf: ChainLeaf, rules: KernelRules): void {
  const cannot = (why: string): never => {
    throw new EngineError('invalid-argument', `${api.api} with ${allocator}: the outcome ${describeLeaf(leaf)} cannot happen (${why})`);
  };
  switch (leaf.kind) {
    case 'none':
      if (typeof api.zeroSize === 'object' && 'impossible' in api.zeroSize) cannot(api.zeroSize.impossible);
      return;
    case 'slab':
    case 'large':
      if (allocator === 'Vmalloc') cannot('Vmalloc never uses kmalloc');
      return;
    case 'vmalloc':
      if (allocator === 'Kmalloc') cannot('Kmalloc never uses vmalloc');
      return;
    case 'kvmalloc-fallback':
      if (allocator !== 'KVmalloc') cannot('only KVmalloc falls back from kmalloc to vmalloc');
      return;
    case 'fail':
      if (api.kind === 'free') cannot('freeing cannot fail');
      switch (leaf.at) {
        case 'page-allocator':
          if (allocator === 'Vmalloc') cannot("a failed vmalloc is a failure at 'vmalloc'");
          if (api.kind === 'shrink') cannot('shrinking a kmalloc-backed KVVec keeps the object');
          return;
        case 'vmalloc':
          if (allocator === 'Kmalloc') cannot('Kmalloc never uses vmalloc');
          return;
        case 'layout':
          if (!api.layoutFailure) cannot('it takes no length or layout that could overflow');
          return;
        case 'rust-align-check':
          if (allocator === 'Kmalloc' || !rules.vmallocRefusesAlignAbovePage) {
            cannot('only Vmalloc and KVmalloc refuse align > PAGE_SIZE, and only in 6.13–6.17');
          }
          return;
      }
  }
}

function describeLeaf(leaf: ChainLeaf): string {
  return leaf.kind === 'fail' ? `'fail at ${leaf.at}'` : `'${leaf.kind}'`;
}

// ---- helpers ----------------------------------------------------------------------------

function byName(apis: readonly RustApi[]): ReadonlyMap<string, RustApi> {
  const map = new Map<string, RustApi>();
  for (const api of apis) {
    // A duplicate name would silently shadow a row; fail at load instead.
    if (map.has(api.api)) throw new Error(`call-chain tables: ${api.api} is listed twice`);
    map.set(api.api, api);
  }
  return map;
}

function forAllocator(frame: ChainFrame, allocator: AllocatorName): ChainFrame {
  if (!frame.frame.includes(ALLOCATOR_PLACEHOLDER) && !frame.note?.includes(ALLOCATOR_PLACEHOLDER)) return frame;
  return {
    ...frame,
    frame: frame.frame.replaceAll(ALLOCATOR_PLACEHOLDER, allocator),
    ...(frame.note === undefined ? {} : { note: frame.note.replaceAll(ALLOCATOR_PLACEHOLDER, allocator) }),
  };
}

function eraIndex(era: ApiEra): number {
  return ERA_STARTS.findIndex((start) => start.era === era);
}

function eraStart(era: ApiEra): string {
  const since = ERA_STARTS[eraIndex(era)]!.since;
  return `${since[0]}.${since[1]}`;
}

/** "6.10–6.12", or "6.18 and later" for the newest era. */
function eraRange(from: ApiEra, to: ApiEra): string {
  const next = ERA_STARTS[eraIndex(to) + 1];
  if (!next) return `${eraStart(from)} and later`;
  const [major, minor] = next.since;
  return minor > 0 ? `${eraStart(from)}–${major}.${minor - 1}` : `${eraStart(from)} until ${major}.0`;
}

/** The part of the key that is not the rules (those key the outer WeakMap by identity). */
function cacheKey(request: CallChainRequest) {
  const leaf = request.leaf;
  const detail = leaf.kind === 'slab' ? (leaf.slubPath ?? 'fast') : leaf.kind === 'vmalloc' || leaf.kind === 'kvmalloc-fallback' ? (leaf.huge ?? false) : leaf.kind === 'fail' ? leaf.at : '';
  return [request.api, request.allocator, request.growsExisting ?? false, leaf.kind, detail] as const;
}

function freeze(chain: CallChain): CallChain {
  for (const frame of chain.frames) Object.freeze(frame);
  return Object.freeze({ frames: Object.freeze([...chain.frames]), allocator: chain.allocator, notes: Object.freeze([...chain.notes]) });
}
