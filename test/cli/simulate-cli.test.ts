/** `kalloc-lens simulate <file>:<line>:<col>` as a user runs it: a real process, real exit codes. */
import { describe, expect, test } from 'vitest';
import { runCli } from './run-cli.js';

const run = runCli;

describe('kalloc-lens simulate', () => {
  test('a push site: pushes into an empty KVec<u64>, each reallocation a step through the caches', () => {
    const r = run('simulate', 'examples/ring/ring.rs:60:25', '--count', '20');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('KVec::push at examples/ring/ring.rs:60:23 · 20 pushes into an empty vector · 11 allocator operations, 0 failed');
    expect(r.stdout).toMatch(/^ +9 {2}alloc {3}refill_sheaf +kmalloc-256 +32 {2}order 1 \(8 KiB\)$/m);
    // A kmalloc-128 sheaf (60 objects) takes two 32-object slabs: NEW SLAB says so (ALLOC_SLAB 2).
    expect(r.stdout).toMatch(/^ +7 {2}alloc {3}refill_sheaf +kmalloc-128 +16 {2}2 × order 0 \(4 KiB\)$/m);
  });

  test('a fixed-size site in JSON: the engine trace, with the site it found', () => {
    const r = run('simulate', 'examples/ring/ring.rs:29:20', '--count', '3', '--format', 'json', '--kernel', '6.18');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.site).toEqual({ call: 'KVec::with_capacity', line: 29, column: 20 });
    expect(out.trace.kind).toBe('allocations');
    expect(out.trace.outcome.cache).toBe('kmalloc-1k');
    // 6.18 has the per-CPU slab; sheaves came in 7.0.
    expect(out.trace.slub[0].frontEnd).not.toBe('sheaves');
  });

  test('no site at the position, or a bad place: exit 2 with the reason', () => {
    const none = run('simulate', 'examples/ring/ring.rs:2:1');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no allocation site at examples\/ring\/ring\.rs:2:1; sites in this file are at lines 29, 39/);
    expect(run('simulate', 'examples/ring/ring.rs').code).toBe(2);
    expect(run('simulate', 'nowhere.rs:1:1').stderr).toMatch(/no such file: nowhere\.rs/);
  });
});
