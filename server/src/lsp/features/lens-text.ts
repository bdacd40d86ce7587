/**
 * The code lens title above a site: the outcome at a glance, in the words a kernel developer
 * scans for (`kmalloc-4k · 1696 B waste (41%)`, `order-2 pages · 16 KiB`, `fails: 8 MiB >
 * KMALLOC_MAX_SIZE`). A site whose size is set at run time shows its growth summary (`slab to
 * 1024 el.`); one whose size cannot be seen shows no title at all (the hover says why), so that
 * a file full of pushes is not a column of "size unknown".
 */
import { formatBytes, countOf, formatPercent } from '../../../../engine/src/index.js';
import type { AnalyzedSite } from '../../analysis/analyze-tree.js';

export function lensTitle(site: AnalyzedSite): string | null {
  const d = site.answer.detail;
  const r = site.report;
  if (!d) {
    if (r.allocator === 'unknown') return null;
    const over = site.verdict.canPassKmallocMax;
    if (over) return `can fail: up to ${formatBytes(over.bound)} > KMALLOC_MAX_SIZE`;
    const thresholds = r.outcome.thresholds ?? [];
    if (thresholds.length === 1 && thresholds[0]!.path === 'vmalloc') return 'vmalloc at any size';
    const slab = thresholds.filter((t) => t.path === 'slab').at(-1);
    if (!slab?.elements) return null;
    return `slab to ${slab.elements} el.${r.allocator === 'KVmalloc' ? ', then kvmalloc' : ''}`;
  }
  // KVmalloc served by kmalloc: the fallback is part of the answer.
  if (d.allocator === 'KVmalloc' && d.fallback && (d.path === 'slab' || d.path === 'large')) {
    const first = d.path === 'slab' ? d.cache : `order-${d.order} pages`;
    return `kvmalloc: ${first}, else vmalloc · ${countOf(d.fallback.pages, 'page')}`;
  }
  switch (d.path) {
    case 'slab':
      if (d.allocator === 'kmem_cache')
        return `${d.cache ?? 'kmem_cache'}${d.objectSize !== null ? ` · ${d.objectSize} B objects` : ''}${d.objects && d.objects.worstCase > 1 ? ` · up to ${d.objects.worstCase} per call` : ''}`;
      return d.wasteBytes ? `${d.cache} · ${d.wasteBytes} B waste (${formatPercent(d.wastePercent ?? 0)})` : `${d.cache} · no waste`;
    case 'pages':
      return `order-${d.order} pages · ${formatBytes(d.objectSize ?? 0)}${d.costly ? ' · costly' : ''}`;
    case 'dma':
      return `DMA: order-${d.order} pages (dma-direct)${d.costly ? ' · costly' : ''}`;
    case 'large':
      return `order-${d.order} pages · ${formatBytes(d.objectSize ?? 0)}${d.costly ? ' · costly' : ''}`;
    case 'vmalloc':
      return `vmalloc · ${countOf(d.vmalloc?.pages ?? 0, 'page')} + guard`;
    case 'kvmalloc': {
      const a = d.attempt;
      const first = a?.path === 'slab' ? a.cache : a?.path === 'large' ? `order-${a.order} pages` : null;
      const fallback = d.fallback ? `vmalloc · ${countOf(d.fallback.pages, 'page')}` : null;
      if (first && fallback) return `kvmalloc: ${first}, else ${fallback}`;
      return `kvmalloc: ${first ?? fallback ?? 'nothing'}`;
    }
    case 'fail':
      return site.verdict.overKmallocMax?.bytes ? `fails: ${formatBytes(site.verdict.overKmallocMax.bytes)} > KMALLOC_MAX_SIZE` : `fails: ${d.failure ?? 'cannot be served'}`;
    case 'none': {
      const also = d.alsoAllocates.filter((a) => a.lands !== null).map((a) => a.lands);
      return also.length > 0 ? `data 0 B · also ${also.join(', ')}` : 'allocates nothing';
    }
  }
}

/** The method name of a call (`KVec::reserve` → `reserve`; a macro whole), to tell grouped sites apart. */
function shortCall(site: AnalyzedSite): string {
  return site.found.callType === null ? site.found.call : site.found.callMethod;
}

/**
 * One lens line per source line: sites that start on the same line (`v.reserve(..)?;
 * v.extend_from_slice(..)?;`) share a title, each part named by its method, and one Simulate
 * for the first site.
 */
export function groupedTitles(sites: readonly AnalyzedSite[]): { site: AnalyzedSite; title: string | null }[] {
  const byLine = new Map<number, AnalyzedSite[]>();
  for (const site of sites) {
    const line = site.found.range.startRow;
    byLine.set(line, [...(byLine.get(line) ?? []), site]);
  }
  return [...byLine.values()].map((group) => {
    if (group.length === 1) return { site: group[0]!, title: lensTitle(group[0]!) };
    const parts = group.map((s) => ({ name: shortCall(s), title: lensTitle(s) }));
    const titled = parts.filter((p) => p.title !== null);
    const same = titled.length > 0 && titled.every((p) => p.title === titled[0]!.title) && titled.length === parts.length;
    const title = same ? `${parts.map((p) => p.name).join(', ')}: ${titled[0]!.title}` : titled.map((p) => `${p.name}: ${p.title}`).join(' · ') || null;
    return { site: group[0]!, title };
  });
}
