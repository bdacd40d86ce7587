/**
 * Dedicated slab caches against numbers worked out by hand from the v7.1.5 source, with object
 * sizes read from ../shared/kernel-build/x86_64-defconfig/struct-sizes.tsv (GCC's sizeof, by pahole).
 */
import { describe, expect, test } from 'vitest';
import type { CLayoutSource } from '../../engine/src/c-layout.js';
import { kernelTarget } from '../../engine/src/kernel-version.js';
import { kmemCacheAlign, kmemCacheGeometry, kmemCacheSlabSize } from '../../engine/src/kmem-cache.js';
import { resolveProfile } from '../../engine/src/profile.js';
import { structSizesSource } from './struct-sizes-source.js';

const x86 = resolveProfile('x86_64');
const v715 = kernelTarget('7.1.5').rules;
const layouts = structSizesSource('x86_64-defconfig');

describe('dedicated caches, x86_64 defconfig, 8 CPUs, v7.1.5', () => {
  test('maple_node: 256 B, align 256, order 1, 32 per slab, sheaf capacity 32', () => {
    const answer = kmemCacheGeometry('maple_node', layouts, x86, v715);
    if (!answer.known) throw new Error(answer.why);
    // struct-sizes.tsv: maple_node 256. lib/maple_tree.c:5630: .align = sizeof(struct maple_node).
    // calculate_sizes: no ctor, size = ALIGN(256, 8) = 256, ALIGN(256, 256) = 256.
    // calculate_order(256): min_objects = 4 × (fls(8) + 1) = 20; get_order(20 × 256 = 5120) = 1;
    // 8192 % 256 = 0 ≤ 8192/16, so order 1; 8192 / 256 = 32 objects.
    // calculate_sheaf_capacity: s->size 256 ≥ 256 → 26; 32 + 26 × 8 = 240 → kmalloc-256 → (256 − 32)/8 = 28;
    // max(28, args->sheaf_capacity 32) = 32.
    expect(answer.cache).toMatchObject({ objectSize: 256, align: 256, slabSize: 256, slabOrder: 1, objectsPerSlab: 32, slabBytes: 8192, sheafCapacity: 32, freePointer: 'in-object' });
  });

  test('radix_tree_node: 576 B + the ctor’s free pointer = 584 B, order 2, 28 per slab (as /proc/slabinfo shows)', () => {
    const answer = kmemCacheGeometry('radix_tree_node', layouts, x86, v715);
    if (!answer.known) throw new Error(answer.why);
    // struct-sizes.tsv: xa_node 576 (radix_tree_node is #define'd to xa_node). lib/radix-tree.c:1601:
    // align 0, SLAB_RECLAIM_ACCOUNT, radix_tree_node_ctor → calculate_alignment = max(0, 8) = 8;
    // a ctor moves the free pointer after the object: 576 + 8 = 584.
    // calculate_order(584): get_order(20 × 584 = 11680) = 2; 16384 % 584 = 32 ≤ 1024 → order 2, 16384/584 = 28.
    // sheaf: 584 ≥ 256 → 26 → 28; args->sheaf_capacity 0 → 28.
    expect(answer.cache).toMatchObject({ objectSize: 576, align: 8, slabSize: 584, slabOrder: 2, objectsPerSlab: 28, sheafCapacity: 28, freePointer: 'after-object' });
  });

  test('no sheaves before 7.0 unless the cache asked (6.18: maple_node yes, radix_tree_node no); none in 6.12', () => {
    const v618 = kernelTarget('6.18').rules;
    const maple = kmemCacheGeometry('maple_node', layouts, x86, v618);
    const radix = kmemCacheGeometry('radix_tree_node', layouts, x86, v618);
    expect(maple.known && maple.cache.sheafCapacity).toBe(32);
    expect(radix.known && radix.cache.sheafCapacity).toBeNull();
    const old = kmemCacheGeometry('maple_node', layouts, x86, kernelTarget('6.12').rules);
    expect(old.known && old.cache.sheafCapacity).toBeNull();
  });

  test('without a layout source the object size is unknown, and the answer says why', () => {
    const answer = kmemCacheGeometry('maple_node', undefined, x86, v715);
    expect(answer.known).toBe(false);
    if (!answer.known) expect(answer.why).toMatch(/sizeof\(struct maple_node\)/);
    const empty: CLayoutSource = { id: 'empty', layoutOf: () => undefined };
    const missing = kmemCacheGeometry('radix_tree_node', empty, x86, v715);
    if (missing.known) throw new Error('expected unknown');
    expect(missing.why).toMatch(/empty has no layout for bindings::xa_node/);
  });

  test('calculate_alignment with SLAB_HWCACHE_ALIGN halves the cache line while the object fits in half', () => {
    // mm/slab_common.c:128: ralign = 64; 24 <= 32 → 32; 24 > 16 → stop; max(0, 32) = 32.
    expect(kmemCacheAlign(['SLAB_HWCACHE_ALIGN'], 0, 24, x86)).toBe(32);
    expect(kmemCacheAlign(['SLAB_HWCACHE_ALIGN'], 0, 200, x86)).toBe(64);
    expect(kmemCacheAlign([], 4, 24, x86)).toBe(8);
    // 20-byte object, align 32, free pointer outside: ALIGN(20, 8) = 24, + 8 = 32, ALIGN(32, 32) = 32.
    expect(kmemCacheSlabSize(20, 32, true, x86)).toBe(32);
  });
});
