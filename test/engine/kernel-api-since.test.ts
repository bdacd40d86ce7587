/**
 * Each kernel API's first release against the trees it was read in (kernel-api-since.ts): the
 * oldest tree read that has the API defines it, the newest that lacks it does not, `since` lies
 * between them, and it is confirmed only when the two releases are consecutive (or the API is a
 * slab.h function 6.1's bindings include). The trees are read again from their local snapshots
 * (/work/.mirror/<owner>+<repo>/repo, as `fetch` leaves them) at the commit kernel-function-names.ts
 * names; without them only the arithmetic is checked, and the test says so.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { KERNEL_API_ROWS } from '../../engine/src/data/call-chains/kernel-api-table.js';
import type { SinceReading } from '../../engine/src/data/call-chains/kernel-api-since.js';
import { FRAME_NAME_SOURCES } from '../../engine/src/data/kernel-function-names.js';

const MIRROR = '/work/.mirror';
const rows = [...KERNEL_API_ROWS.values()];

function minor(release: string): [number, number] {
  const [major, minorPart] = release.split('.').map(Number);
  return [major!, minorPart!];
}
const order = (r: readonly [number, number]) => r[0] * 100 + r[1];
/** Releases that follow each other: x.y → x.(y+1), and 6.19 → 7.0 (Linux 7.0 followed 6.19). */
function consecutive(a: string, b: string): boolean {
  const [x, y] = [minor(a), minor(b)];
  return (x[0] === y[0] && y[1] === x[1] + 1) || (x[0] === 6 && x[1] === 19 && y[0] === 7 && y[1] === 0);
}

/** The file at the tree of a release, or null when the tree lacks it. */
function fileAt(release: string, file: string): string | null {
  const source = FRAME_NAME_SOURCES.find((s) => s.release === release);
  if (!source) throw new Error(`no tree read for ${release}`);
  const m = /^([\w.-]+)\/([\w.-]+)[^@]*@ ([0-9a-f]+)/.exec(source.tree)!;
  const gitDir = `${MIRROR}/${m[1]}+${m[2]}/repo`;
  try {
    return execFileSync('git', ['--git-dir', gitDir, 'show', `${m[3]}:${file}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 });
  } catch {
    return null;
  }
}

const defines = (text: string | null, reading: SinceReading) => text !== null && text.split('\n').some((line) => new RegExp(reading.defines).test(line));
const haveTrees = FRAME_NAME_SOURCES.every((s) => s.release === '6.17.0' || existsSync(`${MIRROR}/${s.tree.split(' ')[0]!.replace('/', '+')}/repo`));
if (!haveTrees) console.log(`kernel-api-since: the trees are not under ${MIRROR}: only the release arithmetic is checked`);

describe('kernel APIs: the release each first appears in', () => {
  test('since lies in (lacks, has]; confirmed exactly when the readings are consecutive releases (or 6.1’s slab.h)', () => {
    for (const row of rows) {
      const read = row.sinceRead;
      const has = minor(read.has);
      expect(order(row.since), row.api).toBeLessThanOrEqual(order(has));
      if (read.lacks) expect(order(row.since), row.api).toBeGreaterThan(order(minor(read.lacks)));
      const firstRust = read.lacks === null && read.has === '6.1.20' && read.file === 'include/linux/slab.h';
      if (row.sinceConfirmed) {
        expect(read.lacks === null ? firstRust : consecutive(read.lacks, read.has), `${row.api} is confirmed by ${read.lacks} → ${read.has}`).toBe(true);
        expect(row.since, row.api).toEqual(has);
      } else if (read.lacks !== null) {
        expect(consecutive(read.lacks, read.has), `${row.api}: consecutive readings would confirm it`).toBe(false);
      }
    }
  });

  test.skipIf(!haveTrees)(
    'each reading holds in its trees: the oldest with it defines it, the newest without it does not',
    () => {
      const readings = new Map(rows.map((r) => [JSON.stringify(r.sinceRead), r.sinceRead]));
      for (const read of readings.values()) {
        expect(defines(fileAt(read.has, read.file), read), `${read.has} ${read.file} /${read.defines}/`).toBe(true);
        if (read.lacks) expect(defines(fileAt(read.lacks, read.file), read), `${read.lacks} ${read.file} /${read.defines}/`).toBe(false);
      }
      // CoherentAllocation::alloc_coherent is gone after 7.0: in 7.0.0's dma.rs, not in 7.1.5's.
      const coherent = KERNEL_API_ROWS.get('CoherentAllocation::alloc_coherent')!;
      expect(coherent.until).toEqual([7, 0]);
      expect(defines(fileAt('7.0.0', coherent.sinceRead.file), coherent.sinceRead)).toBe(true);
      expect(defines(fileAt('7.1.5', coherent.sinceRead.file), coherent.sinceRead)).toBe(false);
    },
    60_000,
  );
});
