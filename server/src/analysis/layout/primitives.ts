/**
 * Rust's primitive types on the 64-bit targets we model (x86_64, arm64), and the integer
 * ranges the constant evaluator checks against. Pointer-sized types take `pointerBytes`.
 */
import type { IntTypeName } from '../rust-model.js';
import { own } from '../../../../engine/src/index.js';

export interface PrimitiveLayout {
  readonly sizeBytes: number;
  readonly alignBytes: number;
  readonly hasNiche: boolean;
}

const FIXED: Readonly<Record<string, PrimitiveLayout>> = {
  u8: { sizeBytes: 1, alignBytes: 1, hasNiche: false },
  i8: { sizeBytes: 1, alignBytes: 1, hasNiche: false },
  u16: { sizeBytes: 2, alignBytes: 2, hasNiche: false },
  i16: { sizeBytes: 2, alignBytes: 2, hasNiche: false },
  u32: { sizeBytes: 4, alignBytes: 4, hasNiche: false },
  i32: { sizeBytes: 4, alignBytes: 4, hasNiche: false },
  u64: { sizeBytes: 8, alignBytes: 8, hasNiche: false },
  i64: { sizeBytes: 8, alignBytes: 8, hasNiche: false },
  // Align 16: aarch64 always; x86_64 since rustc 1.77 (LLVM 18 fixed the i128 ABI). Older
  // x86_64 compilers used 8; the golden tables assume the current layout.
  u128: { sizeBytes: 16, alignBytes: 16, hasNiche: false },
  i128: { sizeBytes: 16, alignBytes: 16, hasNiche: false },
  f32: { sizeBytes: 4, alignBytes: 4, hasNiche: false },
  f64: { sizeBytes: 8, alignBytes: 8, hasNiche: false },
  // bool is 0 or 1 and char at most 0x10FFFF: the other bit patterns are niches.
  bool: { sizeBytes: 1, alignBytes: 1, hasNiche: true },
  char: { sizeBytes: 4, alignBytes: 4, hasNiche: true },
  // core::ffi::c_void is a one-byte enum; size_of::<c_void>() is 1.
  c_void: { sizeBytes: 1, alignBytes: 1, hasNiche: true },
};

/** The kernel's C integer aliases (rust/ffi.rs, v7.1.5 blob f961e9728f59): c_char is u8 there. */
const FFI_INTS: Readonly<Record<string, IntTypeName>> = {
  c_char: 'u8',
  c_schar: 'i8',
  c_uchar: 'u8',
  c_short: 'i16',
  c_ushort: 'u16',
  c_int: 'i32',
  c_uint: 'u32',
  c_long: 'isize',
  c_ulong: 'usize',
  c_longlong: 'i64',
  c_ulonglong: 'u64',
};

const INT_NAMES: ReadonlySet<string> = new Set(['u8', 'u16', 'u32', 'u64', 'u128', 'usize', 'i8', 'i16', 'i32', 'i64', 'i128', 'isize']);

/** Paths that name the standard library, the kernel crate or its ffi crate, not driver code. */
const KNOWN_ROOTS: ReadonlySet<string> = new Set(['core', 'alloc', 'std', 'kernel', 'ffi', 'pin_init']);

/** The name to look up in a built-in table, if the path can mean a built-in at all. */
export function builtinName(segments: readonly string[]): string | undefined {
  if (segments.length === 1) return segments[0];
  return KNOWN_ROOTS.has(segments[0]!) ? segments[segments.length - 1] : undefined;
}

/** The integer type a path names (`u32`, `usize`, `c_int`, `kernel::ffi::c_ulong`), if any. */
export function intTypeOf(segments: readonly string[]): IntTypeName | undefined {
  const name = builtinName(segments);
  if (name === undefined) return undefined;
  if (INT_NAMES.has(name)) return name as IntTypeName;
  return own(FFI_INTS, name);
}

export function primitiveLayout(segments: readonly string[], pointerBytes: number): PrimitiveLayout | undefined {
  const int = intTypeOf(segments);
  if (int === 'usize' || int === 'isize') return { sizeBytes: pointerBytes, alignBytes: pointerBytes, hasNiche: false };
  if (int !== undefined) return FIXED[int];
  const name = builtinName(segments);
  return name === undefined ? undefined : own(FIXED, name);
}

export function intBits(type: IntTypeName, pointerBytes: number): number {
  if (type === 'usize' || type === 'isize') return pointerBytes * 8;
  return Number(type.slice(1));
}

export function isSignedInt(type: IntTypeName): boolean {
  return type.startsWith('i');
}

export function intRange(type: IntTypeName, pointerBytes: number): { readonly min: bigint; readonly max: bigint } {
  const bits = BigInt(intBits(type, pointerBytes));
  return isSignedInt(type) ? { min: -(1n << (bits - 1n)), max: (1n << (bits - 1n)) - 1n } : { min: 0n, max: (1n << bits) - 1n };
}

/** Two's-complement wrap, as `x as T` does for integers. */
export function wrapToInt(value: bigint, type: IntTypeName, pointerBytes: number): bigint {
  const bits = intBits(type, pointerBytes);
  return isSignedInt(type) ? BigInt.asIntN(bits, value) : BigInt.asUintN(bits, value);
}

/** The smallest integer rustc picks for discriminants in [min, max] (u8/i8 first). */
export function smallestIntFor(min: bigint, max: bigint): IntTypeName {
  const signed = min < 0n;
  for (const bits of [8, 16, 32, 64, 128]) {
    const type = `${signed ? 'i' : 'u'}${bits}` as IntTypeName;
    const range = intRange(type, 8);
    if (min >= range.min && max <= range.max) return type;
  }
  return signed ? 'i128' : 'u128';
}
