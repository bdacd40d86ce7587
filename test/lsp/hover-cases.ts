/**
 * One hover per site kind, with its row budget (issue 15: about 8–10 rows in the common case,
 * beside rust-analyzer's own hover). hover.test.ts holds the server to the budgets;
 * `npm run bench:editor` prints the row counts for the closing note.
 */

/** Small hand-written sites the examples do not have: unknown element types, hostile comments, two calls on a line (written as ring/kinds.rs). */
export const KINDS_RS = `use kernel::prelude::*;

fn unknown_element() -> Result {
    let mut all_threads = KVec::new();
    all_threads.push(make_thread(), GFP_KERNEL)?;
    let three = KVec::with_capacity(3, GFP_KERNEL)?;
    consume(three);
    Ok(())
}

fn hostile(n: usize) -> Result {
    let v: KVec<u8> = KVec::with_capacity(n + /* a comment
\`\`\`
![img](https://evil.example/x.png) [click](https://evil.example/) <img src="https://evil.example/y.png">
*/ 1, GFP_KERNEL)?;
    Ok(())
}

fn one_line(v: &mut KVec<u16>) -> Result {
    v.reserve(4, GFP_KERNEL)?; v.extend_from_slice(&[1, 2], GFP_KERNEL)?; v.push(3, GFP_KERNEL)?;
    Ok(())
}
`;

/** The files hovered, by the name the cases use: their place in a copy of examples/ (kinds.rs is KINDS_RS, written there). */
export const HOVER_FILES: Readonly<Record<string, string>> = {
  'ring.rs': 'ring/ring.rs',
  'buffers.rs': 'ring/buffers.rs',
  'kinds.rs': 'ring/kinds.rs',
  'device.rs': 'kernel-apis/device.rs',
};

export interface HoverCase {
  readonly kind: string;
  /** A file of HOVER_FILES, its 1-based line, and text on that line to hover. */
  readonly file: string;
  readonly line: number;
  readonly needle: string;
  /** The most rows the hover may have. */
  readonly budget: number;
  /** A row it must show. */
  readonly expected: RegExp;
}

export const HOVER_CASES: readonly HoverCase[] = [
  { kind: 'slab, fixed size', file: 'ring.rs', line: 39, needle: 'KVec', budget: 6, expected: /\*\*lands\*\* kmalloc-4k \(slab\) · object 4096 B · waste 1696 B \(41%\)/ },
  { kind: 'large, costly order', file: 'ring.rs', line: 45, needle: 'KVec', budget: 6, expected: /\*\*lands\*\* page allocator · order 4 \(64 KiB, 16 pages\) · costly order/ },
  { kind: 'over KMALLOC_MAX_SIZE', file: 'ring.rs', line: 53, needle: 'KVec::', budget: 6, expected: /\*\*lands\*\* fails: 6 MiB needs order 11 > MAX_PAGE_ORDER \(10\)/ },
  { kind: 'push, capacity set at run time', file: 'ring.rs', line: 60, needle: 'pending', budget: 9, expected: /\*\*growth\*\* slab up to 1024 elements: kmalloc-8, kmalloc-16, … kmalloc-8k/ },
  { kind: 'count bounded by its type', file: 'ring.rs', line: 105, needle: 'KVec', budget: 9, expected: /\*\*at most\*\*/ },
  { kind: 'vmalloc, under a page', file: 'buffers.rs', line: 27, needle: 'VBox', budget: 5, expected: /\*\*lands\*\* vmalloc · 1 page \+ a guard page · 32 B used of 4 KiB/ },
  { kind: 'kvmalloc over KMALLOC_MAX_SIZE', file: 'buffers.rs', line: 30, needle: 'KVVec::', budget: 7, expected: /\*\*kmalloc\*\* tried first with .*; fails at once \(8 MiB > KMALLOC_MAX_SIZE\)/ },
  { kind: 'KVVec push', file: 'buffers.rs', line: 31, needle: 'table', budget: 8, expected: /vmalloc from 524289 elements/ },
  { kind: 'Arc', file: 'buffers.rs', line: 34, needle: 'Arc', budget: 6, expected: /\*\*lands\*\* kmalloc-32 \(slab\)/ },
  { kind: 'element type not written', file: 'kinds.rs', line: 5, needle: 'all_threads', budget: 6, expected: /the element type of `all_threads` is not written here/ },
  { kind: 'dedicated cache (maple tree)', file: 'device.rs', line: 33, needle: 'tree.insert', budget: 7, expected: /maple_node \(dedicated slab cache\)/ },
  { kind: 'page allocator, called directly', file: 'device.rs', line: 42, needle: 'Page::', budget: 6, expected: /\*\*lands\*\* page allocator · order 0/ },
  { kind: 'DMA coherent', file: 'device.rs', line: 43, needle: 'Coherent::', budget: 8, expected: /\*\*lands\*\* DMA coherent · dma-direct assumed/ },
  {
    kind: 'devres under a spinlock',
    file: 'device.rs',
    line: 53,
    needle: 'devres::',
    budget: 7,
    expected: /\*\*also\*\* the devres action node \(struct devres_action\): 64 B → kmalloc-64 \(`GFP_KERNEL`\)[^]*\*\*lock\*\* the Quick Fix allocates before it \(above line 52\)/,
  },
  { kind: 'bindings::kmalloc in unsafe', file: 'device.rs', line: 56, needle: 'kernel::bindings', budget: 6, expected: /\*\*lands\*\* kmalloc-512 \(slab\)/ },
  { kind: 'count known, element not written', file: 'kinds.rs', line: 6, needle: 'KVec', budget: 6, expected: /any element up to 2730 B stays in the slab \(3 × 2730 B ≤ 8 KiB\)/ },
];
