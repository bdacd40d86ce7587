/**
 * The vocabulary registry: the era list and the API rows are read from the call-chain tables
 * (not written twice), and the views the analyzer and the quick fixes take of it.
 */
import { describe, expect, test } from 'vitest';
import { API_ERAS, API_REGISTRY, apiRow, vmallocTwins } from '../../engine/src/api-registry.js';
import { callChainApis } from '../../engine/src/call-chain.js';
import { kernelTarget } from '../../engine/src/kernel-version.js';
import { KNOWN_APIS, VECTOR_METHODS } from '../../server/src/analysis/known-apis.js';

describe('API registry', () => {
  test('the eras, oldest first, each with its first and last modelled release', () => {
    expect(API_ERAS.map((e) => `${e.era} ${e.since.join('.')}–${e.last}`)).toEqual(['alloc-crate 6.1–6.9', 'box-ext 6.10–6.12', 'allocator-trait 6.13–6.17', 'node-align 6.18–7.1.5']);
  });

  test('every API of every era is one row, with the eras whose tables have it', () => {
    const union = new Set(API_ERAS.flatMap((e) => callChainApis(kernelTarget(e.last).rules)));
    expect(new Set(API_REGISTRY.map((r) => r.api))).toEqual(union);
    expect(apiRow('KVec::push')).toMatchObject({ type: 'KVec', method: 'push', allocator: 'Kmalloc', kind: 'alloc', onValue: true, eras: ['allocator-trait', 'node-align'] });
    expect(apiRow('Vec::try_push')).toMatchObject({ type: 'Vec', method: 'try_push', eras: ['alloc-crate'] });
    expect(apiRow('kvec![x; n]')).toMatchObject({ type: null, method: 'kvec!', container: null });
    expect(apiRow('KVVec::shrink_to')).toMatchObject({ kind: 'shrink', eras: ['node-align'] });
    expect(apiRow('Allocator::free')).toMatchObject({ kind: 'free', container: null });
  });

  test('the analyzer recognises the allocating rows, and calls on a vector value by their method', () => {
    expect(KNOWN_APIS.has('KBox::new')).toBe(true);
    expect(KNOWN_APIS.has('Allocator::free')).toBe(false);
    expect(KNOWN_APIS.has('kvec![]')).toBe(false);
    expect([...VECTOR_METHODS].sort()).toEqual(['extend_from_slice', 'extend_with', 'push', 'reserve', 'resize', 'shrink_to', 'try_push', 'try_reserve']);
  });

  test('a Kmalloc container has its KVmalloc and Vmalloc twins, best first; others have none', () => {
    expect(vmallocTwins('KVec')).toEqual(['KVVec', 'VVec']);
    expect(vmallocTwins('KBox')).toEqual(['KVBox', 'VBox']);
    expect(vmallocTwins('KVVec')).toEqual([]);
    expect(vmallocTwins('Arc')).toEqual([]);
  });
});
