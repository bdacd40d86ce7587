/**
 * Counts and shares in words, the same everywhere (lens, hover, diagnostics, CLI): "1 page",
 * "2 pages", "41%". The waste share is rounded once, here, to a whole percent; the JSON keeps the
 * unrounded `wastePercent`.
 */

/** "1 page", "16 pages", "1 element"; `plural` defaults to the word plus "s". */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** A share as a whole percent: 41.4 → "41%"; a non-zero share under 0.5 shows as "<1%". */
export function formatPercent(percent: number): string {
  if (percent > 0 && percent < 0.5) return '<1%';
  return `${Math.round(percent)}%`;
}
