/**
 * kvmalloc's decision: __kvmalloc_node_noprof() and kmalloc_gfp_adjust() (mm/slub.c in 6.15+,
 * mm/util.c before; v7.1.5 read). kmalloc is always tried first; above PAGE_SIZE with adjusted
 * flags so that it fails fast. Only when that fails, and only for sizes above PAGE_SIZE, does
 * it fall back to vmalloc. The model has an unfragmented buddy allocator, so the kmalloc attempt
 * fails only above KMALLOC_MAX_SIZE; the fallback for other sizes is reported as possible.
 */
import { GFP_BITS } from './data/gfp-flags.js';
import { INT_MAX } from './data/kmalloc-info.js';
import type { KernelRules } from './data/kernel-changes.js';
import { gfpAllowsBlocking, hasFlag } from './gfp.js';
import { kmallocPlacement, type KmallocPlacement } from './kmalloc.js';
import { formatBytes } from './format-bytes.js';
import type { Profile } from './profile.js';
import { vmallocArea, type VmallocArea } from './vmalloc.js';

/** kmalloc_gfp_adjust(flags, size) of this era. */
export function kmallocGfpAdjust(gfpMask: number, sizeBytes: number, profile: Profile, rules: KernelRules): number {
  if (sizeBytes <= profile.constants.PAGE_SIZE) return gfpMask;
  let mask = gfpMask | GFP_BITS.__GFP_NOWARN;
  if (!hasFlag(mask, GFP_BITS.__GFP_RETRY_MAYFAIL)) {
    // 6.16 (46459154f997): fail fast by not reclaiming at all, instead of __GFP_NORETRY.
    mask = rules.kvmallocKmallocAttempt === 'clear-direct-reclaim' ? mask & ~GFP_BITS.__GFP_DIRECT_RECLAIM : mask | GFP_BITS.__GFP_NORETRY;
  }
  return (mask & ~GFP_BITS.__GFP_NOFAIL) >>> 0;
}

export type KvmallocFallback =
  /** The kmalloc attempt always fails (order > MAX_PAGE_ORDER): vmalloc serves it. */
  | { readonly when: 'always'; readonly area: VmallocArea }
  /** kmalloc serves it on an unfragmented system; under fragmentation this vmalloc area would. */
  | { readonly when: 'if-kmalloc-fails'; readonly area: VmallocArea }
  | { readonly when: 'never'; readonly reason: string };

export interface KvmallocDecision {
  /** Flags the kmalloc attempt runs with. */
  readonly attemptGfpMask: number;
  readonly attempt: KmallocPlacement;
  readonly fallback: KvmallocFallback;
  /** The allocation fails outright. */
  readonly fails: boolean;
  readonly failReason: string | null;
}

export function kvmallocDecision(sizeBytes: number, gfpMask: number, profile: Profile, rules: KernelRules): KvmallocDecision {
  const c = profile.constants;
  const attemptGfpMask = kmallocGfpAdjust(gfpMask, sizeBytes, profile, rules);
  const attempt = kmallocPlacement(sizeBytes, attemptGfpMask, profile);
  const no = (reason: string, fails: boolean): KvmallocDecision => ({
    attemptGfpMask,
    attempt,
    fallback: { when: 'never', reason },
    fails,
    failReason: fails ? reason : null,
  });
  const attemptFails = attempt.path === 'fail';
  if (sizeBytes === 0) return no('a zero-size request never reaches vmalloc', false);
  if (sizeBytes <= c.PAGE_SIZE) return no(`kvmalloc never falls back to vmalloc for ${formatBytes(sizeBytes)} ≤ PAGE_SIZE (${formatBytes(c.PAGE_SIZE)})`, false);
  const blocking = gfpAllowsBlocking(gfpMask);
  if (!blocking && !rules.vmallocNonBlocking) {
    return no('a non-blocking GFP has no vmalloc fallback before 6.19 (vmalloc may sleep)', attemptFails);
  }
  if (sizeBytes > INT_MAX) {
    return no(`kvmalloc refuses sizes above INT_MAX (${INT_MAX} B)`, true);
  }
  // VM_ALLOW_HUGE_VMAP only when the gfp may block (7.1.5 passes 0 otherwise).
  const area = vmallocArea(sizeBytes, profile, blocking);
  return {
    attemptGfpMask,
    attempt,
    fallback: { when: attemptFails ? 'always' : 'if-kmalloc-fails', area },
    fails: false,
    failReason: null,
  };
}
