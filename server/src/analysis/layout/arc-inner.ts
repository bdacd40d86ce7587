/**
 * `Arc::new(v)` allocates an `ArcInner<T>` (kernel-facts §1d): `#[repr(C)] { refcount:
 * Refcount, data: T }`, so size = round_up(4, align_of T) + size_of T, padded to
 * max(4, align_of T). The refcount's size comes from the kernel table row.
 */
import { bytes, known, unknown, type LayoutResult } from './layout-result.js';
import { REFCOUNT_ROW } from './kernel-types.js';
import { cStructLayout } from './record-layout.js';

function refcountLayout(): { sizeBytes: number; alignBytes: number } {
  const shape = REFCOUNT_ROW.shape;
  if (shape.kind !== 'fixed') throw new Error('kernel-types: Refcount must be a fixed-size row');
  return shape;
}

export function arcInnerLayout(data: LayoutResult, dataText = 'T'): LayoutResult {
  const name = `ArcInner<${dataText}>`;
  const refcount = refcountLayout();
  if (!data.known) {
    return unknown(
      `size_of::<${name}>() = round_up(${refcount.sizeBytes}, align_of::<${dataText}>()) + size_of::<${dataText}>(), padded to max(${refcount.alignBytes}, align_of::<${dataText}>()); ${data.formula}`,
      data.unknownTerm,
      data.reason,
    );
  }
  const fields = [
    { label: `Refcount ${bytes(refcount.sizeBytes)}`, ...refcount, hasNiche: false, estimated: false },
    { label: `${dataText} ${bytes(data.sizeBytes)}`, sizeBytes: data.sizeBytes, alignBytes: data.alignBytes, hasNiche: data.hasNiche, estimated: data.estimated },
  ];
  const layout = cStructLayout(fields, { base: 'C' });
  return known(layout.sizeBytes, layout.alignBytes, `size_of::<${name}>() = ${bytes(layout.sizeBytes)} (${layout.detail})`, {
    estimated: layout.estimated,
    hasNiche: layout.hasNiche,
    notes: [`ArcInner: rust/kernel/sync/arc.rs (18d6c0d62ce0):146-150; Refcount: ${REFCOUNT_ROW.source}`, ...data.notes],
  });
}
