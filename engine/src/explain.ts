/**
 * explain(): one allocation request → where it lands, what it wastes, and the call chain.
 * Composes the layout rules of the era, kmalloc / vmalloc / kvmalloc placement, the slab
 * geometry and the chain data. Pure and deterministic; bad input throws EngineError.
 */
import { apiAllocator, callChain, type ChainLeaf } from './call-chain.js';
import { CONTAINERS } from './data/containers.js';
import type { ApiEra } from './data/kernel-changes.js';
import { EngineError, requireByteCount } from './errors.js';
import { gfpAllowsBlocking, gfpDifference, parseGfp, type GfpFlags } from './gfp.js';
import { kernelTarget } from './kernel-version.js';
import { guaranteedAlignBytes, kmallocPlacement, slabBugFlags, type KmallocPlacement } from './kmalloc.js';
import { kvmallocDecision } from './kvmalloc.js';
import { maxElementsWithin } from './kvec-growth.js';
import { arrayLayout, makeLayout, requestSizeFor, type AllocatorName, type Layout } from './layout.js';
import type { FlagsSummary, KmallocAttemptSummary, Outcome, OutcomePath, RequestSummary, VmallocSummary } from './outcome.js';
import { resolveProfile, type Profile, type ProfileOptions } from './profile.js';
import { vmallocArea, type VmallocArea } from './vmalloc.js';
import { formatBytes } from './format-bytes.js';
import { MemoTrie } from './memo-trie.js';
import { emptyDraft, type Draft } from './outcome-draft.js';
import type { CLayoutSource } from './c-layout.js';
import { explainKernelApi, isKernelApi } from './kernel-api.js';
import { own } from './own.js';

export interface ExplainInput {
  /** Layout size in bytes (Layout::from_size_align(size, align)). Give this or count + element. */
  readonly sizeBytes?: number;
  readonly alignBytes?: number;
  /** Element count of an array layout (KVec capacity, [T; N]). */
  readonly count?: number;
  readonly element?: { readonly sizeBytes: number; readonly alignBytes?: number };
  /** kmalloc | vmalloc | kvmalloc, any case; default Kmalloc. */
  readonly allocator?: string;
  /** GFP flags as written; default GFP_KERNEL. */
  readonly flags?: string;
  /** Rust API for the call chain (e.g. "KVec::with_capacity"); default: the allocator's alloc. */
  readonly api?: string;
  /** Profile name or a resolved Profile; default x86_64. */
  readonly profile?: string | Profile;
  readonly profileOptions?: ProfileOptions;
  /** Kernel version; default the newest modelled. */
  readonly kernel?: string;
  /** Page order, for the page-allocator APIs that take one (bindings::alloc_pages(gfp, order)). */
  readonly order?: number;
  /** Where C struct sizes come from (a build's bindings or bundled tables): dedicated caches need it. */
  readonly cLayouts?: CLayoutSource;
}

const ALLOCATOR_NAMES: Readonly<Record<string, AllocatorName>> = { kmalloc: 'Kmalloc', vmalloc: 'Vmalloc', kvmalloc: 'KVmalloc' };

export function parseAllocator(name: string | undefined): AllocatorName {
  if (name === undefined) return 'Kmalloc';
  const allocator = own(ALLOCATOR_NAMES, name.trim().toLowerCase());
  if (!allocator) throw new EngineError('unknown-allocator', `unknown allocator '${name}'; expected kmalloc, vmalloc or kvmalloc`);
  return allocator;
}

/** The vector alias of each allocator in the Allocator-trait eras (KVec, VVec, KVVec), from the containers table. */
function vectorAlias(allocator: AllocatorName): string {
  return CONTAINERS.find((c) => c.family === 'vec' && c.allocator === allocator)!.name;
}

/**
 * The API whose chain a request follows when none is named: an array (count × element) is a
 * vector's with_capacity; a bare layout is the allocator's own alloc.
 */
function defaultApi(era: ApiEra, allocator: AllocatorName, isArray: boolean): string {
  switch (era) {
    case 'alloc-crate':
      return isArray ? 'Vec::try_with_capacity' : 'Box::try_new';
    case 'box-ext':
      return isArray ? 'Vec::with_capacity' : 'Box::new';
    default:
      return isArray ? `${vectorAlias(allocator)}::with_capacity` : `${allocator}::alloc`;
  }
}

interface ResolvedLayout {
  readonly layout: Layout | null;
  readonly overflow: string | null;
  readonly layoutBytes: number | null;
  readonly alignBytes: number;
  readonly formula: string;
  readonly count: number | null;
  readonly elementBytes: number | null;
}

function resolveLayout(input: ExplainInput): ResolvedLayout {
  if (input.count !== undefined || input.element !== undefined) {
    if (input.count === undefined || input.element === undefined) {
      throw new EngineError('invalid-argument', 'an element count needs an element size too (and the other way round)');
    }
    if (input.sizeBytes !== undefined) throw new EngineError('invalid-argument', 'give either a size or a count with an element size, not both');
    const element = makeLayout(input.element.sizeBytes, input.element.alignBytes ?? 1);
    const count = requireByteCount(input.count, 'count');
    const array = arrayLayout(element, count);
    if (!array.ok) {
      const why = array.reason === 'isize-overflow' ? 'Layout::array overflows isize::MAX: AllocError before any C call' : 'the size is beyond 2^53 bytes: no allocator can serve it';
      return { layout: null, overflow: why, layoutBytes: null, alignBytes: element.alignBytes, formula: `${count} × ${element.sizeBytes} B = overflow`, count, elementBytes: element.sizeBytes };
    }
    const layoutBytes = array.layout.sizeBytes;
    return {
      layout: array.layout,
      overflow: null,
      layoutBytes,
      alignBytes: element.alignBytes,
      formula: `${count} × ${element.sizeBytes} B = ${layoutBytes} B`,
      count,
      elementBytes: element.sizeBytes,
    };
  }
  if (input.sizeBytes === undefined) throw new EngineError('invalid-argument', 'explain needs a size, or a count with an element size');
  const layout = makeLayout(requireByteCount(input.sizeBytes, 'size'), input.alignBytes ?? 1);
  return { layout, overflow: null, layoutBytes: layout.sizeBytes, alignBytes: layout.alignBytes, formula: formatBytes(layout.sizeBytes), count: null, elementBytes: null };
}

function requestSummary(l: ResolvedLayout, sizeBytes: number | null): RequestSummary {
  return { layoutBytes: l.layoutBytes, alignBytes: l.alignBytes, sizeBytes, formula: l.formula, count: l.count, elementBytes: l.elementBytes };
}

const flagSummaries = new Map<GfpFlags, FlagsSummary>();

/** One frozen summary per parsed flags (parseGfp memoises those). */
function flagsSummary(gfp: GfpFlags): FlagsSummary {
  let summary = flagSummaries.get(gfp);
  if (!summary) {
    summary = Object.freeze({ text: gfp.text, mask: maskText(gfp.mask), maySleep: gfpAllowsBlocking(gfp.mask) });
    flagSummaries.set(gfp, summary);
  }
  return summary;
}

function vmallocSummary(area: VmallocArea): VmallocSummary {
  return { pages: area.pages, areaBytes: area.areaBytes, guardBytes: area.guardBytes, pageShift: area.pageShift, huge: area.huge, wasteBytes: area.wasteBytes };
}

function attemptSummary(p: KmallocPlacement, flags: string): KmallocAttemptSummary {
  return {
    path: p.path,
    cache: p.path === 'slab' ? p.cacheName : null,
    order: p.path === 'large' || p.path === 'fail' ? p.order : null,
    flags,
  };
}

function maskText(mask: number): string {
  return `0x${mask.toString(16)}`;
}

/** "GFP_KERNEL +__GFP_NOWARN -__GFP_DIRECT_RECLAIM": the flags after kmalloc_gfp_adjust(). */
function describeAdjustment(base: GfpFlags, adjusted: number): string {
  const diff = gfpDifference(base.mask, adjusted);
  return diff === '' ? base.text : `${base.text} ${diff}`;
}

/** The outcome while explain() fills it in. */

/**
 * Results are a pure function of the input, so recent ones are kept (bounded) and shared:
 * hovers, lenses and analyses ask the same questions over and over. Outcomes are readonly
 * by type; callers never mutate them (they are shared between callers).
 */
const memo = new MemoTrie<Outcome>(16_384);

function memoKey(input: ExplainInput, profile: Profile) {
  const e = input.element;
  // Most-varying last: a miss then adds one entry to an existing Map instead of a chain of Maps.
  return [profile, input.cLayouts, input.order, input.kernel, input.allocator, input.flags, input.api, e?.alignBytes, e?.sizeBytes, input.alignBytes, input.count, input.sizeBytes] as const;
}

export function explain(input: ExplainInput): Outcome {
  const profile = typeof input.profile === 'object' ? input.profile : resolveProfile(input.profile, input.profileOptions);
  const key = memoKey(input, profile);
  const hit = memo.get(key);
  if (hit) return hit;
  const outcome = explainUncached(input, profile);
  memo.set(key, outcome);
  return outcome;
}

function explainUncached(input: ExplainInput, profile: Profile): Outcome {
  const kernel = kernelTarget(input.kernel);
  // Dedicated caches, pages, DMA and wrappers with a path of their own (kernel-api.ts).
  if (input.api !== undefined && isKernelApi(input.api)) return explainKernelApi({ ...input, api: input.api }, profile, kernel, explain);
  const rules = kernel.rules;
  // An API whose type fixes the allocator (KVVec::push) decides it unless the caller says otherwise.
  const fixed = input.api !== undefined && input.allocator === undefined ? apiAllocator(input.api, rules) : 'generic';
  const allocator = fixed === 'generic' ? parseAllocator(input.allocator) : fixed;
  if (allocator !== 'Kmalloc' && (rules.apiEra === 'alloc-crate' || rules.apiEra === 'box-ext')) {
    throw new EngineError('unknown-allocator', `Rust has no ${allocator} allocator in kernel ${kernel.version.text}: Vmalloc and KVmalloc arrived with the Allocator trait in 6.13`);
  }
  const gfp = parseGfp(input.flags ?? 'GFP_KERNEL');
  const api = input.api ?? defaultApi(rules.apiEra, allocator, input.count !== undefined);
  const resolved = resolveLayout(input);
  const { layout, overflow } = resolved;
  const notes: string[] = [...kernel.notes];
  const c = profile.constants;

  const out = emptyDraft({
    allocator,
    api,
    request: requestSummary(resolved, null),
    flags: flagsSummary(gfp),
    notes,
    profile: { name: profile.name, pageSize: c.PAGE_SIZE, nrCpus: profile.nrCpus },
    kernel: { version: kernel.version.text, era: rules.apiEra },
  });
  let leaf: ChainLeaf;

  if (!layout) {
    out.path = 'fail';
    out.failure = overflow;
    leaf = { kind: 'fail', at: 'layout' };
  } else {
    const request = requestSizeFor(layout, allocator, rules, profile);
    notes.push(...request.notes);
    const sizeBytes = request.sizeBytes;
    out.request = requestSummary(resolved, sizeBytes);
    if (allocator !== 'Kmalloc' && rules.vmallocRefusesAlignAbovePage && layout.alignBytes > c.PAGE_SIZE) {
      out.path = 'fail';
      out.failure = `${allocator}::realloc refuses align ${layout.alignBytes} B > PAGE_SIZE in this kernel (pr_warn, AllocError)`;
      leaf = { kind: 'fail', at: 'rust-align-check' };
    } else if (sizeBytes === 0) {
      out.path = 'none';
      notes.push(
        rules.apiEra === 'node-align' || rules.apiEra === 'allocator-trait'
          ? 'a zero-size request still calls C with size 0 (kfree(NULL)/vfree(NULL)); Rust discards the result and uses a dangling pointer: nothing is allocated'
          : 'a zero-size request returns a dangling pointer without calling C: nothing is allocated',
      );
      leaf = { kind: 'none' };
    } else if (allocator === 'Vmalloc') {
      leaf = applyVmalloc(out, vmallocArea(sizeBytes, profile, false), profile);
      if (!gfpAllowsBlocking(gfp.mask) && !rules.vmallocNonBlocking) {
        notes.push('vmalloc may sleep (page tables, the VA allocation) in this kernel whatever the flags: do not call it in atomic context');
      }
      notes.push('vmalloc fails when the request exceeds the machine’s total RAM; that limit is not modelled');
    } else if (allocator === 'Kmalloc') {
      leaf = applyKmalloc(out, kmallocPlacement(sizeBytes, gfp.mask, profile), profile, sizeBytes, gfp.mask);
    } else {
      const decision = kvmallocDecision(sizeBytes, gfp.mask, profile, rules);
      out.attempt = attemptSummary(decision.attempt, describeAdjustment(gfp, decision.attemptGfpMask));
      if (decision.fallback.when === 'always') {
        const area = decision.fallback.area;
        out.path = 'kvmalloc';
        out.fallback = { path: 'vmalloc', when: 'always', ...vmallocSummary(area) };
        out.vmalloc = vmallocSummary(area);
        out.pages = area.pages;
        out.wasteBytes = area.wasteBytes;
        out.alignGuaranteeBytes = c.PAGE_SIZE;
        notes.push(
          `kmalloc cannot serve ${formatBytes(sizeBytes)} (over KMALLOC_MAX_SIZE, ${formatBytes(c.KMALLOC_MAX_SIZE)}), so kvmalloc falls back to vmalloc${area.huge ? ` with a huge mapping (page shift ${area.pageShift})` : ''}`,
        );
        leaf = { kind: 'kvmalloc-fallback', huge: area.huge };
      } else {
        leaf = applyKmalloc(out, decision.attempt, profile, sizeBytes, decision.attemptGfpMask);
        if (decision.fallback.when === 'if-kmalloc-fails') {
          const area = decision.fallback.area;
          out.fallback = { path: 'vmalloc', when: 'if-kmalloc-fails', ...vmallocSummary(area) };
          notes.push(`if kmalloc fails (memory fragmented), kvmalloc falls back to vmalloc: ${area.pages} pages`);
        } else if (decision.fails) {
          out.failure = decision.failReason;
          notes.push(decision.fallback.reason);
        } else if (sizeBytes > 0 && sizeBytes <= c.PAGE_SIZE) {
          notes.push(decision.fallback.reason);
        }
      }
    }
    if (out.objectSize !== null && resolved.count !== null && resolved.elementBytes) {
      out.fillCount = maxElementsWithin(out.objectSize, makeLayout(resolved.elementBytes, resolved.alignBytes), allocator, profile, rules);
    }
  }
  if (gfpAllowsBlocking(gfp.mask)) notes.push(`${gfp.text} may sleep: not for atomic context (spinlock held, RCU read side, IRQ)`);
  out.chain = callChain({ api, allocator, rules, leaf }).frames;
  return out;
}

function applyVmalloc(out: Draft, area: VmallocArea, profile: Profile): ChainLeaf {
  out.path = 'vmalloc';
  out.vmalloc = vmallocSummary(area);
  out.pages = area.pages;
  out.wasteBytes = area.wasteBytes;
  out.alignGuaranteeBytes = profile.constants.PAGE_SIZE;
  return { kind: 'vmalloc', huge: area.huge };
}

function applyKmalloc(out: Draft, placement: KmallocPlacement, profile: Profile, sizeBytes: number, gfpMask: number): ChainLeaf {
  const c = profile.constants;
  const path: OutcomePath = placement.path;
  out.path = path;
  switch (placement.path) {
    case 'slab': {
      const cache = placement.cache;
      out.cache = placement.cacheName;
      out.cacheType = placement.type;
      out.objectSize = cache.objectSizeBytes;
      out.wasteBytes = placement.wasteBytes;
      out.wastePercent = Math.round((placement.wasteBytes / cache.objectSizeBytes) * 1000) / 10;
      out.alignGuaranteeBytes = guaranteedAlignBytes(placement, profile);
      out.slabOrder = cache.order;
      out.objectsPerSlab = cache.objectsPerSlab;
      out.slabBytes = cache.slabBytes;
      if (placement.type === 'KMALLOC_RANDOM') {
        out.notes.push(
          `CONFIG_RANDOM_KMALLOC_CACHES: one of 16 copies (kmalloc-${cache.shortName}, kmalloc-rnd-01-${cache.shortName} … kmalloc-rnd-15-${cache.shortName}), chosen per boot by the caller address, which is the C helper for every Rust allocation`,
        );
      }
      if (slabBugFlags(gfpMask) !== 0) {
        out.notes.push('kmalloc_fix_flags() warns about and strips __GFP_HIGHMEM/__GFP_DMA32 when a new slab is needed');
      }
      return { kind: 'slab', slubPath: 'fast' };
    }
    case 'large':
      out.order = placement.order;
      out.pages = placement.pages;
      out.objectSize = placement.blockBytes;
      out.wasteBytes = placement.wasteBytes;
      out.wastePercent = Math.round((placement.wasteBytes / placement.blockBytes) * 1000) / 10;
      out.costly = placement.costly;
      out.alignGuaranteeBytes = guaranteedAlignBytes(placement, profile);
      out.notes.push(`over KMALLOC_MAX_CACHE_SIZE (${formatBytes(c.KMALLOC_MAX_CACHE_SIZE)}): a compound page of order ${placement.order} from the page allocator`);
      if (!gfpAllowsBlocking(gfpMask)) {
        // __alloc_pages_slowpath (7.1.5 mm/page_alloc.c:4685-4686, :4809): can_compact needs
        // can_direct_reclaim, and without it the slow path goes to nopage. KVmalloc's attempt
        // above PAGE_SIZE runs like this from 6.16 (kmalloc_gfp_adjust clears the bit).
        out.notes.push(`order ${placement.order} without __GFP_DIRECT_RECLAIM: the page allocator neither reclaims nor compacts; it takes a free block of that order or fails at once`);
      } else if (placement.costly) {
        out.notes.push(
          `order ${placement.order} > PAGE_ALLOC_COSTLY_ORDER (${c.PAGE_ALLOC_COSTLY_ORDER}): the page allocator compacts, then gives up without retrying or the OOM killer; it can fail with plenty of free but fragmented memory`,
        );
      }
      return { kind: 'large' };
    case 'fail':
      out.order = placement.order;
      out.failure = `${formatBytes(sizeBytes)} needs order ${placement.order} > MAX_PAGE_ORDER (${c.MAX_PAGE_ORDER}): over KMALLOC_MAX_SIZE (${formatBytes(c.KMALLOC_MAX_SIZE)}), the page allocator returns NULL${placement.warns ? ' with a one-time WARN' : ''} and Rust gets AllocError`;
      return { kind: 'fail', at: 'page-allocator' };
    case 'none':
      return { kind: 'none' };
  }
}
