/**
 * Page-allocator constants that are the same on every profile.
 * include/linux/mmzone.h (v7.1.5): PAGE_ALLOC_COSTLY_ORDER 3. Orders above it are "costly":
 * __alloc_pages_slowpath() compacts first, gives up without __GFP_RETRY_MAYFAIL and never
 * invokes the OOM killer for them (mm/page_alloc.c).
 */
export const PAGE_ALLOC_COSTLY_ORDER = 3;
