/**
 * One parsed file's allocation sites, sized, placed and diagnosed against the workspace index.
 */
import type { Parser, Tree } from 'web-tree-sitter';
import type { Profile } from '../../../engine/src/profile.js';
import type { ConstEnv } from './const-eval.js';
import { diagnose, DEFAULT_DIAGNOSTIC_SETTINGS, type DiagnosticSettings } from './diagnostics.js';
import { findAllSites } from './find-all-sites.js';
import type { UserTypeSize } from './layout/layout-result.js';
import type { DiagnosticReport, SiteReport } from './report.js';
import { typeText } from './rust-model.js';
import type { FoundSite } from './found-site.js';
import { answerSite, type SiteAnswer } from './site-outcome.js';
import { siteSize, type SiteSize } from './site-size.js';
import { WorkspaceIndex } from './workspace-index.js';

export interface AnalyzeOptions {
  readonly profile: Profile;
  readonly kernel?: string;
  readonly includeDoc: boolean;
  readonly userSizes?: Readonly<Record<string, UserTypeSize>>;
  readonly diagnostics?: DiagnosticSettings;
}

/** One site with everything known about it: what the editor shows and what the report says. */
export interface AnalyzedSite {
  readonly found: FoundSite;
  readonly size: SiteSize;
  readonly answer: SiteAnswer;
  readonly report: SiteReport;
  readonly diagnostics: readonly DiagnosticReport[];
}

/** The constants' environment of a profile: PAGE_SIZE, pointer width, user-given type sizes. */
export function constEnvOf(options: AnalyzeOptions): ConstEnv {
  return {
    pageSize: options.profile.constants.PAGE_SIZE,
    layoutOptions: { pointerBytes: options.profile.arch.pointerBytes, pageSizeBytes: options.profile.constants.PAGE_SIZE, ...(options.userSizes ? { userSizes: options.userSizes } : {}) },
  };
}

/** Every site of one parsed file, sized, answered and diagnosed against an index. */
export function analyzeSites(file: string, source: string, tree: Tree, parser: Parser, index: WorkspaceIndex, options: AnalyzeOptions): AnalyzedSite[] {
  const view = index.viewFrom(file);
  const env = constEnvOf(options);
  const found = findAllSites(tree, source, parser, parser.language!, { index: view }, { includeDoc: options.includeDoc });
  return found.map((site) => {
    const size = siteSize(site, view, env);
    const answer = answerSite(site, size, options.profile, options.kernel);
    const report: SiteReport = {
      file,
      line: site.line,
      column: site.column,
      call: site.call,
      kind: site.kind,
      allocator: site.allocator,
      flags: site.flags,
      elementType: site.elementType ? typeText(site.elementType) : null,
      elementSize: size.element?.sizeBytes ?? null,
      size: { bytes: size.bytes, expr: size.expr, exact: size.exact, ...(size.upperBound ? { upperBound: size.upperBound } : {}) },
      outcome: answer.outcome,
      chain: answer.chain,
      notes: answer.notes,
    };
    const diagnostics = site.kind === 'code' ? diagnose(file, site, size, answer, options.profile, options.diagnostics ?? DEFAULT_DIAGNOSTIC_SETTINGS) : [];
    return { found: site, size, answer, report, diagnostics };
  });
}

/** Sites and diagnostics of one parsed file, against an index. */
export function analyzeTree(
  file: string,
  source: string,
  tree: Tree,
  parser: Parser,
  index: WorkspaceIndex,
  options: AnalyzeOptions,
): { sites: SiteReport[]; diagnostics: DiagnosticReport[] } {
  const analyzed = analyzeSites(file, source, tree, parser, index, options);
  return { sites: analyzed.map((a) => a.report), diagnostics: analyzed.flatMap((a) => a.diagnostics) };
}
