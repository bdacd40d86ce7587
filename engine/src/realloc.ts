/**
 * Growing an existing object: the krealloc, vrealloc and kvrealloc rules (kernel-facts §4c, §4d;
 * mm/slub.c __do_krealloc and kvrealloc_node_align_noprof, mm/vmalloc.c vrealloc_node_align_noprof,
 * v7.1.5). Each function takes the current backing and the new size and says where the data
 * ends up, whether it moved and how many bytes C copies.
 */
import { largestPowerOfTwoDivisor } from './bits.js';
import type { KernelRules } from './data/kernel-changes.js';
import { backingBytes, kmallocPlacement, type KmallocPlacement } from './kmalloc.js';
import { kmallocGfpAdjust, kvmallocDecision } from './kvmalloc.js';
import type { Profile } from './profile.js';
import { vmallocArea, type VmallocArea } from './vmalloc.js';

/** Where a buffer lives now. */
export type Backing =
  { readonly kind: 'none' } | { readonly kind: 'kmalloc'; readonly placement: KmallocPlacement } | { readonly kind: 'vmalloc'; readonly area: VmallocArea; readonly requestedBytes: number };

export type Movement = 'new' | 'moved' | 'in-place';

export interface ReallocResult {
  readonly backing: Backing;
  readonly movement: Movement;
  /** Bytes memcpy'd from the old object (0 when in place or new). */
  readonly bytesCopied: number;
  /** Set when C returns NULL (Rust: AllocError). */
  readonly failure: string | null;
  /** The gfp the C allocator ran with (kvrealloc adjusts it). */
  readonly gfpMask: number;
}

/**
 * Worst-case alignment of a kmalloc object: the lowest set bit of s->size; a large kmalloc is a
 * buddy block, aligned to its own size (PAGE_SIZE << order: __rmqueue_smallest/expand only hand
 * out naturally aligned blocks), so IS_ALIGNED(p, align) holds for align up to the block size.
 */
function objectAlignBytes(placement: KmallocPlacement, profile: Profile): number {
  if (placement.path === 'slab') return largestPowerOfTwoDivisor(placement.cache.slabSizeBytes);
  if (placement.path === 'large') return profile.constants.PAGE_SIZE * 2 ** placement.order;
  return profile.constants.PAGE_SIZE;
}

function kmallocFailure(placement: KmallocPlacement, profile: Profile): string {
  return placement.path === 'fail'
    ? `order-${placement.order} > MAX_PAGE_ORDER (${profile.constants.MAX_PAGE_ORDER}): the page allocator returns NULL${placement.warns ? ' with a WARN' : ''}`
    : 'kmalloc failed';
}

/** krealloc_node_align_noprof(p, newSize, align, gfp): __do_krealloc + kfree of the old object. */
export function krealloc(old: Backing, newSizeBytes: number, alignBytes: number, gfpMask: number, profile: Profile, rules: KernelRules): ReallocResult {
  if (old.kind === 'kmalloc' && old.placement.path !== 'none' && old.placement.path !== 'fail') {
    const ks = backingBytes(old.placement);
    const aligned = !rules.kreallocChecksAlign || objectAlignBytes(old.placement, profile) % alignBytes === 0;
    // Shrinking or growing within ksize() keeps the object where it is.
    if (newSizeBytes <= ks && aligned) return { backing: old, movement: 'in-place', bytesCopied: 0, failure: null, gfpMask };
    const placement = kmallocPlacement(newSizeBytes, gfpMask, profile);
    if (placement.path === 'fail') {
      return { backing: old, movement: 'in-place', bytesCopied: 0, failure: kmallocFailure(placement, profile), gfpMask };
    }
    // memcpy(ret, p, orig_size ?: ks): the whole old object without slub_debug.
    return { backing: { kind: 'kmalloc', placement }, movement: 'moved', bytesCopied: ks, failure: null, gfpMask };
  }
  const placement = kmallocPlacement(newSizeBytes, gfpMask, profile);
  if (placement.path === 'fail') {
    return { backing: old, movement: 'new', bytesCopied: 0, failure: kmallocFailure(placement, profile), gfpMask };
  }
  return { backing: { kind: 'kmalloc', placement }, movement: 'new', bytesCopied: 0, failure: null, gfpMask };
}

/**
 * vrealloc_node_align_noprof(): within the requested size or the pages the area already has, the
 * area grows in place; otherwise a new area (never a huge mapping), memcpy of the old requested
 * size, vfree. The area is never extended.
 */
export function vrealloc(old: Backing, newSizeBytes: number, gfpMask: number, profile: Profile, rules: KernelRules): ReallocResult {
  if (old.kind === 'vmalloc') {
    const mappedBytes = old.area.pages * profile.constants.PAGE_SIZE;
    if (newSizeBytes <= mappedBytes) {
      return { backing: { ...old, requestedBytes: newSizeBytes }, movement: 'in-place', bytesCopied: 0, failure: null, gfpMask };
    }
    const area = vmallocArea(newSizeBytes, profile, false);
    return {
      backing: { kind: 'vmalloc', area, requestedBytes: newSizeBytes },
      movement: 'moved',
      // 6.13–6.14: memcpy(n, p, old_size) with old_size = get_vm_area_size(vm), the whole
      // page-rounded area; later vm->requested_size (6.13.7 and 6.17.0 mm/vmalloc.c).
      bytesCopied: rules.vreallocCopies === 'area' ? mappedBytes : old.requestedBytes,
      failure: null,
      gfpMask,
    };
  }
  const area = vmallocArea(newSizeBytes, profile, false);
  return { backing: { kind: 'vmalloc', area, requestedBytes: newSizeBytes }, movement: 'new', bytesCopied: 0, failure: null, gfpMask };
}

/**
 * kvrealloc_node_align_noprof(): a vmalloc'd buffer stays on vrealloc; a kmalloc'd one tries
 * krealloc with kmalloc_gfp_adjust(); when that fails, kvmalloc (kmalloc again, then vmalloc),
 * copy min(size, ksize(p)), kfree. Once vmalloc-backed it never returns to kmalloc this way.
 */
export function kvrealloc(old: Backing, newSizeBytes: number, alignBytes: number, gfpMask: number, profile: Profile, rules: KernelRules): ReallocResult {
  if (old.kind === 'vmalloc') return vrealloc(old, newSizeBytes, gfpMask, profile, rules);
  const adjusted = kmallocGfpAdjust(gfpMask, newSizeBytes, profile, rules);
  const viaKrealloc = krealloc(old, newSizeBytes, alignBytes, adjusted, profile, rules);
  if (viaKrealloc.failure === null) return viaKrealloc;
  const decision = kvmallocDecision(newSizeBytes, gfpMask, profile, rules);
  if (decision.fallback.when === 'never') {
    return { ...viaKrealloc, failure: decision.failReason ?? viaKrealloc.failure };
  }
  const oldBytes = old.kind === 'kmalloc' ? backingBytes(old.placement) : 0;
  return {
    backing: { kind: 'vmalloc', area: decision.fallback.area, requestedBytes: newSizeBytes },
    movement: old.kind === 'none' ? 'new' : 'moved',
    bytesCopied: Math.min(newSizeBytes, oldBytes),
    failure: null,
    gfpMask,
  };
}
