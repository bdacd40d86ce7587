/**
 * npm run bench:analyze — prints figures, asserts nothing.
 * 1. The corpus (../shared/corpus) analysed in-process against only parsing the same files with
 *    web-tree-sitter, in the same run, with MB/s. Target: analysis ≤ 1.5× the parse.
 * 2. The corpus copied 1×, 10× and 50× into a temporary folder and analysed by the built CLI with
 *    the machine's cores (worker threads): wall time and peak RSS of each run. Linear time and
 *    bounded memory are the targets.
 * 3. A whole kernel tree analysed by the CLI: the tree KALLOC_KERNEL_TREE names (a checkout of
 *    ~93 000 files, of which ~350 are .rs), else the corpus. Budget: ≤ 10 s on 2 cores.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { resolveProfile } from '../../engine/src/profile.js';
import { analyzePaths } from '../../server/src/analysis/analyze.js';
import { createRustParser } from '../../server/src/parse/rust-parser.js';
import { listRustFiles, readRustSource } from '../../server/src/workspace/rust-files.js';
import { sharedCorpus } from './shared-dir.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = resolve(here, '..', '..', '..');
const corpus = sharedCorpus(repo);
const cli = join(repo, 'out', 'server', 'src', 'cli', 'main.js');

async function parseVersusAnalyze(): Promise<void> {
  const texts = listRustFiles([corpus])
    .files.map((f) => readRustSource(f))
    .flatMap((s) => (s.ok ? [s.text] : []));
  const mb = texts.reduce((a, t) => a + Buffer.byteLength(t), 0) / 1e6;
  const parser = await createRustParser();
  const profile = resolveProfile('x86_64');
  const parseOnce = () => {
    for (const t of texts) parser.parse(t)!.delete();
  };
  const analyzeOnce = () => analyzePaths([corpus], { profile, includeDoc: false });
  for (let i = 0; i < 3; i++) {
    parseOnce();
    await analyzeOnce();
  }
  const rounds = 8;
  let parseMs = 0;
  let analyzeMs = 0;
  // Interleaved so both see the same machine state.
  for (let i = 0; i < rounds; i++) {
    let t = performance.now();
    parseOnce();
    parseMs += performance.now() - t;
    t = performance.now();
    await analyzeOnce();
    analyzeMs += performance.now() - t;
  }
  parseMs /= rounds;
  analyzeMs /= rounds;
  console.log(`corpus ${texts.length} files, ${mb.toFixed(2)} MB (one thread)`);
  console.log(`  parse only   ${parseMs.toFixed(1).padStart(7)} ms   ${(mb / (parseMs / 1000)).toFixed(2)} MB/s`);
  console.log(`  analyze      ${analyzeMs.toFixed(1).padStart(7)} ms   ${(mb / (analyzeMs / 1000)).toFixed(2)} MB/s   ${(analyzeMs / parseMs).toFixed(2)}× the parse (target ≤ 1.5×)`);
  parser.delete();
}

/** Peak RSS of the whole process (worker threads included), printed by a preload on exit. */
const PRELOAD = `data:text/javascript,process.on('exit',()=>process.stderr.write('maxrss_kb='+process.resourceUsage().maxRSS+'\\n'))`;

function cliRun(folder: string): { seconds: number; rssMb: number; sites: number; files: number; skipped: number } {
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--import', PRELOAD, cli, 'analyze', folder, '--format', 'json', '--fail-on', 'never'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`analyze failed: ${r.stderr}`);
  const rss = Number(/maxrss_kb=(\d+)/.exec(r.stderr)?.[1] ?? NaN);
  const report = JSON.parse(r.stdout) as { sites: unknown[]; files: number; skipped: unknown[] };
  return { seconds, rssMb: rss / 1024, sites: report.sites.length, files: report.files, skipped: report.skipped.length };
}

/** The whole-tree case: KALLOC_KERNEL_TREE, else the corpus. */
function wholeTree(): void {
  const tree = process.env.KALLOC_KERNEL_TREE || corpus;
  const run = cliRun(tree);
  console.log(`
CLI on a whole tree: ${tree}${process.env.KALLOC_KERNEL_TREE ? '' : ' (set KALLOC_KERNEL_TREE to a kernel checkout)'}`);
  console.log(`  ${run.files} files analysed, ${run.skipped} skipped, ${run.sites} sites: ${run.seconds.toFixed(2)} s (budget ≤ 10 s on 2 cores), peak RSS ${run.rssMb.toFixed(0)} MB`);
}

function scaling(): void {
  const work = mkdtempSync(join(tmpdir(), 'kalloc-bench-'));
  try {
    console.log(`\nCLI on copies of the corpus (${availableParallelism()} worker threads)`);
    console.log('  copies      MB    files   sites      time    MB/s   peak RSS');
    let made = 0;
    for (const copies of [1, 10, 50]) {
      for (; made < copies; made++) cpSync(corpus, join(work, `copy${made}`), { recursive: true });
      const files = listRustFiles([work]).files;
      const mb = files.reduce((a, f) => a + (readRustSource(f).ok ? Buffer.byteLength((readRustSource(f) as { text: string }).text) : 0), 0) / 1e6;
      const run = cliRun(work);
      console.log(
        `  ${String(copies).padStart(6)}  ${mb.toFixed(1).padStart(6)}  ${String(files.length).padStart(7)}  ${String(run.sites).padStart(6)}  ${run.seconds.toFixed(2).padStart(7)} s  ${(mb / run.seconds).toFixed(2).padStart(6)}  ${run.rssMb.toFixed(0).padStart(6)} MB`,
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

console.log(`kalloc-lens analyzer benchmark · node ${process.version} · ${new Date().toISOString()}`);
// `npm run bench:analyze -- --no-scaling` leaves out the copies; `--tree-only` runs only the whole tree.
const { values } = parseArgs({ options: { 'no-scaling': { type: 'boolean', default: false }, 'tree-only': { type: 'boolean', default: false } } });
if (!values['tree-only']) await parseVersusAnalyze();
if (!values['no-scaling'] && !values['tree-only']) scaling();
wholeTree();
