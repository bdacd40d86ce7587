/**
 * examples/ring/: every idiom and every diagnostic, each expected site listed as
 * `file:line → call, allocator, flags, size, lands`. Fails on a missing site and on any extra one.
 */
import { describe, expect, test } from 'vitest';
import { resolveProfile } from '../../engine/src/profile.js';
import { analyzePaths } from '../../server/src/analysis/analyze.js';

const EXPECTED_SITES = [
  'buffers.rs:21 → KBox::new, Kmalloc, GFP_KERNEL, 1518, slab kmalloc-2k',
  'buffers.rs:24 → VBox::new_uninit, Vmalloc, GFP_KERNEL, 4096, vmalloc',
  'buffers.rs:27 → VBox::new, Vmalloc, GFP_KERNEL, 32, vmalloc',
  'buffers.rs:30 → KVVec::with_capacity, KVmalloc, gfp, 8388608, kvmalloc',
  'buffers.rs:31 → KVVec::push, KVmalloc, gfp, ?, unknown',
  'buffers.rs:34 → Arc::new, Kmalloc, flags::GFP_KERNEL, 32, slab kmalloc-32',
  'buffers.rs:35 → UniqueArc::new_uninit, Kmalloc, GFP_KERNEL, 32, slab kmalloc-32',
  'buffers.rs:38 → KBox::pin_init, Kmalloc, GFP_KERNEL, 24, slab kmalloc-32',
  'buffers.rs:42 → kvec![x; n], Kmalloc, GFP_KERNEL, 256, slab kmalloc-256',
  'buffers.rs:43 → kvec![a, b, c], Kmalloc, GFP_KERNEL, 8, slab kmalloc-8',
  'buffers.rs:46 → Box::new, KVmalloc, GFP_KERNEL, 16, slab kmalloc-16',
  'buffers.rs:49 → KBox::new_uninit, Kmalloc, GFP_KERNEL | __GFP_ZERO, 512, slab kmalloc-512',
  'ring.rs:29 → KVec::with_capacity, Kmalloc, GFP_KERNEL, 768, slab kmalloc-1k',
  'ring.rs:39 → KVec::with_capacity, Kmalloc, GFP_KERNEL, 2400, slab kmalloc-4k',
  'ring.rs:45 → KVec::with_capacity, Kmalloc, GFP_KERNEL, 65536, large',
  'ring.rs:53 → KVec::with_capacity, Kmalloc, GFP_KERNEL, 6291456, fail',
  'ring.rs:60 → KVec::push, Kmalloc, GFP_KERNEL, ?, unknown',
  'ring.rs:68 → KVec::push, Kmalloc, GFP_ATOMIC, ?, unknown',
  'ring.rs:78 → KVec::push, Kmalloc, GFP_KERNEL, ?, unknown',
  'ring.rs:84 → KVec::push, Kmalloc, GFP_KERNEL, ?, unknown',
  'ring.rs:89 → KVec::reserve, Kmalloc, GFP_KERNEL, ?, unknown',
  'ring.rs:90 → KVec::extend_from_slice, Kmalloc, GFP_KERNEL, ?, unknown',
  // The element type comes from `-> Result<KVec<Desc>>` through `Ok(copy)`, as rustc infers it.
  'ring.rs:97 → KVec::with_capacity, Kmalloc, GFP_KERNEL, 128, slab kmalloc-128',
  'ring.rs:98 → KVec::extend_from_slice, Kmalloc, GFP_KERNEL, ?, unknown',
  // `pages: u16` bounds the count: up to 65535 × 4 KiB, over KMALLOC_MAX_SIZE.
  'ring.rs:105 → KVec::with_capacity, Kmalloc, GFP_KERNEL, ?, unknown',
];

const EXPECTED_DIAGNOSTICS = [
  'buffers.rs:21 information slab-waste',
  'buffers.rs:27 information vmalloc-small',
  'ring.rs:29 information slab-waste',
  'ring.rs:39 information slab-waste',
  'ring.rs:45 warning kmalloc-costly-order',
  'ring.rs:53 error kmalloc-oversized',
  'ring.rs:105 error kmalloc-oversized',
  'ring.rs:60 warning sleep-in-atomic',
];

describe('examples/ring', async () => {
  const report = await analyzePaths(['examples/ring'], { profile: resolveProfile('x86_64'), includeDoc: false });
  const short = (file: string) => file.split('/').at(-1)!;

  test('every site, and no other', () => {
    const actual = report.sites.map(
      (s) => `${short(s.file)}:${s.line} → ${s.call}, ${s.allocator}, ${s.flags}, ${s.size.bytes ?? '?'}, ${s.outcome.path}${s.outcome.cache ? ` ${s.outcome.cache}` : ''}`,
    );
    expect(actual.sort()).toEqual([...EXPECTED_SITES].sort());
  });

  test('every diagnostic, once, and no other', () => {
    expect(report.diagnostics.map((d) => `${short(d.file)}:${d.line} ${d.severity} ${d.code}`).sort()).toEqual([...EXPECTED_DIAGNOSTICS].sort());
  });

  test('sizes carry their formula; unknown capacities carry growth thresholds', () => {
    const ring = report.sites.find((s) => s.file.endsWith('ring.rs') && s.line === 29)!;
    expect(ring.size).toEqual({ bytes: 768, exact: true, expr: 'RING_ENTRIES = 48 × size_of::<Desc>() = 48 × 16 B = 768 B' });
    expect(ring.elementType).toBe('Desc');
    const push = report.sites.find((s) => s.file.endsWith('ring.rs') && s.line === 60)!;
    expect(push.size.bytes).toBeNull();
    expect(push.outcome.thresholds?.[0]).toEqual({ elements: 1, path: 'slab', cache: 'kmalloc-8' });
    expect(push.outcome.thresholds?.at(-1)).toEqual({ elements: 524289, path: 'fail' });
    expect(push.chain.map((f) => f.frame)).toContain('rust_helper_krealloc_node_align');
  });

  test('a count bounded by its type gives the largest request, and kmalloc-oversized says so', () => {
    const scratch = report.sites.find((s) => s.file.endsWith('ring.rs') && s.line === 105)!;
    expect(scratch.size.bytes).toBeNull();
    expect(scratch.size.upperBound).toEqual({ bytes: 65535 * 4096, expr: '`pages` is a u16: up to u16::MAX = 65535 × 4096 B = 268431360 B' });
    const diagnostic = report.diagnostics.find((d) => d.line === 105)!;
    expect(diagnostic.message).toMatch(/can ask kmalloc for more than KMALLOC_MAX_SIZE .*Keep the count at most 1024/);
  });

  test('an estimated default-repr layout is not exact', () => {
    const entries = report.sites.find((s) => s.file.endsWith('ring.rs') && s.line === 39)!;
    expect(entries.elementSize).toBe(24);
    expect(entries.size.exact).toBe(false);
  });
});
