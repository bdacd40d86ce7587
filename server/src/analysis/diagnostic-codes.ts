/**
 * The diagnostics registry: the one place each diagnostic code is described, with its default
 * severity and the rule text SARIF and the README show. The code type, the default severities,
 * the settings schema's `severity` keys, the SARIF rules and the help links all derive from it;
 * the message at a site is written where the code is decided (diagnostics.ts).
 * Adding a diagnostic is one row here, its check in diagnostics.ts, and its README row.
 */
import type { Severity } from './report.js';

export interface DiagnosticRow {
  readonly code: string;
  readonly severity: Severity;
  /** One sentence: what the code means (SARIF rule shortDescription). */
  readonly summary: string;
}

export const DIAGNOSTIC_CODES = [
  { code: 'kmalloc-oversized', severity: 'error', summary: 'A Kmalloc-backed request above KMALLOC_MAX_SIZE always fails.' },
  { code: 'kmalloc-costly-order', severity: 'warning', summary: 'A large kmalloc needs a page order above PAGE_ALLOC_COSTLY_ORDER and fails under fragmentation.' },
  { code: 'slab-waste', severity: 'information', summary: 'The request wastes a large share of its kmalloc object.' },
  // information, not hint: a Hint never reaches the Problems panel, and a whole page for a few bytes is worth seeing.
  { code: 'vmalloc-small', severity: 'information', summary: 'Vmalloc maps a whole page for a request smaller than a page.' },
  { code: 'sleep-in-atomic', severity: 'warning', summary: 'Flags that may sleep while a spinlock or RCU read-side guard is held.' },
  { code: 'api-not-in-kernel', severity: 'information', summary: 'The call does not exist in the target kernel version.' },
  {
    code: 'dma-large-coherent',
    severity: 'information',
    summary: 'A coherent DMA buffer above PAGE_ALLOC_COSTLY_ORDER is physically contiguous and may fail, or need CMA, under fragmentation.',
  },
] as const satisfies readonly DiagnosticRow[];

export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number]['code'];

/** Each code's default severity. */
export const DEFAULT_SEVERITY = Object.fromEntries(DIAGNOSTIC_CODES.map((d) => [d.code, d.severity])) as Readonly<Record<DiagnosticCode, Severity>>;

/** The README section of a code, as the anchor the README's Diagnostics table defines. */
export function helpAnchor(code: DiagnosticCode): string {
  return `diagnostics-${code}`;
}
