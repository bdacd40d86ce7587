/**
 * The allocation vocabulary, in one registry that the analyzer, the language server, the client
 * (through the server) and the grammar test derive from:
 * - API_ERAS: the Rust API eras, oldest first, with the release each starts in;
 * - CONTAINERS (data/containers.ts): each allocating type and the allocator it fixes;
 * - API_REGISTRY: every API the call-chain tables know (data/call-chains/), over all eras, as
 *   rows: the type and method it is called by, the allocator, what it does, the eras it exists in,
 *   and which argument is the flags, the count, the value (data/rust-api-args.ts). Two families:
 *   'rust', the Rust Allocator calls (KVec, KBox, Arc, Allocator::*, kvec!), and 'kernel', the
 *   kernel APIs that are not an Allocator call (dedicated caches, pages, DMA, wrappers with their
 *   own kmalloc, direct `bindings::` calls: data/call-chains/kernel-api-table.ts), each with the
 *   release that introduced it.
 * Adding an API is one row in its era's call-chain table (or the kernel-API tables, plus its
 * chain); it then appears here.
 */
import { ERA_APIS, ERA_STARTS, ERA_WHAT } from './call-chain.js';
import { CONTAINERS, type ContainerFamily, type ContainerRow } from './data/containers.js';
import { NEWEST_KERNEL, type ApiEra } from './data/kernel-changes.js';
import type { AllocatorName } from './layout.js';
import type { KernelApiRow } from './data/call-chains/kernel-api-row.js';
import { KERNEL_API_ROWS } from './data/call-chains/kernel-api-table.js';
import { kernelApiPath } from './kernel-api.js';
import type { OutcomeAllocator } from './outcome.js';
import { rustApiSignature, type RustApiArgs } from './data/rust-api-args.js';

export { CONTAINERS, type ContainerFamily, type ContainerRow, type RustApiArgs };

export interface ApiEraRow {
  readonly era: ApiEra;
  /** The first release of the era. */
  readonly since: readonly [major: number, minor: number];
  /** The last release modelled in the era ("6.9", or the newest modelled for the newest era). */
  readonly last: string;
  readonly what: string;
}

export const API_ERAS: readonly ApiEraRow[] = ERA_STARTS.map((start, i) => {
  const next = ERA_STARTS[i + 1];
  // Every era so far starts at a .1 or later, so the release before is the same major's minor - 1.
  const last = next ? `${next.since[0]}.${next.since[1] - 1}` : `${NEWEST_KERNEL.major}.${NEWEST_KERNEL.minor}.${NEWEST_KERNEL.patch}`;
  return { era: start.era, since: start.since, last, what: ERA_WHAT[start.era] };
});

/** A Rust Allocator call: the call-chain tables' rows. */
export interface ApiRow {
  readonly family: 'rust';
  /** Canonical name, as the analyzer reports it: 'KVec::push', 'kvec![x; n]', 'Allocator::alloc'. */
  readonly api: string;
  /** The type it is called on ('KVec', 'Allocator'), or null for a macro. */
  readonly type: string | null;
  /** The function or method name ('push'), or the macro's name with its `!` ('kvec!'). */
  readonly method: string;
  /** The container row of `type`, when it is one (not for Allocator::* or macros). */
  readonly container: ContainerRow | null;
  /** The allocator the API fixes in the newest era that has it; 'generic' when the caller names it. */
  readonly allocator: AllocatorName | 'generic';
  /** alloc: asks the allocator; free; no-alloc: never allocates (kvec![]); shrink: KVVec::shrink_to. */
  readonly kind: 'alloc' | 'free' | 'no-alloc' | 'shrink';
  /** Called as a method on a value (`v.push(x, f)`) as well as by path. */
  readonly onValue: boolean;
  /** The eras whose tables have it, oldest first (a row may also need a release inside an era: see its chain's `requires`). */
  readonly eras: readonly ApiEra[];
  /** Which argument is the flags, the count, the value, the Layout (data/rust-api-args.ts). */
  readonly args: RustApiArgs;
  /** The flags the API passes itself when it takes none (`kvec!`, the alloc crate's try_*: GFP_KERNEL). */
  readonly fixedFlags: string | null;
}

/** A kernel API that is not a Rust Allocator call (MapleTree::insert, Page::alloc_page, bindings::kmalloc). */
export interface KernelApiEntry {
  readonly family: 'kernel';
  readonly api: string;
  /** The type, module or `bindings` it is called through ('MapleTree', 'devres', 'bindings'). */
  readonly type: string;
  readonly method: string;
  /** Who serves the memory: a kmalloc cache, a dedicated kmem_cache, the page allocator, DMA. */
  readonly allocator: OutcomeAllocator;
  readonly kind: 'alloc';
  /** A method on a receiver of one of its types (`tree.insert(..)`). */
  readonly onValue: boolean;
  /** The eras from its first release to its last (or the newest). */
  readonly eras: readonly ApiEra[];
  /** First release with it, and whether that was read in that release's source (else `why`). */
  readonly since: readonly [number, number];
  readonly sinceConfirmed: boolean;
  /** Last release with it, when it is gone in the newest kernel. */
  readonly until: readonly [number, number] | null;
  /** The engine's row: arguments, sizing input, target and chain. */
  readonly row: KernelApiRow;
}

/** Every API: a Rust Allocator call or a kernel API. */
export type RegistryRow = ApiRow | KernelApiEntry;

const CONTAINER_BY_NAME: ReadonlyMap<string, ContainerRow> = new Map(CONTAINERS.map((c) => [c.name, c]));

/** Vector functions that make a new vector rather than grow the one they are called on. */
const VECTOR_CONSTRUCTORS: ReadonlySet<string> = new Set(['with_capacity', 'try_with_capacity', 'from_elem', 'new']);

function row(api: string, eras: readonly ApiEra[]): ApiRow {
  const newest = ERA_APIS[eras.at(-1)!].get(api)!;
  const macro = /^(\w+!)/.exec(api);
  const [type, method] = macro ? [null, macro[1]!] : [api.slice(0, api.lastIndexOf('::')), api.slice(api.lastIndexOf('::') + 2)];
  const container = type === null ? null : (CONTAINER_BY_NAME.get(type) ?? null);
  const signature = rustApiSignature(api, method);
  return {
    family: 'rust',
    api,
    type,
    method,
    container,
    allocator: newest.allocator,
    kind: newest.kind,
    onValue: container?.family === 'vec' && !VECTOR_CONSTRUCTORS.has(method),
    eras,
    args: signature.args,
    fixedFlags: signature.fixedFlags?.flags ?? null,
  };
}

function buildRegistry(): readonly ApiRow[] {
  const eras = new Map<string, ApiEra[]>();
  for (const { era } of API_ERAS) for (const api of ERA_APIS[era].keys()) eras.set(api, [...(eras.get(api) ?? []), era]);
  return [...eras].map(([api, in_]) => row(api, in_));
}

function before(a: readonly [number, number], b: readonly [number, number]): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}

function kernelAllocator(row: KernelApiRow): OutcomeAllocator {
  const target = row.target;
  switch (target.kind) {
    case 'dedicated-cache':
      return 'kmem_cache';
    case 'pages':
      return 'page_alloc';
    case 'dma-coherent':
      return 'dma';
    case 'vmalloc':
      return 'Vmalloc';
    case 'kvmalloc':
      return 'KVmalloc';
    case 'rust-allocation':
      return target.allocator === 'generic' ? 'Kmalloc' : target.allocator;
    default:
      return 'Kmalloc';
  }
}

function kernelEntry(row: KernelApiRow): KernelApiEntry {
  const { type, method } = kernelApiPath(row.api);
  const until = row.until ?? null;
  // An era holds the API when the API's [since, until] overlaps the era's releases.
  const eras = API_ERAS.filter((e, i) => {
    const next = API_ERAS[i + 1];
    const startsInTime = next === undefined || before(row.since, next.since);
    return startsInTime && (until === null || !before(until, e.since));
  }).map((e) => e.era);
  return {
    family: 'kernel',
    api: row.api,
    type,
    method,
    allocator: kernelAllocator(row),
    kind: 'alloc',
    onValue: row.calledOn !== undefined,
    eras,
    since: row.since,
    sinceConfirmed: row.sinceConfirmed,
    until,
    row,
  };
}

/** The Rust Allocator calls, then the kernel APIs. */
export const API_REGISTRY: readonly RegistryRow[] = [...buildRegistry(), ...[...KERNEL_API_ROWS.values()].map(kernelEntry)];

const BY_NAME: ReadonlyMap<string, RegistryRow> = new Map(API_REGISTRY.map((r) => [r.api, r]));

export function apiRow(api: string): RegistryRow | undefined {
  return BY_NAME.get(api);
}

/** The Rust Allocator calls of the registry. */
export const RUST_API_ROWS: readonly ApiRow[] = API_REGISTRY.filter((r): r is ApiRow => r.family === 'rust');

/** The kernel APIs of the registry. */
export const KERNEL_API_ENTRIES: readonly KernelApiEntry[] = API_REGISTRY.filter((r): r is KernelApiEntry => r.family === 'kernel');

export function containerRow(name: string): ContainerRow | undefined {
  return CONTAINER_BY_NAME.get(name);
}

/**
 * The containers that can take a Kmalloc-backed one's place when one physically contiguous
 * allocation is the problem, best first: the KVmalloc twin (kmalloc, vmalloc if that fails), then
 * the Vmalloc one. KVec → KVVec, VVec; KBox → KVBox, VBox.
 */
export function vmallocTwins(name: string): readonly string[] {
  const from = CONTAINER_BY_NAME.get(name);
  if (!from || from.allocator !== 'Kmalloc' || (from.family !== 'vec' && from.family !== 'box')) return [];
  const twin = (allocator: AllocatorName) => CONTAINERS.find((c) => c.family === from.family && c.allocator === allocator)?.name;
  return [twin('KVmalloc'), twin('Vmalloc')].filter((n): n is string => n !== undefined);
}
