/**
 * Diagnostics from a site's answer. Each has a stable code (described once in
 * diagnostic-codes.ts, and in the README "Diagnostics"), says what happens in the kernel and what
 * to do. Thresholds and severities come from settings.
 */
import { apiRow, CONTAINERS, vmallocTwins } from '../../../engine/src/api-registry.js';
import { formatPercent } from '../../../engine/src/format-count.js';
import { formatBytes } from '../../../engine/src/format-bytes.js';
import { gfpAllowsBlocking } from '../../../engine/src/gfp.js';
import type { Profile } from '../../../engine/src/profile.js';
import { DEFAULT_SEVERITY } from './diagnostic-codes.js';
import type { FoundSite } from './found-site.js';
import type { DiagnosticCode, DiagnosticReport, Severity } from './report.js';
import type { SiteAnswer } from './site-outcome.js';
import type { SiteSize } from './site-size.js';

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
function kvAlternative(call: string): string {
  const [kv, v] = vmallocTwins(apiRow(call)?.type ?? '');
  if (kv && v) return `${kv} (kvmalloc falls back to vmalloc) or ${v}`;
  const all = (allocator: string) => CONTAINERS.filter((c) => c.allocator === allocator && (c.family === 'vec' || c.family === 'box')).map((c) => c.name).join('/');
  return `a KVmalloc-backed ${all('KVmalloc')}, or ${all('Vmalloc')}`;
}

export function diagnose(file: string, site: FoundSite, size: SiteSize, answer: SiteAnswer, profile: Profile, settings: DiagnosticSettings): DiagnosticReport[] {
  const out: DiagnosticReport[] = [];
  const c = profile.constants;
  const add = (code: DiagnosticCode, message: string): void => {
    const severity = settings.severity[code];
    if (severity !== 'off') out.push({ file, line: site.line, column: site.column, severity, code, message });
  };
  const o = answer.outcome;
  const what = size.bytes !== null ? formatBytes(size.bytes) : 'this request';
  if (site.allocator === 'Kmalloc' && o.path === 'fail' && o.order !== null && o.order > c.MAX_PAGE_ORDER) {
    add(
      'kmalloc-oversized',
      `${site.call} asks kmalloc for ${what}, over KMALLOC_MAX_SIZE (${formatBytes(c.KMALLOC_MAX_SIZE)} on ${profile.name}): the page allocator refuses order ${o.order} and this always fails with AllocError. Use ${kvAlternative(site.chainApi)}.`,
    );
  }
  const bound = size.upperBound;
  if (site.allocator === 'Kmalloc' && size.bytes === null && bound && bound.bytes > c.KMALLOC_MAX_SIZE) {
    add(
      'kmalloc-oversized',
      `${site.call} can ask kmalloc for more than KMALLOC_MAX_SIZE (${formatBytes(c.KMALLOC_MAX_SIZE)} on ${profile.name}): ${bound.expr}. A request above it always fails with AllocError. Keep the count at most ${Math.floor(c.KMALLOC_MAX_SIZE / (size.element?.sizeBytes || 1))}, or use ${kvAlternative(site.chainApi)}.`,
    );
  }
  if (answer.notInKernel) add('api-not-in-kernel', answer.notInKernel);
  // Only a Kmalloc-backed site: a KVVec/KVBox's kmalloc attempt is meant to fail quietly into vmalloc.
  if (site.allocator === 'Kmalloc' && o.path === 'large' && o.order !== null && o.order > c.PAGE_ALLOC_COSTLY_ORDER) {
    add(
      'kmalloc-costly-order',
      `${site.call} needs ${what} as one order-${o.order} block (${formatBytes(o.objectSize ?? 0)}) from the page allocator; above PAGE_ALLOC_COSTLY_ORDER (${c.PAGE_ALLOC_COSTLY_ORDER}) it is not retried hard and fails when memory is fragmented. Use ${kvAlternative(site.chainApi)} if it need not be physically contiguous.`,
    );
  }
  if (o.path === 'slab' && o.objectSize && o.wasteBytes !== null) {
    const percent = (o.wasteBytes / o.objectSize) * 100;
    if (percent >= settings.wasteMinPercent && o.wasteBytes >= settings.wasteMinBytes) {
      const fill = answer.detail?.fillCount;
      const tip = fill && size.count !== null && fill > size.count ? `; a capacity of ${fill} uses the same object` : '';
      add('slab-waste', `${site.call} requests ${what} and lands in ${o.cache} (${o.objectSize} B objects): ${o.wasteBytes} B (${formatPercent(percent)}) of every object is wasted${tip}.`);
    }
  }
  if (site.allocator === 'Vmalloc' && size.bytes !== null && size.bytes > 0 && size.bytes < c.PAGE_SIZE) {
    add(
      'vmalloc-small',
      `${site.call} maps a whole ${formatBytes(c.PAGE_SIZE)} page (plus a guard page of address space) for ${what}; kmalloc (KBox/KVec) serves small objects from a slab without page-table work.`,
    );
  }
  if (site.atomicGuard && answer.gfpMask !== null && gfpAllowsBlocking(answer.gfpMask)) {
    const g = site.atomicGuard;
    const holder = g.kind === 'rcu' ? `the RCU read-side guard \`${g.text}\` (line ${g.line})` : `the SpinLock guard \`${g.text}\` (taken at line ${g.line})`;
    add(
      'sleep-in-atomic',
      `${site.flags} may sleep, but ${holder} is held here: sleeping in atomic context ("BUG: sleeping function called from invalid context"). Allocate before taking the lock, or drop the guard first; GFP_ATOMIC avoids the sleep but fails more easily.`,
    );
  }
  return out;
}
