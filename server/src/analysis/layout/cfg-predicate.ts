/**
 * Whether a `#[cfg(..)]` predicate on a struct field holds in a kernel build, where that can be
 * known without the .config: the kernel never builds with `test` or `doc` set (rustdoc and
 * KUnit's `#[test]`s aside), so `test`/`doc` are false and `not(..)`, `all(..)`, `any(..)` of
 * them follow. Anything naming a kernel option (`CONFIG_CPUMASK_OFFSTACK`) is null: unknown.
 */
export function cfgHolds(predicate: string): boolean | null {
  const p = predicate.trim();
  if (p === 'test' || p === 'doc') return false;
  const call = /^(not|all|any)\s*\((.*)\)$/s.exec(p);
  if (!call) return null;
  const args = splitTopLevel(call[2]!).map(cfgHolds);
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
