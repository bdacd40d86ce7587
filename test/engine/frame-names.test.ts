/**
 * Every frame of every chain, in every release a kernel tree was read for, is a name that tree
 * defines in the file the frame names (engine/src/data/kernel-function-names.ts). The walk covers
 * each API × allocator × outcome × growth flag the tables accept, so a row added later is checked
 * as soon as it exists; its names must then be added to the data, read in those trees.
 */
import { describe, expect, test } from 'vitest';
import { callChain, callChainApis, type CallChain, type ChainLeaf } from '../../engine/src/call-chain.js';
import { FRAME_NAME_SOURCES } from '../../engine/src/data/kernel-function-names.js';
import type { ApiEra } from '../../engine/src/data/kernel-changes.js';
import { EngineError } from '../../engine/src/errors.js';
import { kernelTarget } from '../../engine/src/kernel-version.js';
import type { AllocatorName } from '../../engine/src/layout.js';

const LEAVES: readonly ChainLeaf[] = [
  { kind: 'none' },
  { kind: 'slab', slubPath: 'fast' },
  { kind: 'slab', slubPath: 'slow' },
  { kind: 'large' },
  { kind: 'vmalloc' },
  { kind: 'vmalloc', huge: true },
  { kind: 'kvmalloc-fallback' },
  { kind: 'kvmalloc-fallback', huge: true },
  { kind: 'fail', at: 'page-allocator' },
  { kind: 'fail', at: 'layout' },
  { kind: 'fail', at: 'rust-align-check' },
  { kind: 'fail', at: 'vmalloc' },
];
const ALLOCATORS: readonly (AllocatorName | undefined)[] = [undefined, 'Kmalloc', 'Vmalloc', 'KVmalloc'];

const walked = new Map<string, CallChain[]>();

/** Every chain the tables build for a release (requests they refuse are EngineErrors and skipped). */
function everyChain(release: string): CallChain[] {
  const cached = walked.get(release);
  if (cached) return cached;
  const rules = kernelTarget(release).rules;
  const chains: CallChain[] = [];
  for (const api of callChainApis(rules)) {
    for (const allocator of ALLOCATORS) {
      for (const leaf of LEAVES) {
        for (const growsExisting of [false, true]) {
          try {
            chains.push(callChain({ api, rules, leaf, growsExisting, ...(allocator ? { allocator } : {}) }));
          } catch (error) {
            if (!(error instanceof EngineError)) throw error;
          }
        }
      }
    }
  }
  walked.set(release, chains);
  return chains;
}

describe.each(FRAME_NAME_SOURCES)('kernel $release ($tree)', (source) => {
  test('every frame of every chain is a name the tree defines in that file', () => {
    const unknown = new Set<string>();
    let checked = 0;
    for (const chain of everyChain(source.release)) {
      for (const frame of chain.frames) {
        if (source.notRead?.[frame.file] !== undefined) continue;
        checked++;
        const defined = source.names[frame.file]?.includes(frame.frame) ?? false;
        const generated = source.generated?.[frame.file]?.some((g) => g.name === frame.frame) ?? false;
        if (!defined && !generated) unknown.add(`${frame.file}: ${frame.frame}`);
      }
    }
    expect([...unknown].sort()).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });

  test('the list holds no name the chains no longer use (so it stays the list of what is checked)', () => {
    const used = new Set<string>();
    for (const chain of everyChain(source.release)) for (const frame of chain.frames) used.add(`${frame.file}: ${frame.frame}`);
    const listed = Object.entries(source.names).flatMap(([file, names]) => names.map((name) => `${file}: ${name}`));
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.filter((entry) => !used.has(entry))).toEqual([]);
  });
});

describe('the trees cover every Rust API era', () => {
  test('each era has at least one tree read', () => {
    const eras = new Set<ApiEra>(FRAME_NAME_SOURCES.map((source) => kernelTarget(source.release).rules.apiEra));
    expect([...eras].sort()).toEqual(['alloc-crate', 'allocator-trait', 'box-ext', 'node-align']);
  });

  test('only 6.17 leaves files unread, and only its rust/kernel files (its tree ports Rust to C)', () => {
    const unread = FRAME_NAME_SOURCES.flatMap((source) => Object.keys(source.notRead ?? {}).map((file) => `${source.release} ${file}`));
    expect(unread.length).toBeGreaterThan(0);
    expect(unread.every((entry) => /^6\.17\.0 rust\/kernel\//.test(entry))).toBe(true);
  });
});
