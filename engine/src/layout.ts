/**
 * Rust's side of a request: core::alloc::Layout (size, align), Layout::array / ArrayLayout,
 * and how each kernel era turns a Layout into the byte count C sees (kernel-facts §2 "Padding").
 */
import { alignUp, isPowerOfTwo, nextPowerOfTwo } from './bits.js';
import { ISIZE_MAX_64 } from './data/kmalloc-info.js';
import type { KernelRules } from './data/kernel-changes.js';
import { EngineError, requireByteCount } from './errors.js';
import type { Profile } from './profile.js';

export interface Layout {
  readonly sizeBytes: number;
  readonly alignBytes: number;
}

export type AllocatorName = 'Kmalloc' | 'Vmalloc' | 'KVmalloc';

export function makeLayout(sizeBytes: number, alignBytes: number): Layout {
  requireByteCount(sizeBytes, 'size');
  if (!Number.isInteger(alignBytes) || !isPowerOfTwo(alignBytes)) {
    throw new EngineError('invalid-layout', `alignment must be a power of two, got ${String(alignBytes)}`);
  }
  return { sizeBytes, alignBytes };
}

/** Layout::pad_to_align(): size rounded up to the alignment. */
export function padToAlign(layout: Layout): Layout {
  return { sizeBytes: alignUp(layout.sizeBytes, layout.alignBytes), alignBytes: layout.alignBytes };
}

export type ArrayLayoutResult = { readonly ok: true; readonly layout: Layout } | { readonly ok: false; readonly reason: 'isize-overflow' | 'beyond-2^53'; readonly approxBytes: number };

/**
 * Layout::array::<T>(n) / ArrayLayout::new(n): n × size_of::<T>() with T's alignment.
 * Fails (LayoutError → AllocError) above isize::MAX. Sizes between 2^53 and isize::MAX are
 * valid in Rust but beyond any allocator and beyond exact arithmetic here.
 */
export function arrayLayout(element: Layout, count: number): ArrayLayoutResult {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new EngineError('invalid-argument', `element count must be a whole number ≥ 0, got ${String(count)}`);
  }
  // size_of::<T>() is always a multiple of align_of::<T>(); a hand-given element may not be.
  const stride = alignUp(element.sizeBytes, element.alignBytes);
  const total = stride * count;
  if (total > ISIZE_MAX_64) return { ok: false, reason: 'isize-overflow', approxBytes: total };
  if (!Number.isSafeInteger(total)) return { ok: false, reason: 'beyond-2^53', approxBytes: total };
  return { ok: true, layout: { sizeBytes: total, alignBytes: element.alignBytes } };
}

export interface RequestSize {
  /** Bytes passed to the C allocator. */
  readonly sizeBytes: number;
  /** Alignment Rust asks for (passed to C from 6.18; ignored by C before). */
  readonly alignBytes: number;
  readonly notes: readonly string[];
}

/** What Rust passes to krealloc/vrealloc/kvrealloc for this layout in this era. */
export function requestSizeFor(layout: Layout, allocator: AllocatorName, rules: KernelRules, profile: Profile): RequestSize {
  const notes: string[] = [];
  const c = profile.constants;
  if (rules.kmallocPadding === 'none') {
    if (layout.alignBytes > c.ARCH_KMALLOC_MINALIGN) {
      notes.push(
        `this kernel as released ignores the alignment (${layout.alignBytes} B); kmalloc guarantees only ${c.ARCH_KMALLOC_MINALIGN} B here (a 6.1.y or 6.4.y stable tree with the krealloc_aligned backport pads like 6.5)`,
      );
    }
    return { sizeBytes: layout.sizeBytes, alignBytes: layout.alignBytes, notes };
  }
  const pads = allocator !== 'Vmalloc' || rules.vmallocPads;
  let sizeBytes = pads ? padToAlign(layout).sizeBytes : layout.sizeBytes;
  if (sizeBytes !== layout.sizeBytes) notes.push(`Layout::pad_to_align() pads ${layout.sizeBytes} B to ${sizeBytes} B`);
  if (rules.kmallocPadding === 'pad-then-next-pow2' && allocator !== 'Vmalloc' && layout.alignBytes > c.ARCH_SLAB_MINALIGN) {
    const rounded = nextPowerOfTwo(sizeBytes);
    if (rounded !== sizeBytes) {
      notes.push(`krealloc_aligned() rounds ${sizeBytes} B up to ${rounded} B because align ${layout.alignBytes} > ARCH_SLAB_MINALIGN (${c.ARCH_SLAB_MINALIGN})`);
    }
    sizeBytes = rounded;
  }
  return { sizeBytes, alignBytes: layout.alignBytes, notes };
}
