/**
 * analyzePaths across worker threads: files are dealt to `jobs` workers by size (largest first,
 * each to the least-loaded worker); each worker indexes its files, the main thread merges the
 * items into one workspace index and sends it back, and each worker analyses its own files
 * with its trees still in memory (up to its budget). The report equals the one-thread one.
 */
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { profileOptionsOf } from '../../../../engine/src/index.js';
import { analysisScope } from '../../workspace/analysis-scope.js';
import { analyzeScope, reportOf, type AnalyzeOptions } from '../analyze.js';
import { BuildLayouts } from '../c-layouts/build-layouts.js';
import type { FileItems } from '../extract/items-from-tree.js';
import type { AnalysisReport, DiagnosticReport, SiteReport } from '../report.js';
import type { FromWorker, ToWorker, WorkerOptions } from './messages.js';

/** Below this much source, starting workers (each loads the grammar) costs more than it saves. */
const PARALLEL_MIN_BYTES = 2 * 1024 * 1024;

function deal(sizedFiles: readonly { readonly file: string; readonly bytes: number }[], jobs: number): string[][] {
  const sized = [...sizedFiles].sort((a, b) => b.bytes - a.bytes);
  const shares = Array.from({ length: jobs }, () => ({ files: [] as string[], bytes: 0 }));
  for (const f of sized) {
    const least = shares.reduce((a, b) => (b.bytes < a.bytes ? b : a));
    least.files.push(f.file);
    least.bytes += f.bytes;
  }
  return shares.map((s) => s.files).filter((s) => s.length > 0);
}

function ask(worker: Worker, message: ToWorker): Promise<FromWorker> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: FromWorker) => {
      worker.off('error', onError);
      if (reply.type === 'error') reject(new Error(`analysis worker failed: ${reply.message}`));
      else resolve(reply);
    };
    const onError = (error: Error) => {
      worker.off('message', onMessage);
      reject(error);
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
    worker.postMessage(message);
  });
}

export async function analyzePathsParallel(roots: readonly string[], options: AnalyzeOptions, jobs: number): Promise<AnalysisReport> {
  const scope = analysisScope(roots);
  const { files, context, skipped: skippedFiles } = scope;
  const sized = files.map((file) => ({ file, bytes: statSync(file).size }));
  const totalBytes = sized.reduce((sum, f) => sum + f.bytes, 0);
  if (jobs <= 1 || files.length < 2 || totalBytes < PARALLEL_MIN_BYTES) return analyzeScope(scope, options);
  const order = new Map(files.map((f, i) => [f, i]));
  const shares = deal(sized, jobs);
  const workers = shares.map(() => new Worker(new URL('./analyze-worker.js', import.meta.url)));
  try {
    // Context files are indexed by the workers round-robin; nobody analyses them.
    const contextShares = shares.map((_, i) => context.filter((__, j) => j % shares.length === i));
    const indexed = await Promise.all(workers.map((w, i) => ask(w, { type: 'index', files: shares[i]!, context: contextShares[i]! })));
    const items: (readonly [string, FileItems])[] = [];
    const contextItems: (readonly [string, FileItems])[] = [];
    const skipped = skippedFiles.map((s) => ({ file: s.path, reason: s.reason }));
    for (const r of indexed) {
      if (r.type !== 'indexed') throw new Error('analysis worker answered out of turn');
      items.push(...r.items);
      contextItems.push(...r.contextItems);
      skipped.push(...r.skipped);
    }
    const workerOptions: WorkerOptions = {
      profileName: options.profile.name,
      profileOptions: profileOptionsOf(options.profile),
      includeDoc: options.includeDoc,
      ...(options.kernel !== undefined ? { kernel: options.kernel } : {}),
      ...(options.userSizes ? { userSizes: options.userSizes } : {}),
      ...(options.cLayouts instanceof BuildLayouts ? { buildDir: options.cLayouts.buildDir } : {}),
      ...(options.diagnostics ? { diagnostics: options.diagnostics } : {}),
    };
    const analyzed = await Promise.all(workers.map((w) => ask(w, { type: 'analyze', items: [...items, ...contextItems], options: workerOptions })));
    const sites: SiteReport[] = [];
    const diagnostics: DiagnosticReport[] = [];
    for (const r of analyzed) {
      if (r.type !== 'analyzed') throw new Error('analysis worker answered out of turn');
      sites.push(...r.sites);
      diagnostics.push(...r.diagnostics);
      skipped.push(...r.skipped);
    }
    return reportOf(options, items.length, sites, diagnostics, skipped, order);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
