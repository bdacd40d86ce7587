/**
 * The kalloc-lens engine: a pure, deterministic model of where a Rust-for-Linux allocation lands.
 * explain() answers one request; simulate() runs requests through the stateful SLUB and buddy
 * models; the rest is what the analyzer, the language server and the CLI use. This file is the
 * engine's one entry point: server/ imports the engine only from here (test/architecture.test.ts),
 * so what the engine offers the other layers is this list.
 */
export { explain, parseAllocator, type ExplainInput } from './explain.js';
export type { Outcome, OutcomePath, OutcomeAllocator, DmaSummary, DmaPathSummary, ObjectCountSummary, AlsoAllocates } from './outcome.js';
export { simulate, type SimulateInput, type SimulationTrace, type SimStep } from './simulate.js';
export { EngineError, type EngineErrorCode } from './errors.js';
export { resolveProfile, PROFILE_NAMES, DEFAULT_NR_CPUS, type Profile, type ProfileOptions, profileOptionsOf } from './profile.js';
export { parseKernelConfig, type ConfigProfile } from './kconfig.js';
export { kernelTarget, parseKernelVersion, NEWEST_KERNEL_TEXT, type KernelTarget } from './kernel-version.js';
export { parseGfp, gfpAllowsBlocking, type GfpFlags } from './gfp.js';
export { callChain, callChainApis, apiAllocator, type ChainFrame, type ChainLeaf } from './call-chain.js';
export { capacityThresholds, simulateGrowth, type CapacityThreshold, type GrowthTrace } from './kvec-growth.js';
export { evaluateSizeExpression } from './size-expression.js';
export { formatBytes } from './format-bytes.js';
export type { AllocatorName, Layout } from './layout.js';
export type { CLayoutSource, CTypeLayout } from './c-layout.js';
export {
  API_ERAS,
  API_REGISTRY,
  CONTAINERS,
  KERNEL_API_ENTRIES,
  RUST_API_ROWS,
  apiRow,
  containerRow,
  vmallocTwins,
  type ApiEraRow,
  type ApiRow,
  type ContainerFamily,
  type ContainerRow,
  type KernelApiEntry,
  type RegistryRow,
} from './api-registry.js';
export { bundledCLayouts, isDebugOptionsNote } from './bundled-c-layouts.js';
export { isKernelApi, kernelApiPath, kernelApiRow } from './kernel-api.js';
export { kmemCacheGeometry, type KmemCacheAnswer, type KmemCacheSummary } from './kmem-cache.js';
export { STABLE_BACKPORT_NOTES, KERNEL_CHANGES, OLDEST_KERNEL } from './data/kernel-changes.js';
export { hasOwnName, own } from './own.js';
export { kconfigSymbolsOf, type KconfigSymbols } from './kconfig-symbols.js';
export { formatPercent, countOf } from './format-count.js';
export type { KernelApiRow } from './data/call-chains/kernel-api-row.js';
export type { BuddyStart } from './sim/buddy-allocator.js';
export { fragmentedStart } from './sim/fragmented-start.js';
export { ARCH_PROFILES, MAX_NR_CPUS } from './data/arch-profiles.js';
