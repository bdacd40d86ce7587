/**
 * Where the sizes of C types come from. The engine never reads files: the server lays out a
 * build's bindings (rust/bindings/bindings_generated.rs) or falls back to the bundled defconfig
 * tables, and hands the engine this interface. Names are bindgen's Rust identifiers for the C
 * types (`mutex`, `maple_node`, `radix_tree_node`, `device`), i.e. what follows `bindings::`.
 */
import type { KconfigSymbols } from './kconfig-symbols.js';

export interface CTypeLayout {
  /** size_of, in bytes, as rustc lays out the bindgen type (equal to GCC's sizeof). */
  readonly size: number;
  /** align_of, in bytes. */
  readonly align: number;
  /** What else the reader should know: e.g. that debug options change this size, with both sizes. */
  readonly note?: string;
}

export interface CLayoutSource {
  /** Said in every answer: `build:<dir>` or `bundled:x86_64-defconfig-7.1.5`. */
  readonly id: string;
  /** Said once beside the id when the source stands in for another target (arm64-16k uses the 4K table). */
  readonly note?: string;
  /** The Kconfig symbols of the same build, for struct fields under `#[cfg(CONFIG_X)]`. */
  readonly kconfig?: KconfigSymbols;
  /** The layout of `bindings::<name>`, or undefined when this source does not have the type. */
  layoutOf(name: string): CTypeLayout | undefined;
}
