/**
 * The hover on an allocation site, in Markdown: the answer first (where it lands), the evidence
 * after (size formula, slab geometry, growth thresholds, the call chain), in the kernel's words.
 * The aligned block is monospace so it reads the same in every editor; kernel files are linked
 * below it at the modelled version.
 */
import { formatBytes } from '../../../../engine/src/format-bytes.js';
import { gfpAllowsBlocking } from '../../../../engine/src/gfp.js';
import type { CLayoutSource } from '../../../../engine/src/c-layout.js';
import type { AnalyzedSite } from '../../analysis/analyze-tree.js';
import type { ThresholdReport } from '../../analysis/report.js';
import type { Target } from '../detect-target.js';

/** Kernel sources at a tagged version (Bootlin's Elixir keeps every release). */
export function kernelSourceUrl(file: string, version: string): string {
  return `https://elixir.bootlin.com/linux/v${version}/source/${file}`;
}

function row(label: string, text: string): string {
  return `${label.padEnd(8)} ${text}`;
}

function landsRows(site: AnalyzedSite): string[] {
  const d = site.answer.detail;
  const o = site.report.outcome;
  if (!d) {
    if (o.path !== 'unknown') return [row('lands', o.path)];
    return [row('lands', site.report.allocator === 'unknown' ? 'unknown: the allocator is not visible here' : 'depends on the size, which the source does not fix')];
  }
  switch (d.path) {
    case 'slab': {
      const waste = d.wasteBytes ? ` · waste ${d.wasteBytes} B (${d.wastePercent}%)` : ' · no waste';
      const kind = d.kmemCache ? 'dedicated slab cache' : d.allocator === 'kmem_cache' ? 'dedicated slab cache, object size unknown' : 'slab';
      const rows = [row('lands', `${d.cache ?? 'the given cache'} (${kind})${d.objectSize !== null ? ` · object ${d.objectSize} B${waste}` : ''}`)];
      if (d.slabOrder !== null && d.objectsPerSlab !== null) rows.push(row('slab', `order ${d.slabOrder} (${formatBytes(d.slabBytes ?? 0)}), ${d.objectsPerSlab} objects per slab${d.kmemCache?.sheafCapacity ? ` · sheaves of ${d.kmemCache.sheafCapacity}` : ''}`));
      if (d.objects && d.objects.worstCase > 1) rows.push(row('objects', `typically ${d.objects.typical}, at worst ${d.objects.worstCase} per call`));
      if (d.fillCount !== null && d.request.count !== null && d.fillCount > d.request.count) {
        rows.push(row('tip', `capacity ${d.fillCount} uses the same object (${d.fillCount * (d.request.elementBytes ?? 0)} B)`));
      }
      return rows;
    }
    case 'large':
      return [row('lands', `page allocator (kmalloc large path) · order ${d.order} · ${d.pages} pages (${formatBytes(d.objectSize ?? 0)})${d.costly ? ` · costly (> PAGE_ALLOC_COSTLY_ORDER)` : ''}`)];
    case 'vmalloc':
      return [row('lands', `vmalloc · ${d.vmalloc?.pages} pages + guard page${d.vmalloc?.huge ? ` · huge mapping (${formatBytes(2 ** d.vmalloc.pageShift)} granules)` : ''}`)];
    case 'kvmalloc': {
      const a = d.attempt;
      const first = a ? (a.path === 'slab' ? `kmalloc tries ${a.cache}` : a.path === 'large' ? `kmalloc tries order ${a.order}` : 'kmalloc is not tried') : '';
      const fb = d.fallback ? `falls back to vmalloc (${d.fallback.pages} pages) ${d.fallback.when === 'always' ? 'always' : 'if kmalloc fails'}` : '';
      return [row('lands', [first, fb].filter(Boolean).join(' · ')), ...(a ? [row('attempt', `flags ${a.flags}`)] : [])];
    }
    case 'pages':
      return [row('lands', `page allocator · order ${d.order} · ${d.pages} page${d.pages === 1 ? '' : 's'} (${formatBytes(d.objectSize ?? 0)})${d.costly ? ' · costly (> PAGE_ALLOC_COSTLY_ORDER)' : ''}`)];
    case 'dma':
      return [
        row('lands', `DMA coherent · dma-direct assumed (no device known) · order ${d.order} · ${d.pages} contiguous page${d.pages === 1 ? '' : 's'}${d.costly ? ' · costly' : ''}`),
        ...(d.dma ? d.dma.paths.filter((p) => p.path !== 'dma-direct').map((p, i) => row(i === 0 ? 'or' : '', `${p.path}: ${p.when}`)) : []),
      ];
    case 'fail':
      return [row('lands', `fails: ${d.failure ?? 'the request cannot be served'}`)];
    case 'none':
      return [row('lands', d.request.sizeBytes !== null ? `nothing is allocated (${formatBytes(d.request.sizeBytes)})` : 'nothing is allocated')];
  }
}

function thresholdText(t: ThresholdReport, unit: string): string {
  const upTo = t.elements === null ? 'any count' : `≤ ${t.elements} ${unit}`;
  switch (t.path) {
    case 'slab':
      return `${upTo}: ${t.cache}`;
    case 'large':
      return `${upTo}: page allocator, order ${t.order}`;
    case 'vmalloc':
      return `${upTo}: vmalloc`;
    case 'fail':
      return `from ${t.elements} ${unit}: fails`;
  }
}

function growthRows(site: AnalyzedSite): string[] {
  const thresholds = site.report.outcome.thresholds;
  if (!thresholds?.length) return [];
  const lines = thresholds.map((t) => thresholdText(t, 'elements'));
  return lines.map((line, i) => row(i === 0 ? (site.found.sizing === 'growth' ? 'growth' : 'count') : '', line));
}

const CHAIN_WIDTH = 96;

/** The chain on as many lines as it needs, each continuation starting with the arrow. */
function wrapChain(frames: readonly string[]): string[] {
  const out: string[] = [];
  let line = '';
  for (const frame of frames) {
    const piece = line === '' ? (out.length ? `→ ${frame}` : frame) : ` → ${frame}`;
    if (line !== '' && line.length + piece.length > CHAIN_WIDTH) {
      out.push(line);
      line = `→ ${frame}`;
    } else line += piece;
  }
  if (line) out.push(line);
  return out.map((l, i) => row(i === 0 ? 'chain' : '', l));
}

function profileRow(target: Target): string {
  const p = target.profile;
  const from = target.sources.length ? ` (${target.sources.join(', ')})` : '';
  return row('profile', `${p.name} · ${formatBytes(p.constants.PAGE_SIZE)} pages · ${p.nrCpus} CPUs · kernel ${target.kernelText}${from}`);
}

/** Where `bindings::X` sizes came from: a build's bindings or the bundled defconfig table. */
function cLayoutsRow(cLayouts: CLayoutSource): string {
  return row('C types', `${cLayouts.id.replace(/^(build|bundled):/, '$1: ')}${cLayouts.note ? ` (${cLayouts.note})` : ''}`);
}

/** The whole hover for one site. */
export function siteHover(site: AnalyzedSite, target: Target, cLayouts: CLayoutSource): string {
  const r = site.report;
  const element = r.elementType ? `<${r.elementType}>` : '';
  const [type, method] = r.call.includes('::') ? [r.call.slice(0, r.call.indexOf('::')), r.call.slice(r.call.indexOf('::'))] : [r.call, ''];
  const mask = site.answer.gfpMask;
  const flags = r.flags ? `${r.flags}${mask === null ? ' (from the caller)' : gfpAllowsBlocking(mask) ? ' (may sleep)' : ''}` : 'no flags';
  const lines = [`${type}${element}${method}  ·  ${r.allocator}  ·  ${flags}`];
  const size = r.size.bytes !== null ? r.size.expr : `unknown: ${r.size.expr}`;
  lines.push(row('size', size));
  if (r.size.upperBound) lines.push(row('at most', r.size.upperBound.expr));
  lines.push(...landsRows(site), ...growthRows(site));
  if (r.chain.length) lines.push(...wrapChain(r.chain.map((f) => f.frame)));
  lines.push(profileRow(target), cLayoutsRow(cLayouts));
  const notes = r.notes.map((n) => `- ${n}`);
  const files = [...new Set(r.chain.map((f) => f.file))].map((f) => `[${f}](${kernelSourceUrl(f, target.kernelText)})`);
  return ['```text', ...lines, '```', ...(notes.length ? ['', ...notes] : []), ...(files.length ? ['', `Sources: ${files.join(' · ')}`] : [])].join('\n');
}
