/**
 * The layout engine over hand-built model values. Expected sizes are what rustc gives on
 * x86_64/arm64 (u128 aligned to 16); each `estimated` expectation marks a size rustc is free
 * to change.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { arcInnerLayout } from '../../server/src/analysis/layout/arc-inner.js';
import { layoutOf } from '../../server/src/analysis/layout/layout-of.js';
import type { KnownLayout, LayoutOptions, LayoutResult, UnknownLayout } from '../../server/src/analysis/layout/layout-result.js';
import {
  arrayType,
  binary,
  constArg,
  constDef,
  constPath,
  createTypeIndex,
  dynType,
  EMPTY_INDEX,
  enumDef,
  fields,
  intLit,
  pathType as p,
  ptrType,
  refType,
  sliceType,
  structDef,
  tupleType,
  UNIT,
  variant,
} from '../../server/src/analysis/rust-model-builders.js';
import type { Repr, TypeDef, TypeExpr, TypeIndex } from '../../server/src/analysis/rust-model.js';

const OPTIONS: LayoutOptions = { pointerBytes: 8, pageSizeBytes: 4096 };
const C: Repr = { base: 'C' };

function layout(type: TypeExpr, index: TypeIndex = EMPTY_INDEX, options: Partial<LayoutOptions> = {}): LayoutResult {
  return layoutOf(type, index, { ...OPTIONS, ...options });
}

function knownLayout(type: TypeExpr, index?: TypeIndex, options?: Partial<LayoutOptions>): KnownLayout {
  const result = layout(type, index, options);
  if (!result.known) throw new Error(`expected a known layout, got unknown: ${result.reason} (${result.formula})`);
  return result;
}

function unknownLayout(type: TypeExpr, index?: TypeIndex, options?: Partial<LayoutOptions>): UnknownLayout {
  const result = layout(type, index, options);
  if (result.known) throw new Error(`expected unknown, got ${result.sizeBytes} B (${result.formula})`);
  return result;
}

const sizeAlign = (l: KnownLayout): [number, number] => [l.sizeBytes, l.alignBytes];

const DESC = structDef('Desc', fields(['addr', p('u64')], ['len', p('u32')]), { repr: C });
const index = (...defs: TypeDef[]): TypeIndex => createTypeIndex([DESC, ...defs]);

describe('primitives', () => {
  test.each([
    ['u8', 1, 1],
    ['i16', 2, 2],
    ['u32', 4, 4],
    ['i64', 8, 8],
    ['usize', 8, 8],
    ['isize', 8, 8],
    ['u128', 16, 16],
    ['i128', 16, 16],
    ['f32', 4, 4],
    ['f64', 8, 8],
    ['bool', 1, 1],
    ['char', 4, 4],
    ['core::ffi::c_int', 4, 4],
    ['kernel::ffi::c_ulong', 8, 8],
  ])('%s is %d B, align %d', (name, sizeBytes, alignBytes) => {
    const l = knownLayout(p(name));
    expect(sizeAlign(l)).toEqual([sizeBytes, alignBytes]);
    expect(l.estimated).toBe(false);
  });

  test('bool and char have niches, integers do not', () => {
    expect(knownLayout(p('bool')).hasNiche).toBe(true);
    expect(knownLayout(p('char')).hasNiche).toBe(true);
    expect(knownLayout(p('u32')).hasNiche).toBe(false);
  });

  test('unit and never are zero-sized', () => {
    expect(sizeAlign(knownLayout(UNIT))).toEqual([0, 1]);
    expect(sizeAlign(knownLayout({ kind: 'never' }))).toEqual([0, 1]);
  });

  test('usize follows pointerBytes', () => {
    expect(sizeAlign(knownLayout(p('usize'), EMPTY_INDEX, { pointerBytes: 4 }))).toEqual([4, 4]);
  });

  test('u128 is aligned to 16 (rustc ≥ 1.77 on x86_64), so a repr(C) u8 + u128 is 32 B', () => {
    const s = structDef('Wide', fields(['tag', p('u8')], ['value', p('u128')]), { repr: C });
    const l = knownLayout(p('Wide'), index(s));
    expect(sizeAlign(l)).toEqual([32, 16]);
    expect(l.formula).toBe('size_of::<Wide>() = 32 B (repr(C): u8 + u128 + 15 B padding)');
  });
});

describe('structs', () => {
  test('repr(C) Desc { addr: u64, len: u32 } is exactly 16 B, align 8', () => {
    const l = knownLayout(p('Desc'), index());
    expect(sizeAlign(l)).toEqual([16, 8]);
    expect(l.estimated).toBe(false);
    expect(l.formula).toBe('size_of::<Desc>() = 16 B (repr(C): u64 + u32 + 4 B padding)');
  });

  test('default repr reorders: { a: u8, b: u64, c: u8 } is 16 B (estimated), repr(C) is 24 B', () => {
    const f = fields(['a', p('u8')], ['b', p('u64')], ['c', p('u8')]);
    const rust = knownLayout(p('S'), index(structDef('S', f)));
    expect(sizeAlign(rust)).toEqual([16, 8]);
    expect(rust.estimated).toBe(true);
    expect(rust.notes.join(' ')).toMatch(/may reorder/);
    expect(sizeAlign(knownLayout(p('S'), index(structDef('S', f, { repr: C }))))).toEqual([24, 8]);
  });

  test('a default-repr struct whose field order cannot matter is exact', () => {
    const l = knownLayout(p('Pair'), index(structDef('Pair', fields(['a', p('u32')], ['b', p('u32')], ['m', p('PhantomData', [p('u64')])]))));
    expect(sizeAlign(l)).toEqual([8, 4]);
    expect(l.estimated).toBe(false);
  });

  test('repr(C, packed) removes padding; packed(2) caps alignment at 2', () => {
    const f = fields(['a', p('u8')], ['b', p('u64')]);
    expect(sizeAlign(knownLayout(p('P'), index(structDef('P', f, { repr: { base: 'C', packedBytes: 1 } }))))).toEqual([9, 1]);
    expect(sizeAlign(knownLayout(p('P'), index(structDef('P', f, { repr: { base: 'C', packedBytes: 2 } }))))).toEqual([10, 2]);
  });

  test('repr(C, align(64)) raises alignment and rounds the size', () => {
    const l = knownLayout(p('A'), index(structDef('A', fields(['x', p('u32')]), { repr: { base: 'C', alignBytes: 64 } })));
    expect(sizeAlign(l)).toEqual([64, 64]);
    expect(l.formula).toContain('repr(C, align(64))');
  });

  test('repr(transparent) is its one non-zero-sized field, niche included', () => {
    const w = structDef('W', fields(['0', p('KBox', [p('Desc')])], ['1', p('PhantomData', [p('u8')])]), { repr: { base: 'transparent' }, tuple: true });
    const l = knownLayout(p('W'), index(w));
    expect(sizeAlign(l)).toEqual([8, 8]);
    expect(l.hasNiche).toBe(true);
  });

  test('repr(C) union is its largest field', () => {
    const u: TypeDef = { kind: 'union', name: 'U', generics: [], fields: fields(['a', p('u32')], ['b', p('u64')]), repr: C };
    const l = knownLayout(p('U'), index(u));
    expect(sizeAlign(l)).toEqual([8, 8]);
    expect(l.hasNiche).toBe(false);
  });

  test('tuples are laid out like default-repr structs', () => {
    const l = knownLayout(tupleType(p('u8'), p('u64'), p('u8')));
    expect(sizeAlign(l)).toEqual([16, 8]);
    expect(l.estimated).toBe(true);
    expect(knownLayout(tupleType(p('u32'), p('u32'))).estimated).toBe(false);
  });

  test('a field of unknown size makes the struct unknown and names the term', () => {
    const s = structDef('Holder', fields(['x', p('u32')], ['y', p('Mystery')]));
    const u = unknownLayout(p('Holder'), index(s));
    expect(u.unknownTerm).toBe('size_of::<Mystery>()');
    expect(u.formula).toContain('needs field y: Mystery');
  });
});

describe('arrays', () => {
  test('[Desc; 48] = 48 × 16 B = 768 B', () => {
    const l = knownLayout(arrayType(p('Desc'), 48), index());
    expect(sizeAlign(l)).toEqual([768, 8]);
    expect(l.formula).toBe('size_of::<[Desc; 48]>() = 48 × 16 B = 768 B');
  });

  test('a named const length goes through the const evaluator', () => {
    const idx = createTypeIndex([DESC], [constDef('MAX_ENTRIES', binary('*', intLit(4), intLit(12)), p('usize'))]);
    const l = knownLayout(arrayType(p('Desc'), constPath('MAX_ENTRIES')), idx);
    expect(l.sizeBytes).toBe(768);
    expect(l.notes).toContain('length: MAX_ENTRIES = 48');
  });

  test('[u8; PAGE_SIZE] follows the profile page size', () => {
    expect(knownLayout(arrayType(p('u8'), constPath('PAGE_SIZE'))).sizeBytes).toBe(4096);
    expect(knownLayout(arrayType(p('u8'), constPath('kernel::page::PAGE_SIZE')), EMPTY_INDEX, { pageSizeBytes: 16384 }).sizeBytes).toBe(16384);
  });

  test('an unknown length is unknown, with N × size_of::<T>() naming N', () => {
    const u = unknownLayout(arrayType(p('Desc'), constPath('N')), index());
    expect(u.unknownTerm).toBe('N');
    expect(u.formula).toContain('N × size_of::<Desc>() = N × 16 B');
  });
});

describe('pointers and Option niches', () => {
  test.each<[string, TypeExpr, number]>([
    ['&u8', refType(p('u8')), 8],
    ['*const u8', ptrType(p('u8')), 8],
    ['&[u8]', refType(sliceType(p('u8'))), 16],
    ['&str', refType(p('str')), 16],
    ['&CStr', refType(p('CStr')), 16],
    ['&mut dyn Trait', refType(dynType('Trait'), true), 16],
    ['KBox<[u8]>', p('KBox', [sliceType(p('u8'))]), 16],
    ['Arc<dyn Trait>', p('Arc', [dynType('Trait')]), 16],
  ])('%s is %d B', (_name, type, sizeBytes) => {
    expect(knownLayout(type).sizeBytes).toBe(sizeBytes);
  });

  test('references have a niche, raw pointers do not', () => {
    expect(knownLayout(refType(p('u8'))).hasNiche).toBe(true);
    expect(knownLayout(ptrType(p('u8'))).hasNiche).toBe(false);
  });

  test.each<[string, TypeExpr, number]>([
    ['Option<KBox<Desc>>', p('Option', [p('KBox', [p('Desc')])]), 8],
    ['Option<&u8>', p('Option', [refType(p('u8'))]), 8],
    ['Option<NonNull<u8>>', p('Option', [p('NonNull', [p('u8')])]), 8],
    ['Option<Arc<Desc>>', p('Option', [p('Arc', [p('Desc')])]), 8],
    ['Option<ARef<Desc>>', p('Option', [p('ARef', [p('Desc')])]), 8],
    ['Option<NonZeroU32>', p('Option', [p('NonZeroU32')]), 4],
    ['Option<fn()>', p('Option', [{ kind: 'fn-ptr', text: 'fn()' }]), 8],
    ['Option<Pin<KBox<Desc>>>', p('Option', [p('Pin', [p('KBox', [p('Desc')])])]), 8],
  ])('%s uses the niche: %d B, exact', (_name, type, sizeBytes) => {
    const l = knownLayout(type, index());
    expect(l.sizeBytes).toBe(sizeBytes);
    expect(l.estimated).toBe(false);
  });

  test('Option<u32> has no niche: a tag, 8 B align 4, estimated', () => {
    const l = knownLayout(p('Option', [p('u32')]));
    expect(sizeAlign(l)).toEqual([8, 4]);
    expect(l.estimated).toBe(true);
  });

  test('Option<bool> uses the bool niche (1 B); MaybeUninit hides the KBox niche, ManuallyDrop keeps it', () => {
    expect(knownLayout(p('Option', [p('bool')])).sizeBytes).toBe(1);
    const box = p('KBox', [p('u8')]);
    expect(knownLayout(p('Option', [p('MaybeUninit', [box])])).sizeBytes).toBe(16);
    expect(knownLayout(p('Option', [p('ManuallyDrop', [box])])).sizeBytes).toBe(8);
  });
});

describe('kernel and core types', () => {
  test.each<[string, TypeExpr, number, number]>([
    ['KVec<Desc>', p('KVec', [p('Desc')]), 24, 8],
    ['kernel::alloc::KVVec<u8>', p('kernel::alloc::KVVec', [p('u8')]), 24, 8],
    ['Vec<u8, Kmalloc>', p('Vec', [p('u8'), p('Kmalloc')]), 24, 8],
    ['CString', p('CString'), 24, 8],
    ['KBox<Desc>', p('KBox', [p('Desc')]), 8, 8],
    ['VBox<[u8; 4096]>', p('VBox', [arrayType(p('u8'), 4096)]), 8, 8],
    ['Arc<Desc>', p('Arc', [p('Desc')]), 8, 8],
    ['UniqueArc<Desc>', p('UniqueArc', [p('Desc')]), 8, 8],
    ['Error', p('Error'), 4, 4],
    ['Opaque<u64>', p('Opaque', [p('u64')]), 8, 8],
    ['UnsafeCell<u32>', p('UnsafeCell', [p('u32')]), 4, 4],
    ['PhantomData<Desc>', p('PhantomData', [p('Desc')]), 0, 1],
    ['PhantomPinned', p('PhantomPinned'), 0, 1],
    ['AtomicU64', p('core::sync::atomic::AtomicU64'), 8, 8],
    // rust/kernel/rbtree.rs: RBTree { root: rb_root (one pointer) }, the node types one KBox each.
    ['RBTree<u32, Desc>', p('RBTree', [p('u32'), p('Desc')]), 8, 8],
    ['RBTreeNodeReservation<u64, Desc>', p('RBTreeNodeReservation', [p('u64'), p('Desc')]), 8, 8],
    ['Option<RBTreeNode<u64, Desc>>', p('Option', [p('RBTreeNode', [p('u64'), p('Desc')])]), 8, 8],
    // rust/kernel/list.rs, list/arc.rs: ListArc is an Arc, List one pointer, ListLinks two.
    ['ListArc<Desc>', p('ListArc', [p('Desc')]), 8, 8],
    ['List<Desc>', p('List', [p('Desc')]), 8, 8],
    ['ListLinks', p('ListLinks'), 16, 8],
  ])('%s is %d B, align %d', (_name, type, sizeBytes, alignBytes) => {
    expect(sizeAlign(knownLayout(type, index()))).toEqual([sizeBytes, alignBytes]);
  });

  test('KVec names its fields and its source', () => {
    const l = knownLayout(p('KVec', [p('u8')]));
    expect(l.formula).toBe('size_of::<KVec<u8>>() = 24 B (3 × 8 B: ptr: NonNull<T> + layout: ArrayLayout<T> (usize) + len: usize)');
    expect(l.notes.join(' ')).toContain('rust/kernel/alloc/kvec.rs');
    expect(l.hasNiche).toBe(true);
  });

  test('Opaque and UnsafeCell hide niches: Option<Opaque<KBox<u8>>> needs a tag', () => {
    expect(knownLayout(p('Opaque', [p('KBox', [p('u8')])])).hasNiche).toBe(false);
    expect(knownLayout(p('Option', [p('Opaque', [p('KBox', [p('u8')])])])).sizeBytes).toBe(16);
  });

  test('kernel Result<T = (), E = Error>: Result<()> = 4 B through the Error niche; Result<u64> = 16 B', () => {
    const unit = knownLayout(p('Result'));
    expect(sizeAlign(unit)).toEqual([4, 4]);
    expect(unit.estimated).toBe(true);
    expect(knownLayout(p('Result', [p('u64')])).sizeBytes).toBe(16);
    expect(knownLayout(p('core::result::Result', [UNIT, p('Error')])).sizeBytes).toBe(4);
  });
});

describe('ArcInner', () => {
  test('ArcInner<[u8; 3]> = 8 B (4 + 3 rounded to 4)', () => {
    const l = arcInnerLayout(layout(arrayType(p('u8'), 3)), '[u8; 3]');
    if (!l.known) throw new Error(l.reason);
    expect(sizeAlign(l)).toEqual([8, 4]);
    expect(l.formula).toBe('size_of::<ArcInner<[u8; 3]>>() = 8 B (repr(C): Refcount 4 B + [u8; 3] 3 B + 1 B padding)');
  });

  test('ArcInner<u64> = 16 B, ArcInner<u128> = 32 B, ArcInner<()> = 4 B', () => {
    const of = (t: TypeExpr): [number, number] => {
      const l = arcInnerLayout(layout(t));
      if (!l.known) throw new Error(l.reason);
      return sizeAlign(l);
    };
    expect(of(p('u64'))).toEqual([16, 8]);
    expect(of(p('u128'))).toEqual([32, 16]);
    expect(of(UNIT)).toEqual([4, 4]);
  });

  test('the ArcInner<T> path and an unknown T', () => {
    expect(sizeAlign(knownLayout(p('ArcInner', [p('Desc')]), index()))).toEqual([24, 8]);
    const u = arcInnerLayout(layout(p('SpinLock', [p('u32')])), 'SpinLock<u32>');
    expect(u.known).toBe(false);
    if (!u.known) expect(u.unknownTerm).toBe('size_of::<bindings::spinlock_t>()');
  });
});

describe('generics', () => {
  const ring = structDef('Ring', fields(['items', arrayType(p('T'), 16)], ['head', p('usize')]), { generics: [{ kind: 'type', name: 'T' }] });

  test('Ring<u64> substitutes T: 16 × 8 + 8 = 136 B, exact; Ring<u8> = 24 B, estimated', () => {
    const big = knownLayout(p('Ring', [p('u64')]), index(ring));
    expect(sizeAlign(big)).toEqual([136, 8]);
    expect(big.estimated).toBe(false);
    const small = knownLayout(p('Ring', [p('u8')]), index(ring));
    expect(sizeAlign(small)).toEqual([24, 8]);
    expect(small.estimated).toBe(true);
  });

  test('const generic parameters reach array lengths', () => {
    const buf = structDef('Buf', fields(['data', arrayType(p('u8'), constPath('N'))]), {
      generics: [{ kind: 'const', name: 'N', type: p('usize') }],
    });
    expect(knownLayout(p('Buf', [constArg(64)]), index(buf)).sizeBytes).toBe(64);
  });

  test('aliases substitute too, and the formula shows the alias', () => {
    const alias: TypeDef = { kind: 'alias', name: 'DescRing', generics: [], target: p('Ring', [p('Desc')]) };
    const l = knownLayout(p('DescRing'), index(ring, alias));
    expect(l.sizeBytes).toBe(16 * 16 + 8);
    expect(l.formula.startsWith('size_of::<DescRing>() = size_of::<Ring<Desc>>() = 264 B')).toBe(true);
  });

  test('a missing generic argument is unknown, not a guess', () => {
    expect(unknownLayout(p('Ring'), index(ring)).reason).toMatch(/generic parameter T of Ring has no argument/);
  });
});

describe('C-backed kernel types', () => {
  test('SpinLock<u64> is unknown and names bindings::spinlock_t', () => {
    const u = unknownLayout(p('SpinLock', [p('u64')]));
    expect(u.unknownTerm).toBe('size_of::<bindings::spinlock_t>()');
    expect(u.reason).toMatch(/depends on the kernel config \(lockdep, PREEMPT_RT/);
    expect(u.reason).toMatch(/give it in kallocLens type sizes as "bindings::spinlock_t"/);
  });

  test('with a user size for bindings::spinlock_t (or SpinLock) it is repr(C) state + data', () => {
    const bySpinlockT = knownLayout(p('SpinLock', [p('u64')]), EMPTY_INDEX, { userSizes: { 'bindings::spinlock_t': { sizeBytes: 4, alignBytes: 4 } } });
    expect(sizeAlign(bySpinlockT)).toEqual([16, 8]);
    expect(bySpinlockT.formula).toBe('size_of::<SpinLock<u64>>() = 16 B (repr(C): bindings::spinlock_t 4 B + u64 8 B + 4 B padding)');
    const byName = knownLayout(p('SpinLock', [p('u64')]), EMPTY_INDEX, { userSizes: { SpinLock: { sizeBytes: 72, alignBytes: 8 } } });
    expect(byName.sizeBytes).toBe(80);
  });

  test('Mutex and CondVar, and a struct holding a lock', () => {
    expect(unknownLayout(p('CondVar')).unknownTerm).toBe('size_of::<bindings::wait_queue_head>()');
    const holder = structDef('Dev', fields(['lock', p('Mutex', [p('u32')])], ['id', p('u32')]));
    expect(unknownLayout(p('Dev'), index(holder)).unknownTerm).toBe('size_of::<bindings::mutex>()');
    const l = knownLayout(p('Dev'), index(holder), { userSizes: { 'bindings::mutex': { sizeBytes: 32, alignBytes: 8 } } });
    expect(l.sizeBytes).toBe(48); // Mutex<u32> = 32 + 4 → 40, then u32 → 44 → 48
  });

  test('bindings::* types are unknown until given; a malformed user size is refused', () => {
    expect(unknownLayout(p('bindings::page')).unknownTerm).toBe('size_of::<bindings::page>()');
    expect(knownLayout(p('bindings::page'), EMPTY_INDEX, { userSizes: { 'bindings::page': { sizeBytes: 64, alignBytes: 8 } } }).sizeBytes).toBe(64);
    expect(unknownLayout(p('bindings::page'), EMPTY_INDEX, { userSizes: { 'bindings::page': { sizeBytes: 64, alignBytes: 3 } } }).reason).toMatch(/power-of-two/);
  });
});

describe('enums', () => {
  const abc = [variant('A'), variant('B'), variant('C')];
  test.each<[string, Repr, number]>([
    ['default', { base: 'rust' }, 1],
    ['repr(u32)', { base: 'rust', int: 'u32' }, 4],
    ['repr(C)', { base: 'C' }, 4],
  ])('fieldless, %s: %d B, exact, with a niche', (_name, repr, sizeBytes) => {
    const l = knownLayout(p('E'), index(enumDef('E', abc, { repr })));
    expect(l.sizeBytes).toBe(sizeBytes);
    expect(l.estimated).toBe(false);
    expect(l.hasNiche).toBe(true);
  });

  test('discriminants choose the integer: 300 → u16, -1 → i8; one variant is zero-sized', () => {
    expect(knownLayout(p('E'), index(enumDef('E', [variant('A'), variant('B', [], intLit(300))]))).sizeBytes).toBe(2);
    expect(knownLayout(p('E'), index(enumDef('E', [variant('A', [], { kind: 'unary', op: '-', operand: intLit(1), text: '-1' })]))).sizeBytes).toBe(0);
    expect(knownLayout(p('E'), index(enumDef('E', [variant('A', [], { kind: 'unary', op: '-', operand: intLit(1), text: '-1' }), variant('B')]))).sizeBytes).toBe(1);
  });

  test('data-carrying: default repr is estimated; repr(u8) and repr(C) are exact', () => {
    const vs = [variant('A', fields(['0', p('u32')])), variant('B', fields(['0', p('u64')]))];
    const rust = knownLayout(p('E'), index(enumDef('E', vs)));
    expect(sizeAlign(rust)).toEqual([16, 8]);
    expect(rust.estimated).toBe(true);
    const small = [variant('A', fields(['0', p('u32')])), variant('B', fields(['0', p('u8')]))];
    const u8Tagged = knownLayout(p('E'), index(enumDef('E', small, { repr: { base: 'rust', int: 'u8' } })));
    expect([...sizeAlign(u8Tagged), u8Tagged.estimated]).toEqual([8, 4, false]);
    const cTagged = knownLayout(p('E'), index(enumDef('E', vs, { repr: C })));
    expect([...sizeAlign(cTagged), cTagged.estimated]).toEqual([16, 8, false]);
  });
});

describe('recursion guard', () => {
  test('a struct holding itself by value is an error, not a stack overflow', () => {
    const u = unknownLayout(p('Node'), index(structDef('Node', fields(['next', p('Node')]))));
    expect(u.reason).toMatch(/contains itself without a pointer/);
  });

  test('mutual recursion and alias cycles are caught; recursion through KBox is fine', () => {
    const a = structDef('A', fields(['b', p('B')]));
    const b = structDef('B', fields(['a', p('Option', [p('A')])]));
    expect(unknownLayout(p('A'), index(a, b)).reason).toMatch(/cycle type A → type B → type A/);
    const x: TypeDef = { kind: 'alias', name: 'X', generics: [], target: p('Y') };
    const y: TypeDef = { kind: 'alias', name: 'Y', generics: [], target: p('X') };
    expect(unknownLayout(p('X'), index(x, y)).reason).toMatch(/contains itself/);
    const list = structDef('List', fields(['value', p('u32')], ['next', p('Option', [p('KBox', [p('List')])])]));
    expect(sizeAlign(knownLayout(p('List'), index(list)))).toEqual([16, 8]);
  });

  test('nesting deeper than maxDepth stops with a reason', () => {
    const chain = Array.from({ length: 40 }, (_, i) => structDef(`S${i}`, fields(['x', p(i === 39 ? 'u8' : `S${i + 1}`)])));
    expect(knownLayout(p('S0'), index(...chain)).sizeBytes).toBe(1);
    expect(unknownLayout(p('S0'), index(...chain), { maxDepth: 16 }).reason).toMatch(/deeper than 16/);
  });
});

describe('unsized and unknown types', () => {
  test('slices, str and dyn by value are unknown with a reason', () => {
    expect(unknownLayout(sliceType(p('u8'))).reason).toMatch(/unsized/);
    expect(unknownLayout(p('str')).reason).toMatch(/unsized/);
    expect(unknownLayout(dynType('Trait')).reason).toMatch(/unsized/);
  });

  test('a name the index does not know is unknown; a user size fills it', () => {
    expect(unknownLayout(p('Foo')).reason).toMatch(/no definition of Foo/);
    expect(knownLayout(p('Foo'), EMPTY_INDEX, { userSizes: { Foo: { sizeBytes: 40, alignBytes: 8 } } }).sizeBytes).toBe(40);
  });
});

describe('layout invariants', () => {
  const prims = ['u8', 'u16', 'u32', 'u64', 'u128', 'bool', 'char'] as const;
  test('size is a multiple of align, at least the field sum, and default repr is never larger than repr(C)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...prims), { minLength: 1, maxLength: 8 }), (names) => {
        const f = fields(...names.map((n, i): [string, TypeExpr] => [`f${i}`, p(n)]));
        const c = knownLayout(p('S'), createTypeIndex([structDef('S', f, { repr: C })]));
        const rust = knownLayout(p('S'), createTypeIndex([structDef('S', f)]));
        const sum = names.reduce((n, name) => n + knownLayout(p(name)).sizeBytes, 0);
        for (const l of [c, rust]) {
          expect(l.sizeBytes % l.alignBytes).toBe(0);
          expect(l.sizeBytes).toBeGreaterThanOrEqual(sum);
        }
        expect(rust.sizeBytes).toBeLessThanOrEqual(c.sizeBytes);
        expect(rust.alignBytes).toBe(c.alignBytes);
      }),
    );
  });
});
