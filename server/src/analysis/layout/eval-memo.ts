/**
 * Each type's layout and each const's value, computed once per index view and target. Without
 * it `const A16 = A15 + A15 - A15` or `struct S20 { a: S19, b: S19 }` costs 3^16 or 2^20
 * evaluations and blocks the server for seconds to minutes. A view (WorkspaceIndex.viewFrom)
 * is made for one analysis against one index generation, so the memo goes with it: no entry
 * outlives an edit.
 */
import type { ConstDef, TypeIndex } from '../rust-model.js';
import type { LayoutOptions, LayoutResult } from './layout-result.js';

export interface EvalMemo {
  /** By type text after substitution (lookups in one view depend only on the text). */
  readonly layouts: Map<string, LayoutResult>;
  /** By definition: the value of its expression (unknown to this module's callers' shape). */
  readonly consts: Map<ConstDef, unknown>;
}

const byIndex = new WeakMap<TypeIndex, Map<string, EvalMemo>>();
const userSizesIds = new WeakMap<object, number>();
let nextUserSizesId = 1;

/** The memo for this view under these options (pointer width, page size, user sizes). */
export function memoFor(index: TypeIndex, options: LayoutOptions): EvalMemo {
  let perOptions = byIndex.get(index);
  if (!perOptions) byIndex.set(index, (perOptions = new Map()));
  let sizesId = 0;
  if (options.userSizes) {
    sizesId = userSizesIds.get(options.userSizes) ?? 0;
    if (!sizesId) userSizesIds.set(options.userSizes, (sizesId = nextUserSizesId++));
  }
  const key = `${options.pointerBytes}/${options.pageSizeBytes}/${sizesId}/${options.maxDepth ?? ''}/${options.cLayouts?.id ?? ''}`;
  let memo = perOptions.get(key);
  if (!memo) perOptions.set(key, (memo = { layouts: new Map(), consts: new Map() }));
  return memo;
}
