/**
 * npm run bench:c-layouts — prints figures, asserts nothing.
 * The cost of C layouts from a kernel build (issue 10, section 2): for each ../shared/kernel-build
 * folder, a fresh process loads the grammar as the server does at start-up, then reads and scans
 * the build's bindings_generated.rs and lays out the C types the fixture driver's sites
 * (test/fixtures/kernel-tree) need: struct device, mutex, spinlock_t, wait_queue_head,
 * completion, work_struct. Printed: the scan, the time from start-up (grammar ready) to those
 * layouts, the RSS the bindings add, and the fixture's analysis for reference. Budget: C types
 * ready ≤ 300 ms after start-up, RSS growth ≤ 30 MB.
 * Then, in the same process, every type of the bindings laid out (the worst case a long session
 * could reach).
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { resolveProfile } from '../../engine/src/profile.js';
import { analyzePaths } from '../../server/src/analysis/analyze.js';
import { loadBuildLayouts } from '../../server/src/analysis/c-layouts/build-layouts.js';
import { createRustParser } from '../../server/src/parse/rust-parser.js';
import { sharedCorpus } from './shared-dir.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = resolve(here, '..', '..', '..');
const builds = join(sharedCorpus(repo), '..', '..', 'kernel-build');
const fixture = join(repo, 'test', 'fixtures', 'kernel-tree');
/** The C types the fixture's three sites need. */
const FIXTURE_C_TYPES = ['device', 'mutex', 'spinlock_t', 'wait_queue_head', 'completion', 'work_struct', 'refcount_t'];
const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

interface Probe {
  readonly startupMs: number;
  readonly scanMs: number;
  readonly firstAnswerMs: number;
  readonly sinceStartMs: number;
  readonly rssGrowthMB: string;
  readonly sizes: string;
  readonly analyzeMs: number;
  /** CPU time of the read, scan and layouts: the wall time above includes waiting for a core. */
  readonly cpuMs: number;
  readonly allTypesMs: number;
  readonly allTypesRssGrowthMB: string;
  readonly types: number;
}

/** Runs in the child: one build, from a cold process. */
async function probe(build: string): Promise<Probe> {
  const parser = await createRustParser();
  const startupMs = performance.now();
  globalThis.gc?.();
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const layouts = loadBuildLayouts(build, parser);
  const scanMs = performance.now() - t0;
  for (const name of FIXTURE_C_TYPES) layouts.layoutOf(name);
  const sinceStartMs = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  globalThis.gc?.();
  const rss1 = process.memoryUsage().rss;
  const profile = resolveProfile(build.includes('arm64') ? 'arm64-4k' : 'x86_64');
  const t1 = performance.now();
  const report = await analyzePaths([fixture], { profile, includeDoc: false, cLayouts: layouts });
  const analyzeMs = performance.now() - t1;
  const names = [...(layouts as unknown as { index: { scan: { types: Map<string, unknown> } } }).index.scan.types.keys()];
  const t2 = performance.now();
  for (const name of names) layouts.layoutOf(name);
  const allTypesMs = performance.now() - t2;
  globalThis.gc?.();
  return {
    startupMs,
    scanMs,
    firstAnswerMs: sinceStartMs - t0,
    sinceStartMs,
    rssGrowthMB: mb(rss1 - rss0),
    sizes: report.sites.map((s) => s.size.bytes).join('/'),
    analyzeMs,
    cpuMs,
    allTypesMs,
    allTypesRssGrowthMB: mb(process.memoryUsage().rss - rss0),
    types: names.length,
  };
}

const child = process.argv[2];
if (child) {
  process.stdout.write(JSON.stringify(await probe(child)));
} else {
  console.log('C layouts from a build: fresh process each; budget first answer ≤ 300 ms after start-up, RSS growth ≤ 30 MB');
  for (const name of ['x86_64-defconfig', 'x86_64-debug-locking', 'arm64-defconfig']) {
    const r = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), join(builds, name)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`probe of ${name} failed: ${r.stderr}`);
    const p = JSON.parse(r.stdout) as Probe;
    console.log(
      `${name.padEnd(22)} grammar ready at ${p.startupMs.toFixed(0)} ms · read+scan ${p.scanMs.toFixed(0)} ms · the fixture's C types ${p.firstAnswerMs.toFixed(0)} ms after start-up (${p.cpuMs.toFixed(0)} ms CPU), RSS +${p.rssGrowthMB} MB ` +
        `· analysing the fixture ${p.analyzeMs.toFixed(0)} ms (sizes ${p.sizes}) | all ${p.types} types ${p.allTypesMs.toFixed(0)} ms, RSS +${p.allTypesRssGrowthMB} MB`,
    );
  }
}
