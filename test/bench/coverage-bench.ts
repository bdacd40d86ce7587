/**
 * npm run bench:coverage — prints figures, asserts nothing.
 * How many kernel-side code sites (not doc examples; host programs are skipped by the analyzer
 * itself) get a byte size, and a byte or element size, on ../shared/corpus and on the kernel tree
 * KALLOC_KERNEL_TREE names (with the tree's own build when it has one, else the bundled tables: the
 * CLI finds it as a user's run would). Targets: ≥ 50% and ≥ 80%. Then the reasons sizes stay unknown
 * (the report's `size.unknownReason`), most frequent first, to pick what to fix next.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnalysisReport, SiteReport } from '../../server/src/analysis/report.js';
import { sharedCorpus } from './shared-dir.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = resolve(here, '..', '..', '..');
const cli = join(repo, 'out', 'server', 'src', 'cli', 'main.js');

function analyze(folder: string): AnalysisReport {
  const r = spawnSync(process.execPath, [cli, 'analyze', folder, '--format', 'json', '--fail-on', 'never'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`analyze ${folder} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as AnalysisReport;
}

const percent = (n: number, of: number) => `${of === 0 ? 0 : Math.round((100 * n) / of)}% (${n}/${of})`;

/** Type names and numbers vary; the reason's shape is what repeats (`no definition of X …`). */
function reasonShape(site: SiteReport): string {
  const reason = site.size.unknownReason ?? (site.allocator === 'unknown' ? 'the allocator is not visible' : site.size.expr);
  return reason
    .replace(/`[^`]*`/g, '`…`')
    .replace(/\b(no definition of|the generic parameter) \S+/g, '$1 X')
    .replace(/^\S+ (is unsized|needs its generic argument|is a C type)/, 'X $1')
    .replace(/\d+/g, 'N');
}

function histogram(label: string, sites: readonly SiteReport[], top: number): void {
  const counts = new Map<string, { n: number; example: string }>();
  for (const s of sites) {
    const key = reasonShape(s);
    const entry = counts.get(key) ?? { n: 0, example: `${s.file.replace(/^.*?linux[^/]*\//, '')}:${s.line} ${s.call}` };
    entry.n++;
    counts.set(key, entry);
  }
  console.log(`  ${label} (${sites.length} sites):`);
  for (const [reason, { n, example }] of [...counts].sort((a, b) => b[1].n - a[1].n).slice(0, top)) {
    console.log(`    ${String(n).padStart(4)}  ${reason.length > 150 ? `${reason.slice(0, 147)}…` : reason}   e.g. ${example}`);
  }
}

function coverage(name: string, folder: string): void {
  const report = analyze(folder);
  const code = report.sites.filter((s) => s.kind === 'code');
  const bytes = code.filter((s) => s.size.bytes !== null);
  const either = code.filter((s) => s.size.bytes !== null || s.elementSize !== null);
  console.log(`\n${name}: ${folder}  (layouts ${report.layoutSource}, ${report.files} files, ${report.skipped.length} skipped)`);
  console.log(`  byte size            ${percent(bytes.length, code.length)}   target ≥ 50%`);
  console.log(`  byte or element size ${percent(either.length, code.length)}   target ≥ 80%`);
  histogram(
    'no size at all, why',
    code.filter((s) => s.size.bytes === null && s.elementSize === null),
    25,
  );
  histogram(
    'element size but no byte size, why',
    code.filter((s) => s.size.bytes === null && s.elementSize !== null),
    10,
  );
}

console.log(`kalloc-lens coverage benchmark · node ${process.version} · ${new Date().toISOString()}`);
coverage('corpus', sharedCorpus(repo));
const tree = process.env.KALLOC_KERNEL_TREE;
if (tree) coverage('kernel tree', tree);
else console.log('\n(set KALLOC_KERNEL_TREE to a kernel checkout for the whole-tree figures)');
