/** A count written as an expression is shown in parentheses, so the formula reads as rustc computes it. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { resolveProfile } from '../../engine/src/profile.js';
import { analyzePaths } from '../../server/src/analysis/analyze.js';

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'audit', 'count_formula.rs');

test('a sum as the count is bracketed before × the element size', async () => {
  const report = await analyzePaths([FIXTURE], { profile: resolveProfile('x86_64'), includeDoc: false });
  const byLine = new Map(report.sites.map((s) => [s.line, s.size]));
  expect(byLine.get(10)).toMatchObject({ bytes: null, expr: '(names.len() + 1) × 8 B' });
  expect(byLine.get(11)).toMatchObject({ bytes: 40, expr: '(N + 1) = 5 × size_of::<u64>() = 5 × 8 B = 40 B' });
});
