/**
 * explain()'s Outcome as text a kernel developer reads at a glance: the answer first
 * (where it lands), then the evidence (size formula, slab geometry, chain), then notes.
 */
import { type Outcome, formatBytes, countOf, formatPercent } from '../../../engine/src/index.js';

const LABEL_WIDTH = 9;

function line(label: string, text: string): string {
  return `${label.padEnd(LABEL_WIDTH)}${text}`;
}

function lands(o: Outcome): string {
  switch (o.path) {
    case 'slab':
      if (o.allocator === 'kmem_cache') {
        return o.objectSize === null
          ? `${o.cache ?? 'the given kmem_cache'} (dedicated slab cache) · object size unknown`
          : `${o.cache} (dedicated slab cache) · object ${o.objectSize} B · s->size ${o.kmemCache?.slabSize ?? o.objectSize} B`;
      }
      return `${o.cache} (slab) · object ${o.objectSize} B · waste ${o.wasteBytes} B (${formatPercent(o.wastePercent ?? 0)})`;
    case 'pages':
      return `page allocator, order ${o.order} (${formatBytes(o.objectSize!)}, ${o.pages} page${o.pages === 1 ? '' : 's'})${o.costly ? ' · costly order' : ''}`;
    case 'dma':
      return `DMA coherent, dma-direct assumed (no device): order ${o.order} (${o.pages} contiguous pages)${o.costly ? ' · costly order' : ''} · waste ${formatBytes(o.wasteBytes ?? 0)}`;
    case 'large':
      return `page allocator, order ${o.order} (${formatBytes(o.objectSize!)}, ${countOf(o.pages ?? 0, 'page')})${o.costly ? ' · costly order' : ''} · waste ${formatBytes(o.wasteBytes!)}`;
    case 'vmalloc':
      return `vmalloc · ${countOf(o.vmalloc!.pages, 'page')} + guard page · area ${formatBytes(o.vmalloc!.areaBytes)} · waste ${formatBytes(o.vmalloc!.wasteBytes)}`;
    case 'kvmalloc':
      return `vmalloc (kvmalloc fallback) · ${o.vmalloc!.pages} pages${o.vmalloc!.huge ? ` in ${formatBytes(2 ** o.vmalloc!.pageShift)} mappings` : ''} + guard page`;
    case 'fail':
      return `fails: ${o.failure}`;
    case 'none':
      return 'nothing is allocated';
  }
}

export function formatOutcome(o: Outcome, extraNotes: readonly string[] = []): string {
  const out: string[] = [];
  const sleep = o.flags.maySleep ? ' (may sleep)' : '';
  out.push(`${o.api}  ·  ${o.allocator}  ·  ${o.flags.text}${sleep}`);
  const size = o.request.sizeBytes !== null && o.request.sizeBytes !== o.request.layoutBytes ? `${o.request.formula} → ${o.request.sizeBytes} B requested` : o.request.formula;
  out.push(line('size', size));
  if (o.attempt) out.push(line('attempt', `kmalloc first: ${o.attempt.cache ?? (o.attempt.order !== null ? `order ${o.attempt.order}` : o.attempt.path)} · flags ${o.attempt.flags}`));
  out.push(line('lands', lands(o)));
  if (o.path === 'slab' && o.slabOrder !== null) {
    const sheaves = o.kmemCache?.sheafCapacity ? ` · sheaves of ${o.kmemCache.sheafCapacity}` : '';
    out.push(line('slab', `order ${o.slabOrder} (${formatBytes(o.slabBytes!)}), ${o.objectsPerSlab} objects per slab · aligned to ${o.alignGuaranteeBytes} B${sheaves}`));
  }
  if (o.objects && o.objects.worstCase !== 1) out.push(line('objects', `typically ${o.objects.typical}, at worst ${o.objects.worstCase} per call`));
  for (const p of o.dma?.paths ?? []) out.push(line(p.path === 'dma-direct' ? 'dma' : '', `${p.path}: when ${p.when} → ${p.gets}`));
  for (const a of o.alsoAllocates) out.push(line('also', `${a.what}: ${a.sizeBytes !== null ? `${a.sizeBytes} B → ${a.lands}` : 'size unknown'} (${a.flags}) · ${a.formula}`));
  if (o.fallback && o.fallback.when === 'if-kmalloc-fails') {
    out.push(line('fallback', `vmalloc, ${o.fallback.pages} pages, if kmalloc fails under fragmentation`));
  }
  if (o.fillCount !== null && o.request.count !== null && o.request.elementBytes && o.fillCount > o.request.count) {
    out.push(line('tip', `capacity ${o.fillCount} uses the same object (${o.fillCount * o.request.elementBytes} B)`));
  }
  if (o.chain.length > 0) {
    out.push(line('chain', o.chain[0]!.frame));
    for (const frame of o.chain.slice(1)) out.push(line('', `→ ${frame.frame}  (${frame.file})`));
  }
  out.push(line('profile', `${o.profile.name} · ${formatBytes(o.profile.pageSize)} pages · ${o.profile.nrCpus} CPUs · kernel ${o.kernel.version} (${o.kernel.era})`));
  for (const note of [...o.notes, ...extraNotes]) out.push(line('note', note));
  return out.join('\n');
}
