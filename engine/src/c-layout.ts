/**
 * Where the sizes of C types come from. The engine never reads files: the server lays out a
 * build's bindings (rust/bindings/bindings_generated.rs) or falls back to the bundled defconfig
 * tables, and hands the engine this interface. Names are bindgen's Rust identifiers for the C
 * types (`mutex`, `maple_node`, `radix_tree_node`, `device`), i.e. what follows `bindings::`.
 */
export interface CTypeLayout {
  /** size_of, in bytes, as rustc lays out the bindgen type (equal to GCC's sizeof). */
  readonly size: number;
  /** align_of, in bytes. */
  readonly align: number;
}

export interface CLayoutSource {
  /** Said in every answer: `build:<dir>` or `bundled:x86_64-defconfig-7.1.5`. */
  readonly id: string;
  /** The layout of `bindings::<name>`, or undefined when this source does not have the type. */
  layoutOf(name: string): CTypeLayout | undefined;
}
