/**
 * Vec growth constants.
 * - 6.1–6.9 (forked `alloc` crate): RawVec::grow_amortized() in library/alloc/src/raw_vec.rs
 *   applies MIN_NON_ZERO_CAP: 8 for 1-byte elements, 4 up to 1024 bytes, else 1.
 * - 6.10+ (VecExt, then rust/kernel/alloc/kvec.rs Vec::reserve): no minimum capacity,
 *   new_cap = max(cap * 2, len + additional) (kvec.rs:640 in v7.1.5).
 */
export const VEC_GROWTH_FACTOR = 2;

export interface MinNonZeroCapRow {
  readonly maxElementBytes: number;
  readonly minCapacity: number;
}

export const STD_MIN_NON_ZERO_CAP: readonly MinNonZeroCapRow[] = [
  { maxElementBytes: 1, minCapacity: 8 },
  { maxElementBytes: 1024, minCapacity: 4 },
  { maxElementBytes: Number.MAX_SAFE_INTEGER, minCapacity: 1 },
];
