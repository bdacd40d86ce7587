/**
 * Analysed sites kept per function between edits, so a one-character change re-analyses only the
 * function it touched. A function's sites depend on its own text, its column, and the header of
 * the impl or trait around it (Self, generics); that is the key. Everything else a site depends
 * on (the workspace index, settings, target) is covered by `generation`: a new generation drops
 * the cache. Entries not used by the latest analysis are dropped, so memory follows the file.
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { RowSpan } from './candidate-rows.js';
import { nested } from './extract/nesting.js';
import type { FoundSite, SourceRange } from './found-site.js';
import type { SiteAnswer } from './site-outcome.js';
import type { SiteSize } from './site-size.js';

export interface CachedSite {
  readonly found: FoundSite;
  readonly size: SiteSize;
  readonly answer: SiteAnswer;
}

interface Unit {
  /** The function's text: the map key (a slice of the source, so no copy is made for it). */
  readonly key: string;
  /** Its column and the impl/trait header: an entry is used only when these match too. */
  readonly context: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly startRow: number;
  readonly start: { readonly row: number; readonly column: number };
  readonly end: { readonly row: number; readonly column: number };
}

interface Entry {
  readonly context: string;
  readonly startRow: number;
  readonly sites: readonly CachedSite[];
}

const CONTAINERS: ReadonlySet<string> = new Set(['mod_item', 'impl_item', 'trait_item', 'declaration_list']);

/** The text of an impl/trait up to its body: `impl<T: Foo> Bar<T> for Baz` (Self and generics). */
function headerOf(container: Node | null): string {
  if (!container || (container.type !== 'impl_item' && container.type !== 'trait_item')) return '';
  const body = container.childForFieldName('body');
  return body ? container.text.slice(0, body.startIndex - container.startIndex) : container.text;
}

/** Function items at module level and in mod/impl/trait bodies, with their cache keys. */
function unitsOf(tree: Tree): Unit[] {
  const units: Unit[] = [];
  const visit = (parent: Node, header: string): void => {
    for (const item of parent.namedChildren) {
      if (!item) continue;
      if (item.type === 'function_item') {
        const p = item.startPosition;
        units.push({ key: item.text, context: `${p.column}\u0000${header}`, startIndex: item.startIndex, endIndex: item.endIndex, startRow: p.row, start: p, end: item.endPosition });
      } else if (CONTAINERS.has(item.type)) {
        const body = item.type === 'declaration_list' ? item : item.childForFieldName('body');
        if (body) nested('modules and impls', () => visit(body, item.type === 'declaration_list' ? header : headerOf(item)));
      }
    }
  };
  visit(tree.rootNode, '');
  return units;
}

function shiftRange(r: SourceRange, rows: number): SourceRange {
  return { startRow: r.startRow + rows, startColumn: r.startColumn, endRow: r.endRow + rows, endColumn: r.endColumn };
}

function shift(site: CachedSite, rows: number): CachedSite {
  if (rows === 0) return site;
  const f = site.found;
  return {
    ...site,
    found: {
      ...f,
      line: f.line + rows,
      range: shiftRange(f.range, rows),
      flagsRange: f.flagsRange && shiftRange(f.flagsRange, rows),
      countRange: f.countRange && shiftRange(f.countRange, rows),
      atomicGuard: f.atomicGuard && { ...f.atomicGuard, line: f.atomicGuard.line + rows },
    },
  };
}

function inUnit(r: SourceRange, unit: Unit): boolean {
  const after = r.startRow > unit.start.row || (r.startRow === unit.start.row && r.startColumn >= unit.start.column);
  const before = r.startRow < unit.end.row || (r.startRow === unit.end.row && r.startColumn < unit.end.column);
  return after && before;
}

/** The last element for which `atOrBefore` holds, in a list where it holds for a prefix. */
function lastAtOrBefore<T>(sorted: readonly T[], atOrBefore: (item: T) => boolean): T | undefined {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (atOrBefore(sorted[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? sorted[lo - 1] : undefined;
}

export class SiteCache {
  private entries = new Map<string, Entry>();
  private generation = -1;

  /**
   * Start an analysis of `tree`: the sites of unchanged functions (moved to where they are now),
   * a predicate for the offsets whose matches need no new analysis, and `store` to call with
   * the new code sites when done.
   */
  begin(tree: Tree, generation: number): { reused: CachedSite[]; skip: (startIndex: number) => boolean; skipRows: (span: RowSpan) => boolean; store: (fresh: readonly CachedSite[]) => void } {
    if (generation !== this.generation) {
      this.entries.clear();
      this.generation = generation;
    }
    const units = unitsOf(tree);
    const hits: Unit[] = [];
    const reused: CachedSite[] = [];
    for (const unit of units) {
      const entry = this.entries.get(unit.key);
      if (!entry || entry.context !== unit.context) continue;
      hits.push(unit);
      for (const site of entry.sites) reused.push(shift(site, unit.startRow - entry.startRow));
    }
    // Units come in document order and do not overlap: each question is a binary search, so a
    // file of 5,000 functions costs 5,000 × log 5,000 steps here, not 5,000².
    const skip = (index: number): boolean => {
      const u = lastAtOrBefore(hits, (h) => h.startIndex <= index);
      return u !== undefined && index < u.endIndex;
    };
    // Rows strictly inside a cached function: no call there can start outside it.
    const skipRows = (span: RowSpan): boolean => {
      const u = lastAtOrBefore(hits, (h) => h.start.row < span.firstRow);
      return u !== undefined && span.lastRow < u.end.row;
    };
    const store = (fresh: readonly CachedSite[]): void => {
      const byUnit = new Map<Unit, CachedSite[]>();
      for (const site of fresh) {
        if (site.found.kind !== 'code') continue;
        const r = site.found.range;
        const unit = lastAtOrBefore(units, (u) => u.start.row < r.startRow || (u.start.row === r.startRow && u.start.column <= r.startColumn));
        if (!unit || !inUnit(r, unit)) continue;
        const list = byUnit.get(unit);
        if (list) list.push(site);
        else byUnit.set(unit, [site]);
      }
      const next = new Map<string, Entry>();
      for (const unit of hits) next.set(unit.key, this.entries.get(unit.key)!);
      for (const unit of units) {
        if (next.has(unit.key)) continue;
        next.set(unit.key, { context: unit.context, startRow: unit.startRow, sites: byUnit.get(unit) ?? [] });
      }
      this.entries = next;
    };
    return { reused, skip, skipRows, store };
  }
}
