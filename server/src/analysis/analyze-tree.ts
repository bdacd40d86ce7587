/**
 * One parsed file's allocation sites, sized, placed and diagnosed against the workspace index.
 */
import type { Parser, Tree } from 'web-tree-sitter';
import { bundledCLayouts, type CLayoutSource, type Profile } from '../../../engine/src/index.js';
import type { ConstEnv } from './const-eval.js';
import { diagnose, DEFAULT_DIAGNOSTIC_SETTINGS, type DiagnosticSettings } from './diagnostics.js';
import { findAllSitesInSteps } from './find-all-sites.js';
import { runSteps, type Steps } from './steps.js';
import type { UserTypeSize } from './layout/layout-result.js';
import type { DiagnosticReport, SiteReport } from './report.js';
import { typeText } from './rust-model.js';
import type { FoundSite } from './found-site.js';
import type { CachedSite, SiteCache } from './site-cache.js';
import { answerSite, type SiteAnswer } from './site-outcome.js';
import { siteSize, type SiteSize } from './site-size.js';
import { withLocalTypes } from './local-types.js';
import { siteVerdict, verdictReport, type SiteVerdict } from './site-verdict.js';
import { WorkspaceIndex } from './workspace-index.js';
import { treeSitterText } from '../parse/line-endings.js';

export interface AnalyzeOptions {
  readonly profile: Profile;
  readonly kernel?: string;
  readonly includeDoc: boolean;
  readonly userSizes?: Readonly<Record<string, UserTypeSize>>;
  /** C layouts (`bindings::X`): a build's (c-layouts/build-layouts.ts); default: bundled for the profile. */
  readonly cLayouts?: CLayoutSource;
  readonly diagnostics?: DiagnosticSettings;
}

/** The C layouts an analysis uses: the given ones, else the bundled table of the profile's arch. */
export function cLayoutsOf(options: AnalyzeOptions): CLayoutSource {
  return options.cLayouts ?? bundledCLayouts(options.profile);
}

/** One site with everything known about it: what the editor shows and what the report says. */
export interface AnalyzedSite {
  readonly found: FoundSite;
  readonly size: SiteSize;
  readonly answer: SiteAnswer;
  /** The derived facts every view projects (site-verdict.ts). */
  readonly verdict: SiteVerdict;
  readonly report: SiteReport;
  readonly diagnostics: readonly DiagnosticReport[];
}

/** The constants' environment of a profile: PAGE_SIZE, pointer width, user-given type sizes. */
export function constEnvOf(options: AnalyzeOptions): ConstEnv {
  return {
    pageSize: options.profile.constants.PAGE_SIZE,
    layoutOptions: {
      pointerBytes: options.profile.arch.pointerBytes,
      pageSizeBytes: options.profile.constants.PAGE_SIZE,
      cLayouts: cLayoutsOf(options),
      ...(options.userSizes ? { userSizes: options.userSizes } : {}),
    },
  };
}

/**
 * A kernel API that fixes its own size (a maple_node, a page, a bitmap of 128 bits): the bytes the
 * engine placed, as the hover shows them. Null where the call allocates nothing (inline storage).
 */
function kernelApiRequest(found: FoundSite, size: SiteSize, answer: SiteAnswer): { bytes: number; expr: string } | null {
  const request = answer.detail?.request;
  if (found.sizing !== 'kernel-api' || size.bytes !== null || !request || request.sizeBytes === null) return null;
  if (answer.outcome.path === 'none' || answer.outcome.path === 'unknown') return null;
  return { bytes: request.sizeBytes, expr: request.formula };
}

/** The report and diagnostics of a site whose finding, size and answer are known. */
function finishSite(file: string, site: CachedSite, options: AnalyzeOptions): AnalyzedSite {
  const { found, size, answer } = site;
  const request = kernelApiRequest(found, size, answer);
  const unknownReason = answer.outcome.path === 'none' ? 'the call allocates nothing on this target (the storage is inline)' : size.unknownReason;
  const verdict = siteVerdict(found, size, answer, options.profile);
  const report: SiteReport = {
    file,
    line: found.line,
    column: found.column,
    call: found.call,
    kind: found.kind,
    allocator: found.allocator,
    flags: found.flags,
    elementType: found.elementType ? typeText(found.elementType) : null,
    elementSize: size.element?.sizeBytes ?? null,
    size: {
      bytes: request?.bytes ?? size.bytes,
      expr: request?.expr ?? size.expr,
      exact: size.exact,
      ...(size.upperBound ? { upperBound: size.upperBound } : {}),
      ...(size.bytes === null && !request && unknownReason ? { unknownReason } : {}),
    },
    outcome: answer.outcome,
    verdict: verdictReport(verdict),
    chain: answer.chain,
    notes: [...answer.notes, ...size.layoutNotes],
  };
  const diagnostics = found.kind === 'code' ? diagnose(file, found, size, verdict, options.profile, options.diagnostics ?? DEFAULT_DIAGNOSTIC_SETTINGS) : [];
  return { found, size, answer, verdict, report, diagnostics };
}

/**
 * Every site of one parsed file, sized, answered and diagnosed against an index. With a cache
 * (the language server's), functions whose text did not change since the last call of the same
 * generation are not analysed again; their sites are moved to where the function is now.
 */
export function analyzeSites(file: string, text: string, tree: Tree, parser: Parser, index: WorkspaceIndex, options: AnalyzeOptions, cache?: { cache: SiteCache; generation: number }): AnalyzedSite[] {
  return runSteps(analyzeSitesInSteps(file, text, tree, parser, index, options, cache));
}

/**
 * analyzeSites as steps (find-all-sites.ts): it yields between calls and between sites. The
 * caller must not let the tree or the index change before it has run the steps to their end or
 * called `return()`; the cache is updated only at the end.
 */
export function* analyzeSitesInSteps(
  file: string,
  text: string,
  tree: Tree,
  parser: Parser,
  index: WorkspaceIndex,
  options: AnalyzeOptions,
  cache?: { cache: SiteCache; generation: number },
): Steps<AnalyzedSite[]> {
  // The text as the tree was parsed from it: a lone CR counted as a line end, as LSP does.
  const source = treeSitterText(text);
  const view = index.viewFrom(file);
  const env = constEnvOf(options);
  const reuse = cache?.cache.begin(tree, cache.generation);
  const found = yield* findAllSitesInSteps(
    tree,
    source,
    parser,
    parser.language!,
    { index: view, inferredElements: new WeakMap() },
    { includeDoc: options.includeDoc, ...(reuse ? { skip: reuse.skip, skipRows: reuse.skipRows } : {}) },
  );
  const fresh: CachedSite[] = [];
  for (const site of found) {
    const size = siteSize(site, site.localTypes ? withLocalTypes(view, site.localTypes) : view, env);
    fresh.push({ found: site, size, answer: answerSite(site, size, options.profile, options.kernel, cLayoutsOf(options)) });
    yield;
  }
  reuse?.store(fresh);
  const all = reuse ? [...reuse.reused, ...fresh].sort((a, b) => a.found.line - b.found.line || a.found.column - b.found.column) : fresh;
  return all.map((site) => finishSite(file, site, options));
}

/** Sites and diagnostics of one parsed file, against an index. */
export function analyzeTree(file: string, source: string, tree: Tree, parser: Parser, index: WorkspaceIndex, options: AnalyzeOptions): { sites: SiteReport[]; diagnostics: DiagnosticReport[] } {
  const analyzed = analyzeSites(file, source, tree, parser, index, options);
  return { sites: analyzed.map((a) => a.report), diagnostics: analyzed.flatMap((a) => a.diagnostics) };
}
