/**
 * The allocation APIs the analyzer recognises are exactly the rows of the engine's API registry
 * (engine/src/api-registry.ts, built from the call-chain tables over every era): one vocabulary,
 * no second list here. These are the views of it the finder asks often.
 */
import { API_REGISTRY, type ApiRow } from '../../../engine/src/api-registry.js';

/** Rows that allocate (not freeing, not `kvec![]`), by name. */
const ALLOCATING: ReadonlyMap<string, ApiRow> = new Map(API_REGISTRY.filter((r) => r.kind === 'alloc' || r.kind === 'shrink').map((r) => [r.api, r]));

export const KNOWN_APIS: ReadonlySet<string> = new Set(ALLOCATING.keys());

/** The registry row of an allocating API. */
export function knownApi(api: string): ApiRow | undefined {
  return ALLOCATING.get(api);
}

/** Methods that allocate when called on a vector (`push`, `reserve`, `try_push`, ...). */
export const VECTOR_METHODS: ReadonlySet<string> = new Set([...ALLOCATING.values()].filter((r) => r.onValue).map((r) => r.method));

/** The function names the allocating APIs are called by after `::` (`new`, `with_capacity`, `realloc`, ...). */
export const API_FUNCTION_NAMES: ReadonlySet<string> = new Set([...ALLOCATING.values()].filter((r) => r.type !== null).map((r) => r.method));

/**
 * Fallible spellings of the in-place initialisers (rust/kernel/init.rs, InPlaceInit): they take
 * the same path as the infallible ones, so they share their chain.
 */
export const METHOD_ALIASES: Readonly<Record<string, string>> = { try_pin_init: 'pin_init', try_init: 'init' };
