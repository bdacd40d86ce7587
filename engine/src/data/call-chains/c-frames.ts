/**
 * C frames per era: from the alloc_hooks() macro the Rust helper expands (krealloc itself before
 * 6.10) down to the leaf the outcome picks: a SLUB fast or slow path, the page allocator, or a
 * vmalloc area.
 *
 * Read in v7.1.5 (danayer/linux-7.1.5 @ 9d1745cf): include/linux/{slab,vmalloc}.h, mm/slab.h
 * (kmalloc_slab), mm/slub.c (krealloc_node_align_noprof :6763, __do_krealloc :6641,
 * __do_kmalloc_node :5279, ___kmalloc_large_node :5227, slab_alloc_node :4872, alloc_from_pcs :4707,
 * __pcs_replace_empty_main :4595, refill_sheaf :2807, refill_objects :7252, new_slab :3518,
 * allocate_slab :3441, alloc_slab_page :3264, kvrealloc_node_align_noprof :6950,
 * __kvmalloc_node_noprof :6826), mm/vmalloc.c (vrealloc_node_align_noprof :4296,
 * __vmalloc_node_range_noprof :3986, __get_vm_area_node :3197, __vmalloc_area_node :3829,
 * vm_area_alloc_pages :3632), mm/mempolicy.c :2550, mm/internal.h :940, mm/page_alloc.c :5185.
 * Older eras: 6.1 mm/slab_common.c (krealloc, __do_kmalloc_node, __kmalloc_large_node →
 * alloc_pages_node, __kmem_cache_alloc_node; code index); slab-for-6.8 (SLAB removed, kmalloc moves
 * into mm/slub.c); "mm, slab: don't wrap internal functions with alloc_hooks()" (May 2024,
 * ___kmalloc_large_node); "mm, slab: use frozen pages for large kmalloc" (Jun 2025); the 6.12
 * vrealloc/kvrealloc series (vrealloc_noprof → __vmalloc_noprof; kvrealloc_noprof →
 * krealloc_noprof(kmalloc_gfp_adjust()) → kvmalloc_noprof); kernel-facts §1, §4b–§4d, §5.
 * The kmalloc, large-kmalloc and vm_area_alloc_pages frames per release were read in 6.8.0,
 * 6.10, 6.12.0, 6.13.7, 6.14.0, 6.17.0, 6.18.2, 6.19.9 and 7.0.0 trees (named with each boundary
 * in data/kernel-changes.ts; engine/src/data/kernel-function-names.ts lists what each defines).
 */
import type { AllocatorName } from '../../layout.js';
import type { ApiEra, KernelRules } from '../kernel-changes.js';
import { cFrame, type ChainFrame, type ChainLeaf } from './chain-frame.js';

const SLUB = 'mm/slub.c';
const MM_SLAB_H = 'mm/slab.h';
const SLAB_H = 'include/linux/slab.h';
const VMALLOC_C = 'mm/vmalloc.c';
const VMALLOC_H = 'include/linux/vmalloc.h';
const GFP_H = 'include/linux/gfp.h';
const PAGE_ALLOC = 'mm/page_alloc.c';
const MEMPOLICY = 'mm/mempolicy.c';
const MM_INTERNAL = 'mm/internal.h';

export interface CChainRequest {
  readonly rules: KernelRules;
  readonly allocator: AllocatorName;
  readonly leaf: ChainLeaf;
  readonly growsExisting: boolean;
  /** alloc: a new or grown buffer; free: size 0 on a live buffer; shrink: krealloc to a smaller size. */
  readonly purpose: 'alloc' | 'free' | 'shrink';
}

export interface CChain {
  readonly frames: readonly ChainFrame[];
  readonly notes: readonly string[];
}

type TraitEra = Extract<ApiEra, 'allocator-trait' | 'node-align'>;

// ---- names that change by era ---------------------------------------------------------

/** krealloc: the alloc_hooks() macro (6.10+) and the function it wraps. */
const KREALLOC: Record<ApiEra, { readonly hook: string | null; readonly fn: string }> = {
  'alloc-crate': { hook: null, fn: 'krealloc' },
  'box-ext': { hook: 'krealloc', fn: 'krealloc_noprof' },
  'allocator-trait': { hook: 'krealloc', fn: 'krealloc_noprof' },
  'node-align': { hook: 'krealloc_node_align', fn: 'krealloc_node_align_noprof' },
};

const VREALLOC: Record<TraitEra, { readonly hook: string; readonly fn: string }> = {
  'allocator-trait': { hook: 'vrealloc', fn: 'vrealloc_noprof' },
  'node-align': { hook: 'vrealloc_node_align', fn: 'vrealloc_node_align_noprof' },
};

const KVREALLOC: Record<TraitEra, { readonly hook: string; readonly fn: string; readonly kvmalloc: ChainFrame }> = {
  'allocator-trait': {
    hook: 'kvrealloc',
    fn: 'kvrealloc_noprof',
    kvmalloc: cFrame('kvmalloc_noprof', SLAB_H, 'macro: kvmalloc_node_noprof(size, flags, NUMA_NO_NODE) → __kvmalloc_node_noprof'),
  },
  'node-align': {
    hook: 'kvrealloc_node_align',
    fn: 'kvrealloc_node_align_noprof',
    kvmalloc: cFrame('kvmalloc_node_align_noprof', SLAB_H, 'macro: __kvmalloc_node_noprof(size, align, flags, node)'),
  },
};

/**
 * The exported function __do_krealloc reaches __do_kmalloc_node through. 6.1–6.9: the
 * kmalloc_track_caller() macro over __kmalloc_node_track_caller; 6.10: kmalloc_node_track_caller_noprof
 * itself (6.10 mm/slub.c:4140); 6.11+: the kmalloc_node_track_caller_noprof() macro over
 * __kmalloc_node_track_caller_noprof (6.12 mm/slub.c:4280, include/linux/slab.h:968).
 */
function trackCaller(rules: KernelRules): ChainFrame {
  const file = rules.kmallocFile;
  switch (rules.trackCallerFn) {
    case '__kmalloc_node_track_caller':
      return cFrame('__kmalloc_node_track_caller', file, 'through the kmalloc_track_caller() macro');
    case 'kmalloc_node_track_caller_noprof':
      return cFrame('kmalloc_node_track_caller_noprof', file, 'an exported function in 6.10 (a macro over __kmalloc_node_track_caller_noprof from 6.11); caller = _RET_IP_');
    case '__kmalloc_node_track_caller_noprof':
      return cFrame('__kmalloc_node_track_caller_noprof', file, 'through the kmalloc_node_track_caller_noprof() macro; caller = _RET_IP_');
  }
}

const DO_KMALLOC_NOTE = 'size > KMALLOC_MAX_CACHE_SIZE: large kmalloc; otherwise a kmalloc cache';

function doKmallocNode(rules: KernelRules): ChainFrame {
  return cFrame('__do_kmalloc_node', rules.kmallocFile, DO_KMALLOC_NOTE);
}

/**
 * The cache look-up. 6.1–6.7: kmalloc_slab() in mm/slab_common.c, then the allocator's
 * __kmem_cache_alloc_node (SLUB's in mm/slub.c). 6.8+: kmalloc_slab is an inline in mm/slab.h
 * (6.8 :407) and __do_kmalloc_node calls slab_alloc_node directly (6.8 mm/slub.c:3962).
 */
function kmallocSlab(rules: KernelRules): ChainFrame[] {
  if (rules.kmallocFile === 'mm/slab_common.c') {
    return [
      cFrame('kmalloc_slab', 'mm/slab_common.c', 'picks kmalloc_caches[kmalloc_type(flags)][index] and returns'),
      cFrame('__kmem_cache_alloc_node', SLUB, '6.1–6.7 (gone in 6.8, when __do_kmalloc_node calls slab_alloc_node directly)'),
    ];
  }
  return [cFrame('kmalloc_slab', MM_SLAB_H, 'an inline: picks kmalloc_caches[kmalloc_type(flags, caller)][index]; __do_kmalloc_node then calls slab_alloc_node')];
}

// ---- SLUB -----------------------------------------------------------------------------

function slubFrames(rules: KernelRules, path: 'fast' | 'slow'): CChain {
  const front = rules.slubFrontEnd;
  if (front === 'sheaves') {
    const entry = cFrame('slab_alloc_node', SLUB, 'slab_pre_alloc_hook (might_alloc, failslab), kfence_alloc, then alloc_from_pcs');
    if (path === 'fast') {
      return {
        frames: [entry, cFrame('alloc_from_pcs', SLUB, 'fast path: local_trylock(&s->cpu_sheaves->lock), pop pcs->main->objects[--size]; no atomics')],
        notes: [],
      };
    }
    return {
      frames: [
        entry,
        cFrame('alloc_from_pcs', SLUB, 'the main sheaf is empty'),
        cFrame('__pcs_replace_empty_main', SLUB, 'swaps in a non-empty spare, else barn_replace_empty_sheaf() takes a full sheaf from the node barn, else alloc_empty_sheaf() + refill_sheaf()'),
        cFrame('refill_sheaf', SLUB, 'called with gfp | __GFP_NOMEMALLOC | __GFP_NOWARN; fills the sheaf through refill_objects'),
        cFrame('refill_objects', SLUB, 'local node partial slabs, then other nodes, then new_slab'),
        cFrame('new_slab', SLUB),
        cFrame('allocate_slab', SLUB, 's->oo with __GFP_NOWARN | __GFP_NORETRY, falling back to s->min'),
        cFrame('alloc_slab_page', SLUB),
        cFrame('alloc_frozen_pages', MM_INTERNAL, 'alloc_hooks(alloc_frozen_pages_noprof(…)): slab pages are charged to alloc_slab_page'),
      ],
      notes: [
        'if the sheaf path gives up (another NUMA node requested, the trylock fails, a GFP that may not spin), slab_alloc_node falls back to __slab_alloc_node → ___slab_alloc → get_from_partial → new_slab',
      ],
    };
  }
  const entry = cFrame(
    'slab_alloc_node',
    SLUB,
    front === 'cpu-slab-with-optional-sheaves' ? 'alloc_from_pcs only for caches that opted into sheaves (6.18–6.19); kmalloc caches did not, so __slab_alloc_node' : undefined,
  );
  // 6.1.20 has the fast path inline in slab_alloc_node; the split into __slab_alloc_node (for
  // SLUB_TINY) is there in 6.8 (mm/slub.c:3707, 3850); 6.2–6.7 not read, so inferred there.
  const inferred = rules.kmallocFile === 'mm/slab_common.c';
  const fastNote = 'fast path: takes c->freelist with a cmpxchg on (freelist, tid)';
  if (!rules.slabAllocNodeSplit) {
    const inline = cFrame('slab_alloc_node', SLUB, `${fastNote}, inline (6.1.20)`);
    if (path === 'fast') return { frames: [inline], notes: [] };
    return {
      frames: [cFrame('slab_alloc_node', SLUB, 'c->freelist is empty or on the wrong node'), cFrame('__slab_alloc', SLUB), ...slowTail()],
      notes: [],
    };
  }
  if (path === 'fast') {
    return {
      frames: [entry, cFrame('__slab_alloc_node', SLUB, fastNote, inferred)],
      notes: [],
    };
  }
  return {
    frames: [entry, cFrame('__slab_alloc_node', SLUB, 'c->freelist is empty or on the wrong node', inferred), cFrame('__slab_alloc', SLUB), ...slowTail()],
    notes: [],
  };
}

/** ___slab_alloc down to the page allocator, 6.x. */
function slowTail(): ChainFrame[] {
  return [
    cFrame('___slab_alloc', SLUB, 'the CPU slab freelist, per-CPU partial slabs, get_partial() (node partial list), then new_slab'),
    cFrame('new_slab', SLUB),
    cFrame('allocate_slab', SLUB, 's->oo with __GFP_NOWARN | __GFP_NORETRY, falling back to s->min'),
    cFrame('alloc_slab_page', SLUB, 'then the page allocator'),
  ];
}

// ---- large kmalloc and the page allocator -----------------------------------------------

const PAGE_ALLOC_OK = 'get_page_from_freelist → rmqueue (pcp lists up to PAGE_ALLOC_COSTLY_ORDER, else rmqueue_buddy); __alloc_pages_slowpath if that fails';

/** Where WARN_ON_ONCE_GFP(order > MAX_PAGE_ORDER) sits, per the function that holds it. */
const PAGE_ALLOC_WARN: Record<KernelRules['pageAllocCheckFn'], string> = {
  __alloc_pages:
    'WARN_ON_ONCE_GFP(order >= MAX_ORDER) in 6.1–6.3, order > MAX_ORDER from 6.4 (unconfirmed), order > MAX_PAGE_ORDER in 6.8 (page_alloc.c:4545): a one-time WARN unless __GFP_NOWARN, then NULL',
  __alloc_pages_noprof: 'WARN_ON_ONCE_GFP(order > MAX_PAGE_ORDER) (6.13 page_alloc.c:4730): a one-time WARN unless __GFP_NOWARN, then NULL',
  __alloc_frozen_pages_noprof: 'WARN_ON_ONCE_GFP(order > MAX_PAGE_ORDER) (6.14 page_alloc.c:4716, 7.1.5 :5197): a one-time WARN unless __GFP_NOWARN, then NULL',
};

/** The page-allocator frames of a large kmalloc, ending in the function that may WARN. */
function pageAllocFrames(rules: KernelRules, lastNote: string): ChainFrame[] {
  if (rules.largeKmallocFrozen) {
    return [
      cFrame('alloc_frozen_pages_noprof', MEMPOLICY, "the task's mempolicy (CONFIG_NUMA; an inline in mm/internal.h without it)"),
      cFrame('alloc_pages_mpol', MEMPOLICY),
      cFrame('__alloc_frozen_pages_noprof', PAGE_ALLOC, lastNote),
    ];
  }
  const suffix = rules.allocHooks ? '_noprof' : '';
  const frames = [cFrame(`alloc_pages_node${suffix}`, GFP_H, 'NUMA_NO_NODE becomes numa_mem_id()'), cFrame(`__alloc_pages_node${suffix}`, GFP_H)];
  if (rules.pageAllocCheckFn === '__alloc_frozen_pages_noprof') {
    // 6.14–6.16: __alloc_pages_noprof only sets the refcount of what the frozen variant returns.
    frames.push(cFrame('__alloc_pages_noprof', PAGE_ALLOC, '__alloc_frozen_pages_noprof, then set_page_refcounted (6.14 page_alloc.c:4769)'));
    frames.push(cFrame('__alloc_frozen_pages_noprof', PAGE_ALLOC, lastNote));
  } else {
    frames.push(cFrame(rules.pageAllocCheckFn, PAGE_ALLOC, lastNote));
  }
  return frames;
}

function largeFrames(rules: KernelRules, failing: boolean): ChainFrame[] {
  const lastNote = failing ? PAGE_ALLOC_WARN[rules.pageAllocCheckFn] : PAGE_ALLOC_OK;
  const file = rules.kmallocFile;
  const order = 'flags | __GFP_COMP, order get_order(size)';
  if (rules.largeKmallocFn === '__kmalloc_large_node') {
    // 6.1–6.10: one function; static in mm/slub.c from 6.8 (6.8 :3916, 6.10 :4058).
    return [cFrame('__kmalloc_large_node', file, order), ...pageAllocFrames(rules, lastNote)];
  }
  const how = rules.largeKmallocFrozen ? 'NUMA_NO_NODE: alloc_frozen_pages_noprof, else __alloc_frozen_pages_noprof; marks the page large-kmalloc' : 'alloc_pages_node_noprof(node, flags, order)';
  return [cFrame('__kmalloc_large_node_noprof', file), cFrame('___kmalloc_large_node', file, `${order}; ${how}`), ...pageAllocFrames(rules, lastNote)];
}

// ---- kmalloc (krealloc) ---------------------------------------------------------------

function hookFrame(name: string, file: string, wraps: string): ChainFrame {
  return cFrame(name, file, `alloc_hooks(${wraps}(…)): allocation profiling charges the memory to this expansion, in the helper`);
}

function kreallocHead(rules: KernelRules, fnNote: string): ChainFrame[] {
  const names = KREALLOC[rules.apiEra];
  const frames: ChainFrame[] = [];
  if (rules.allocHooks && names.hook) frames.push(hookFrame(names.hook, SLAB_H, names.fn));
  frames.push(cFrame(names.fn, rules.kreallocFile, fnNote));
  return frames;
}

function kreallocNote(rules: KernelRules): string {
  return rules.allocHooks
    ? 'new_size 0: kfree(p) and ZERO_SIZE_PTR; otherwise __do_krealloc, then kfree() of the old object if it moved'
    : 'an exported function before 6.10 (no helper, no alloc_hooks()): __do_krealloc, then kfree() of the old object if it moved';
}

function doKrealloc(rules: KernelRules, growsExisting: boolean): ChainFrame {
  const keep = rules.kreallocChecksAlign ? 'keeps p if new_size <= ksize and p is aligned to align' : 'keeps p if ksize(p) >= new_size';
  const grow = growsExisting ? '; growing past it: a new object, memcpy, and krealloc kfree()s the old one' : '; p is NULL: a new object';
  return cFrame('__do_krealloc', rules.kreallocFile, keep + grow);
}

/** krealloc down to __do_kmalloc_node, without the hook (kvrealloc adds its own). */
function kreallocBody(rules: KernelRules, growsExisting: boolean): ChainFrame[] {
  return [doKrealloc(rules, growsExisting), trackCaller(rules), doKmallocNode(rules)];
}

function kmallocLeaf(rules: KernelRules, leaf: ChainLeaf): CChain {
  switch (leaf.kind) {
    case 'slab': {
      const slub = slubFrames(rules, leaf.slubPath ?? 'fast');
      return { frames: [...kmallocSlab(rules), ...slub.frames], notes: slub.notes };
    }
    case 'large':
      return { frames: largeFrames(rules, false), notes: [] };
    case 'fail':
      return { frames: largeFrames(rules, true), notes: [] };
    default:
      return impossible(`a kmalloc leaf cannot be '${leaf.kind}'`);
  }
}

function kfreeFrame(live: boolean): ChainFrame {
  return cFrame('kfree', SLUB, live ? 'frees the slab object, or the pages of a large kmalloc' : 'NULL: returns at once');
}

function vfreeFrame(live: boolean): ChainFrame {
  return cFrame('vfree', VMALLOC_C, live ? 'unmaps and frees the area (may sleep outside interrupt context)' : 'NULL: returns at once');
}

function kmallocChain(req: CChainRequest): CChain {
  const { rules, leaf } = req;
  if (req.purpose === 'free' || leaf.kind === 'none') {
    const live = req.purpose === 'free';
    return { frames: [...kreallocHead(rules, 'new_size 0: kfree(p), returns ZERO_SIZE_PTR'), kfreeFrame(live)], notes: [] };
  }
  if (req.purpose === 'shrink') {
    return { frames: [...kreallocHead(rules, kreallocNote(rules)), shrinkKrealloc(rules)], notes: [] };
  }
  const body = kmallocLeaf(rules, leaf);
  return { frames: [...kreallocHead(rules, kreallocNote(rules)), ...kreallocBody(rules, req.growsExisting), ...body.frames], notes: body.notes };
}

function shrinkKrealloc(rules: KernelRules): ChainFrame {
  return cFrame('__do_krealloc', rules.kreallocFile, 'new_size <= ksize: returns p unchanged; shrinking never frees or moves the object (only the tail is zeroed with __GFP_ZERO or init_on_alloc)');
}

// ---- vmalloc --------------------------------------------------------------------------

function traitEra(rules: KernelRules): TraitEra {
  if (rules.apiEra === 'allocator-trait' || rules.apiEra === 'node-align') return rules.apiEra;
  return impossible(`vmalloc has no Rust path before 6.13 (era '${rules.apiEra}')`);
}

function vmallocArea(rules: KernelRules, huge: boolean, failing: boolean, viaVrealloc: boolean): ChainFrame[] {
  const frames: ChainFrame[] = [];
  if (viaVrealloc) frames.push(cFrame('__vmalloc_node_noprof', VMALLOC_C, '__vmalloc_node_range_noprof(VMALLOC_START, VMALLOC_END, PAGE_KERNEL, no huge mapping)'));
  if (failing) {
    frames.push(cFrame('__vmalloc_node_range_noprof', VMALLOC_C, 'fails: no VA space, size over totalram, or the pages cannot be had; warn_alloc() unless __GFP_NOWARN, then NULL'));
    return frames;
  }
  frames.push(
    cFrame('__vmalloc_node_range_noprof', VMALLOC_C, huge ? 'VM_ALLOW_HUGE_VMAP with a blocking GFP: PMD-sized mappings when the size allows' : 'size 0 or over totalram: WARN or warn_alloc(), NULL'),
    cFrame('__get_vm_area_node', VMALLOC_C, 'reserves ALIGN(size, 1 << shift) of virtual addresses plus a one-page guard'),
    cFrame('__vmalloc_area_node', VMALLOC_C, 'the page array from kmalloc (≤ PAGE_SIZE) or nested vmalloc, then maps the pages'),
    cFrame('vm_area_alloc_pages', VMALLOC_C, vmAreaAllocPagesNote(rules, huge)),
  );
  return frames;
}

/**
 * 6.19+ (6.19.9 and 7.1.5 mm/vmalloc.c:3632-3664): blocks of order min(ilog2(pages left),
 * MAX_PAGE_ORDER) without direct reclaim, split_page()d, one order lower after a failure, while the
 * order is above the mapping's; 6.18.2 (:3591) and older: order-0 pages in bulk, or
 * page-order blocks for a huge mapping.
 */
function vmAreaAllocPagesNote(rules: KernelRules, huge: boolean): string {
  if (!rules.vmallocHighOrderFirst) {
    return huge ? 'PMD-order blocks, each split_page()d' : 'order-0 pages through the bulk page allocator (100 per call), then one by one';
  }
  return huge
    ? 'MAX_PAGE_ORDER blocks first while the pages left fill one (no direct reclaim), then PMD-order blocks; all split_page()d'
    : 'high-order blocks first: order ilog2(pages left), at most MAX_PAGE_ORDER, without direct reclaim, split_page()d; then order-0 pages in bulk';
}

function vreallocFn(rules: KernelRules, note: string): ChainFrame {
  return cFrame(VREALLOC[traitEra(rules)].fn, VMALLOC_C, note);
}

/** vrealloc_*_noprof and what it calls for a new area (the hook is added by the caller). */
function vreallocBody(rules: KernelRules, growsExisting: boolean, huge: boolean, failing: boolean): ChainFrame[] {
  const note = growsExisting ? 'an existing area: grows in place while the size fits its pages, else a new area, memcpy and vfree (the area is never extended)' : 'p is NULL: a new area';
  const frames = [vreallocFn(rules, note)];
  if (rules.apiEra === 'allocator-trait') frames.push(cFrame('__vmalloc_noprof', VMALLOC_C, '__vmalloc_node_noprof(size, 1, flags, NUMA_NO_NODE, caller)'));
  return [...frames, ...vmallocArea(rules, huge, failing, true)];
}

function vmallocChain(req: CChainRequest): CChain {
  const { rules, leaf } = req;
  const names = VREALLOC[traitEra(rules)];
  const hook = rules.allocHooks ? [hookFrame(names.hook, VMALLOC_H, names.fn)] : [];
  if (req.purpose === 'free' || leaf.kind === 'none') {
    const live = req.purpose === 'free';
    return { frames: [...hook, vreallocFn(rules, 'size 0: vfree(p), returns NULL'), vfreeFrame(live)], notes: [] };
  }
  const failing = leaf.kind === 'fail';
  const huge = leaf.kind === 'vmalloc' && leaf.huge === true;
  const notes = huge ? ['vrealloc never asks for a huge mapping (only kvmalloc passes VM_ALLOW_HUGE_VMAP): the area uses PAGE_SIZE pages'] : [];
  return { frames: [...hook, ...vreallocBody(rules, req.growsExisting, false, failing)], notes };
}

// ---- kvmalloc -------------------------------------------------------------------------

function gfpAdjust(rules: KernelRules): ChainFrame {
  return cFrame(
    'kmalloc_gfp_adjust',
    rules.kvmallocFile,
    rules.kvmallocKmallocAttempt === 'clear-direct-reclaim'
      ? 'size > PAGE_SIZE: adds __GFP_NOWARN, clears __GFP_DIRECT_RECLAIM (unless __GFP_RETRY_MAYFAIL) and __GFP_NOFAIL'
      : 'size > PAGE_SIZE: adds __GFP_NOWARN and __GFP_NORETRY (unless __GFP_RETRY_MAYFAIL), clears __GFP_NOFAIL',
  );
}

function kvmallocFallback(rules: KernelRules, huge: boolean, failing: boolean): ChainFrame[] {
  const names = KVREALLOC[traitEra(rules)];
  const nonBlocking = rules.vmallocNonBlocking ? '' : '; a non-blocking GFP returns NULL here in this kernel';
  return [
    names.kvmalloc,
    cFrame('__kvmalloc_node_noprof', rules.kvmallocFile, `tries __do_kmalloc_node again with adjusted flags; above PAGE_SIZE falls back to vmalloc${nonBlocking}`),
    ...vmallocArea(rules, huge, failing, false),
  ];
}

function kvmallocChain(req: CChainRequest): CChain {
  const { rules, leaf } = req;
  const era = traitEra(rules);
  const names = KVREALLOC[era];
  const hook = rules.allocHooks ? [hookFrame(names.hook, SLAB_H, names.fn)] : [];
  const kfn = KREALLOC[era].fn;
  // Growing with a 'vmalloc' leaf means the buffer already lives in vmalloc; 'kvmalloc-fallback'
  // means a kmalloc-backed one whose krealloc failed.
  const vmallocBacked = req.growsExisting && leaf.kind === 'vmalloc';

  if (req.purpose === 'free' || leaf.kind === 'none') {
    const live = req.purpose === 'free';
    if (live && (leaf.kind === 'vmalloc' || leaf.kind === 'kvmalloc-fallback')) {
      return { frames: [...hook, cFrame(names.fn, rules.kvmallocFile, 'is_vmalloc_addr(p): vrealloc'), vreallocFn(rules, 'size 0: vfree(p), returns NULL'), vfreeFrame(true)], notes: [] };
    }
    return {
      frames: [
        ...hook,
        cFrame(names.fn, rules.kvmallocFile, live ? 'not a vmalloc address: krealloc' : 'NULL is not a vmalloc address: krealloc'),
        gfpAdjust(rules),
        cFrame(kfn, rules.kreallocFile, 'new_size 0: kfree(p), returns ZERO_SIZE_PTR'),
        kfreeFrame(live),
      ],
      notes: [],
    };
  }

  if (vmallocBacked) {
    return {
      frames: [
        ...hook,
        cFrame(names.fn, rules.kvmallocFile, 'is_vmalloc_addr(p): vrealloc; a vmalloc-backed buffer never moves back to kmalloc by realloc'),
        ...vreallocBody(rules, true, false, false),
      ],
      notes: leaf.huge ? ['vrealloc never asks for a huge mapping: growing a vmalloc-backed buffer gets a new area of PAGE_SIZE pages'] : [],
    };
  }

  const head = [...hook, cFrame(names.fn, rules.kvmallocFile, 'not a vmalloc address: krealloc with kmalloc_gfp_adjust(flags, size); NULL falls back to kvmalloc'), gfpAdjust(rules)];

  if (req.purpose === 'shrink') {
    return { frames: [...head, cFrame(kfn, rules.kreallocFile, kreallocNote(rules)), shrinkKrealloc(rules)], notes: [] };
  }

  switch (leaf.kind) {
    case 'slab':
    case 'large': {
      const body = kmallocLeaf(rules, leaf);
      return { frames: [...head, cFrame(kfn, rules.kreallocFile, kreallocNote(rules)), ...kreallocBody(rules, req.growsExisting), ...body.frames], notes: body.notes };
    }
    case 'fail':
      if (leaf.at === 'page-allocator') {
        return {
          frames: [
            ...head,
            cFrame(kfn, rules.kreallocFile, kreallocNote(rules)),
            ...kreallocBody(rules, req.growsExisting),
            ...largeFrames(rules, true),
            names.kvmalloc,
            cFrame(
              '__kvmalloc_node_noprof',
              rules.kvmallocFile,
              `kmalloc fails again and there is no vmalloc fallback (size > INT_MAX${rules.vmallocNonBlocking ? '' : ', or a non-blocking GFP in this kernel'}): NULL`,
            ),
          ],
          notes: ['kmalloc_gfp_adjust() added __GFP_NOWARN above PAGE_SIZE, so the page allocator does not WARN for the kmalloc attempt'],
        };
      }
      if (leaf.at === 'vmalloc') {
        return { frames: [...head, failedKrealloc(rules, kfn), ...kvmallocFallback(rules, false, true)], notes: [] };
      }
      return impossible(`kvmalloc C frames for a failure at '${leaf.at}'`);
    case 'vmalloc':
    case 'kvmalloc-fallback':
      return { frames: [...head, failedKrealloc(rules, kfn), ...kvmallocFallback(rules, leaf.huge === true, false)], notes: [] };
    default:
      return impossible(`kvmalloc C frames for ${JSON.stringify(leaf)}`);
  }
}

function failedKrealloc(rules: KernelRules, kfn: string): ChainFrame {
  return cFrame(kfn, rules.kreallocFile, 'returns NULL: the kmalloc attempt failed (over KMALLOC_MAX_SIZE, or no memory without direct reclaim)');
}

// ---- entry ------------------------------------------------------------------------------

/** C frames for one request. The caller has checked that the leaf fits the allocator and era. */
export function cFrames(req: CChainRequest): CChain {
  switch (req.allocator) {
    case 'Kmalloc':
      return kmallocChain(req);
    case 'Vmalloc':
      return vmallocChain(req);
    case 'KVmalloc':
      return kvmallocChain(req);
  }
}

function impossible(what: string): never {
  // call-chain.ts validates leaves first; reaching this is a bug in that validation.
  throw new Error(`c-frames: ${what}`);
}
