/**
 * Analyse files and folders: every Rust file's items (types, aliases, consts), and those of the
 * context around them (analysis-scope.ts: a lone file's crate, a kernel tree's rust/kernel), go
 * into one workspace index, then each file's allocation sites are found and answered against it. With
 * `jobs` > 1 the files are split across worker threads (analyze-parallel.ts); the result is the
 * same, in the same order.
 */
import { kernelTarget } from '../../../engine/src/index.js';
import { analysisScope, type AnalysisScope } from '../workspace/analysis-scope.js';
import { cLayoutsOf, type AnalyzeOptions } from './analyze-tree.js';
import { FileShard } from './file-shard.js';
import type { AnalysisReport, DiagnosticReport, SiteReport } from './report.js';
import { WorkspaceIndex } from './workspace-index.js';

export type { AnalyzeOptions } from './analyze-tree.js';

/** Sites and diagnostics in file order (as listed), then by position. */
export function sortReport<T extends SiteReport | DiagnosticReport>(items: T[], order: ReadonlyMap<string, number>): T[] {
  return items.sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) || a.line - b.line || a.column - b.column);
}

export function reportOf(
  options: AnalyzeOptions,
  files: number,
  sites: SiteReport[],
  diagnostics: DiagnosticReport[],
  skipped: { file: string; reason: string }[],
  order: ReadonlyMap<string, number>,
): AnalysisReport {
  const cLayouts = cLayoutsOf(options);
  return {
    version: 1,
    profile: { name: options.profile.name, pageSize: options.profile.constants.PAGE_SIZE, kernel: kernelTarget(options.kernel).version.text },
    layoutSource: cLayouts.id,
    ...(cLayouts.note ? { layoutSourceNote: cLayouts.note } : {}),
    sites: sortReport(sites, order),
    diagnostics: sortReport(diagnostics, order),
    skipped,
    files,
  };
}

/** Analyse in this thread. */
export async function analyzePaths(roots: readonly string[], options: AnalyzeOptions): Promise<AnalysisReport> {
  return analyzeScope(analysisScope(roots), options);
}

export async function analyzeScope(scope: AnalysisScope, options: AnalyzeOptions): Promise<AnalysisReport> {
  const { files, context, skipped: skippedFiles } = scope;
  const order = new Map(files.map((f, i) => [f, i]));
  const shard = await FileShard.create();
  try {
    const indexed = shard.indexFiles(files);
    const index = new WorkspaceIndex();
    for (const [file, items] of indexed.items) index.setFile(file, items);
    for (const [file, items] of shard.indexFiles(context, { analyze: false }).items) index.setFile(file, items);
    const analyzed = shard.analyzeAll(index, options);
    const { sites, diagnostics } = analyzed;
    const skipped = [...skippedFiles.map((s) => ({ file: s.path, reason: s.reason })), ...indexed.skipped, ...analyzed.skipped];
    return reportOf(options, indexed.items.length, sites, diagnostics, skipped, order);
  } finally {
    shard.dispose();
  }
}
