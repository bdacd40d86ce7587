/**
 * The byte size of a found site: element layout × count, ArcInner<T>, or one T. When any term is
 * unknown the size is null and the expression names what is missing; nothing is guessed.
 */
import { evaluateConst, type ConstEnv } from './const-eval.js';
import { kernelApiSize } from './kernel-api-size.js';
import type { FoundSite } from './found-site.js';
import { arcInnerLayout } from './layout/arc-inner.js';
import { layoutOf } from './layout/layout-of.js';
import type { LayoutResult } from './layout/layout-result.js';
import { isDebugOptionsNote } from '../../../engine/src/index.js';
import { typeText, type TypeIndex } from './rust-model.js';

export interface KernelApiInputValues {
  readonly sizeBytes?: number;
  readonly alignBytes?: number;
  readonly count?: number;
  readonly element?: { readonly sizeBytes: number; readonly alignBytes: number };
  readonly order?: number;
}

export interface SiteSize {
  readonly bytes: number | null;
  /** How the size follows from the source: "48 × size_of::<Desc>() = 48 × 16 B = 768 B". */
  readonly expr: string;
  /** False when a layout is estimated (default repr) or a term is unknown. */
  readonly exact: boolean;
  /** The element (or boxed type) layout, when known. */
  readonly element: { readonly sizeBytes: number; readonly alignBytes: number; readonly estimated: boolean } | null;
  readonly count: number | null;
  /** The term that could not be resolved, when bytes is null. */
  readonly unknownTerm: string | null;
  /** Why that term is unknown, in words (a layout's or a constant's reason), when one is known. */
  readonly unknownReason?: string;
  /** A kernel-API site: the numbers explain() takes (sizeBytes, count × element, order). */
  readonly kernelInput?: KernelApiInputValues;
  /** When bytes is null but the source bounds the count: the largest request it can make. */
  readonly upperBound: { readonly bytes: number; readonly expr: string } | null;
  /** What the element's C parts add: a bundled size that debug options change, with both sizes. */
  readonly layoutNotes: readonly string[];
}

function elementOf(layout: LayoutResult | null): SiteSize['element'] {
  return layout?.known ? { sizeBytes: layout.sizeBytes, alignBytes: layout.alignBytes, estimated: layout.estimated } : null;
}

export function siteSize(site: FoundSite, index: TypeIndex, env: ConstEnv): SiteSize {
  const layout: LayoutResult | null = site.elementType ? layoutOf(site.elementType, index, env.layoutOptions) : null;
  const size = exactSize(site, layout, index, env);
  const layoutNotes = layout?.known ? layout.notes.filter(isDebugOptionsNote) : [];
  return { ...size, upperBound: size.bytes === null ? upperBound(site, size, index, env) : null, layoutNotes };
}

/** `n: u16` elements of 128 B: "`n` is a u16: up to u16::MAX × 128 B = 65535 × 128 B = 8388480 B". */
function upperBound(site: FoundSite, size: Omit<SiteSize, 'upperBound' | 'layoutNotes'>, index: TypeIndex, env: ConstEnv): SiteSize['upperBound'] {
  if (site.sizing !== 'array' || !site.countBound || !size.element) return null;
  const max = evaluateConst(site.countBound.max, index, env);
  if (!max.known) return null;
  const bytes = max.value * size.element.sizeBytes;
  if (!Number.isSafeInteger(bytes)) return null;
  const shown = max.formula === String(max.value) ? `${max.value}` : `${max.formula}`;
  return { bytes, expr: `${site.countBound.why}: up to ${shown} × ${size.element.sizeBytes} B = ${bytes} B` };
}

function exactSize(site: FoundSite, layout: LayoutResult | null, index: TypeIndex, env: ConstEnv): Omit<SiteSize, 'upperBound' | 'layoutNotes'> {
  if (site.sizing === 'kernel-api') return kernelApiSize(site, index, env);
  // '_' as rustc writes a type it infers: the element is not written at the call.
  const elementText = site.elementType ? typeText(site.elementType) : '_';
  const unknownElement = (why: string, reason: string): Omit<SiteSize, 'upperBound' | 'layoutNotes'> => ({
    bytes: null,
    expr: why,
    exact: false,
    element: null,
    count: null,
    unknownTerm: elementText,
    unknownReason: reason,
  });
  switch (site.sizing) {
    case 'element': {
      if (!layout) return unknownElement(`size_of::<T>(): the boxed type is not written at the call`, 'the boxed type is not written at the call');
      if (!layout.known) return { bytes: null, expr: layout.formula, exact: false, element: null, count: null, unknownTerm: layout.unknownTerm, unknownReason: layout.reason };
      return { bytes: layout.sizeBytes, expr: `size_of::<${elementText}>() = ${layout.sizeBytes} B`, exact: !layout.estimated, element: elementOf(layout), count: null, unknownTerm: null };
    }
    case 'arc-inner': {
      if (!layout) return unknownElement('size_of::<ArcInner<T>>(): the shared type is not written at the call', 'the shared type is not written at the call');
      const inner = arcInnerLayout(layout, elementText);
      if (!inner.known) return { bytes: null, expr: inner.formula, exact: false, element: null, count: null, unknownTerm: inner.unknownTerm, unknownReason: inner.reason };
      return { bytes: inner.sizeBytes, expr: inner.formula, exact: !inner.estimated, element: elementOf(layout), count: null, unknownTerm: null };
    }
    case 'array': {
      const count = site.count ? evaluateConst(site.count, index, env) : null;
      // `(names.len() + 1) × 8 B`, not `names.len() + 1 × 8 B`, which reads as another count.
      const countText = site.count ? (site.count.kind === 'binary' ? `(${site.count.text})` : site.count.text) : 'n';
      const element = layout && layout.known ? layout : null;
      const elementPart = element ? `${element.sizeBytes} B` : `size_of::<${elementText}>()`;
      if (!count || !count.known || !element) {
        const missing = !count || !count.known ? (count && !count.known ? count.unknownTerm : countText) : elementText;
        const reason = count && !count.known ? count.reason : !count ? 'the count is not written at the call' : layout && !layout.known ? layout.reason : 'the element type is not written at the call';
        return {
          bytes: null,
          expr: `${countText} × ${element ? elementPart : `size_of::<${elementText}>()`}`,
          exact: false,
          element: elementOf(layout),
          count: count && count.known ? count.value : null,
          unknownTerm: missing,
          unknownReason: reason,
        };
      }
      const bytes = count.value * element.sizeBytes;
      const formula = count.formula === String(count.value) ? `${count.value}` : `${countText} = ${count.value}`;
      return {
        bytes: Number.isSafeInteger(bytes) ? bytes : null,
        expr: `${formula} × size_of::<${elementText}>() = ${count.value} × ${element.sizeBytes} B = ${bytes} B`,
        exact: count.exact && !element.estimated,
        element: elementOf(element),
        count: count.value,
        unknownTerm: Number.isSafeInteger(bytes) ? null : 'size beyond 2^53',
      };
    }
    case 'growth': {
      const e = layout && layout.known ? layout : null;
      return {
        bytes: null,
        expr: `grows to max(2 × capacity, len + additional) elements of ${e ? `${e.sizeBytes} B` : `size_of::<${elementText}>()`}`,
        exact: false,
        element: elementOf(layout),
        count: null,
        unknownTerm: 'capacity',
        unknownReason: e ? 'the capacity is set at run time' : layout && !layout.known ? layout.reason : 'the element type is not written at the call',
      };
    }
    default:
      return {
        bytes: null,
        expr: site.layoutNote ?? 'the layout is built elsewhere',
        exact: false,
        element: null,
        count: null,
        unknownTerm: site.layoutNote ?? 'layout',
        unknownReason: 'the Layout is built elsewhere',
      };
  }
}
