/**
 * The code lens title above a site: the outcome at a glance, in the words a kernel developer
 * scans for (`kmalloc-4k · 1696 B waste (41%)`, `order-2 pages · 16 KiB`, `fails: 8 MiB >
 * KMALLOC_MAX_SIZE`).
 */
import { formatBytes } from '../../../../engine/src/format-bytes.js';
import type { AnalyzedSite } from '../../analysis/analyze-tree.js';

export function lensTitle(site: AnalyzedSite): string {
  const d = site.answer.detail;
  const r = site.report;
  if (!d) {
    if (r.allocator === 'unknown') return 'allocator unknown here';
    const over = site.verdict.canPassKmallocMax;
    if (over) return `can fail: up to ${formatBytes(over.bound)} > KMALLOC_MAX_SIZE`;
    const slab = r.outcome.thresholds?.filter((t) => t.path === 'slab').at(-1);
    return slab?.elements ? `size unknown · slab up to ${slab.elements} elements` : 'size unknown';
  }
  switch (d.path) {
    case 'slab':
      if (d.allocator === 'kmem_cache') return `${d.cache ?? 'kmem_cache'}${d.objectSize !== null ? ` · ${d.objectSize} B objects` : ''}${d.objects && d.objects.worstCase > 1 ? ` · up to ${d.objects.worstCase} per call` : ''}`;
      return d.wasteBytes ? `${d.cache} · ${d.wasteBytes} B waste (${d.wastePercent}%)` : `${d.cache} · no waste`;
    case 'pages':
      return `order-${d.order} pages · ${formatBytes(d.objectSize ?? 0)}${d.costly ? ' · costly' : ''}`;
    case 'dma':
      return `DMA: order-${d.order} pages (dma-direct)${d.costly ? ' · costly' : ''}`;
    case 'large':
      return `order-${d.order} pages · ${formatBytes(d.objectSize ?? 0)}${d.costly ? ' · costly' : ''}`;
    case 'vmalloc':
      return `vmalloc · ${d.vmalloc?.pages} pages + guard`;
    case 'kvmalloc': {
      const a = d.attempt;
      const first = a?.path === 'slab' ? a.cache : a?.path === 'large' ? `order-${a.order} pages` : null;
      const fallback = d.fallback ? `vmalloc · ${d.fallback.pages} pages` : null;
      if (first && fallback) return `kvmalloc: ${first}, else ${fallback}`;
      return `kvmalloc: ${first ?? fallback ?? 'nothing'}`;
    }
    case 'fail':
      return site.verdict.overKmallocMax?.bytes ? `fails: ${formatBytes(site.verdict.overKmallocMax.bytes)} > KMALLOC_MAX_SIZE` : `fails: ${d.failure ?? 'cannot be served'}`;
    case 'none':
      return 'allocates nothing';
  }
}
