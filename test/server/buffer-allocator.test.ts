/** read_all / copy_from_iter_vec reserve in the caller's buffer: the buffer's type says who serves the memory. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { resolveProfile } from '../../engine/src/profile.js';
import { analyzePaths } from '../../server/src/analysis/analyze.js';

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'audit', 'read_into_buffer.rs');

test('the allocator of a wrapper that reserves in a buffer is the buffer’s', async () => {
  const report = await analyzePaths([FIXTURE], { profile: resolveProfile('x86_64'), includeDoc: false });
  expect(report.sites.map((s) => `${s.line} ${s.call} ${s.allocator}`)).toEqual([
    '16 UserSliceReader::read_all Vmalloc',
    '17 IovIterSource::copy_from_iter_vec KVmalloc',
    '19 IovIterSource::copy_from_iter_vec Kmalloc',
    '23 IovIterSource::copy_from_iter_vec unknown',
  ]);
});
