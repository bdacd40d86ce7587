/**
 * Type resolution at allocation sites (issue 11), on the fixtures in fixtures/types/: each site's
 * line ends with `// → <bytes>` (`→ element <bytes>` for a vector's growth, whose element size
 * is all a reader can state; `→ ≤ <bytes>` for a bound only; `→ ?` where a reader of the code cannot state the size either), the size a person gets by reading the code and the struct definitions (checked with
 * rustc's size_of on a scratch copy). Fails on a missing site, an extra site and any other size.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { resolveProfile } from '../../engine/src/profile.js';
import { analyzePaths } from '../../server/src/analysis/analyze.js';
import type { AnalysisReport } from '../../server/src/analysis/report.js';

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'types');
const MARK = /\/\/ → (\d+|\?|element \d+|≤ \d+)\s*$/;

function expectedSites(): string[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.rs'))
    .flatMap((file) =>
      readFileSync(join(DIR, file), 'utf8')
        .split('\n')
        .flatMap((line, i) => {
          const m = MARK.exec(line);
          return m ? [`${file}:${i + 1} → ${m[1]}`] : [];
        }),
    );
}

let report: AnalysisReport;
beforeAll(async () => {
  report = await analyzePaths([DIR], { profile: resolveProfile('x86_64'), includeDoc: true });
}, 60_000);

describe('type resolution at allocation sites', () => {
  test('every marked site has the size a reader states, and there is no other site', () => {
    const shown = (s: AnalysisReport['sites'][number]): string =>
      s.size.bytes !== null
        ? String(s.size.bytes)
        : s.size.upperBound
          ? `≤ ${s.size.upperBound.bytes}`
          : s.elementSize !== null && (s.call.includes('Vec') || s.call === 'IntoIter::collect')
            ? `element ${s.elementSize}`
            : '?';
    const actual = report.sites.map((s) => `${s.file.split('/').at(-1)}:${s.line} → ${shown(s)}`);
    expect(actual.sort()).toEqual(expectedSites().sort());
  });
});
