/**
 * explain() for the kernel APIs that are not a Rust Allocator call (data/call-chains/kernel-api-*.ts):
 * a dedicated slab cache (maple_node, radix_tree_node), the page allocator, DMA coherent memory,
 * and wrappers that kmalloc on a path of their own (bitmap_zalloc, alloc_cpumask_var, devres).
 * Wrappers that end in a Rust Allocator call (RBTree → KBox, read_all → Vec::reserve) are answered by
 * the ordinary explain() of that call, with the wrapper's frames in front.
 *
 * Sizes the API does not fix come from the input: bytes, size_of::<T>(), count × element, nbits or
 * a page order. A dedicated cache's object size comes from input.cLayouts; without it the size is
 * unknown and the notes say why.
 */
import { emptyDraft, type Draft } from './outcome-draft.js';
import { getOrder, pow2 } from './bits.js';
import type { CLayoutSource } from './c-layout.js';
import { apiAllocator } from './call-chain.js';
import { CPUMASK_CONST_BITS_LIMIT_LONGS, CPUMASK_DEFCONFIG } from './data/cpumask-config.js';
import type { ExtraKmalloc, KernelApiLeaf, KernelApiRow } from './data/call-chains/kernel-api-row.js';
import { BINDINGS_OF_WRAPPERS, KERNEL_API_ROWS } from './data/call-chains/kernel-api-table.js';
import { EngineError } from './errors.js';
import { formatBytes } from './format-bytes.js';
import { gfpAllowsBlocking, parseGfp } from './gfp.js';
import type { KernelTarget } from './kernel-version.js';
import { kmallocPlacement } from './kmalloc.js';
import { kmemCacheGeometry } from './kmem-cache.js';
import type { AlsoAllocates, DmaPathSummary, Outcome } from './outcome.js';
import type { Profile } from './profile.js';

/** What explain() passes on: the request as given, already validated by type. */
export interface KernelApiRequest {
  readonly api: string;
  readonly sizeBytes?: number;
  readonly alignBytes?: number;
  readonly count?: number;
  readonly element?: { readonly sizeBytes: number; readonly alignBytes?: number };
  readonly order?: number;
  readonly allocator?: string;
  readonly flags?: string;
  readonly cLayouts?: CLayoutSource;
}

/** The classic explain(), passed in so this module does not import explain.ts (which imports it). */
export type ClassicExplain = (input: {
  api?: string;
  allocator?: string;
  sizeBytes?: number;
  alignBytes?: number;
  count?: number;
  element?: { sizeBytes: number; alignBytes?: number };
  flags?: string;
  profile: Profile;
  kernel?: string;
}) => Outcome;

export function isKernelApi(api: string): boolean {
  return KERNEL_API_ROWS.has(api);
}

/** A kernel API's name split as it is called: `MapleTree::insert` → MapleTree, insert; `bindings::kmalloc` → bindings, kmalloc. */
export function kernelApiPath(api: string): { readonly type: string; readonly method: string } {
  const cut = api.lastIndexOf('::');
  return { type: api.slice(0, cut), method: api.slice(cut + 2) };
}

/** The row's input kind, for callers that size a site (the analyzer). */
export function kernelApiRow(api: string): KernelApiRow {
  const row = KERNEL_API_ROWS.get(api);
  if (!row) throw new EngineError('unknown-api', `unknown kernel API '${api}'`);
  return row;
}

/** "absent in 6.14.0, present in 6.18.2": what the trees read say about an unconfirmed release. */
function sinceRange(row: KernelApiRow): string {
  const read = row.sinceRead;
  return `${read.lacks ? `absent in ${read.lacks}, ` : ''}present in ${read.has} (${read.file})`;
}

function versionAtLeast(kernel: KernelTarget, since: readonly [number, number]): boolean {
  const v = kernel.version;
  return v.major > since[0] || (v.major === since[0] && v.minor >= since[1]);
}

function blank(api: string, kernel: KernelTarget, profile: Profile, flagsText: string): Draft {
  const gfp = parseGfp(flagsText);
  return emptyDraft({
    allocator: 'Kmalloc',
    api,
    request: { layoutBytes: null, alignBytes: 1, sizeBytes: null, formula: 'fixed by the API', count: null, elementBytes: null },
    flags: { text: gfp.text, mask: `0x${gfp.mask.toString(16)}`, maySleep: gfpAllowsBlocking(gfp.mask) },
    notes: [...kernel.notes],
    profile: { name: profile.name, pageSize: profile.constants.PAGE_SIZE, nrCpus: profile.nrCpus },
    kernel: { version: kernel.version.text, era: kernel.rules.apiEra },
  });
}

/** The request's bytes for bytes / element / array inputs; null when the input does not say. */
function requestBytes(req: KernelApiRequest, what: string): { bytes: number; formula: string; count: number | null; elementBytes: number | null } | null {
  if (req.count !== undefined && req.element) {
    const bytes = req.count * req.element.sizeBytes;
    return { bytes, formula: `${req.count} × ${req.element.sizeBytes} B = ${bytes} B`, count: req.count, elementBytes: req.element.sizeBytes };
  }
  if (req.sizeBytes !== undefined) return { bytes: req.sizeBytes, formula: `${what} = ${formatBytes(req.sizeBytes)}`, count: null, elementBytes: null };
  return null;
}

function needSize(row: KernelApiRow, what: string): never {
  throw new EngineError('invalid-argument', `${row.api} allocates ${what}: give it as a size (or a count with an element size)`);
}

export function explainKernelApi(req: KernelApiRequest, profile: Profile, kernel: KernelTarget, classic: ClassicExplain): Outcome {
  const row = kernelApiRow(req.api);
  const viaBindings = req.api in BINDINGS_OF_WRAPPERS;
  const rules = kernel.rules;
  if (!versionAtLeast(kernel, row.since)) {
    throw new EngineError(
      'unknown-api',
      `${req.api} needs kernel ${row.since[0]}.${row.since[1]} or later${row.sinceConfirmed ? '' : ` (unconfirmed: ${sinceRange(row)})`}; this is ${kernel.version.text}`,
    );
  }
  const flagsText = row.flags === 'argument' ? (req.flags ?? 'GFP_KERNEL') : row.flags.fixed;
  const out = blank(req.api, kernel, profile, flagsText);
  if (row.flags !== 'argument') out.notes.push(row.flags.why);
  if (row.until && versionAtLeast(kernel, [row.until[0], row.until[1] + 1])) {
    out.notes.push(`${row.api} is gone after ${row.until[0]}.${row.until[1]}: ${row.instead ?? ''}; its own frames are shown`);
  }
  let leaf: KernelApiLeaf = 'slab';
  const target = row.target;
  const gfpMask = parseGfp(flagsText).mask;

  switch (target.kind) {
    case 'dedicated-cache': {
      out.allocator = 'kmem_cache';
      out.path = 'slab';
      out.objects = target.objects;
      if (target.cache === null) {
        out.notes.push('the cache is the first argument: its object size and slab geometry are those kmem_cache_create() gave it');
        break;
      }
      out.cache = target.cache;
      const answer = kmemCacheGeometry(target.cache, req.cLayouts, profile, rules);
      if (!answer.known) {
        out.notes.push(`object size unknown: ${answer.why} (${answer.source})`);
        break;
      }
      const cache = answer.cache;
      out.kmemCache = cache;
      out.objectSize = cache.objectSize;
      out.request = { layoutBytes: cache.objectSize, alignBytes: cache.align, sizeBytes: cache.objectSize, formula: cache.formula, count: null, elementBytes: null };
      out.wasteBytes = cache.slabSize - cache.objectSize;
      out.wastePercent = Math.round((out.wasteBytes / cache.slabSize) * 1000) / 10;
      out.alignGuaranteeBytes = cache.align;
      out.slabOrder = cache.slabOrder;
      out.objectsPerSlab = cache.objectsPerSlab;
      out.slabBytes = cache.slabBytes;
      out.notes.push(
        `${cache.name}: a dedicated cache (${cache.source}), ${cache.objectsPerSlab} objects of ${cache.slabSize} B per order-${cache.slabOrder} slab${cache.sheafCapacity !== null ? `, sheaves of ${cache.sheafCapacity}` : ''}; object size from ${cache.layoutSource}`,
      );
      out.notes.push(
        `one call takes ${target.objects.typical === target.objects.worstCase ? target.objects.worstCase : `typically ${target.objects.typical}, at worst ${target.objects.worstCase}`} object(s): ${target.objects.why}`,
      );
      break;
    }
    case 'pages': {
      out.allocator = 'page_alloc';
      const order = row.input.kind === 'order' ? req.order : 0;
      if (order === undefined) throw new EngineError('invalid-argument', `${row.api} takes the page order as an argument: give the order`);
      leaf = placePages(out, order, profile, `order ${order}`);
      break;
    }
    case 'dma-coherent': {
      out.allocator = 'dma';
      const size = requestBytes(req, row.input.kind === 'none' ? 'size' : 'what' in row.input ? row.input.what : 'size') ?? needSize(row, 'a size from its arguments');
      if (size.bytes === 0) {
        out.path = 'fail';
        out.failure = 'a zero-length coherent buffer: the Rust wrappers return EINVAL before calling C';
        break;
      }
      const aligned = Math.ceil(size.bytes / profile.constants.PAGE_SIZE) * profile.constants.PAGE_SIZE;
      const order = getOrder(aligned, profile.constants.PAGE_SHIFT);
      out.request = { layoutBytes: size.bytes, alignBytes: 1, sizeBytes: size.bytes, formula: size.formula, count: size.count, elementBytes: size.elementBytes };
      leaf = placePages(out, order, profile, `get_order(PAGE_ALIGN(${formatBytes(size.bytes)}))`);
      if (out.path === 'pages') {
        out.path = 'dma';
        out.wasteBytes = pow2(order) * profile.constants.PAGE_SIZE - size.bytes;
      }
      out.dma = { assumed: 'dma-direct', alignedBytes: aligned, order, paths: dmaPaths(order, aligned, gfpMask, profile) };
      out.notes.push(...row.notes);
      break;
    }
    case 'kmalloc':
    case 'cpumask': {
      const bytes = kmallocBytes(row, req, profile, out);
      if (bytes === null) break;
      const placement = kmallocPlacement(bytes.bytes, gfpMask, profile);
      const o = classic({ sizeBytes: bytes.bytes, allocator: 'Kmalloc', flags: flagsText, profile, kernel: kernel.version.text });
      copyPlacement(out, o);
      out.request = { ...o.request, formula: bytes.formula };
      leaf = placement.path === 'large' ? 'large' : placement.path === 'fail' ? 'fail' : 'slab';
      break;
    }
    case 'vmalloc':
    case 'kvmalloc': {
      const size = requestBytes(req, 'size') ?? needSize(row, 'the bytes given');
      const o = classic({ sizeBytes: size.bytes, allocator: target.kind === 'vmalloc' ? 'Vmalloc' : 'KVmalloc', flags: flagsText, profile, kernel: kernel.version.text });
      copyPlacement(out, o);
      break;
    }
    case 'rust-allocation': {
      const o = rustAllocation(row, target, req, profile, kernel, flagsText, classic);
      copyPlacement(out, o);
      out.request = o.request;
      out.fillCount = o.fillCount;
      out.notes.push(...o.notes.filter((n) => !out.notes.includes(n)));
      const frames = [...row.frames(rules, 'slab'), ...o.chain];
      out.chain = viaBindings ? frames.filter((f) => f.layer !== 'rust') : frames;
      if (target.extraKmalloc) out.alsoAllocates = [extraKmalloc(target.extraKmalloc, req.cLayouts, profile)];
      out.notes.push(...row.notes);
      return freeze(out);
    }
  }
  if (target.kind !== 'dma-coherent') out.notes.push(...row.notes);
  if (out.flags.maySleep) out.notes.push(`${out.flags.text} may sleep: not for atomic context (spinlock held, RCU read side, IRQ)`);
  const frames = row.frames(rules, leaf);
  // Inline storage (a small bitmap, a cpumask without OFFSTACK): the Rust call returns before C.
  const reached = out.path === 'none' ? frames.filter((f) => f.layer === 'rust') : frames;
  out.chain = viaBindings ? reached.filter((f) => f.layer !== 'rust') : reached;
  return freeze(out);
}

function freeze(out: Draft): Outcome {
  return Object.freeze(out);
}

/** Copies where a classic outcome landed (not its API, chain or request). */
function copyPlacement(out: Draft, o: Outcome): void {
  out.path = o.path;
  out.allocator = o.allocator;
  out.cache = o.cache;
  out.cacheType = o.cacheType;
  out.objectSize = o.objectSize;
  out.wasteBytes = o.wasteBytes;
  out.wastePercent = o.wastePercent;
  out.alignGuaranteeBytes = o.alignGuaranteeBytes;
  out.slabOrder = o.slabOrder;
  out.objectsPerSlab = o.objectsPerSlab;
  out.slabBytes = o.slabBytes;
  out.order = o.order;
  out.pages = o.pages;
  out.costly = o.costly;
  out.vmalloc = o.vmalloc;
  out.attempt = o.attempt;
  out.fallback = o.fallback;
  out.failure = o.failure;
  out.request = o.request;
  for (const note of o.notes) if (!out.notes.includes(note)) out.notes.push(note);
}

function placePages(out: Draft, order: number, profile: Profile, formula: string): KernelApiLeaf {
  const c = profile.constants;
  if (!Number.isInteger(order) || order < 0) throw new EngineError('invalid-argument', `page order: expected a whole number ≥ 0, got ${String(order)}`);
  out.order = order;
  out.pages = pow2(order);
  if (out.request.sizeBytes === null) {
    out.request = { ...out.request, formula, sizeBytes: pow2(order) * c.PAGE_SIZE, layoutBytes: pow2(order) * c.PAGE_SIZE };
  }
  if (order > c.MAX_PAGE_ORDER) {
    out.path = 'fail';
    out.failure = `order ${order} > MAX_PAGE_ORDER (${c.MAX_PAGE_ORDER}): the page allocator refuses it${out.allocator === 'dma' ? ' (only a CMA area could serve it)' : ''}`;
    return 'fail';
  }
  out.path = 'pages';
  out.objectSize = pow2(order) * c.PAGE_SIZE;
  out.alignGuaranteeBytes = pow2(order) * c.PAGE_SIZE;
  out.costly = order > c.PAGE_ALLOC_COSTLY_ORDER;
  if (out.costly) {
    out.notes.push(`order ${order} > PAGE_ALLOC_COSTLY_ORDER (${c.PAGE_ALLOC_COSTLY_ORDER}): physically contiguous; compaction, then failure without the OOM killer once memory is fragmented`);
  }
  return 'slab';
}

/** The paths of dma_alloc_attrs (kernel/dma/mapping.c:627, direct.c:203, :119, contiguous.c:416). */
function dmaPaths(order: number, alignedBytes: number, gfpMask: number, profile: Profile): DmaPathSummary[] {
  const blocking = gfpAllowsBlocking(gfpMask);
  const pageSize = profile.constants.PAGE_SIZE;
  const pages = `${pow2(order)} contiguous page${order === 0 ? '' : 's'} (order ${order})`;
  const pageCount = `${alignedBytes / pageSize} page${alignedBytes === pageSize ? '' : 's'}`;
  return [
    {
      path: 'dma-direct',
      when: 'no IOMMU translates for the device (dma_alloc_direct) — the assumed path',
      gets: `${pages} from the page allocator on the device's node, retried in ZONE_DMA32/ZONE_DMA if above the device's DMA mask`,
    },
    {
      path: 'dev-coherent-pool',
      when: 'the device has a reserved coherent memory region (device tree shared-dma-pool, dma_declare_coherent_memory); tried first',
      gets: `${pageCount} from that pool's bitmap`,
    },
    {
      path: 'cma',
      when: blocking
        ? `the GFP may block (yes) and the device has its own CMA area, or the size is over PAGE_SIZE (${alignedBytes > pageSize ? 'yes' : 'no'}) with a default CMA area (cma= / CONFIG_CMA_SIZE_MBYTES)`
        : 'never: CMA needs a GFP that may block',
      gets: `${pageCount} from the CMA area, migrating movable pages out of it`,
    },
    { path: 'swiotlb', when: 'the device uses a restricted DMA pool (is_swiotlb_for_alloc: restricted-dma-pool in the device tree)', gets: 'slots of the restricted swiotlb pool' },
    {
      path: 'atomic-pool',
      when: blocking ? 'never with this GFP (it may block)' : 'the GFP may not block and the device is non-coherent or needs decrypted memory',
      gets: 'memory from the preallocated atomic DMA pools',
    },
    {
      path: 'iommu',
      when: 'an IOMMU translates for the device (use_dma_iommu)',
      gets: 'order-0 pages (or larger when available) mapped contiguously in I/O virtual space: no physical contiguity needed',
    },
  ];
}

/** Bytes a kmalloc-backed wrapper asks for; null (with the outcome filled) when it allocates nothing. */
function kmallocBytes(row: KernelApiRow, req: KernelApiRequest, profile: Profile, out: Draft): { bytes: number; formula: string } | null {
  const longBytes = profile.arch.pointerBytes;
  if (row.target.kind === 'cpumask') {
    const config = CPUMASK_DEFCONFIG[profile.arch.arch];
    if (!config.offstack) {
      out.path = 'none';
      out.notes.push(`CONFIG_CPUMASK_OFFSTACK is off in ${profile.arch.arch} defconfig (NR_CPUS ${config.nrCpusConfig}): the cpumask lives inside the CpumaskVar and nothing is allocated`);
      return null;
    }
    const constBits = config.nrCpusConfig <= CPUMASK_CONST_BITS_LIMIT_LONGS * 8 * longBytes;
    const bits = constBits ? config.nrCpusConfig : profile.nrCpus;
    const bytes = Math.ceil(bits / (8 * longBytes)) * longBytes;
    return {
      bytes,
      formula: `cpumask_size() = BITS_TO_LONGS(${constBits ? `NR_CPUS ${bits}` : `nr_cpu_ids ${bits}`}) × ${longBytes} B = ${bytes} B (CONFIG_CPUMASK_OFFSTACK=y in ${profile.arch.arch} defconfig)`,
    };
  }
  const input = row.input;
  if (input.kind === 'bits') {
    const given = req.count ?? req.sizeBytes;
    if (given === undefined) throw new EngineError('invalid-argument', `${row.api} takes a number of bits (${input.what}): give it as the count`);
    const bits = Math.max(given, input.minimumBits ?? 0);
    const inline = row.target.kind === 'kmalloc' ? row.target.inline : undefined;
    if (inline && bits <= inline.maxBits) {
      out.path = 'none';
      out.request = { ...out.request, formula: `${input.what} = ${given}${bits !== given ? ` → ${bits}` : ''} bits` };
      out.notes.push(inline.why);
      return null;
    }
    if (bits > 0x7fffffff) {
      out.path = 'fail';
      out.failure = `${bits} bits > BitmapVec::MAX_LEN (i32::MAX): AllocError before any C call`;
      return null;
    }
    const bytes = Math.ceil(bits / (8 * longBytes)) * longBytes;
    return { bytes, formula: `BITS_TO_LONGS(${bits}) × ${longBytes} B = ${bytes} B` };
  }
  const size = requestBytes(req, 'what' in input ? input.what : 'size') ?? needSize(row, 'the bytes given');
  return { bytes: size.bytes, formula: size.formula };
}

function rustAllocation(
  row: KernelApiRow,
  target: Extract<KernelApiRow['target'], { kind: 'rust-allocation' }>,
  req: KernelApiRequest,
  profile: Profile,
  kernel: KernelTarget,
  flags: string,
  classic: ClassicExplain,
): Outcome {
  const fixed = apiAllocator(target.api, kernel.rules);
  const allocator = fixed === 'generic' ? (req.allocator ?? 'kmalloc') : undefined;
  const base = { api: target.api, flags, profile, kernel: kernel.version.text, ...(allocator ? { allocator } : {}) };
  // read_all reserves bytes; SGTable's vector holds page pointers.
  if (row.api === 'UserSliceReader::read_all') {
    const length = req.count ?? req.sizeBytes;
    if (length === undefined) needSize(row, 'the user slice’s length');
    return classic({ ...base, count: length, element: { sizeBytes: 1, alignBytes: 1 } });
  }
  if (row.api === 'SGTable::new') {
    const pages = req.count ?? req.sizeBytes;
    if (pages === undefined) throw new EngineError('invalid-argument', 'SGTable::new allocates per page: give the page count as the count');
    const pointer = profile.arch.pointerBytes;
    return classic({ ...base, count: pages, element: { sizeBytes: pointer, alignBytes: pointer } });
  }
  if (req.count !== undefined && req.element) return classic({ ...base, count: req.count, element: req.element });
  if (req.sizeBytes === undefined) needSize(row, `${'what' in row.input ? row.input.what : 'its data'}`);
  return classic({ ...base, sizeBytes: req.sizeBytes, alignBytes: req.alignBytes ?? 1 });
}

function extraKmalloc(extra: ExtraKmalloc, layouts: CLayoutSource | undefined, profile: Profile): AlsoAllocates {
  const pointer = profile.arch.pointerBytes;
  const sizes = extra.cTypes.map((name) => layouts?.layoutOf(name)?.size);
  if (sizes.some((s) => s === undefined)) {
    const missing = extra.cTypes.filter((_, i) => sizes[i] === undefined).map((n) => `bindings::${n}`);
    return {
      what: extra.what,
      sizeBytes: null,
      formula: `${extra.cFormula}: ${missing.join(', ')} unknown (${layouts ? `${layouts.id} lacks it` : 'no C layouts given'})`,
      flags: extra.flags,
      lands: null,
      source: extra.source,
    };
  }
  const bytes = (sizes as number[]).reduce((a, b) => a + b, 0) + extra.extraPointers * pointer;
  const placement = kmallocPlacement(bytes, parseGfp(extra.flags).mask, profile);
  const lands = placement.path === 'slab' ? placement.cacheName : placement.path === 'large' ? `order-${placement.order} pages` : placement.path;
  const parts = [...(sizes as number[]).map((s) => `${s} B`), ...(extra.extraPointers > 0 ? [`${extra.extraPointers} × ${pointer} B`] : [])];
  return { what: extra.what, sizeBytes: bytes, formula: `${extra.cFormula} = ${parts.join(' + ')} = ${bytes} B`, flags: extra.flags, lands, source: extra.source };
}
