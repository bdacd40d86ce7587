/**
 * The vmalloc area a request gets: __vmalloc_node_range_noprof() and __get_vm_area_node()
 * (mm/vmalloc.c, v7.1.5). Size is rounded to the mapping granule (a page, or with
 * VM_ALLOW_HUGE_VMAP a PMD / arm64 contiguous-PTE block) and one guard page of address space
 * follows unless VM_NO_GUARD. Backing pages come from the buddy allocator.
 */
import { alignUp, pow2 } from './bits.js';
import type { Profile } from './profile.js';

export interface VmallocArea {
  /** PAGE_SIZE pages that back the mapping (get_vm_area_size() >> PAGE_SHIFT). */
  readonly pages: number;
  /** vm->size: mapped bytes plus the guard page. */
  readonly areaBytes: number;
  readonly guardBytes: number;
  /** Mapping granule shift (PAGE_SHIFT unless a huge mapping is used). */
  readonly pageShift: number;
  readonly huge: boolean;
  /** Mapped bytes past the request. */
  readonly wasteBytes: number;
  /** Bytes of the page-pointer array vmalloc allocates for the area (kmalloc ≤ PAGE_SIZE, else nested vmalloc). */
  readonly pageArrayBytes: number;
}

/** arch_vmap_pmd_supported() / arch_vmap_pte_supported_shift() for VM_ALLOW_HUGE_VMAP. */
export function hugeVmapShift(sizeBytes: number, profile: Profile): number {
  const c = profile.constants;
  if (sizeBytes >= c.PMD_SIZE) return c.PMD_SHIFT;
  const cont = profile.arch.contPteShift;
  if (cont !== null && sizeBytes >= pow2(cont)) return cont;
  return c.PAGE_SHIFT;
}

/** The area for `sizeBytes` (> 0); `allowHuge` is VM_ALLOW_HUGE_VMAP (kvmalloc with a blocking gfp). */
export function vmallocArea(sizeBytes: number, profile: Profile, allowHuge: boolean): VmallocArea {
  const c = profile.constants;
  const shift = allowHuge ? hugeVmapShift(sizeBytes, profile) : c.PAGE_SHIFT;
  const mappedBytes = alignUp(sizeBytes, pow2(shift));
  const pages = mappedBytes / c.PAGE_SIZE;
  return {
    pages,
    areaBytes: mappedBytes + c.PAGE_SIZE,
    guardBytes: c.PAGE_SIZE,
    pageShift: shift,
    huge: shift !== c.PAGE_SHIFT,
    wasteBytes: mappedBytes - sizeBytes,
    pageArrayBytes: pages * profile.arch.pointerBytes,
  };
}
