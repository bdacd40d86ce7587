/**
 * The allocation APIs the analyzer recognises are exactly the rows of the engine's API registry
 * (engine/src/api-registry.ts, built from the call-chain tables over every era): one vocabulary,
 * no second list here. These are the views of it the finder asks often.
 */
import { KERNEL_API_ENTRIES, RUST_API_ROWS, type ApiRow, type KernelApiRow } from '../../../engine/src/index.js';

/** Rows that allocate (not freeing, not `kvec![]`), by name. */
const ALLOCATING: ReadonlyMap<string, ApiRow> = new Map(RUST_API_ROWS.filter((r) => r.kind === 'alloc' || r.kind === 'shrink').map((r) => [r.api, r]));

export const KNOWN_APIS: ReadonlySet<string> = new Set(ALLOCATING.keys());

/** The registry row of an allocating API. */
export function knownApi(api: string): ApiRow | undefined {
  return ALLOCATING.get(api);
}

/** Methods that allocate when called on a vector (`push`, `reserve`, `try_push`, ...), each with the row of `Vec::<method>` (else the first vector type's). */
export const VECTOR_METHOD_ROWS: ReadonlyMap<string, ApiRow> = (() => {
  const byMethod = new Map<string, ApiRow>();
  for (const r of ALLOCATING.values()) if (r.onValue && (!byMethod.has(r.method) || r.type === 'Vec')) byMethod.set(r.method, r);
  return byMethod;
})();

export const VECTOR_METHODS: ReadonlySet<string> = new Set(VECTOR_METHOD_ROWS.keys());

/** The function names the allocating APIs are called by after `::` (`new`, `with_capacity`, `realloc`, ...). */
export const API_FUNCTION_NAMES: ReadonlySet<string> = new Set([...ALLOCATING.values()].filter((r) => r.type !== null).map((r) => r.method));

/**
 * Fallible spellings of the in-place initialisers (rust/kernel/init.rs, InPlaceInit): they take
 * the same path as the infallible ones, so they share their chain.
 */
export const METHOD_ALIASES: Readonly<Record<string, string>> = { try_pin_init: 'pin_init', try_init: 'init' };

/**
 * Trait methods that reach a registry row by conversion: `c"..".try_into()` into a `CString` is
 * `TryFrom<&CStr> for CString` (rust/kernel/str.rs:899 in v7.1.5).
 */
export const CONVERSION_METHODS: Readonly<Record<string, string>> = { try_into: 'CString::try_from' };

/**
 * Kernel APIs that are not a Rust Allocator call (the registry's 'kernel' family): dedicated
 * caches, pages, DMA, wrappers with their own kmalloc path, and direct `bindings::` calls.
 */
export const KERNEL_APIS: ReadonlySet<string> = new Set(KERNEL_API_ENTRIES.map((e) => e.api));

/** Kernel-API methods by name (`insert` → MapleTree::insert), for calls on a receiver. */
export const KERNEL_API_METHODS: ReadonlyMap<string, readonly KernelApiRow[]> = (() => {
  const byMethod = new Map<string, KernelApiRow[]>();
  for (const entry of KERNEL_API_ENTRIES) {
    if (!entry.onValue) continue;
    byMethod.set(entry.method, [...(byMethod.get(entry.method) ?? []), entry.row]);
  }
  return byMethod;
})();

/** The function names kernel APIs are called by (`zeroed_slice`, `kmalloc`, `insert`). */
export const KERNEL_API_FUNCTION_NAMES: ReadonlySet<string> = new Set(KERNEL_API_ENTRIES.map((e) => e.method));

/** Text that may start a kernel-API call in a macro body: `BitmapVec::`, `devres::`, `.insert(`. */
export const KERNEL_API_TEXT: RegExp = (() => {
  const types = [...new Set(KERNEL_API_ENTRIES.filter((e) => !KERNEL_API_METHODS.has(e.method)).map((e) => e.type))];
  const methods = [...KERNEL_API_METHODS.keys()];
  return new RegExp(`\\b(?:${types.join('|')})::|\\.(?:${methods.join('|')})\\s*\\(`);
})();
