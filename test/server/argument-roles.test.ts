/**
 * A site's arguments are read by the roles of its registry row, not by how they look: the flags
 * are the row's flags argument even when another argument mentions `flags`, a method written as
 * a path skips its receiver, an Allocator call's Layout and flags are where its signature puts
 * them, and an API that takes no flags reports the ones it passes itself.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { resolveProfile } from '../../engine/src/profile.js';
import { analyzePaths } from '../../server/src/analysis/analyze.js';
import type { AnalysisReport } from '../../server/src/analysis/report.js';

const SOURCE = `
use kernel::alloc::{flags::*, Flags, KBox, KVec, KVVec, Kmalloc, Allocator, Layout, NumaNode};

struct Header { flags: u32, len: u32 }

fn roles(v: &mut KVec<u64>, pad: usize, atomic: Flags) -> Result {
    let f = GFP_ATOMIC;
    let h = KBox::new(Header { flags: 0, len: 0 }, f)?;
    KVec::push(v, 7, GFP_NOWAIT)?;
    let mut image = KVVec::new();
    image.extend_with(pad, 0u8, GFP_KERNEL)?;
    let p = Kmalloc::alloc(Layout::new::<Header>(), f, NumaNode::NO_NODE)?;
    let s = kernel::c_str!("abc").to_cstring()?;
    let w = KVec::<u32>::with_capacity(16, atomic)?;
    Ok(())
}
`;

let dir: string;
let report: AnalysisReport;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kalloc-roles-'));
  writeFileSync(join(dir, 'roles.rs'), SOURCE);
  report = await analyzePaths([dir], { profile: resolveProfile('x86_64'), includeDoc: false });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function at(line: string): AnalysisReport['sites'][number] {
  const row = SOURCE.split('\n').findIndex((l) => l.includes(line)) + 1;
  const site = report.sites.find((s) => s.line === row);
  if (!site) throw new Error(`no site on line ${row} (${line})`);
  return site;
}

describe('arguments by the row’s roles', () => {
  test('the flags are the flags argument, not another one that mentions flags', () => {
    expect(at('KBox::new(Header').flags).toBe('GFP_ATOMIC');
    expect(at('KBox::new(Header').elementType).toBe('Header');
  });

  test('a method written as a path skips its receiver', () => {
    expect(at('KVec::push(v').flags).toBe('GFP_NOWAIT');
  });

  test('the value argument names the element of a vector whose type does not (nova-core fwsec/bootloader.rs:209)', () => {
    expect(at('image.extend_with').flags).toBe('GFP_KERNEL');
    expect(at('image.extend_with').elementSize).toBe(1);
  });

  test('Allocator::alloc(layout, flags, nid): the flags are the second argument, the Layout the first', () => {
    const site = at('Kmalloc::alloc');
    expect(site.flags).toBe('GFP_ATOMIC');
    expect(site.size.bytes).toBe(8);
  });

  test('an API that takes no flags reports the ones it passes itself (str.rs: GFP_KERNEL)', () => {
    expect(at('to_cstring').flags).toBe('GFP_KERNEL');
    expect(at('to_cstring').size.bytes).toBe(4);
  });

  test('a count argument is the count, with the flags after it', () => {
    const site = at('with_capacity(16');
    expect(site.size.bytes).toBe(64);
    expect(site.flags).toBe('atomic');
  });
});
