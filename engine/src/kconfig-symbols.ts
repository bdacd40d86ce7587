/**
 * The Kconfig symbols of one build, as Rust's `#[cfg(..)]` sees them: scripts/kconfig/confdata.c
 * (v7.1.5) print_symbol_for_rustccfg passes `--cfg CONFIG_X` for every bool/tristate set to y or m,
 * and `--cfg CONFIG_X="value"` for every set symbol. A build's full .config answers for every
 * symbol (absent means not set); a bundled table answers only for the symbols it lists.
 */
import type { DefconfigSymbols } from './data/kconfig/defconfig-symbols-table.js';

export interface KconfigSymbols {
  /** Where the values come from, for notes: `bundled:x86_64-defconfig-7.1.5`, `build:/path`. */
  readonly source: string;
  /** The symbol's value (`y`, `m`, a number, a string); null when not set; undefined when not known here. */
  value(name: string): string | null | undefined;
}

// A regex over one .config line (KEY=value), not over Rust.
const LINE = /^(CONFIG_[A-Za-z0-9_]+)=(.*)$/;

/** The set symbols of a whole .config text; every other symbol is not set. */
export function kconfigSymbolsOf(text: string, source: string): KconfigSymbols {
  const values = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const m = LINE.exec(raw.trim());
    if (m) values.set(m[1]!, m[2]!.replace(/^"(.*)"$/, '$1'));
  }
  return { source, value: (name) => values.get(name) ?? null };
}

/** A bundled table: its symbols' values, and undefined (unknown) for any other. */
export function bundledKconfigSymbols(table: DefconfigSymbols, source: string): KconfigSymbols {
  return { source, value: (name) => (Object.hasOwn(table.values, name) ? table.values[name]! : undefined) };
}
