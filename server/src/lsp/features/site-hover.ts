/**
 * The hover on an allocation site: one screen, the answer first. A headline (call, allocator,
 * flags), the size, where it lands with its waste, at most three lines of growth, the chain as
 * one line of its key frames (linked to the kernel source at the modelled version), and the
 * target. The full chain, the engine's notes and the buddy state are the simulate view's; the
 * diagnostic's message is VS Code's own line above the hover and is not repeated here.
 *
 * Rows are Markdown lines with hard breaks, so they wrap cleanly in a narrow hover (no
 * space-aligned columns). Everything read from the source goes through markdown.ts.
 */
import { formatBytes, countOf, formatPercent, gfpAllowsBlocking, type CLayoutSource, type Outcome, type Profile } from '../../../../engine/src/index.js';
import type { AnalyzedSite } from '../../analysis/analyze-tree.js';
import type { ThresholdReport } from '../../analysis/report.js';
import type { Target } from '../detect-target.js';
import { code, escapeMarkdown, labelled, rows } from './markdown.js';
import type { LockMove } from './move-before-lock.js';
import { unknownSizeRows } from './unknown-size-text.js';

/** Kernel sources at a tagged version (Bootlin's Elixir keeps every release). */
export function kernelSourceUrl(file: string, version: string): string {
  return `https://elixir.bootlin.com/linux/v${version}/source/${file}`;
}

/** A C function's definition at a version: Elixir's identifier page lists it with its line. */
export function kernelIdentUrl(name: string, version: string): string {
  return `https://elixir.bootlin.com/linux/v${version}/A/ident/${encodeURIComponent(name)}`;
}

/** A chain frame online: a C function's definition (Elixir's identifier page), a Rust file at the version. */
export function frameUrl(frame: { readonly frame: string; readonly file: string }, version: string): string {
  return frame.file.endsWith('.c') || frame.file.endsWith('.h') ? kernelIdentUrl(frame.frame, version) : kernelSourceUrl(frame.file, version);
}

export interface SiteHoverOptions {
  /** A link that opens the simulate view on this site (VS Code's command link), or null. */
  readonly simulateLink: string | null;
  /** One line when the workspace's profiles disagree on this site, or null. */
  readonly profilesLine?: string | null;
  /** Where `bindings::X` sizes come from: a build's bindings or the bundled defconfig table. */
  readonly cLayouts?: CLayoutSource;
  /**
   * For a site that sleeps under a lock: whether the allocation can move above it (the quick fix
   * offers it) or why not. Editors that hide disabled code actions (VS Code's Quick Fix menu) show
   * the reason only here.
   */
  readonly lockMove?: LockMove | null;
}

function flagsText(site: AnalyzedSite): string {
  const r = site.report;
  if (!r.flags) return 'no flags';
  const mask = site.answer.gfpMask;
  if (mask === null) return `${code(r.flags)} (the caller's; shown for GFP_KERNEL)`;
  return `${code(r.flags)}${gfpAllowsBlocking(mask) ? ' (may sleep)' : ' (does not sleep)'}`;
}

function headline(site: AnalyzedSite): string {
  const r = site.report;
  const { callType, callMethod } = site.found;
  const call = callType && r.elementType ? `${callType}<${r.elementType}>::${callMethod}` : r.call;
  return `**${code(call)}** · ${r.allocator} · ${flagsText(site)}`;
}

/** The short form of a failure: its first clause ("6 MiB needs order 11 > MAX_PAGE_ORDER (10)"). */
function shortFailure(failure: string | null): string {
  if (!failure) return 'the request cannot be served';
  const cut = failure.indexOf(': ');
  return cut > 0 ? failure.slice(0, cut) : failure;
}

function landsRows(d: Outcome): string[] {
  switch (d.path) {
    case 'slab': {
      if (d.allocator === 'KVmalloc' && d.fallback) return kvmallocRows(d);
      if (d.allocator === 'kmem_cache') return kmemCacheRows(d);
      const waste = d.wasteBytes ? `waste ${d.wasteBytes} B (${formatPercent(d.wastePercent ?? 0)})` : 'no waste';
      const out = [labelled('lands', `${d.cache} (slab) · object ${d.objectSize} B · ${waste}`)];
      const geometry = d.slabOrder !== null && d.objectsPerSlab !== null ? `order ${d.slabOrder} (${formatBytes(d.slabBytes ?? 0)}), ${countOf(d.objectsPerSlab, 'object')} per slab` : null;
      const fill = d.fillCount !== null && d.request.count !== null && d.fillCount > d.request.count ? `capacity ${d.fillCount} uses the same object` : null;
      if (geometry || fill) out.push(labelled('slab', [geometry, fill].filter(Boolean).join(' · ')));
      return out;
    }
    case 'large':
      if (d.allocator === 'KVmalloc' && d.fallback) return kvmallocRows(d);
      return [labelled('lands', `page allocator · order ${d.order} (${formatBytes(d.objectSize ?? 0)}, ${countOf(d.pages ?? 0, 'page')})${d.costly ? ' · costly order' : ''}`)];
    case 'pages':
      return [labelled('lands', `page allocator · order ${d.order} (${formatBytes(d.objectSize ?? 0)}, ${countOf(d.pages ?? 0, 'page')})${d.costly ? ' · costly order' : ''}`)];
    case 'dma':
      return [
        labelled('lands', `DMA coherent · dma-direct assumed (no device known) · order ${d.order} (${countOf(d.pages ?? 0, 'contiguous page')})${d.costly ? ' · costly order' : ''}`),
        ...(d.dma
          ? d.dma.paths
              .filter((p) => p.path !== 'dma-direct')
              .slice(0, 2)
              .map((p) => labelled('or', `${p.path}: ${p.when}`))
          : []),
      ];
    case 'vmalloc': {
      const v = d.vmalloc!;
      const mapped = v.pages * d.profile.pageSize;
      const used = d.request.sizeBytes ?? 0;
      const small = used < mapped ? ` · ${formatBytes(used)} used of ${formatBytes(mapped)}` : '';
      return [labelled('lands', `vmalloc · ${countOf(v.pages, 'page')} + a guard page${small}${v.huge ? ` · huge mapping (${formatBytes(2 ** v.pageShift)})` : ''}`)];
    }
    case 'kvmalloc':
    case 'fail':
    case 'none':
      if (d.allocator === 'KVmalloc' && d.path !== 'none') return kvmallocRows(d);
      if (d.path === 'fail') return [labelled('lands', `fails: ${shortFailure(d.failure)}`)];
      return [
        labelled('lands', d.alsoAllocates.length > 0 ? `nothing for the ${formatBytes(d.request.sizeBytes ?? 0)} data itself` : `nothing is allocated (${formatBytes(d.request.sizeBytes ?? 0)})`),
      ];
  }
}

/** The call's other allocations (devres's action node): where each lands, whatever the data's size. */
function alsoRows(d: Outcome): string[] {
  // Engine text (the kernel's own struct names), not source text: nothing to escape.
  return d.alsoAllocates.map((a) => labelled('also', `${a.what}: ${a.sizeBytes !== null ? `${formatBytes(a.sizeBytes)} → ${a.lands ?? 'size unknown'}` : 'size unknown'} (${code(a.flags)})`));
}

/** A dedicated cache (kmem_cache_create): its own name, object size, geometry and sheaves. */
function kmemCacheRows(d: Outcome): string[] {
  const size = d.objectSize !== null ? ` · object ${d.objectSize} B` : ' · object size unknown';
  const out = [labelled('lands', `${d.cache ?? 'the given cache'} (dedicated slab cache)${size}`)];
  const geometry = d.slabOrder !== null && d.objectsPerSlab !== null ? `order ${d.slabOrder} (${formatBytes(d.slabBytes ?? 0)}), ${countOf(d.objectsPerSlab, 'object')} per slab` : null;
  const sheaves = d.kmemCache?.sheafCapacity ? `sheaves of ${d.kmemCache.sheafCapacity}` : null;
  if (geometry || sheaves) out.push(labelled('slab', [geometry, sheaves].filter(Boolean).join(' · ')));
  if (d.objects && d.objects.worstCase > 1) out.push(labelled('objects', `typically ${d.objects.typical}, at worst ${d.objects.worstCase} per call`));
  return out;
}

function attemptText(a: NonNullable<Outcome['attempt']>): string {
  return a.path === 'slab' ? (a.cache ?? 'a slab cache') : a.path === 'large' ? `order-${a.order} pages` : 'nothing';
}

/**
 * kvmalloc always tries kmalloc first (__kvmalloc_node_noprof, mm/slub.c v7.1.5:6826): above
 * PAGE_SIZE with kmalloc_gfp_adjust()'s fail-fast flags, so a request over KMALLOC_MAX_SIZE fails
 * the attempt at once and vmalloc serves it. kmalloc is skipped only when a KVVec's buffer is
 * already in vmalloc: kvrealloc_node_align_noprof() then calls vrealloc directly (:6950).
 */
function kvmallocRows(d: Outcome): string[] {
  const a = d.attempt;
  const fb = d.fallback;
  const mapping = (v: { huge: boolean; pageShift: number }) => (v.huge ? `huge mapping (${formatBytes(2 ** v.pageShift)})` : 'mapped page by page');
  if (d.path === 'fail') return [labelled('lands', `fails: ${shortFailure(d.failure)}`)];
  if (!a) return [];
  if (a.path === 'fail' && fb) {
    return [
      labelled('lands', `vmalloc · ${countOf(fb.pages, 'page')} + a guard page · ${mapping(fb)}`),
      labelled('kmalloc', `tried first with ${code(a.flags)}; fails at once (${formatBytes(d.request.sizeBytes ?? 0)} > KMALLOC_MAX_SIZE)`),
    ];
  }
  const first = labelled('lands', `kmalloc: ${attemptText(a)}${d.path === 'slab' && d.wasteBytes ? ` · waste ${d.wasteBytes} B (${formatPercent(d.wastePercent ?? 0)})` : ''}`);
  if (!fb) return [first];
  return [first, labelled('fallback', `vmalloc (${countOf(fb.pages, 'page')}, ${mapping(fb)}) if kmalloc fails; the attempt runs with ${code(a.flags)}`)];
}

/** At most three lines: the slab (first caches), the page allocator (and where it turns costly), the end. */
export function growthRows(site: AnalyzedSite, profile: Profile): string[] {
  const thresholds = site.report.outcome.thresholds ?? [];
  if (!thresholds.length) return [];
  const label = site.found.sizing === 'growth' ? 'growth' : 'count';
  const elements = (n: number) => countOf(n, 'element');
  const out: string[] = [];
  const vmallocOnly = thresholds.length === 1 && thresholds[0]!.path === 'vmalloc';
  if (vmallocOnly) {
    const e = site.size.element?.sizeBytes ?? 0;
    return [labelled(label, `vmalloc at any count${e > 0 ? `, ${countOf(Math.floor(profile.constants.PAGE_SIZE / e), 'element')} per page` : ''}`)];
  }
  const slab = thresholds.filter((t): t is ThresholdReport & { elements: number } => t.path === 'slab' && t.elements !== null);
  if (slab.length) {
    const caches = slab.map((t) => t.cache!);
    const shown = caches.length <= 3 ? caches.join(', ') : `${caches[0]}, ${caches[1]}, … ${caches.at(-1)}`;
    out.push(`slab up to ${elements(slab.at(-1)!.elements)}: ${shown}`);
  }
  const large = thresholds.filter((t) => t.path === 'large');
  if (large.length) {
    const from = (t: ThresholdReport) => {
      const i = thresholds.indexOf(t);
      return i > 0 ? (thresholds[i - 1]!.elements ?? 0) + 1 : 1;
    };
    const costly = large.find((t) => t.costly);
    const kv = site.report.allocator === 'KVmalloc' ? '; vmalloc if kmalloc fails' : '';
    out.push(`pages from ${elements(from(large[0]!))} (order ${large[0]!.order})${costly ? `, costly from ${from(costly)} (order ${costly.order})` : ''}${kv}`);
  }
  const last = thresholds.at(-1)!;
  if (last.path === 'fail' && last.elements !== null) {
    out.push(`fails from ${elements(last.elements)} (over KMALLOC_MAX_SIZE, ${formatBytes(profile.constants.KMALLOC_MAX_SIZE)})`);
  } else if (last.path === 'vmalloc') {
    const before = thresholds.at(-2)?.elements;
    out.push(`vmalloc from ${before ? elements(before + 1) : 'any count'} (kmalloc tries and fails at once)`);
  }
  // The first row carries the label; the others continue it.
  return out.map((line, i) => (i === 0 ? labelled(label, line) : line));
}

/** The frames a stack trace reader looks for: the call, its first step, the C helper, the C entry. */
export function keyFrames<F extends { frame: string }>(chain: readonly F[]): (F | null)[] {
  if (chain.length <= 5) return [...chain];
  const helper = chain.findIndex((f) => f.frame.startsWith('rust_helper_'));
  if (helper < 0) return [chain[0]!, chain[1]!, null, chain.at(-1)!];
  const entry = chain.findIndex((f, i) => i > helper && f.frame.endsWith('_noprof'));
  const picked = [0, 1, helper, entry > helper ? entry : helper + 1].filter((i, k, all) => i < chain.length && all.indexOf(i) === k);
  const out: (F | null)[] = [];
  // An ellipsis for the Rust frames skipped; the helper's macro wrapper (alloc_hooks) is left out silently.
  picked.forEach((i, k) => {
    if (k > 0 && i > picked[k - 1]! + 1 && chain[i] !== chain[entry]) out.push(null);
    out.push(chain[i]!);
  });
  return out;
}

function leafText(site: AnalyzedSite): string | null {
  const d = site.answer.detail;
  if (!d) return null;
  switch (d.path) {
    case 'slab':
      return d.cache;
    case 'large':
    case 'pages':
    case 'dma':
      return `order-${d.order} pages`;
    case 'vmalloc':
    case 'kvmalloc':
      return 'vmalloc';
    case 'fail':
      return 'fails';
    case 'none':
      return null;
  }
}

function chainRow(site: AnalyzedSite, version: string): string | null {
  const chain = site.answer.chain;
  if (!chain.length) return null;
  const frames = keyFrames(chain).map((f) => {
    if (!f) return '…';
    return `[${code(f.frame)}](${frameUrl(f, version)})`;
  });
  const leaf = leafText(site);
  return labelled('chain', [...frames, ...(leaf ? [leaf] : [])].join(' → '));
}

function targetRow(target: Target, simulateLink: string | null, cLayouts: CLayoutSource | undefined): string {
  const p = target.profile;
  const c = cLayouts ? ` · C types ${code(`${cLayouts.id.replace(/^(build|bundled):/, '$1: ')}${cLayouts.note ? ` (${cLayouts.note})` : ''}`)}` : '';
  const text = `${p.name} · ${formatBytes(p.constants.PAGE_SIZE)} pages · ${countOf(p.nrCpus, 'CPU')} · kernel ${target.kernelText}${c}`;
  return simulateLink ? `${text} · [Simulate](${simulateLink} "full chain, notes and the allocator state")` : text;
}

/** Notes of the analysis that the rows above do not already say (an older API's era, an unknown receiver). */
function analysisNotes(site: AnalyzedSite): string[] {
  const engineNotes = new Set(site.answer.detail?.notes ?? []);
  return site.answer.notes.filter((n) => !engineNotes.has(n) && !n.includes('come from the caller')).map((n) => `*${escapeMarkdown(n)}*`);
}

/** The whole hover for one site. */
export function siteHover(site: AnalyzedSite, target: Target, options: SiteHoverOptions): string {
  const r = site.report;
  const d = site.answer.detail;
  const lines = [headline(site)];
  if (d && r.size.bytes !== null) lines.push(labelled('size', code(r.size.expr)));
  else if (d && d.request.sizeBytes !== null) lines.push(labelled('size', code(d.request.formula)));
  else lines.push(...unknownSizeRows(site, target.profile));
  if (r.size.upperBound) lines.push(labelled('at most', code(r.size.upperBound.expr)));
  if (d) lines.push(...landsRows(d), ...alsoRows(d));
  lines.push(...growthRows(site, target.profile));
  if (options.profilesLine) lines.push(labelled('profiles', options.profilesLine));
  const move = options.lockMove;
  if (move) lines.push(labelled('lock', move.ok ? `the Quick Fix allocates before it (above line ${move.guardLine})` : move.markdown));
  const chain = chainRow(site, target.kernelText);
  if (chain) lines.push(chain);
  lines.push(...analysisNotes(site));
  lines.push(targetRow(target, options.simulateLink, options.cLayouts));
  return rows(lines);
}
