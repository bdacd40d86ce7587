import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { itemsFromTree } from '../../server/src/analysis/extract/items-from-tree.js';
import { layoutOf } from '../../server/src/analysis/layout/layout-of.js';
import { createTypeIndex, pathType } from '../../server/src/analysis/rust-model-builders.js';
import { typeText } from '../../server/src/analysis/rust-model.js';
import { createRustParser } from '../../server/src/parse/rust-parser.js';

describe('items from a parsed file', () => {
  test('examples/ring/types.rs: structs with repr and fields, the alias, the consts', async () => {
    const parser = await createRustParser();
    const tree = parser.parse(readFileSync('examples/ring/types.rs', 'utf8'))!;
    const items = itemsFromTree(tree);
    const byName = new Map(items.types.map((t) => [t.name, t]));
    expect([...byName.keys()].sort()).toEqual(['Desc', 'Entry', 'Ring', 'Scratch', 'Stats']);
    const desc = byName.get('Desc')!;
    expect(desc.kind === 'struct' && desc.repr.base).toBe('C');
    expect(desc.kind === 'struct' && desc.fields.map((f) => `${f.name}: ${typeText(f.type)}`)).toEqual(['addr: u64', 'len: u32', 'flags: u16']);
    const entry = byName.get('Entry')!;
    expect(entry.kind === 'struct' && entry.repr.base).toBe('rust');
    expect(entry.kind === 'struct' && typeText(entry.fields[2]!.type)).toBe('Option<KBox<Desc>>');
    const ring = byName.get('Ring')!;
    expect(ring.kind === 'alias' && typeText(ring.target)).toBe('KVec<Desc>');
    const scratch = byName.get('Scratch')!;
    expect(scratch.kind === 'struct' && scratch.fields[0]!.type.kind).toBe('array');
    expect(items.consts.map((c) => [c.name, c.value.kind === 'int' ? Number(c.value.value) : c.value.kind])).toEqual([
      ['RING_ENTRIES', 48],
      ['RX_BUF_BYTES', 1518],
    ]);
  });

  test('repr variants: packed(N), align(N), transparent, enum int repr; tuple structs; generics', async () => {
    const parser = await createRustParser();
    const src = `
#[repr(C, packed(2))] struct P { a: u8, b: u32 }
#[repr(align(64))]
/// doc between attribute and item
struct A(u64, [u8; N]);
#[repr(transparent)] struct T<X>(X);
#[repr(u8)] enum E { One = 1, Two, Three(u32) }
struct G<T, const N: usize> { items: [T; N] }
const SZ: usize = 4 * size_of::<A>() + (1 << 3);
`;
    const items = itemsFromTree(parser.parse(src)!);
    const [p, a, t, e, g] = items.types;
    expect(p).toMatchObject({ name: 'P', repr: { base: 'C', packedBytes: 2 } });
    expect(a).toMatchObject({ name: 'A', tuple: true, repr: { alignBytes: 64 } });
    expect(t).toMatchObject({ name: 'T', repr: { base: 'transparent' }, generics: [{ kind: 'type', name: 'X' }] });
    expect(e).toMatchObject({ kind: 'enum', repr: { int: 'u8' } });
    expect(e!.kind === 'enum' && e!.variants.map((v) => v.name)).toEqual(['One', 'Two', 'Three']);
    expect(g!.generics.map((x) => x.kind)).toEqual(['type', 'const']);
    const sz = items.consts[0]!.value;
    expect(sz.kind).toBe('binary');
    expect(sz.kind === 'binary' && sz.left.kind === 'binary' && sz.left.right.kind).toBe('layout-call');
  });
});

test('a const generic default is kept, so `List<Thread>` means `List<Thread, 0>` (rust/kernel/list.rs v7.1.5:279)', async () => {
  const parser = await createRustParser();
  const source = [
    'pub struct ListLinks<const ID: u64 = 0> { inner: Opaque<ListLinksFields> }',
    '#[repr(C)] struct ListLinksFields { next: *mut ListLinksFields, prev: *mut ListLinksFields }',
    'pub struct List<T: ?Sized + ListItem<ID>, const ID: u64 = 0> { first: *mut ListLinksFields, _ty: PhantomData<ListArc<T, ID>> }',
    'struct Thread { links: ListLinks, id: u32 }',
  ].join('\n');
  const items = itemsFromTree(parser.parse(source)!);
  const list = items.types.find((t) => t.name === 'List')!;
  expect(list.generics[1]).toMatchObject({ kind: 'const', name: 'ID', default: { kind: 'int', value: 0n } });
  const index = createTypeIndex(items.types);
  const layout = layoutOf(pathType('Thread'), index, { pointerBytes: 8, pageSizeBytes: 4096 });
  expect(layout).toMatchObject({ known: true, sizeBytes: 24 });
  expect(layoutOf(pathType('List', [pathType('Thread')]), index, { pointerBytes: 8, pageSizeBytes: 4096 })).toMatchObject({ known: true, sizeBytes: 8 });
});
