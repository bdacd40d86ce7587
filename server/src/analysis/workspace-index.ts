/**
 * Types, aliases and consts of every analysed file, as plain definitions (no tree nodes, so
 * trees can be dropped after extraction). Lookups key by the last path segment; a definition
 * in the asking file wins over one elsewhere, and among other files the first one indexed
 * (in stable path order) wins. `use` items are not followed, but a module-qualified path
 * (`opp::Table`) prefers a definition in a file of that module (opp.rs, opp/…).
 */
import type { FileItems } from './extract/items-from-tree.js';
import type { ConstDef, FnDef, TypeDef, TypeIndex } from './rust-model.js';

function fnKey(owner: string | null, name: string): string {
  return `${owner ?? ''}::${name}`;
}

/**
 * `Owner::Assoc` (an impl's associated type) when the segment before the last is a type (Rust
 * names types in UpperCamelCase, modules in snake_case): then only that impl's entry may answer.
 */
function isProjection(segments: readonly string[]): boolean {
  const owner = segments.at(-2);
  return owner !== undefined && (/^[A-Z]/.test(owner) || PRIMITIVE_TYPES.has(owner));
}

/** Primitive types an impl can give associated types to (`impl AtomicType for u32 { type Repr = i32; }`). */
const PRIMITIVE_TYPES: ReadonlySet<string> = new Set(['u8', 'u16', 'u32', 'u64', 'u128', 'usize', 'i8', 'i16', 'i32', 'i64', 'i128', 'isize', 'bool', 'char', 'f32', 'f64']);

/** The index key of a path: `Owner::Assoc` for an associated type, else the last segment. */
function typeKey(segments: readonly string[]): string | undefined {
  return isProjection(segments) ? `${segments.at(-2)}::${segments.at(-1)}` : segments.at(-1);
}

/** Crates no workspace file defines types of. */
const STD_CRATES: ReadonlySet<string> = new Set(['core', 'alloc', 'std']);

/** Qualifiers that name no module file of their own. */
const NON_MODULE_QUALIFIERS: ReadonlySet<string> = new Set(['self', 'super', 'crate', 'kernel', 'core', 'alloc', 'bindings']);

/**
 * How well a file matches the module that qualifies a path: 2 for the module's own file
 * (`opp.rs`, `opp/mod.rs`), 1 for a file under its folder (`opp/table.rs`), 0 otherwise.
 * v7.1.5 defines both cpufreq::Table and opp::Table; rcpufreq_dt.rs writes `opp::Table`.
 */
function moduleMatch(file: string, module: string): number {
  const parts = file.replaceAll('\\', '/').split('/');
  const base = parts.at(-1)?.replace(/\.rs$/, '');
  if (base === module || (base === 'mod' && parts.at(-2) === module)) return 2;
  return parts.slice(0, -1).includes(module) ? 1 : 0;
}

/** A file of the kernel crate itself: `<tree>/rust/kernel/...`. */
export function isKernelCrateFile(path: string): boolean {
  return path.replaceAll('\\', '/').includes('/rust/kernel/');
}

function appendTo<T>(map: Map<string, T[]>, key: string, entry: T): void {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}

export class WorkspaceIndex {
  private readonly files = new Map<string, FileItems>();
  private typesByName = new Map<string, { file: string; def: TypeDef }[]>();
  private constsByName = new Map<string, { file: string; def: ConstDef }[]>();
  /** By `Owner::name` (or `::name` for free functions). */
  private fnsByName = new Map<string, { file: string; def: FnDef }[]>();
  /** lookupKernelType's answers for the current generation of the maps above. */
  private kernelTypesByName = new Map<string, TypeDef | undefined>();
  private dirty = false;

  setFile(path: string, items: FileItems): void {
    this.files.set(path, items);
    this.dirty = true;
  }

  deleteFile(path: string): void {
    if (this.files.delete(path)) this.dirty = true;
  }

  itemsOf(path: string): FileItems | undefined {
    return this.files.get(path);
  }

  get fileCount(): number {
    return this.files.size;
  }

  private rebuild(): void {
    if (!this.dirty) return;
    const types = new Map<string, { file: string; def: TypeDef }[]>();
    const consts = new Map<string, { file: string; def: ConstDef }[]>();
    const fns = new Map<string, { file: string; def: FnDef }[]>();
    for (const path of [...this.files.keys()].sort()) {
      const items = this.files.get(path)!;
      // Appended in place: copying a name's list on every definition was quadratic in its copies.
      for (const def of items.types) appendTo(types, def.name, { file: path, def });
      for (const def of items.consts) appendTo(consts, def.name, { file: path, def });
      for (const def of items.fns ?? []) appendTo(fns, fnKey(def.owner, def.name), { file: path, def });
    }
    this.typesByName = types;
    this.constsByName = consts;
    this.fnsByName = fns;
    this.kernelTypesByName = new Map();
    this.dirty = false;
  }

  /** The kernel crate's definition of a key, memoised until the next rebuild (each asks tests every entry's path). */
  private kernelType(key: string): TypeDef | undefined {
    if (this.kernelTypesByName.has(key)) return this.kernelTypesByName.get(key);
    const def = this.typesByName.get(key)?.find((e) => isKernelCrateFile(e.file))?.def;
    this.kernelTypesByName.set(key, def);
    return def;
  }

  /** The index as seen from one file: its own definitions first. */
  viewFrom(path: string): TypeIndex {
    this.rebuild();
    const pick = <T>(entries: { file: string; def: T }[] | undefined): T | undefined => (entries?.find((e) => e.file === path) ?? entries?.[0])?.def;
    const pickInModule = <T>(entries: { file: string; def: T }[] | undefined, segments: readonly string[]): T | undefined => {
      const module = segments.at(-2);
      if (!entries || entries.length < 2 || module === undefined || NON_MODULE_QUALIFIERS.has(module)) return pick(entries);
      let best = 0;
      let found: T | undefined;
      for (const e of entries) {
        const score = moduleMatch(e.file, module);
        if (score > best) [best, found] = [score, e.def];
      }
      return found ?? pick(entries);
    };
    return {
      // `core::ops::Range` is core's, whatever the workspace calls Range.
      lookupType: (segments) =>
        STD_CRATES.has(segments[0] ?? '') && segments.length > 1
          ? undefined
          : isProjection(segments)
            ? pick(this.typesByName.get(typeKey(segments) ?? ''))
            : pickInModule(this.typesByName.get(segments.at(-1) ?? ''), segments),
      lookupConst: (segments) => pick(this.constsByName.get(segments.at(-1) ?? '')),
      lookupFn: (owner, name) => pick(this.fnsByName.get(fnKey(owner, name))),
      lookupKernelType: (segments) => this.kernelType(typeKey(segments) ?? ''),
    };
  }
}
