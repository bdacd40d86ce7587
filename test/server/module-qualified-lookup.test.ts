/**
 * Two files define a type of the same name: v7.1.5 has `pub struct Table(Opaque<bindings::cpufreq_frequency_table>)`
 * in rust/kernel/cpufreq.rs and `pub struct Table { ptr, dev, em, of, cpus }` in rust/kernel/opp.rs,
 * and drivers/cpufreq/rcpufreq_dt.rs writes `opp::Table`. The module that qualifies the path picks
 * the definition; before, the first file in path order (cpufreq.rs) answered 12 B for opp::Table.
 * Sources are short hand-written shapes of those v7.1.5 items (fields as in the tree).
 */
import { beforeAll, expect, test } from 'vitest';
import type { Parser } from 'web-tree-sitter';
import { bundledCLayouts } from '../../engine/src/bundled-c-layouts.js';
import { resolveProfile } from '../../engine/src/profile.js';
import { itemsFromTree } from '../../server/src/analysis/extract/items-from-tree.js';
import { layoutOf } from '../../server/src/analysis/layout/layout-of.js';
import { pathType } from '../../server/src/analysis/rust-model-builders.js';
import { WorkspaceIndex } from '../../server/src/analysis/workspace-index.js';
import { createRustParser } from '../../server/src/parse/rust-parser.js';

const CPUFREQ = '#[repr(transparent)]\npub struct Table(Opaque<bindings::cpufreq_frequency_table>);';
const OPP = 'pub struct Table { ptr: *mut bindings::opp_table, dev: ARef<Device>, em: bool, of: bool, cpus: Option<KBox<u64>> }';
const DRIVER = 'struct Table { a: u8 }';

let parser: Parser;
beforeAll(async () => {
  parser = await createRustParser();
});

const options = { pointerBytes: 8, pageSizeBytes: 4096, cLayouts: bundledCLayouts(resolveProfile('x86_64')) };

function viewFrom(files: Record<string, string>, from: string) {
  const index = new WorkspaceIndex();
  for (const [path, text] of Object.entries(files)) index.setFile(path, itemsFromTree(parser.parse(text)!));
  return index.viewFrom(from);
}

test('opp::Table is the Table of opp.rs, cpufreq::Table the one of cpufreq.rs', () => {
  const view = viewFrom({ '/t/rust/kernel/cpufreq.rs': CPUFREQ, '/t/rust/kernel/opp.rs': OPP }, '/t/drivers/cpufreq/rcpufreq_dt.rs');
  // ptr 8 + dev 8 + cpus 8 + em 1 + of 1 = 26, rounded to 8: 32.
  expect(layoutOf(pathType('opp::Table'), view, options)).toMatchObject({ known: true, sizeBytes: 32 });
  // Three unsigned ints (include/linux/cpufreq.h): 12.
  expect(layoutOf(pathType('cpufreq::Table'), view, options)).toMatchObject({ known: true, sizeBytes: 12 });
  expect(layoutOf(pathType('kernel::opp::Table'), view, options)).toMatchObject({ known: true, sizeBytes: 32 });
});

test('a module folder counts, and an unqualified name still prefers the asking file', () => {
  const view = viewFrom({ '/t/rust/kernel/cpufreq.rs': CPUFREQ, '/t/rust/kernel/opp/mod.rs': OPP, '/t/drivers/x/x.rs': DRIVER }, '/t/drivers/x/x.rs');
  expect(layoutOf(pathType('opp::Table'), view, options)).toMatchObject({ known: true, sizeBytes: 32 });
  expect(layoutOf(pathType('Table'), view, options)).toMatchObject({ known: true, sizeBytes: 1 });
});

// binder (v7.1.5): range_alloc/mod.rs defines a private `struct Range<T> { offset, size, state:
// DescriptorState<T> }`, while allocation.rs does `use core::ops::Range;` and holds
// `offsets: Option<Range<usize>>`. Taking binder's Range there made a false cycle
// (AllocationInfo → Range → DescriptorState → Allocation → AllocationInfo: "infinite size").
test("a name imported from core is core's type, never a workspace type of the same name", () => {
  const RANGE_ALLOC = 'struct Range<T> { offset: usize, size: usize, state: State<T> }\nenum State<T> { Free, Used(Info, T) }';
  const ALLOCATION = 'use core::ops::Range;\nuse core::mem::{size_of, MaybeUninit};\npub(crate) struct Info { offsets: Option<Range<usize>>, slot: MaybeUninit<u64>, clear: bool }';
  const view = viewFrom({ '/t/binder/range_alloc/mod.rs': RANGE_ALLOC, '/t/binder/allocation.rs': ALLOCATION }, '/t/binder/allocation.rs');
  const info = layoutOf(pathType('Info'), view, options);
  expect(info.known).toBe(false);
  if (!info.known) {
    expect(info.unknownTerm).toBe('size_of::<core::ops::Range<usize>>()');
    expect(info.reason).not.toMatch(/itself|cycle/);
  }
  // The workspace's own Range is still found where no import says otherwise.
  expect(viewFrom({ '/t/binder/range_alloc/mod.rs': RANGE_ALLOC }, '/t/binder/range_alloc/mod.rs').lookupType(['Range'])?.name).toBe('Range');
});
