/**
 * Chain frames open at their definition (issue 15): frame-line.ts on the real kernel files the
 * frames name, and frame-places.ts choosing the workspace's kernel tree, a workspace folder, or
 * the kernel source online. The local tree here is a temp folder holding v7.1.5's own files.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { callChain, callChainApis, type ChainLeaf } from '../../engine/src/call-chain.js';
import { EngineError } from '../../engine/src/errors.js';
import { kernelTarget } from '../../engine/src/kernel-version.js';
import { frameLine } from '../../server/src/lsp/features/frame-line.js';
import { framePlaces } from '../../server/src/lsp/features/frame-places.js';
import { readKernelFile } from './kernel-files.js';

const temp = mkdtempSync(join(tmpdir(), 'kalloc-frames-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('frame lines in the kernel tree', () => {
  test('a Rust frame opens at its fn, a macro at macro_rules!', () => {
    const kvec = readKernelFile('rust/kernel/alloc/kvec.rs');
    const line = frameLine(kvec, 'KVec::with_capacity', 'rust/kernel/alloc/kvec.rs')!;
    expect(kvec.split('\n')[line]).toMatch(/pub fn with_capacity\(/);
    const macro = frameLine(kvec, 'kvec!', 'rust/kernel/alloc/kvec.rs')!;
    expect(kvec.split('\n')[macro]).toMatch(/macro_rules! kvec/);
  });

  test("a method opens in its type's impl: Vmalloc::realloc is not Kmalloc's", () => {
    const allocator = readKernelFile('rust/kernel/alloc/allocator.rs');
    const lines = allocator.split('\n');
    const at = (frame: string) => {
      const line = frameLine(allocator, frame, 'rust/kernel/alloc/allocator.rs')!;
      const impl = lines
        .slice(0, line)
        .reverse()
        .find((l) => /^(unsafe )?impl\b/.test(l));
      return `${impl} / ${lines[line]!.trim()}`;
    };
    expect(at('Kmalloc::realloc')).toBe('unsafe impl Allocator for Kmalloc { / unsafe fn realloc(');
    expect(at('Vmalloc::realloc')).toBe('unsafe impl Allocator for Vmalloc { / unsafe fn realloc(');
    expect(at('KVmalloc::realloc')).toBe('unsafe impl Allocator for KVmalloc { / unsafe fn realloc(');
    expect(at('ReallocFunc::call')).toBe('impl ReallocFunc { / unsafe fn call(');
  });

  test('a C frame opens at its definition, not a declaration or a call', () => {
    const slub = readKernelFile('mm/slub.c');
    const line = frameLine(slub, 'krealloc_node_align_noprof', 'mm/slub.c')!;
    expect(slub.split('\n')[line]).toMatch(/^void \*krealloc_node_align_noprof\(/);
    const helper = readKernelFile('rust/helpers/slab.c');
    expect(helper.split('\n')[frameLine(helper, 'rust_helper_krealloc_node_align', 'rust/helpers/slab.c')!]).toMatch(/rust_helper_krealloc_node_align\(/);
  });

  test('a frame the file does not define gives null', () => {
    expect(frameLine('fn other() {}\n', 'KVec::push', 'rust/kernel/alloc/kvec.rs')).toBeNull();
  });
});

const LEAVES: readonly ChainLeaf[] = [{ kind: 'slab', slubPath: 'slow' }, { kind: 'large' }, { kind: 'vmalloc', huge: true }, { kind: 'kvmalloc-fallback' }, { kind: 'fail', at: 'page-allocator' }];

/** Every frame of the 7.1.5 chains the tables build (one per file and name). */
function frames71(): { frame: string; file: string }[] {
  const rules = kernelTarget('7.1.5').rules;
  const out = new Map<string, { frame: string; file: string }>();
  for (const api of callChainApis(rules)) {
    for (const leaf of LEAVES) {
      try {
        for (const f of callChain({ api, rules, leaf, growsExisting: false }).frames) out.set(`${f.file} ${f.frame}`, { frame: f.frame, file: f.file });
      } catch (error) {
        if (!(error instanceof EngineError)) throw error;
      }
    }
  }
  return [...out.values()];
}

describe('where a frame opens', () => {
  const frames = frames71();
  const files = [...new Set(frames.map((f) => f.file))];
  // A kernel tree of v7.1.5's own files (those the chains name) and an empty workspace folder.
  const tree = join(temp, 'linux');
  for (const file of files) {
    mkdirSync(dirname(join(tree, file)), { recursive: true });
    writeFileSync(join(tree, file), readKernelFile(file));
  }
  const workspace = join(temp, 'workspace');
  mkdirSync(workspace);

  test('in the kernel tree: every frame of every 7.1.5 chain at the line that defines it', () => {
    const places = framePlaces(frames, '7.1.5', [tree, workspace]);
    expect(frames.length).toBeGreaterThan(60);
    const wrong = frames.flatMap((f, i) => {
      const p = places[i]!;
      if (p.path !== join(tree, f.file) || p.line === null) return [`${f.file}: ${f.frame} not found`];
      const text = readKernelFile(f.file).split('\n')[p.line]!;
      const name = f.frame.endsWith('!') ? `macro_rules! ${f.frame.slice(0, -1)}` : f.frame.split('::').at(-1)!;
      return text.includes(name) ? [] : [`${f.file}:${p.line + 1} ${f.frame}: ${text}`];
    });
    expect(wrong).toEqual([]);
    expect(places.every((p) => p.link.startsWith('https://elixir.bootlin.com/linux/v7.1.5/'))).toBe(true);
  });

  test('without a kernel tree: a link to the kernel source at that version, nothing local', () => {
    const chain = [
      { frame: 'krealloc_node_align_noprof', file: 'mm/slub.c' },
      { frame: 'KVec::push', file: 'rust/kernel/alloc/kvec.rs' },
    ];
    expect(framePlaces(chain, '6.12', [null, workspace])).toEqual([
      { path: null, line: null, link: 'https://elixir.bootlin.com/linux/v6.12/A/ident/krealloc_node_align_noprof' },
      { path: null, line: null, link: 'https://elixir.bootlin.com/linux/v6.12/source/rust/kernel/alloc/kvec.rs' },
    ]);
  });

  test('a workspace folder that holds the file opens it; a link out of the folder does not count', () => {
    const folder = join(temp, 'rust-only');
    mkdirSync(join(folder, 'rust/kernel/alloc'), { recursive: true });
    writeFileSync(join(folder, 'rust/kernel/alloc/kvec.rs'), readKernelFile('rust/kernel/alloc/kvec.rs'));
    mkdirSync(join(folder, 'mm'));
    symlinkSync(join(tree, 'mm/slub.c'), join(folder, 'mm/slub.c'));
    const [c, rust] = framePlaces(
      [
        { frame: 'krealloc_node_align_noprof', file: 'mm/slub.c' },
        { frame: 'KVec::push', file: 'rust/kernel/alloc/kvec.rs' },
      ],
      '7.1.5',
      [null, folder],
    );
    expect(c).toMatchObject({ path: null, line: null });
    expect(rust!.path).toBe(join(folder, 'rust/kernel/alloc/kvec.rs'));
    expect(readKernelFile('rust/kernel/alloc/kvec.rs').split('\n')[rust!.line!]).toMatch(/pub fn push\(/);
  });
});
