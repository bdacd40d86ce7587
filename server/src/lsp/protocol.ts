/**
 * What the server says beyond plain LSP, for clients that want it (the VS Code extension's
 * status bar): the target it models, sent after start and whenever settings or the workspace's
 * .config/Makefile change. Other editors can ignore it.
 */
export const TARGET_NOTIFICATION = 'kalloc-lens/target';

export interface TargetParams {
  /** Profile name: x86_64, arm64-16k, ... */
  readonly profile: string;
  readonly pageSize: number;
  readonly nrCpus: number;
  /** The kernel version modelled, e.g. "7.1.5". */
  readonly kernel: string;
  /** Where auto settings were taken from: "profile arm64-16k from .config", ... */
  readonly sources: readonly string[];
}
