/**
 * The row prefilter (candidate-rows.ts) must never lose a site: on every corpus file and on the
 * examples, the query over candidate rows finds exactly the sites the whole-tree query finds.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { candidateRows } from '../../server/src/analysis/candidate-rows.js';
import { allocationMatches, findSites } from '../../server/src/analysis/find-sites.js';
import { WorkspaceIndex } from '../../server/src/analysis/workspace-index.js';
import { createRustParser } from '../../server/src/parse/rust-parser.js';
import { listRustFiles } from '../../server/src/workspace/rust-files.js';
import { SHARED_DIR } from '../engine/golden-tables.js';

describe('candidate rows', () => {
  test('rows are 0-based and merged across short gaps', () => {
    const source = ['fn a() {', '    v.push(1, GFP_KERNEL)?;', '}', ...Array(30).fill('// nothing here'), 'let b = KBox::new(x, f);'].join('\n');
    expect(candidateRows(source)).toEqual([
      { firstRow: 1, lastRow: 1 },
      { firstRow: 33, lastRow: 33 },
    ]);
    expect(candidateRows('pushed(); renew(); kvec_len')).toEqual([]);
  });

  test('the prefiltered query finds every site the whole-tree query finds', async () => {
    const parser = await createRustParser();
    const files = listRustFiles([`${SHARED_DIR}/corpus/linux`, 'examples']).files;
    const index = new WorkspaceIndex();
    const key = (s: { line: number; column: number; call: string }) => `${s.line}:${s.column} ${s.call}`;
    let total = 0;
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      const tree = parser.parse(source)!;
      const ctx = { index: index.viewFrom(file) };
      const whole = findSites(allocationMatches(tree, parser.language!), ctx).map(key);
      const filtered = findSites(allocationMatches(tree, parser.language!, false, source), ctx).map(key);
      expect(filtered, file).toEqual(whole);
      total += whole.length;
      tree.delete();
    }
    expect(total).toBeGreaterThan(100);
  });
});
