/**
 * The size of a kernel-API site from its arguments (the engine row's `args`): the bytes of
 * `bindings::kmalloc(size, ..)`, the count of `zeroed_slice(dev, count, ..)` or
 * `BitmapVec::new(nbits, ..)` times T, the order of `alloc_pages(gfp, order)`. What is not written
 * at the call stays unknown, named in the expression.
 */
import { kernelApiRow } from '../../../engine/src/index.js';
import { evaluateConst, type ConstEnv } from './const-eval.js';
import type { FoundSite } from './found-site.js';
import { layoutOf } from './layout/layout-of.js';
import { typeText, type TypeIndex } from './rust-model.js';
import type { KernelApiInputValues, SiteSize } from './site-size.js';

export function kernelApiSize(site: FoundSite, index: TypeIndex, env: ConstEnv): Omit<SiteSize, 'upperBound' | 'layoutNotes'> {
  const row = kernelApiRow(site.chainApi);
  const args = site.kernelArgs;
  const value = (expr: NonNullable<FoundSite['kernelArgs']>['bytes'] | undefined) => (expr ? evaluateConst(expr, index, env) : null);
  const bytes = value(args?.bytes);
  const count = value(args?.count);
  const order = value(args?.order);
  const layout = site.elementType ? layoutOf(site.elementType, index, env.layoutOptions) : null;
  const element = layout?.known ? { sizeBytes: layout.sizeBytes, alignBytes: layout.alignBytes, estimated: layout.estimated } : null;
  const input: { -readonly [K in keyof KernelApiInputValues]: KernelApiInputValues[K] } = {};
  const T = site.elementType ? typeText(site.elementType) : 'T';
  const unknown = (expr: string, term: string, reason: string): Omit<SiteSize, 'upperBound' | 'layoutNotes'> => ({
    bytes: null,
    expr,
    exact: false,
    element,
    count: count?.known ? count.value : null,
    unknownTerm: term,
    unknownReason: reason,
    kernelInput: input,
  });
  const notWritten = (what: string) => `${what} is not written at the call`;

  if (order) {
    if (!order.known) return unknown(`order ${order.formula}`, order.unknownTerm, order.reason);
    input.order = order.value;
  }
  switch (row.input.kind) {
    case 'none':
    case 'order':
      return { bytes: null, expr: order?.known ? `order ${order.formula}` : 'fixed by the API', exact: true, element: null, count: null, unknownTerm: null, kernelInput: input };
    case 'bits': {
      if (!count) return unknown(`${row.input.what} not written at the call`, row.input.what, notWritten(row.input.what));
      if (!count.known) return unknown(`${row.input.what} = ${count.formula}`, count.unknownTerm, count.reason);
      input.count = count.value;
      return { bytes: null, expr: `${row.input.what} = ${count.formula} bits`, exact: count.exact, element: null, count: count.value, unknownTerm: null, kernelInput: input };
    }
    case 'bytes': {
      if (!bytes) return unknown(row.input.what, row.input.what, notWritten(row.input.what));
      if (!bytes.known) return unknown(`${row.input.what} = ${bytes.formula}`, bytes.unknownTerm, bytes.reason);
      input.sizeBytes = bytes.value;
      return { bytes: bytes.value, expr: `${row.input.what} = ${bytes.formula}`, exact: bytes.exact, element: null, count: null, unknownTerm: null, kernelInput: input };
    }
    case 'element': {
      if (!element)
        return unknown(
          `size_of::<${T}>()${layout && !layout.known ? `: ${layout.formula}` : ': T is not written at the call'}`,
          layout && !layout.known ? layout.unknownTerm : T,
          layout && !layout.known ? layout.reason : notWritten('T'),
        );
      input.sizeBytes = element.sizeBytes;
      input.alignBytes = element.alignBytes;
      return { bytes: element.sizeBytes, expr: `size_of::<${T}>() = ${element.sizeBytes} B`, exact: !element.estimated, element, count: null, unknownTerm: null, kernelInput: input };
    }
    case 'array': {
      if (!count || !count.known)
        return unknown(
          `${count ? count.formula : 'the length'} × size_of::<${T}>()`,
          count && !count.known ? count.unknownTerm : 'length',
          count && !count.known ? count.reason : notWritten('the length'),
        );
      if (!element) return unknown(`${count.value} × size_of::<${T}>()`, T, layout && !layout.known ? layout.reason : notWritten('T'));
      input.count = count.value;
      input.element = { sizeBytes: element.sizeBytes, alignBytes: element.alignBytes };
      const total = count.value * element.sizeBytes;
      return {
        bytes: total,
        expr: `${count.formula} × size_of::<${T}>() = ${count.value} × ${element.sizeBytes} B = ${total} B`,
        exact: count.exact && !element.estimated,
        element,
        count: count.value,
        unknownTerm: null,
        kernelInput: input,
      };
    }
  }
}
