/**
 * The kernel's bit helpers (include/asm-generic/bitops/fls.h, fls64.h, include/linux/log2.h,
 * include/asm-generic/getorder.h), for byte counts up to 2^53. JS bit operators are 32-bit,
 * so the 64-bit forms split the value instead of using Math.log2 (which rounds).
 */

const TWO_POW_32 = 0x1_0000_0000;

/** fls64(x): 1-based index of the most significant set bit; 0 for 0. */
export function fls64(x: number): number {
  if (x < TWO_POW_32) return 32 - Math.clz32(x);
  return 32 + (32 - Math.clz32(Math.floor(x / TWO_POW_32)));
}

/** ffs(x): 1-based index of the least significant set bit; 0 for 0. */
export function ffs(x: number): number {
  if (x === 0) return 0;
  let bit = 1;
  let v = x;
  while (v % 2 === 0) {
    v /= 2;
    bit++;
  }
  return bit;
}

/** ilog2(x) for x > 0. */
export function ilog2(x: number): number {
  return fls64(x) - 1;
}

/** 2^n as an exact number (n < 53). */
export function pow2(n: number): number {
  return n < 31 ? 1 << n : 2 ** n;
}

/** get_order(size): smallest order such that PAGE_SIZE << order >= size (non-constant path). */
export function getOrder(sizeBytes: number, pageShift: number): number {
  // fls64((size - 1) >> PAGE_SHIFT)
  return fls64(Math.floor((sizeBytes - 1) / pow2(pageShift)));
}

/** ALIGN(x, a) for a power-of-two a. */
export function alignUp(x: number, align: number): number {
  return Math.ceil(x / align) * align;
}

export function isPowerOfTwo(x: number): boolean {
  return x > 0 && pow2(ilog2(x)) === x;
}

/** Largest power of two dividing x (x > 0): 1 << (ffs(x) - 1). */
export function largestPowerOfTwoDivisor(x: number): number {
  return pow2(ffs(x) - 1);
}

/** roundup_pow_of_two / usize::next_power_of_two. */
export function nextPowerOfTwo(x: number): number {
  if (x <= 1) return 1;
  return pow2(fls64(x - 1));
}
