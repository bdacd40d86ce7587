/**
 * A dedicated slab cache as kmem_cache_create() builds it, beside the kmalloc caches: the
 * alignment (calculate_alignment(), mm/slab_common.c:128), s->size (calculate_sizes(),
 * mm/slub.c:7768: word rounding, the free pointer moved after the object for a constructor or
 * SLAB_TYPESAFE_BY_RCU, then ALIGN(size, align)), the slab order and objects per slab
 * (calculate_order(), shared with kmalloc), and the sheaf capacity (calculate_sheaf_capacity(),
 * mm/slub.c:7717: max of the size-based capacity and args->sheaf_capacity), all v7.1.5.
 *
 * The object size comes from a CLayoutSource; without one, or when it lacks the type, the
 * geometry is unknown and the answer says why.
 */
import { alignUp } from './bits.js';
import type { CLayoutSource } from './c-layout.js';
import { DEDICATED_CACHES, type DedicatedCacheRow, type SlabFlag } from './data/dedicated-caches.js';
import type { KernelRules } from './data/kernel-changes.js';
import { EngineError } from './errors.js';
import type { Profile } from './profile.js';
import { sheafCapacityForSize } from './sim/per-cpu-capacity.js';
import { slabGeometry } from './slab-order.js';

export interface KmemCacheSummary {
  readonly name: string;
  readonly cType: string;
  /** s->object_size: sizeof the C type, from `layoutSource`. */
  readonly objectSize: number;
  /** s->size: the object's stride in the slab (free pointer and alignment included). */
  readonly slabSize: number;
  readonly align: number;
  readonly flags: readonly SlabFlag[];
  readonly ctor: string | null;
  /** Where the free pointer lives: 'after-object' (ctor/RCU) or 'in-object'. */
  readonly freePointer: 'after-object' | 'in-object';
  readonly slabOrder: number;
  readonly objectsPerSlab: number;
  readonly slabBytes: number;
  /** Objects per sheaf in a sheaves kernel; null when this kernel's cache has no sheaves. */
  readonly sheafCapacity: number | null;
  readonly source: string;
  /** CLayoutSource id the object size came from. */
  readonly layoutSource: string;
  /** "256 B, align sizeof = 256 → s->size 256 B" and similar. */
  readonly formula: string;
}

export type KmemCacheAnswer =
  { readonly known: true; readonly cache: KmemCacheSummary } | { readonly known: false; readonly name: string; readonly cType: string; readonly why: string; readonly source: string };

export function dedicatedCacheRow(name: string): DedicatedCacheRow {
  const row = DEDICATED_CACHES.find((c) => c.name === name);
  if (!row) throw new EngineError('invalid-argument', `no dedicated cache '${name}'; known: ${DEDICATED_CACHES.map((c) => c.name).join(', ')}`);
  return row;
}

/** calculate_alignment(flags, align, size). */
export function kmemCacheAlign(flags: readonly SlabFlag[], align: number, objectSize: number, profile: Profile): number {
  let result = align;
  if (flags.includes('SLAB_HWCACHE_ALIGN')) {
    let ralign = profile.arch.cacheLineBytes;
    while (objectSize <= ralign / 2) ralign /= 2;
    result = Math.max(result, ralign);
  }
  result = Math.max(result, profile.constants.ARCH_SLAB_MINALIGN);
  return alignUp(result, profile.arch.pointerBytes);
}

/** calculate_sizes() without debug metadata or KASAN: s->size and where the free pointer goes. */
export function kmemCacheSlabSize(objectSize: number, align: number, outside: boolean, profile: Profile): number {
  const pointer = profile.arch.pointerBytes;
  let size = alignUp(objectSize, pointer);
  if (outside) size += pointer;
  return alignUp(size, align);
}

function sheavesFor(row: DedicatedCacheRow, slabSize: number, profile: Profile, rules: KernelRules): number | null {
  if (profile.slubTiny) return null;
  switch (rules.slubFrontEnd) {
    case 'cpu-slab':
      return null;
    case 'cpu-slab-with-optional-sheaves':
      // 6.18–6.19: only caches that asked for a capacity had sheaves, of exactly that size.
      return row.sheafCapacity > 0 ? row.sheafCapacity : null;
    case 'sheaves':
      return Math.max(sheafCapacityForSize(slabSize, profile), row.sheafCapacity);
  }
}

export function kmemCacheGeometry(name: string, layouts: CLayoutSource | undefined, profile: Profile, rules: KernelRules): KmemCacheAnswer {
  const row = dedicatedCacheRow(name);
  const unknown = (why: string): KmemCacheAnswer => ({ known: false, name: row.name, cType: row.cType, why, source: row.source });
  if (!layouts) {
    return unknown(`the object size is sizeof(${row.cTypeWritten}), which depends on the kernel config: give a build's bindings (or bundled layouts) to know it`);
  }
  const layout = layouts.layoutOf(row.cType);
  if (!layout) return unknown(`${layouts.id} has no layout for bindings::${row.cType} (${row.cTypeWritten})`);
  const objectSize = layout.size;
  const requested = row.align === 'sizeof' ? objectSize : row.align;
  const align = kmemCacheAlign(row.flags, requested, objectSize, profile);
  const outside = row.ctor !== null || row.flags.includes('SLAB_TYPESAFE_BY_RCU');
  const slabSize = kmemCacheSlabSize(objectSize, align, outside, profile);
  const geometry = slabGeometry(slabSize, profile);
  const alignText = row.align === 'sizeof' ? `align sizeof = ${align}` : `align ${align}`;
  const pointerText = outside ? ` + ${profile.arch.pointerBytes} B free pointer (${row.ctor ? 'constructor' : 'SLAB_TYPESAFE_BY_RCU'})` : '';
  return {
    known: true,
    cache: {
      name: row.name,
      cType: row.cType,
      objectSize,
      slabSize,
      align,
      flags: row.flags,
      ctor: row.ctor,
      freePointer: outside ? 'after-object' : 'in-object',
      slabOrder: geometry.order,
      objectsPerSlab: geometry.objectsPerSlab,
      slabBytes: geometry.slabBytes,
      sheafCapacity: sheavesFor(row, slabSize, profile, rules),
      source: row.source,
      layoutSource: layouts.id,
      formula: `sizeof(${row.cTypeWritten}) = ${objectSize} B${pointerText}, ${alignText} → s->size ${slabSize} B`,
    },
  };
}
