/**
 * The bindings file as a TypeIndex for the layout engine: a name is looked up in the scan
 * (bindings-scan.ts), and only that item's text is parsed with Tree-sitter, turned into a plain
 * definition by the same extractor as any Rust file, and kept. So `struct task_struct` costs
 * the few hundred small items it reaches, never a tree of the whole 4 MB file.
 */
import type { Parser } from 'web-tree-sitter';
import { itemsFromTree } from '../extract/items-from-tree.js';
import { pathType } from '../rust-model-builders.js';
import type { ConstDef, TypeDef, TypeIndex } from '../rust-model.js';
import type { BindingsItem, BindingsScan } from './bindings-scan.js';

/**
 * Types the kernel blocklists in bindgen and defines itself before `include!`ing the output:
 * rust/bindings/lib.rs (v7.1.5 tree danayer/linux-7.1.5 9d1745cf):34-36.
 */
const BLOCKLISTED: ReadonlyMap<string, TypeDef> = new Map(
  (
    [
      ['__kernel_size_t', 'usize'],
      ['__kernel_ssize_t', 'isize'],
      ['__kernel_ptrdiff_t', 'isize'],
    ] as const
  ).map(([name, target]) => [name, { kind: 'alias', name, generics: [], target: pathType(target) } satisfies TypeDef]),
);

export class BindingsTypeIndex implements TypeIndex {
  /** C has no unsized types (a flexible array is bindgen's zero-length __IncompleteArrayField). */
  readonly allSized = true;
  private readonly typeDefs = new Map<string, TypeDef | null>();

  constructor(
    private readonly text: string,
    private readonly scan: BindingsScan,
    private readonly parser: Parser,
  ) {}

  lookupType(segments: readonly string[]): TypeDef | undefined {
    const name = segments.at(-1) ?? '';
    const blocked = BLOCKLISTED.get(name);
    if (blocked) return blocked;
    return this.parsed(name, this.scan.types, this.typeDefs, (items) => items.types.find((t) => t.name === name));
  }

  /** Not indexed (bindings-scan.ts): bindgen writes array lengths as literals. */
  lookupConst(): ConstDef | undefined {
    return undefined;
  }

  /** Whether the bindings define `name` as a type (struct, union or alias). */
  hasType(name: string): boolean {
    return BLOCKLISTED.has(name) || this.scan.types.has(name);
  }

  private parsed<T>(name: string, where: ReadonlyMap<string, BindingsItem>, cache: Map<string, T | null>, pick: (items: ReturnType<typeof itemsFromTree>) => T | undefined): T | undefined {
    const hit = cache.get(name);
    if (hit !== undefined) return hit ?? undefined;
    const item = where.get(name);
    let def: T | null = null;
    if (item) {
      const tree = this.parser.parse(this.text.slice(item.start, item.end));
      if (tree) {
        def = pick(itemsFromTree(tree)) ?? null;
        tree.delete();
      }
    }
    cache.set(name, def);
    return def ?? undefined;
  }
}
