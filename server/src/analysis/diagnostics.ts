/**
 * Diagnostics from a site's verdict (site-verdict.ts). Each has a stable code (described once in
 * diagnostic-codes.ts, and in the README "Diagnostics"), says what happens in the kernel and what
 * to do. Thresholds and severities come from settings.
 */
import { CONTAINERS, vmallocTwins, formatPercent, formatBytes, type Profile } from '../../../engine/src/index.js';
import { DEFAULT_SEVERITY } from './diagnostic-codes.js';
import type { FoundSite, SiteApi } from './found-site.js';
import type { DiagnosticCode, DiagnosticReport, Severity } from './report.js';
import type { SiteSize } from './site-size.js';
import type { SiteVerdict } from './site-verdict.js';

export interface DiagnosticSettings {
  /** slab-waste: at least this share of the object wasted… */
  readonly wasteMinPercent: number;
  /** …and at least this many bytes. */
  readonly wasteMinBytes: number;
  /** Per-code severity, or 'off'. */
  readonly severity: Readonly<Record<DiagnosticCode, Severity | 'off'>>;
}

export const DEFAULT_DIAGNOSTIC_SETTINGS: DiagnosticSettings = {
  wasteMinPercent: 25,
  wasteMinBytes: 128,
  severity: DEFAULT_SEVERITY,
};

/** The alias that keeps the call's shape but lets kvmalloc fall back to vmalloc (the registry's twins). */
function kvAlternative(api: SiteApi): string {
  if (api.kind === 'kernel') {
    const { input, target } = api.row;
    // read_all(&mut self, buf: &mut Vec<u8, A>): the caller's vector picks the allocator.
    if (target.kind === 'rust-allocation' && target.allocator === 'generic') return 'a KVVec buffer (kvmalloc falls back to vmalloc)';
    if (input.kind === 'bits') return 'fewer bits, or a bitmap split into smaller pieces';
  }
  const [kv, v] = vmallocTwins(api.kind === 'rust' ? (api.row.type ?? '') : '');
  if (kv && v) return `${kv} (kvmalloc falls back to vmalloc) or ${v}`;
  const all = (allocator: string) =>
    CONTAINERS.filter((c) => c.allocator === allocator && (c.family === 'vec' || c.family === 'box'))
      .map((c) => c.name)
      .join('/');
  return `a KVmalloc-backed ${all('KVmalloc')}, or ${all('Vmalloc')}`;
}

export function diagnose(file: string, site: FoundSite, size: SiteSize, verdict: SiteVerdict, profile: Profile, settings: DiagnosticSettings): DiagnosticReport[] {
  const out: DiagnosticReport[] = [];
  const add = (code: DiagnosticCode, message: string): void => {
    const severity = settings.severity[code];
    if (severity !== 'off') out.push({ file, line: site.line, column: site.column, severity, code, message });
  };
  const what = size.bytes !== null ? formatBytes(size.bytes) : 'this request';
  const v = verdict;
  if (v.overKmallocMax) {
    add(
      'kmalloc-oversized',
      `${site.call} asks kmalloc for ${what}, over KMALLOC_MAX_SIZE (${formatBytes(v.overKmallocMax.limit)} on ${profile.name}): the page allocator refuses order ${v.overKmallocMax.order} and this always fails with AllocError. Use ${kvAlternative(site.api)}.`,
    );
  }
  if (v.canPassKmallocMax) {
    add(
      'kmalloc-oversized',
      `${site.call} can ask kmalloc for more than KMALLOC_MAX_SIZE (${formatBytes(v.canPassKmallocMax.limit)} on ${profile.name}): ${v.canPassKmallocMax.expr}. A request above it always fails with AllocError. Keep the count at most ${v.canPassKmallocMax.maxCount}, or use ${kvAlternative(site.api)}.`,
    );
  }
  if (v.apiNotInKernel) add('api-not-in-kernel', v.apiNotInKernel);
  if (v.costlyOrder) {
    add(
      'kmalloc-costly-order',
      `${site.call} needs ${what} as one order-${v.costlyOrder.order} block (${formatBytes(v.costlyOrder.blockBytes)}) from the page allocator; above PAGE_ALLOC_COSTLY_ORDER (${v.costlyOrder.limit}) it is not retried hard and fails when memory is fragmented. Use ${kvAlternative(site.api)} if it need not be physically contiguous.`,
    );
  }
  const waste = v.slabWaste;
  if (waste && waste.percent >= settings.wasteMinPercent && waste.bytes >= settings.wasteMinBytes) {
    const fill = waste.fillCount;
    const tip = fill && size.count !== null && fill > size.count ? `; a capacity of ${fill} uses the same object` : '';
    add('slab-waste', `${site.call} requests ${what} and lands in ${waste.cache} (${waste.objectSize} B objects): ${waste.bytes} B (${formatPercent(waste.percent)}) of every object is wasted${tip}.`);
  }
  if (v.vmallocBelowPage) {
    add(
      'vmalloc-small',
      `${site.call} maps a whole ${formatBytes(v.vmallocBelowPage.pageSize)} page (plus a guard page of address space) for ${what}; kmalloc (KBox/KVec) serves small objects from a slab without page-table work.`,
    );
  }
  if (v.dmaLargeCoherent) {
    const d = v.dmaLargeCoherent;
    add(
      'dma-large-coherent',
      `${site.call} asks for ${what} of coherent DMA memory: with dma-direct (no IOMMU) that is one physically contiguous order-${d.order} block (${formatBytes(d.blockBytes)}); above PAGE_ALLOC_COSTLY_ORDER (${d.limit}) it may fail once memory is fragmented, or need a CMA area. If the device can scatter-gather, map smaller pieces (SGTable).`,
    );
  }
  if (v.sleepsWhileAtomic) {
    const g = v.sleepsWhileAtomic;
    const holder = g.kind === 'rcu' ? `the RCU read-side guard \`${g.text}\` (line ${g.line})` : `the SpinLock guard \`${g.text}\` (taken at line ${g.line})`;
    add(
      'sleep-in-atomic',
      `${site.flags} may sleep, but ${holder} is held here: sleeping in atomic context ("BUG: sleeping function called from invalid context"). Allocate before taking the lock, or drop the guard first; GFP_ATOMIC avoids the sleep but fails more easily.`,
    );
  }
  return out;
}
