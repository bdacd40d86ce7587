/**
 * Analyse files and folders: index every Rust file's items (types, aliases, consts), then find
 * and answer each file's allocation sites against that workspace index. Parse trees are kept
 * between the passes up to a memory budget and re-parsed beyond it.
 */
import type { Parser, Tree } from 'web-tree-sitter';
import type { Profile } from '../../../engine/src/profile.js';
import { kernelTarget } from '../../../engine/src/kernel-version.js';
import { createRustParser, loadRustLanguage } from '../parse/rust-parser.js';
import { listRustFiles, readRustSource } from '../workspace/rust-files.js';
import type { ConstEnv } from './const-eval.js';
import { diagnose, DEFAULT_DIAGNOSTIC_SETTINGS, type DiagnosticSettings } from './diagnostics.js';
import { itemsFromTree } from './extract/items-from-tree.js';
import { findAllSites } from './find-all-sites.js';
import type { UserTypeSize } from './layout/layout-result.js';
import type { AnalysisReport, DiagnosticReport, SiteReport } from './report.js';
import { typeText } from './rust-model.js';
import { answerSite } from './site-outcome.js';
import { siteSize } from './site-size.js';
import { WorkspaceIndex } from './workspace-index.js';

export interface AnalyzeOptions {
  readonly profile: Profile;
  readonly kernel?: string;
  readonly includeDoc: boolean;
  readonly userSizes?: Readonly<Record<string, UserTypeSize>>;
  readonly diagnostics?: DiagnosticSettings;
}

/** Source bytes whose trees are kept for the second pass; above it trees are re-parsed. */
const KEEP_TREES_BYTES = 32 * 1024 * 1024;

/** Sites and diagnostics of one parsed file, against an index. */
export function analyzeTree(
  file: string,
  source: string,
  tree: Tree,
  parser: Parser,
  index: WorkspaceIndex,
  options: AnalyzeOptions,
): { sites: SiteReport[]; diagnostics: DiagnosticReport[] } {
  const view = index.viewFrom(file);
  const env: ConstEnv = {
    pageSize: options.profile.constants.PAGE_SIZE,
    layoutOptions: { pointerBytes: options.profile.arch.pointerBytes, pageSizeBytes: options.profile.constants.PAGE_SIZE, ...(options.userSizes ? { userSizes: options.userSizes } : {}) },
  };
  const language = parser.language!;
  const found = findAllSites(tree, source, parser, language, { index: view }, { includeDoc: options.includeDoc });
  const sites: SiteReport[] = [];
  const diagnostics: DiagnosticReport[] = [];
  for (const site of found) {
    const size = siteSize(site, view, env);
    const answer = answerSite(site, size, options.profile, options.kernel);
    sites.push({
      file,
      line: site.line,
      column: site.column,
      call: site.call,
      kind: site.kind,
      allocator: site.allocator,
      flags: site.flags,
      elementType: site.elementType ? typeText(site.elementType) : null,
      elementSize: size.element?.sizeBytes ?? null,
      size: { bytes: size.bytes, expr: size.expr, exact: size.exact },
      outcome: answer.outcome,
      chain: answer.chain,
      notes: answer.notes,
    });
    if (site.kind === 'code') diagnostics.push(...diagnose(file, site, size, answer, options.profile, options.diagnostics ?? DEFAULT_DIAGNOSTIC_SETTINGS));
  }
  return { sites, diagnostics };
}

export async function analyzePaths(roots: readonly string[], options: AnalyzeOptions): Promise<AnalysisReport> {
  const { files, skipped: skippedFiles } = listRustFiles(roots);
  const parser = await createRustParser();
  const language = await loadRustLanguage();
  const index = new WorkspaceIndex();
  const skipped = skippedFiles.map((s) => ({ file: s.path, reason: s.reason }));
  const sources = new Map<string, string>();
  const trees = new Map<string, Tree>();
  let kept = 0;
  try {
    for (const file of files) {
      const source = readRustSource(file);
      if (!source.ok) {
        skipped.push({ file, reason: source.reason });
        continue;
      }
      const tree = parser.parse(source.text);
      if (!tree) {
        skipped.push({ file, reason: 'the parser gave up on this file' });
        continue;
      }
      sources.set(file, source.text);
      index.setFile(file, itemsFromTree(tree));
      if (kept + source.text.length <= KEEP_TREES_BYTES) {
        trees.set(file, tree);
        kept += source.text.length;
      } else tree.delete();
    }
    const sites: SiteReport[] = [];
    const diagnostics: DiagnosticReport[] = [];
    for (const [file, source] of sources) {
      const tree = trees.get(file) ?? parser.parse(source)!;
      const result = analyzeTree(file, source, tree, parser, index, options);
      sites.push(...result.sites);
      diagnostics.push(...result.diagnostics);
      tree.delete();
      trees.delete(file);
    }
    return {
      version: 1,
      profile: { name: options.profile.name, pageSize: options.profile.constants.PAGE_SIZE, kernel: kernelTarget(options.kernel).version.text },
      sites,
      diagnostics,
      skipped,
      files: sources.size,
    };
  } finally {
    for (const tree of trees.values()) tree.delete();
    parser.delete();
  }
}
