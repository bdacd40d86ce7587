/**
 * The constant evaluator over hand-built ConstExpr values: arithmetic with Rust's overflow
 * rules, named consts, kernel constants, size_of/align_of through the layout engine, and the
 * formulas that show each substitution.
 */
import { describe, expect, test } from 'vitest';
import { evaluateConst, type ConstEnv, type ConstResult } from '../../server/src/analysis/const-eval.js';
import {
  alignOf,
  arrayType,
  binary,
  cast,
  constDef,
  constPath,
  createTypeIndex,
  EMPTY_INDEX,
  enumDef,
  fields,
  intLit,
  paren,
  pathType as p,
  sizeOf,
  structDef,
  unary,
  variant,
} from '../../server/src/analysis/rust-model-builders.js';
import type { ConstExpr, TypeIndex } from '../../server/src/analysis/rust-model.js';
import { layoutOf } from '../../server/src/analysis/layout/layout-of.js';

const ENV: ConstEnv = { pageSize: 4096, layoutOptions: { pointerBytes: 8, pageSizeBytes: 4096 } };
const DESC = structDef('Desc', fields(['addr', p('u64')], ['len', p('u32')]), { repr: { base: 'C' } });

type Known = Extract<ConstResult, { known: true }>;
type Unknown = Extract<ConstResult, { known: false }>;

function known(expr: ConstExpr, index: TypeIndex = EMPTY_INDEX, env: ConstEnv = ENV): Known {
  const r = evaluateConst(expr, index, env);
  if (!r.known) throw new Error(`expected a value, got unknown: ${r.reason} (${r.formula})`);
  return r;
}

function unknown(expr: ConstExpr, index: TypeIndex = EMPTY_INDEX, env: ConstEnv = ENV): Unknown {
  const r = evaluateConst(expr, index, env);
  if (r.known) throw new Error(`expected unknown, got ${r.value} (${r.formula})`);
  return r;
}

const hex = (value: number, text: string): ConstExpr => ({ kind: 'int', value: BigInt(value), text });

describe('literals and arithmetic', () => {
  test('a literal is itself; a hex literal shows its value', () => {
    expect(known(intLit(48))).toEqual({ known: true, value: 48, formula: '48', exact: true });
    expect(known(hex(0x1000, '0x1000')).formula).toBe('0x1000 = 4096');
  });

  test.each<[string, number, ConstExpr]>([
    ['4 * 12', 48, binary('*', intLit(4), intLit(12))],
    ['7 / 2 truncates', 3, binary('/', intLit(7), intLit(2))],
    ['-7 / 2 truncates toward zero', -3, binary('/', unary('-', intLit(7)), intLit(2))],
    ['-7 % 2 keeps the sign', -1, binary('%', unary('-', intLit(7)), intLit(2))],
    ['(1 << 20) + 64', 1048640, binary('+', paren(binary('<<', intLit(1), intLit(20))), intLit(64))],
    ['((0xff & 0x0f) | 0x30) ^ 1', 0x3e, binary('^', binary('|', binary('&', hex(255, '0xff'), hex(15, '0x0f')), hex(48, '0x30')), intLit(1))],
    ['!0u8', 255, unary('!', intLit(0, 'u8'))],
    ['0xF0u8 << 4 drops bits as Rust does', 0, binary('<<', { kind: 'int', value: 0xf0n, suffix: 'u8', text: '0xF0u8' }, intLit(4))],
  ])('%s = %d', (_name, value, expr) => {
    expect(known(expr).value).toBe(value);
  });

  test('overflow in a typed expression is unknown with the reason', () => {
    expect(unknown(binary('+', intLit(255, 'u8'), intLit(1, 'u8'))).reason).toMatch(/overflow: 255 \+ 1 = 256 does not fit in u8/);
    expect(unknown(binary('-', intLit(0, 'usize'), intLit(1))).reason).toMatch(/does not fit in usize/);
    expect(unknown(intLit(256, 'u8')).reason).toMatch(/does not fit in u8/);
  });

  test('division by zero, out-of-range shifts, negating unsigned and untyped `!` are unknown', () => {
    expect(unknown(binary('/', intLit(1), intLit(0))).reason).toBe('division by zero');
    expect(unknown(binary('<<', intLit(1, 'u32'), intLit(32))).reason).toMatch(/shift by 32 is out of range for u32/);
    expect(unknown(unary('-', intLit(5, 'u32'))).reason).toMatch(/cannot negate the unsigned u32/);
    expect(unknown(unary('!', intLit(0))).reason).toMatch(/could not be inferred/);
  });

  test('casts wrap like `as` and say so; non-integer casts are not evaluated', () => {
    const wrapped = known(cast(intLit(300), p('u8')));
    expect(wrapped.value).toBe(44);
    expect(wrapped.formula).toBe('300 as u8 = 44; 300 as u8 wraps to 44');
    expect(known(cast(unary('-', intLit(1, 'i32')), p('u32'))).value).toBe(4294967295);
    expect(unknown(cast(intLit(1), p('f32'))).reason).toMatch(/integers only/);
  });

  test('a value beyond 2^53 is unknown rather than rounded', () => {
    const r = unknown(constPath('usize::MAX'));
    expect(r.reason).toMatch(/18446744073709551615 is beyond 2\^53/);
  });
});

describe('named and kernel constants', () => {
  const index = createTypeIndex(
    [DESC],
    [
      constDef('MAX_ENTRIES', intLit(48), p('usize')),
      constDef('A', binary('*', constPath('B'), intLit(2))),
      constDef('B', binary('+', constPath('C'), intLit(1))),
      constDef('C', intLit(3)),
      constDef('LOOP_X', constPath('LOOP_Y')),
      constDef('LOOP_Y', constPath('LOOP_X')),
      constDef('SMALL', intLit(200), p('u8')),
      constDef('TOO_BIG', intLit(300), p('u8')),
    ],
  );

  test('MAX_ENTRIES * size_of::<Desc>() = 48 × 16 = 768', () => {
    const r = known(binary('*', constPath('MAX_ENTRIES'), sizeOf(p('Desc'))), index);
    expect(r).toEqual({ known: true, value: 768, formula: 'MAX_ENTRIES * size_of::<Desc>() = 48 × 16 = 768', exact: true });
  });

  test('consts resolve through other consts', () => {
    expect(known(constPath('A'), index)).toMatchObject({ value: 8, formula: 'A = 8' });
  });

  test('a const defined in terms of itself is unknown, not a stack overflow', () => {
    expect(unknown(constPath('LOOP_X'), index).reason).toMatch(/defined in terms of itself/);
  });

  test("a const's declared type sets the overflow rules", () => {
    expect(unknown(binary('+', constPath('SMALL'), constPath('SMALL')), index).reason).toMatch(/does not fit in u8/);
    expect(unknown(constPath('TOO_BIG'), index).reason).toMatch(/TOO_BIG = 300 does not fit in u8/);
  });

  test('an unknown name is named as the unknown term', () => {
    const r = unknown(binary('*', constPath('NR_SLOTS'), intLit(4)), index);
    expect(r.unknownTerm).toBe('NR_SLOTS');
    expect(r.formula).toBe('NR_SLOTS * 4');
  });

  test.each<[string, number, number]>([
    ['PAGE_SIZE', 4096, 16384],
    ['kernel::page::PAGE_SIZE', 4096, 16384],
    ['bindings::PAGE_SIZE', 4096, 16384],
    ['PAGE_SHIFT', 12, 14],
  ])('%s follows the profile page size', (name, at4k, at16k) => {
    expect(known(constPath(name)).value).toBe(at4k);
    expect(known(constPath(name), EMPTY_INDEX, { ...ENV, pageSize: 16384 }).value).toBe(at16k);
  });

  test.each<[string, number]>([
    ['SZ_4K', 4096],
    ['kernel::sizes::SZ_2M', 2 * 1024 * 1024],
    ['SZ_2G', 2 ** 31],
    ['u64::SZ_1M', 1024 * 1024],
    ['u32::MAX', 4294967295],
    ['i8::MIN', -128],
    ['u64::BITS', 64],
  ])('%s = %d', (name, value) => {
    expect(known(constPath(name)).value).toBe(value);
  });

  test('bindings::SZ_4M as usize (binder) and SZ_16K + SZ_8K (qt2025)', () => {
    expect(known(cast(constPath('bindings::SZ_4M'), p('usize'))).value).toBe(4 * 1024 * 1024);
    const sum = known(binary('+', constPath('SZ_16K'), constPath('SZ_8K')));
    expect(sum.formula).toBe('SZ_16K + SZ_8K = 16384 + 8192 = 24576');
  });

  test('SZ_4G is not in kernel::sizes, so it is unknown', () => {
    expect(unknown(constPath('SZ_4G')).unknownTerm).toBe('SZ_4G');
  });

  test('a local const shadows a kernel name; a kernel:: path does not', () => {
    const local = createTypeIndex([], [constDef('PAGE_SIZE', intLit(100))]);
    expect(known(constPath('PAGE_SIZE'), local).value).toBe(100);
    expect(known(constPath('kernel::page::PAGE_SIZE'), local).value).toBe(4096);
  });
});

describe('size_of and align_of', () => {
  test('align_of::<u128>() = 16; core::mem::size_of::<KVec<u8>>() = 24', () => {
    expect(known(alignOf(p('u128'))).value).toBe(16);
    expect(known(sizeOf(p('KVec', [p('u8')]), 'core::mem::')).value).toBe(24);
  });

  test('an estimated layout makes the value inexact and says why', () => {
    const index = createTypeIndex([structDef('S', fields(['a', p('u8')], ['b', p('u64')], ['c', p('u8')]))]);
    const r = known(binary('*', intLit(4), sizeOf(p('S'))), index);
    expect(r.value).toBe(64);
    expect(r.exact).toBe(false);
    expect(r.formula).toMatch(/^4 \* size_of::<S>\(\) = 4 × 16 = 64; size_of::<S>\(\) is estimated/);
  });

  test('an unknown layout is an unknown constant naming the layout term', () => {
    const index = createTypeIndex([], [constDef('MAX_ENTRIES', intLit(48), p('usize'))]);
    const r = unknown(binary('*', constPath('MAX_ENTRIES'), sizeOf(p('SpinLock', [p('u32')]))), index);
    expect(r.unknownTerm).toBe('size_of::<bindings::spinlock_t>()');
    expect(r.formula).toBe('MAX_ENTRIES * size_of::<SpinLock<u32>>() = 48 × size_of::<SpinLock<u32>>()');
    expect(r.reason).toMatch(/depends on the kernel config/);
    const given = { ...ENV, layoutOptions: { ...ENV.layoutOptions, userSizes: { 'bindings::spinlock_t': { sizeBytes: 4, alignBytes: 4 } } } };
    expect(known(binary('*', intLit(4), sizeOf(p('SpinLock', [p('u32')]))), EMPTY_INDEX, given).value).toBe(32);
  });

  test('a type whose array length needs its own size is caught', () => {
    const weird = structDef('Weird', fields(['pad', arrayType(p('u8'), sizeOf(p('Weird')))]));
    const r = unknown(sizeOf(p('Weird')), createTypeIndex([weird]));
    expect(r.reason).toMatch(/contains itself/);
  });

  test('enum discriminants go through the evaluator', () => {
    const index = createTypeIndex([enumDef('Mode', [variant('Low'), variant('High', [], constPath('HIGH'))])], [constDef('HIGH', binary('<<', intLit(1), intLit(12)))]);
    const l = layoutOf(p('Mode'), index, ENV.layoutOptions);
    expect(l.known && l.sizeBytes).toBe(2);
    const missing = layoutOf(p('Mode'), createTypeIndex([enumDef('Mode', [variant('High', [], constPath('HIGH')), variant('Low')])]), ENV.layoutOptions);
    expect(missing.known).toBe(false);
    if (!missing.known) expect(missing.unknownTerm).toBe('HIGH');
  });

  test('an unknown expression node stays unknown', () => {
    expect(unknown({ kind: 'unknown', text: 'foo()' }).unknownTerm).toBe('foo()');
  });
});
