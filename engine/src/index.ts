/**
 * The kalloc-lens engine: a pure, deterministic model of where a Rust-for-Linux allocation lands.
 * explain() answers one request; simulate() runs requests through the stateful SLUB and buddy
 * models; the rest is exported for the analyzer and for tests.
 */
export { explain, parseAllocator, type ExplainInput } from './explain.js';
export type { Outcome, OutcomePath } from './outcome.js';
export { simulate, type SimulateInput, type SimulationTrace, type SimStep } from './simulate.js';
export { EngineError, type EngineErrorCode } from './errors.js';
export { resolveProfile, PROFILE_NAMES, DEFAULT_NR_CPUS, type Profile, type ProfileOptions } from './profile.js';
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
export { bundledCLayouts } from './bundled-c-layouts.js';
export { isKernelApi } from './kernel-api.js';
export { kmemCacheGeometry, type KmemCacheAnswer, type KmemCacheSummary } from './kmem-cache.js';
export type { OutcomeAllocator, DmaSummary, DmaPathSummary, ObjectCountSummary, AlsoAllocates } from './outcome.js';
