/**
 * The hover rows of a site whose size the analysis cannot fix. Rust does fix it; what is missing
 * is what we can see from here. So: say which term is missing, what would settle it (a type
 * annotation, a kernel build directory for C types, the type-sizes file), and show what is known
 * anyway (the allocator's path; for `with_capacity(3, ..)` the largest element the slab takes).
 */
import { formatBytes, type Profile } from '../../../../engine/src/index.js';
import type { AnalyzedSite } from '../../analysis/analyze-tree.js';
import { code, escapeMarkdown, labelled } from './markdown.js';

const TYPE_SIZES = `an entry in ${code('kallocLens.typeSizesFile')}`;

/** What the allocator does at any size, in one line: known without the size. */
function allocatorPath(site: AnalyzedSite, profile: Profile): string | null {
  const c = profile.constants;
  switch (site.report.allocator) {
    case 'Vmalloc':
      return 'vmalloc whatever the size: whole pages and a guard page';
    case 'Kmalloc':
      return `kmalloc: slab up to ${formatBytes(c.KMALLOC_MAX_CACHE_SIZE)}, pages up to ${formatBytes(c.KMALLOC_MAX_SIZE)}, fails above`;
    case 'KVmalloc':
      return `kvmalloc: kmalloc first (slab up to ${formatBytes(c.KMALLOC_MAX_CACHE_SIZE)}); above a page, vmalloc if kmalloc fails`;
    case 'kmem_cache':
      return 'a dedicated slab cache: its object size is fixed when the cache is created';
    case 'page_alloc':
      return 'the page allocator: a block of 2^order whole pages';
    case 'dma':
      return 'DMA coherent memory: physically contiguous whole pages (dma-direct)';
    case 'unknown':
      return null;
  }
}

/** A known count and an unknown element: the largest element that still lands in the slab. */
function elementBound(site: AnalyzedSite, profile: Profile): string | null {
  const count = site.size.count;
  if (count === null || count < 1 || site.report.allocator === 'Vmalloc' || site.report.allocator === 'unknown') return null;
  const c = profile.constants;
  // Layout::array::<T>(n) is n × size_of::<T>() (a size is a multiple of its align): no padding.
  const slabMax = Math.floor(c.KMALLOC_MAX_CACHE_SIZE / count);
  return `any element up to ${slabMax} B stays in the slab (${count} × ${slabMax} B ≤ ${formatBytes(c.KMALLOC_MAX_CACHE_SIZE)})`;
}

function whose(site: AnalyzedSite): string {
  return site.found.receiver ? ` of ${code(site.found.receiver)}` : '';
}

export function unknownSizeRows(site: AnalyzedSite, profile: Profile): string[] {
  const { found, size } = site;
  if (site.report.allocator === 'unknown') {
    return [
      labelled('size', `unknown: the type${whose(site)} is not visible here, so neither is the allocator (Kmalloc, Vmalloc or KVmalloc)`),
      labelled('settle', 'a type annotation where the value is bound'),
    ];
  }
  const known = allocatorPath(site, profile);
  const elementWritten = found.elementType !== null;
  if (!size.element && (found.sizing === 'growth' || found.sizing === 'array' || found.sizing === 'element' || found.sizing === 'arc-inner')) {
    const missing = elementWritten
      ? `the size of ${code(size.unknownTerm ?? '?')} is not known here`
      : found.sizing === 'growth' || found.sizing === 'array'
        ? `the element type${whose(site)} is not written here`
        : 'the type is not written at the call';
    const settle = elementWritten ? `the kernel build directory (C layouts from bindgen), or ${TYPE_SIZES}` : `a type annotation (${code('let v: KVec<T> = ..')}), or ${TYPE_SIZES}`;
    const bound = elementBound(site, profile);
    return [labelled('size', `unknown: ${missing}`), labelled('settle', settle), ...(bound ? [labelled('known', bound)] : known ? [labelled('known', known)] : [])];
  }
  switch (found.sizing) {
    case 'growth':
      return [labelled('size', `set at run time: grows to max(2 × capacity, len + additional) × ${size.element!.sizeBytes} B`)];
    case 'array': {
      const countText = found.count?.text ?? 'n';
      const why = size.unknownTerm && size.unknownTerm !== countText ? `${code(size.unknownTerm)} is not a constant here` : 'the count is not a constant here';
      return [labelled('size', `unknown: ${code(countText)} × ${size.element!.sizeBytes} B; ${why}`)];
    }
    default:
      return [labelled('size', `unknown: ${escapeMarkdown(size.expr)}`), ...(known ? [labelled('known', known)] : [])];
  }
}
