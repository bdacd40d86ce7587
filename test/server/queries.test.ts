/** Each .scm query compiles in strict mode and finds what it is for in a small fixture. */
import { describe, expect, test } from 'vitest';
import { getQuery, QUERY_NAMES } from '../../server/src/parse/queries.js';
import { createRustParser, loadRustLanguage } from '../../server/src/parse/rust-parser.js';

const FIXTURE = `
use std::collections::HashMap;
const N: usize = 4;
type Ring = KVec<u8>;
struct S { items: KVec<u32>, lock: SpinLock<u8> }
fn f(x: &mut KVec<u8>) -> Result {
    let mut v = KVec::<u8>::with_capacity(N, GFP_KERNEL)?;
    v.push(1, GFP_KERNEL)?;
    let z = kvec![0u8; 4]?;
    let g = self.lock.lock();
    let r = rcu::read_lock();
    Ok(())
}
`;

describe('queries', () => {
  test.each(QUERY_NAMES)('%s compiles in strict mode and matches the fixture', async (name) => {
    const language = await loadRustLanguage();
    const parser = await createRustParser();
    const query = getQuery(language, name, { strict: true });
    const captures = query.captures(parser.parse(FIXTURE)!.rootNode).map((c) => `${c.name}=${c.node.text.split('\n')[0]!.slice(0, 30)}`);
    const expected: Record<string, string[]> = {
      'allocation-calls': ['alloc.method=with_capacity', 'alloc.method=push', 'alloc.macro=kvec', 'macro.name=kvec', 'macro.body=[0u8; 4]'],
      'std-paths': ['std.root=std'],
    };
    for (const e of expected[name]!) expect(captures).toContain(e);
  });
});
