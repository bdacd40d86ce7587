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
