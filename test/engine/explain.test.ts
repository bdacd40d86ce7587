import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { EngineError } from '../../engine/src/errors.js';
import { explain } from '../../engine/src/explain.js';

describe('explain', () => {
  test('the ux example: KVec<Entry>::with_capacity(100) with a 24-byte Entry', () => {
    const o = explain({ api: 'KVec::with_capacity', count: 100, element: { sizeBytes: 24, alignBytes: 8 } });
    expect(o).toMatchObject({
      path: 'slab',
      allocator: 'Kmalloc',
      cache: 'kmalloc-4k',
      objectSize: 4096,
      wasteBytes: 1696,
      slabOrder: 3,
      objectsPerSlab: 8,
      fillCount: 170,
      request: { formula: '100 × 24 B = 2400 B', sizeBytes: 2400 },
      flags: { text: 'GFP_KERNEL', mask: '0xcc0', maySleep: true },
      kernel: { version: '7.1.5', era: 'node-align' },
    });
    expect(o.chain[0]!.frame).toBe('KVec::with_capacity');
    expect(o.chain.map((f) => f.frame)).toContain('rust_helper_krealloc_node_align');
    expect(o.chain.at(-1)!.frame).toBe('alloc_from_pcs');
  });

  test('the allocator follows the API type: KVVec is KVmalloc, VBox is Vmalloc', () => {
    expect(explain({ api: 'KVVec::with_capacity', sizeBytes: 8 << 20 }).path).toBe('kvmalloc');
    expect(explain({ api: 'VBox::new', sizeBytes: 100 }).path).toBe('vmalloc');
    expect(() => explain({ api: 'KVec::push', allocator: 'vmalloc', sizeBytes: 100 })).toThrow(/always allocates with Kmalloc/);
  });

  test('GFP_KERNEL_ACCOUNT lands in kmalloc-cg-*, and not on a profile without MEMCG', () => {
    expect(explain({ sizeBytes: 64, flags: 'GFP_KERNEL_ACCOUNT' }).cache).toBe('kmalloc-cg-64');
    expect(explain({ sizeBytes: 64, flags: 'GFP_KERNEL_ACCOUNT', profileOptions: { memcg: false } }).cache).toBe('kmalloc-64');
  });

  test('large, costly and failing kmalloc', () => {
    expect(explain({ sizeBytes: 16384 })).toMatchObject({ path: 'large', order: 2, pages: 4, costly: false });
    expect(explain({ sizeBytes: 65536 })).toMatchObject({ path: 'large', order: 4, costly: true });
    const fail = explain({ sizeBytes: 8 << 20 });
    expect(fail.path).toBe('fail');
    expect(fail.failure).toMatch(/order 11 > MAX_PAGE_ORDER \(10\).*WARN/);
    expect(explain({ sizeBytes: 8 << 20, flags: 'GFP_KERNEL | __GFP_NOWARN' }).failure).not.toMatch(/WARN/);
    // The same 8 MiB fits arm64 with 16K pages (KMALLOC_MAX_SIZE 32 MiB).
    expect(explain({ sizeBytes: 8 << 20, profile: 'arm64-16k' })).toMatchObject({ path: 'large', order: 9 });
  });

  test('kvmalloc: the attempt, and a fallback only if kmalloc fails, above PAGE_SIZE', () => {
    const o = explain({ allocator: 'kvmalloc', sizeBytes: 65536 });
    expect(o.path).toBe('large');
    expect(o.attempt).toMatchObject({ path: 'large', order: 4 });
    expect(o.attempt!.flags).toMatch(/-__GFP_DIRECT_RECLAIM/);
    expect(o.fallback).toMatchObject({ path: 'vmalloc', when: 'if-kmalloc-fails', pages: 16 });
    expect(explain({ allocator: 'kvmalloc', sizeBytes: 4096 }).fallback).toBeNull();
  });

  test('zero size allocates nothing; the chain still shows the C call in 6.13+', () => {
    const o = explain({ api: 'KBox::new', sizeBytes: 0 });
    expect(o.path).toBe('none');
    expect(o.chain.map((f) => f.frame)).toContain('rust_helper_krealloc_node_align');
    expect(o.chain.map((f) => f.frame)).not.toContain('slab_alloc_node');
  });

  test('eras: 6.8 rounds an over-aligned 96-byte layout to kmalloc-128; 7.1 keeps kmalloc-96', () => {
    expect(explain({ api: 'Box::try_new', sizeBytes: 96, alignBytes: 32, kernel: '6.8' }).cache).toBe('kmalloc-128');
    expect(explain({ api: 'KBox::new', sizeBytes: 96, alignBytes: 32 }).cache).toBe('kmalloc-96');
  });

  test('Vmalloc before 6.13 does not exist in Rust', () => {
    expect(() => explain({ allocator: 'vmalloc', sizeBytes: 4096, kernel: '6.12' })).toThrow(/no Vmalloc allocator in kernel 6\.12/);
  });

  test('6.13–6.17 Vmalloc refuses align > PAGE_SIZE; 6.18 accepts it', () => {
    const o = explain({ allocator: 'vmalloc', sizeBytes: 8192, alignBytes: 8192, kernel: '6.15' });
    expect(o.path).toBe('fail');
    expect(o.failure).toMatch(/refuses align 8192 B > PAGE_SIZE/);
    expect(explain({ allocator: 'vmalloc', sizeBytes: 8192, alignBytes: 8192, kernel: '6.18' }).path).toBe('vmalloc');
  });

  test('an array layout over isize::MAX fails before any C call', () => {
    const o = explain({ count: 2 ** 52, element: { sizeBytes: 4096, alignBytes: 8 } });
    expect(o.path).toBe('fail');
    expect(o.failure).toMatch(/isize::MAX/);
    expect(o.chain.some((f) => f.layer === 'c')).toBe(false);
  });

  describe('bad input is a typed error a person understands', () => {
    test.each([
      [{ sizeBytes: -1 }, 'invalid-size', /cannot be negative/],
      [{ sizeBytes: 1.5 }, 'invalid-size', /whole number/],
      [{ sizeBytes: Number.NaN }, 'invalid-size', /expected a number/],
      [{ sizeBytes: Infinity }, 'invalid-size', /finite/],
      [{ sizeBytes: 2 ** 60 }, 'invalid-size', /beyond 2\^53/],
      [{ sizeBytes: 64, alignBytes: 3 }, 'invalid-layout', /power of two/],
      [{ sizeBytes: 64, flags: 'GFP_KERNAL' }, 'unknown-flag', /unknown GFP flag 'GFP_KERNAL'/],
      [{ sizeBytes: 64, flags: 'GFP_KERNEL |' }, 'unknown-flag', /joined by '\|'/],
      [{ sizeBytes: 64, profile: 'riscv' }, 'unknown-profile', /known profiles: x86_64/],
      [{ sizeBytes: 64, kernel: 'latest' }, 'invalid-kernel-version', /not a version/],
      [{ sizeBytes: 64, kernel: '5.10' }, 'unsupported-kernel-version', /6\.1 or later/],
      [{ sizeBytes: 64, allocator: 'slab' }, 'unknown-allocator', /kmalloc, vmalloc or kvmalloc/],
      [{ sizeBytes: 64, api: 'KVec::frobnicate' }, 'unknown-api', /unknown API/],
      [{ count: 3 }, 'invalid-argument', /element size/],
      [{}, 'invalid-argument', /needs a size/],
      [{ sizeBytes: 64, profileOptions: { nrCpus: 0 } }, 'invalid-argument', /nrCpus/],
    ])('%j → %s', (input, code, message) => {
      let error: unknown;
      try {
        explain(input as Parameters<typeof explain>[0]);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(EngineError);
      expect((error as EngineError).code).toBe(code);
      expect((error as EngineError).message).toMatch(message);
    });

    test('any input either explains or throws an EngineError, never anything else', () => {
      fc.assert(
        fc.property(
          fc.record(
            {
              sizeBytes: fc.oneof(fc.integer({ min: -10, max: 2 ** 33 }), fc.double(), fc.constant(Number.MAX_SAFE_INTEGER)),
              alignBytes: fc.oneof(fc.constantFrom(1, 2, 8, 4096, 8192), fc.integer({ min: -3, max: 100 })),
              allocator: fc.constantFrom('kmalloc', 'vmalloc', 'kvmalloc', 'KVmalloc', 'x'),
              flags: fc.constantFrom('GFP_KERNEL', 'GFP_ATOMIC | __GFP_ZERO', 'GFP_NOWAIT', '', 'GFP_DMA', '__GFP_HIGHMEM'),
              kernel: fc.constantFrom('6.1', '6.5', '6.10', '6.12', '6.13', '6.16', '6.18', '7.0', '7.1.5', '8.0', 'x'),
              profile: fc.constantFrom('x86_64', 'arm64-4k', 'arm64-16k', 'arm64-64k'),
            },
            { requiredKeys: ['sizeBytes'] },
          ),
          (input) => {
            try {
              const o = explain(input);
              expect(['slab', 'large', 'vmalloc', 'kvmalloc', 'fail', 'none']).toContain(o.path);
              expect(o.chain.length).toBeGreaterThan(0);
            } catch (error) {
              expect(error).toBeInstanceOf(EngineError);
            }
          },
        ),
        { numRuns: 3000 },
      );
    });
  });
});
