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
      size: { bytes: size.bytes, expr: size.expr, exact: size.exact, ...(size.upperBound ? { upperBound: size.upperBound } : {}) },
      outcome: answer.outcome,
      chain: answer.chain,
      notes: answer.notes,
    });
    if (site.kind === 'code') diagnostics.push(...diagnose(file, site, size, answer, options.profile, options.diagnostics ?? DEFAULT_DIAGNOSTIC_SETTINGS));
  }
  return { sites, diagnostics };
}

