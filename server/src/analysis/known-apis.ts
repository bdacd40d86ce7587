/**
 * The allocation APIs the analyzer recognises are exactly those the engine's call-chain tables
 * know, over every era (engine/src/data/call-chains/): one vocabulary, no second list here.
 */
import { callChainApis } from '../../../engine/src/call-chain.js';
import { kernelTarget } from '../../../engine/src/kernel-version.js';

/** One kernel per API era: 6.1 (alloc crate), 6.10 (BoxExt), 6.13 (Allocator), newest (+ shrink_to). */
const ERA_SAMPLES = ['6.1', '6.10', '6.13', '6.18', '7.1'];

/** Calls that never allocate: freeing, and `kvec![]` (KVec::new()). */
const NOT_ALLOCATING = (api: string): boolean => api.endsWith('::free') || api === 'kvec![]';

export const KNOWN_APIS: ReadonlySet<string> = new Set(
  ERA_SAMPLES.flatMap((v) => callChainApis(kernelTarget(v).rules)).filter((api) => !NOT_ALLOCATING(api)),
);

/** Methods that allocate when called on a vector (`push`, `reserve`, `try_push`, ...). */
export const VECTOR_METHODS: ReadonlySet<string> = new Set(
  [...KNOWN_APIS]
    .filter((api) => /^(K|V|KV)?Vec::/.test(api))
    .map((api) => api.slice(api.indexOf('::') + 2))
    .filter((method) => !['with_capacity', 'from_elem', 'try_with_capacity', 'new'].includes(method)),
);

/**
 * Fallible spellings of the in-place initialisers (rust/kernel/init.rs, InPlaceInit): they take
 * the same path as the infallible ones, so they share their chain.
 */
export const METHOD_ALIASES: Readonly<Record<string, string>> = { try_pin_init: 'pin_init', try_init: 'init' };
