/**
 * Recall of the kernel-API sites on real v7.1.5 files (/work/kernel/linux-7.1.5, read in place):
 * each call a grep finds (the API's name with a GFP argument, in code or a doc example) must be a
 * site, and each kernel-API site must be such a call. The doc examples of maple_tree.rs bind the
 * tree as `KBox::pin_init(MapleTree::<T>::new(), GFP_KERNEL)?`, whose pointee is not written.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { resolveProfile } from '../../engine/src/profile.js';
import { analyzePaths } from '../../server/src/analysis/analyze.js';

const KERNEL = '/work/kernel/linux-7.1.5';
const have = existsSync(join(KERNEL, 'Makefile'));
if (!have) console.log(`kernel-api-recall: skipped: no v7.1.5 tree at ${KERNEL}`);

/** grep: the calls each file makes, as `line call`, from a pattern per API. */
const CALLS: Readonly<Record<string, readonly (readonly [RegExp, string])[]>> = {
  'rust/kernel/maple_tree.rs': [
    [/\btree\.insert\(.*GFP_KERNEL/, 'MapleTree::insert'],
    [/\b(?:tree|self)\.insert_range\(.*(?:GFP_KERNEL|gfp\))/, 'MapleTree::insert_range'],
    [/\btree\.alloc_range\(.*GFP_KERNEL/, 'MapleTreeAlloc::alloc_range'],
  ],
  'rust/kernel/xarray.rs': [[/\.store\(.*GFP_KERNEL/, 'XArray::store']],
  'rust/kernel/rbtree.rs': [[/\.try_create_and_insert\(/, 'RBTree::try_create_and_insert']],
  // A pool's resize: ReallocRequest::realloc allocates the new BitmapVec.
  'rust/kernel/id_pool.rs': [[/\.realloc\(GFP_KERNEL\)/, 'ReallocRequest::realloc']],
  'drivers/android/binder/process.rs': [[/\.realloc\(GFP_KERNEL\)/, 'ReallocRequest::realloc']],
  // Written through a qualified path: <Arc<Group<Child>> as InPlaceInit<Group<Child>>>::try_pin_init(
  'rust/kernel/configfs.rs': [[/<Arc<.*>>::try_pin_init\(/, 'Arc::try_pin_init']],
};

describe.skipIf(!have)('kernel-API recall on v7.1.5 files', () => {
  test.each(Object.keys(CALLS))(
    '%s: every grep hit is a site of that API, and no other site of those APIs',
    async (file) => {
      const path = join(KERNEL, file);
      const patterns = CALLS[file]!;
      const grep: string[] = [];
      readFileSync(path, 'utf8')
        .split('\n')
        .forEach((text, i) => {
          if (/\bfn\s/.test(text)) return;
          for (const [re, api] of patterns) if (re.test(text)) grep.push(`${i + 1} ${api}`);
        });
      expect(grep.length).toBeGreaterThan(0);
      const report = await analyzePaths([path], { profile: resolveProfile('x86_64'), includeDoc: true });
      const apis = new Set(patterns.map(([, api]) => api));
      const sites = report.sites.filter((s) => apis.has(s.call)).map((s) => `${s.line} ${s.call}`);
      expect(sites.sort()).toEqual(grep.sort());
    },
    60_000,
  );
});
