/**
 * Name lookups in tables keyed by names from outside (source text, settings, command
 * arguments): only the table's own entries. `table[name]` would also find `constructor`,
 * `toString` or `__proto__` on Object.prototype.
 */
export function own<V>(table: Readonly<Record<string, V>>, name: string): V | undefined {
  return Object.hasOwn(table, name) ? table[name] : undefined;
}

/** `name in table`, own entries only. */
export function hasOwnName(table: object, name: string): boolean {
  return Object.hasOwn(table, name);
}
