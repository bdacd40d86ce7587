/**
 * Whether a `#[cfg(..)]` predicate on a struct field holds in a kernel build.
 * - `test` and `doc` are never set in a kernel build (rustdoc and KUnit's `#[test]`s aside).
 * - `CONFIG_X` holds when the build sets X to y or m, and `CONFIG_X = "v"` when it sets X to v: the
 *   `--cfg` flags scripts/kconfig/confdata.c (v7.1.5) print_symbol_for_rustccfg writes for rustc.
 *   They are read from the build's symbols (its .config, or the bundled defconfig's table).
 * - `not(..)`, `all(..)`, `any(..)` follow. Anything else, or a symbol the build does not answer
 *   for, is null: unknown.
 */
import type { KconfigSymbols } from '../../../../engine/src/index.js';

export function cfgHolds(predicate: string, symbols?: KconfigSymbols): boolean | null {
  const p = predicate.trim();
  if (p === 'test' || p === 'doc') return false;
  const option = /^(CONFIG_[A-Za-z0-9_]+)(?:\s*=\s*"([^"]*)")?$/.exec(p);
  if (option) {
    const value = symbols?.value(option[1]!);
    if (value === undefined) return null;
    return option[2] === undefined ? value === 'y' || value === 'm' : value === option[2];
  }
  const call = /^(not|all|any)\s*\((.*)\)$/s.exec(p);
  if (!call) return null;
  const args = splitTopLevel(call[2]!).map((a) => cfgHolds(a, symbols));
  switch (call[1]) {
    case 'not':
      return args.length === 1 && args[0] !== null ? !args[0] : null;
    case 'all':
      return args.includes(false) ? false : args.includes(null) ? null : true;
    default:
      return args.includes(true) ? true : args.includes(null) ? null : false;
  }
}

/** `a, not(b, c), d` → [`a`, `not(b, c)`, `d`]. */
function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (text.slice(start).trim() !== '') out.push(text.slice(start));
  return out.map((s) => s.trim());
}
