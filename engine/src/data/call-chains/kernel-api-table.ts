/**
 * Every kernel-API row by name: the wrapper tables (dedicated caches, pages and DMA, wrappers with
 * their own kmalloc path) and direct calls of the C functions the wrappers use
 * (`bindings::mtree_insert_range` in maple_tree.rs), which answer like their wrapper from the C
 * frames on. The API registry (api-registry.ts) lists these names beside the Allocator calls.
 */
import { CACHE_APIS } from './kernel-api-caches.js';
import { PAGE_APIS } from './kernel-api-pages.js';
import type { KernelApiArgs, KernelApiRow } from './kernel-api-row.js';
import { WRAPPER_APIS } from './kernel-api-wrappers.js';

/** A direct C call of a wrapper's function: its arguments, and the wrapper it answers like. */
export interface BindingOfWrapper {
  readonly wrapper: string;
  readonly args: KernelApiArgs;
  readonly signature: string;
}

/** Signatures read in v7.1.5. */
export const BINDINGS_OF_WRAPPERS: Readonly<Record<string, BindingOfWrapper>> = {
  'bindings::mtree_insert_range': { wrapper: 'MapleTree::insert_range', args: { flags: 4 }, signature: 'lib/maple_tree.c:5740 (mt, first, last, entry, gfp)' },
  'bindings::mtree_alloc_range': { wrapper: 'MapleTreeAlloc::alloc_range', args: { flags: 6 }, signature: 'lib/maple_tree.c:5784 (mt, startp, entry, size, min, max, gfp)' },
  'bindings::__xa_store': { wrapper: 'XArray::store', args: { flags: 3 }, signature: 'lib/xarray.c:1692 (xa, index, entry, gfp)' },
  'bindings::alloc_cpumask_var': { wrapper: 'CpumaskVar::new', args: { flags: 1 }, signature: 'include/linux/cpumask.h (mask, flags)' },
  'bindings::zalloc_cpumask_var': { wrapper: 'CpumaskVar::new_zero', args: { flags: 1 }, signature: 'include/linux/cpumask.h (mask, flags)' },
};

const WRAPPERS: ReadonlyMap<string, KernelApiRow> = new Map([...CACHE_APIS, ...PAGE_APIS, ...WRAPPER_APIS].map((row) => [row.api, row]));

function bindingRow(api: string, binding: BindingOfWrapper): KernelApiRow {
  const wrapper = WRAPPERS.get(binding.wrapper);
  if (!wrapper) throw new Error(`${api}: no wrapper row ${binding.wrapper}`);
  // The wrapper's answer, with the C function's own arguments and no receiver.
  const { calledOn: _receiver, ...row } = wrapper;
  return { ...row, api, args: binding.args };
}

export const KERNEL_API_ROWS: ReadonlyMap<string, KernelApiRow> = new Map([...WRAPPERS, ...Object.entries(BINDINGS_OF_WRAPPERS).map(([api, binding]) => [api, bindingRow(api, binding)] as const)]);
