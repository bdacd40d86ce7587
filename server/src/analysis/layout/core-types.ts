/**
 * Types from Rust's `core` whose layout the language documents: wrappers that are exactly
 * their content, zero-sized markers, non-null pointers and integers, and `Option`. Each row
 * names the core module whose documentation states the layout.
 */
import { enumDef, fields, pathType, variant } from '../rust-model-builders.js';
import type { IntTypeName } from '../rust-model.js';
import { typeParams, type TypeTableRow } from './type-shape.js';

const T = pathType('T');

const NON_ZERO_INTS: readonly IntTypeName[] = ['u8', 'u16', 'u32', 'u64', 'u128', 'usize', 'i8', 'i16', 'i32', 'i64', 'i128', 'isize'];

function nonZeroRows(): TypeTableRow[] {
  return NON_ZERO_INTS.map((int) => ({
    names: [`NonZero${int[0]!.toUpperCase()}${int.slice(1)}`],
    generics: [],
    shape: { kind: 'nonzero', int },
    source: 'core::num (NonZero*: same layout as the integer, 0 is the niche)',
  }));
}

function atomicRow(name: string, sizeBytes: number): TypeTableRow {
  return {
    names: [name],
    generics: [],
    shape: { kind: 'fixed', sizeBytes, alignBytes: sizeBytes, hasNiche: false, what: `atomic, aligned to its size` },
    source: 'core::sync::atomic (size and alignment equal to the integer size)',
  };
}

export const CORE_TYPES: readonly TypeTableRow[] = [
  {
    names: ['Option'],
    generics: typeParams('T'),
    shape: { kind: 'enum', def: enumDef('Option', [variant('None'), variant('Some', fields(['0', T]))], { generics: typeParams('T') }), nicheGuaranteed: true },
    source: 'core::option ("Representation": Option<T> is the size of T for &T, Box, NonNull, NonZero*, fn pointers)',
  },
  {
    names: ['PhantomData', 'PhantomPinned'],
    generics: typeParams('T'),
    shape: { kind: 'zst' },
    source: 'core::marker (zero-sized, alignment 1)',
  },
  { names: ['MaybeUninit'], generics: typeParams('T'), shape: { kind: 'wraps', param: 0, niche: 'hide' }, source: 'core::mem::MaybeUninit (same size and alignment as T, any bit pattern valid)' },
  { names: ['ManuallyDrop'], generics: typeParams('T'), shape: { kind: 'wraps', param: 0, niche: 'keep' }, source: 'core::mem::ManuallyDrop (repr(transparent) over T)' },
  {
    names: ['UnsafeCell', 'Cell', 'SyncUnsafeCell'],
    generics: typeParams('T'),
    shape: { kind: 'wraps', param: 0, niche: 'hide' },
    source: 'core::cell (same in-memory representation as T; hides its niche)',
  },
  { names: ['Pin'], generics: typeParams('P'), shape: { kind: 'wraps', param: 0, niche: 'keep' }, source: 'core::pin::Pin (repr(transparent) over the pointer P)' },
  { names: ['NonNull'], generics: typeParams('T'), shape: { kind: 'pointer-to', param: 0, what: 'non-null pointer' }, source: 'core::ptr::NonNull (a pointer; null is the niche)' },
  { names: ['NonZero'], generics: typeParams('T'), shape: { kind: 'wraps', param: 0, niche: 'add' }, source: 'core::num::NonZero<T> (same layout as T, 0 is the niche)' },
  ...nonZeroRows(),
  atomicRow('AtomicBool', 1),
  atomicRow('AtomicU8', 1),
  atomicRow('AtomicI8', 1),
  atomicRow('AtomicU16', 2),
  atomicRow('AtomicI16', 2),
  atomicRow('AtomicU32', 4),
  atomicRow('AtomicI32', 4),
  atomicRow('AtomicU64', 8),
  atomicRow('AtomicI64', 8),
  {
    names: ['AtomicUsize', 'AtomicIsize', 'AtomicPtr'],
    generics: typeParams('T'),
    shape: { kind: 'words', count: 1, hasNiche: false, what: 'one pointer-sized atomic' },
    source: 'core::sync::atomic (pointer-sized)',
  },
  { names: ['str', 'CStr'], generics: [], shape: { kind: 'unsized' }, source: 'core::str, core::ffi::CStr (unsized; re-exported by kernel::str)' },
];
