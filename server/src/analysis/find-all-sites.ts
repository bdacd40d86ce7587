/**
 * Every allocation site of a file: the parsed code, the bodies of macro invocations (nested up
 * to MAX_MACRO_DEPTH), and with `includeDoc` the examples in doc comments (kind "doc").
 * Sites come back in source order.
 */
import type { Language, Node, Parser, QueryMatch, Tree } from 'web-tree-sitter';
import { docRegions, macroRegions, mapPosition, type EmbeddedRegion } from './embedded-code.js';
import type { TypeContext } from './expr-type.js';
import { allocationMatches, allocationMatchesBySpan, findSites, siteOfMatch } from './find-sites.js';
import type { RowSpan } from './candidate-rows.js';
import { itemsUnder } from './extract/items-from-tree.js';
import type { FoundSite, SourceRange } from './found-site.js';
import { withLocalTypes } from './local-types.js';
import { runSteps, type Steps } from './steps.js';

const MAX_MACRO_DEPTH = 3;

export interface FindOptions {
  readonly includeDoc: boolean;
  readonly strict?: boolean;
  /** Leave out code matches starting at these offsets (units whose sites a cache already has)… */
  readonly skip?: (startIndex: number) => boolean;
  /** …and do not query row spans that lie wholly inside such units. */
  readonly skipRows?: (span: RowSpan) => boolean;
}

function mapRange(range: SourceRange, region: EmbeddedRegion): SourceRange | null {
  const start = mapPosition(region, range.startRow, range.startColumn);
  const end = mapPosition(region, range.endRow, range.endColumn);
  return start && end ? { startRow: start.row, startColumn: start.column, endRow: end.row, endColumn: end.column } : null;
}

function relocate(site: FoundSite, region: EmbeddedRegion): FoundSite | null {
  const anchor = mapPosition(region, site.line - 1, site.column - 1);
  const range = mapRange(site.range, region);
  if (!anchor || !range) return null;
  return {
    ...site,
    kind: region.kind === 'doc' ? 'doc' : site.kind,
    line: anchor.row + 1,
    column: anchor.column + 1,
    range,
    flagsRange: site.flagsRange && mapRange(site.flagsRange, region),
    countRange: site.countRange && mapRange(site.countRange, region),
  };
}

export function findAllSites(tree: Tree, source: string, parser: Parser, language: Language, ctx: TypeContext, options: FindOptions): FoundSite[] {
  return runSteps(findAllSitesInSteps(tree, source, parser, language, ctx, options));
}

/**
 * findAllSites as steps: it yields after each row span's query, each call and each embedded
 * region, so that a caller (the language server) can answer other requests between them. A
 * caller that stops early calls `return()`, which frees the embedded regions' trees.
 */
export function* findAllSitesInSteps(tree: Tree, source: string, parser: Parser, language: Language, ctx: TypeContext, options: FindOptions): Steps<FoundSite[]> {
  const strict = options.strict ?? false;
  const matches: QueryMatch[] = [];
  for (const spanMatches of allocationMatchesBySpan(tree, language, strict, source, options.skipRows)) {
    const skip = options.skip;
    matches.push(...(skip ? spanMatches.filter((m) => !skip(m.captures[0]!.node.startIndex)) : spanMatches));
    yield;
  }
  const out: FoundSite[] = [];
  const seen = new Set<number>();
  for (const match of matches) {
    const site = siteOfMatch(match, ctx, {}, seen);
    if (site) out.push(site);
    yield;
  }
  // Regions of regions: a position maps through every enclosing region back to the file.
  // A body's names (`Self`, locals) are looked up around the outermost macro call in the file.
  function* scan(innerMatches: readonly QueryMatch[], chain: EmbeddedRegion[], depth: number, kind: 'code' | 'doc', host?: Node): Generator<void> {
    if (depth >= MAX_MACRO_DEPTH) return;
    for (const region of macroRegions(innerMatches)) {
      const parsed = parser.parse(region.source);
      if (!parsed) continue;
      try {
        const path = [region, ...chain];
        const regionMatches = allocationMatches(parsed, language, strict, region.source);
        const outer = host ?? region.host;
        for (const site of findSites(regionMatches, outer ? { ...ctx, host: outer } : ctx, { kind })) {
          const placed = path.reduce<FoundSite | null>((s, r) => (s ? relocate(s, r) : null), site);
          if (placed) out.push({ ...placed, kind });
        }
        yield;
        yield* scan(regionMatches, path, depth + 1, kind, outer);
      } finally {
        parsed.delete();
      }
    }
  }
  yield* scan(matches, [], 0, 'code');
  if (options.includeDoc) {
    for (const region of docRegions(source)) {
      const parsed = parser.parse(region.source);
      if (!parsed) continue;
      try {
        const docMatches = allocationMatches(parsed, language, strict, region.source);
        // Structs a doc example defines are sized like any other (its wrapper function's body holds them).
        const body = parsed.rootNode.namedChildren[0]?.childForFieldName('body');
        const localTypes = docMatches.length > 0 && body ? itemsUnder(body).types : [];
        const docCtx = localTypes.length > 0 ? { ...ctx, index: withLocalTypes(ctx.index, localTypes) } : ctx;
        for (const site of findSites(docMatches, docCtx, { kind: 'doc' })) {
          const placed = relocate(site, region);
          if (placed) out.push(localTypes.length > 0 ? { ...placed, localTypes } : placed);
        }
        yield;
        yield* scan(docMatches, [region], 0, 'doc');
      } finally {
        parsed.delete();
      }
    }
  }
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}
