/**
 * Reads ../shared/golden/*.tsv in place (never copied into the repo). Each table has `#`
 * comment lines (sources), one header row, then tab-separated rows. Missing folder or table:
 * a loud error, so the golden test cannot pass by reading nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// ../shared beside the repository; a git worktree one folder deeper (wt/<name>) finds it one level up.
export const SHARED_DIR = [resolve(here, '..', '..', '..', 'shared'), resolve(here, '..', '..', '..', '..', 'shared')].find((dir) => existsSync(dir)) ?? resolve(here, '..', '..', '..', 'shared');
export const GOLDEN_DIR = join(SHARED_DIR, 'golden');

export interface GoldenTable {
  readonly file: string;
  readonly header: readonly string[];
  readonly rows: readonly Record<string, string>[];
  /** The table's own `# code used:` lines, printed on a mismatch. */
  readonly sources: readonly string[];
}

export function readGolden(file: string): GoldenTable {
  if (!existsSync(GOLDEN_DIR)) {
    throw new Error(`golden tables not found at ${GOLDEN_DIR}: clone the repo next to ../shared (CI does this)`);
  }
  const path = join(GOLDEN_DIR, file);
  if (!existsSync(path)) throw new Error(`golden table ${path} is missing`);
  const lines = readFileSync(path, 'utf8').split('\n');
  const comments = lines.filter((l) => l.startsWith('#'));
  const data = lines.filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const header = data[0]!.split('\t');
  const rows = data.slice(1).map((line) => {
    const cells = line.split('\t');
    if (cells.length !== header.length) throw new Error(`${file}: row has ${cells.length} cells, header has ${header.length}: ${line}`);
    return Object.fromEntries(header.map((h, i) => [h, cells[i]!]));
  });
  if (rows.length === 0) throw new Error(`${file}: no data rows`);
  const sources = comments.filter((l) => /^#\s+\S+\.[ch]:\d/.test(l) || l.includes('source:')).map((l) => l.replace(/^#\s*/, ''));
  return { file, header, rows, sources };
}

/** One mismatch line: inputs, expected, actual; the caller adds the sources once. */
export function mismatch(inputs: Record<string, unknown>, expected: unknown, actual: unknown): string {
  return `inputs ${JSON.stringify(inputs)}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}

export function report(table: GoldenTable, mismatches: string[]): string {
  if (mismatches.length === 0) return '';
  const shown = mismatches.slice(0, 25).join('\n  ');
  return `${table.file}: ${mismatches.length} mismatching rows\n  ${shown}\nkernel source (from the table header):\n  ${table.sources.slice(0, 8).join('\n  ')}`;
}
