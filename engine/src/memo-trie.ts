/**
 * A bounded memo keyed by a fixed-length tuple of primitives (or objects, by identity), stored
 * as nested Maps so a lookup builds no string: a string key costs more to build and hash than
 * the lookups it saves. When `limit` entries are stored, the whole memo is dropped and refills.
 */
type Key = string | number | boolean | object | undefined | null;

export class MemoTrie<V> {
  private root = new Map<Key, unknown>();
  private size = 0;

  constructor(private readonly limit: number) {}

  get(keys: readonly Key[]): V | undefined {
    let node: unknown = this.root;
    for (const k of keys) {
      node = (node as Map<Key, unknown>).get(k);
      if (node === undefined) return undefined;
    }
    return node as V;
  }

  set(keys: readonly Key[], value: V): void {
    if (this.size >= this.limit) {
      this.root = new Map();
      this.size = 0;
    }
    let node = this.root;
    for (let i = 0; i < keys.length - 1; i++) {
      let next = node.get(keys[i]) as Map<Key, unknown> | undefined;
      if (!next) {
        next = new Map();
        node.set(keys[i], next);
      }
      node = next;
    }
    node.set(keys[keys.length - 1], value);
    this.size++;
  }
}
