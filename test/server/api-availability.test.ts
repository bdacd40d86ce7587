/**
 * A call analysed against a kernel that lacks it gets `api-not-in-kernel` (information) and is
 * shown as that era's equivalent call, or without a chain when there is none; kmalloc-costly-order
 * fires only for Kmalloc-backed sites (fixtures/eras/eras.rs; eras from the engine's tables).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { resolveProfile } from '../../engine/src/profile.js';
import { analyzePaths } from '../../server/src/analysis/analyze.js';

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'eras');

async function analyze(kernel: string) {
  const report = await analyzePaths([DIR], { profile: resolveProfile('x86_64'), kernel, includeDoc: false });
  const at = (line: number) => report.sites.find((s) => s.line === line)!;
  const codes = (line: number) => report.diagnostics.filter((d) => d.line === line).map((d) => `${d.severity} ${d.code}`);
  const message = (line: number, code: string) => report.diagnostics.find((d) => d.line === line && d.code === code)?.message;
  return { at, codes, message };
}

describe('api-not-in-kernel', () => {
  test('KBox::new with --kernel 6.6: an information diagnostic, shown as the era’s Box::try_new', async () => {
    const { at, codes, message } = await analyze('6.6');
    expect(codes(12)).toEqual(['information api-not-in-kernel']);
    expect(message(12, 'api-not-in-kernel')).toMatch(/^KBox::new needs kernel 6\.13 or later \(6\.12\.y backport\); in 6\.1–6\.9 use Box::try_new\(x\)/);
    // 4096 B through the 6.6 chain of Box::try_new: kmalloc-4k, with the alloc crate's frames.
    expect(at(12)).toMatchObject({ size: { bytes: 4096 }, outcome: { path: 'slab', cache: 'kmalloc-4k' } });
    expect(
      at(12)
        .chain.map((f) => f.frame)
        .join(' '),
    ).toMatch(/Box::try_new/);
    // KVVec has no 6.6 equivalent: no chain, no made-up outcome.
    expect(codes(14)).toEqual(['information api-not-in-kernel']);
    expect(at(14)).toMatchObject({ chain: [], outcome: { path: 'unknown' } });
    // Vec::try_push is this era's own call.
    expect(codes(22)).toEqual([]);
  });

  test('with 7.1.5 the new calls are at home and the old try_push is not', async () => {
    const { at, codes, message } = await analyze('7.1.5');
    expect(codes(12)).toEqual([]);
    expect(message(22, 'api-not-in-kernel')).toMatch(/^Vec::try_push was replaced in kernel 6\.10; .*use KVec::push\(x, flags\)/);
    expect(at(22).notes.join(' ')).not.toMatch(/older kernel's API/);
  });
});

describe('kmalloc-costly-order', () => {
  test('fires for a 64 KiB KVec and not for a 64 KiB KVVec (kvmalloc falls back to vmalloc)', async () => {
    const { at, codes } = await analyze('7.1.5');
    expect(at(14)).toMatchObject({ call: 'KVVec::with_capacity', size: { bytes: 65536 } });
    expect(codes(14)).toEqual([]);
    expect(codes(16)).toEqual(['warning kmalloc-costly-order']);
  });
});
