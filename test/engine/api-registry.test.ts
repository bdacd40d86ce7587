/**
 * The vocabulary registry: the era list and the API rows are read from the call-chain tables
 * (not written twice), and the views the analyzer and the quick fixes take of it.
 */
import { describe, expect, test } from 'vitest';
import { API_ERAS, API_REGISTRY, apiRow, vmallocTwins } from '../../engine/src/api-registry.js';
import { callChainApis } from '../../engine/src/call-chain.js';
import { kernelTarget } from '../../engine/src/kernel-version.js';
import { KERNEL_API_ROWS } from '../../engine/src/data/call-chains/kernel-api-table.js';
import { KERNEL_APIS, KNOWN_APIS, VECTOR_METHODS } from '../../server/src/analysis/known-apis.js';

describe('API registry', () => {
  test('the eras, oldest first, each with its first and last modelled release', () => {
    expect(API_ERAS.map((e) => `${e.era} ${e.since.join('.')}–${e.last}`)).toEqual(['alloc-crate 6.1–6.9', 'box-ext 6.10–6.12', 'allocator-trait 6.13–6.17', 'node-align 6.18–7.1.5']);
  });

  test('every API of every era is one row, with the eras whose tables have it', () => {
    const union = new Set(API_ERAS.flatMap((e) => callChainApis(kernelTarget(e.last).rules)));
    expect(new Set(API_REGISTRY.filter((r) => r.family === 'rust').map((r) => r.api))).toEqual(union);
    expect(apiRow('KVec::push')).toMatchObject({ type: 'KVec', method: 'push', allocator: 'Kmalloc', kind: 'alloc', onValue: true, eras: ['allocator-trait', 'node-align'] });
    expect(apiRow('Vec::try_push')).toMatchObject({ type: 'Vec', method: 'try_push', eras: ['alloc-crate'] });
    expect(apiRow('kvec![x; n]')).toMatchObject({ type: null, method: 'kvec!', container: null });
    expect(apiRow('KVVec::shrink_to')).toMatchObject({ kind: 'shrink', eras: ['node-align'] });
    expect(apiRow('Allocator::free')).toMatchObject({ kind: 'free', container: null });
  });

  test('the kernel APIs are rows of their own family, with their allocator and eras; the analyzer takes its kernel vocabulary from them', () => {
    const kernel = API_REGISTRY.filter((r) => r.family === 'kernel');
    expect(new Set(kernel.map((r) => r.api))).toEqual(new Set(KERNEL_API_ROWS.keys()));
    expect(KERNEL_APIS).toEqual(new Set(kernel.map((r) => r.api)));
    expect(apiRow('MapleTree::insert')).toMatchObject({ family: 'kernel', type: 'MapleTree', method: 'insert', allocator: 'kmem_cache', onValue: true, eras: ['node-align'] });
    expect(apiRow('bindings::kmalloc')).toMatchObject({ family: 'kernel', type: 'bindings', method: 'kmalloc', allocator: 'Kmalloc', onValue: false });
    expect(apiRow('Page::alloc_page')).toMatchObject({ allocator: 'page_alloc' });
    expect(apiRow('Coherent::zeroed_slice')).toMatchObject({ allocator: 'dma', until: null });
    // CoherentAllocation is gone after 7.0: its eras end there.
    const old = apiRow('CoherentAllocation::alloc_coherent');
    expect(old).toMatchObject({ until: [7, 0] });
    expect(old?.eras.at(-1)).toBe('node-align');
    // No Rust Allocator row shares a name with a kernel API.
    expect(API_REGISTRY.length).toBe(new Set(API_REGISTRY.map((r) => r.api)).size);
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
