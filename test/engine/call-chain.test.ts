/**
 * Call chains per era: the frames the kernel source names, in the files it names, for one kernel
 * of each era (two where a rule inside the era changes the frames). The sweep at the end builds
 * every API × allocator × outcome and checks that each either builds with real frames or is an
 * EngineError, so a broken table row cannot hide behind an untested combination.
 */
import { describe, expect, test } from 'vitest';
import { callChain, callChainApis, type CallChain, type CallChainRequest, type ChainFrame, type ChainLeaf } from '../../engine/src/call-chain.js';
import type { ApiEra } from '../../engine/src/data/kernel-changes.js';
import { EngineError } from '../../engine/src/errors.js';
import { kernelTarget } from '../../engine/src/kernel-version.js';
import type { AllocatorName } from '../../engine/src/layout.js';

interface EraCase {
  readonly version: string;
  readonly era: ApiEra;
  /** The era's Kmalloc push and Box constructor. */
  readonly push: string;
  readonly box: string;
  /** The FFI frame every Kmalloc chain crosses, and its file. */
  readonly ffi: readonly [name: string, file: string];
  readonly fastPath: string;
  readonly pageAllocator: string;
  readonly apiCount: number;
}

const ERAS: readonly EraCase[] = [
  {
    version: '6.1',
    era: 'alloc-crate',
    push: 'Vec::try_push',
    box: 'Box::try_new',
    ffi: ['bindings::krealloc', 'rust/bindings/bindings_helper.h'],
    fastPath: 'slab_alloc_node',
    pageAllocator: '__alloc_pages',
    apiCount: 3,
  },
  {
    version: '6.5',
    era: 'alloc-crate',
    push: 'Vec::try_push',
    box: 'Box::try_new',
    ffi: ['bindings::krealloc', 'rust/bindings/bindings_helper.h'],
    fastPath: '__slab_alloc_node',
    pageAllocator: '__alloc_pages',
    apiCount: 6,
  },
  {
    version: '6.10',
    era: 'box-ext',
    push: 'Vec::push',
    box: 'Box::new',
    ffi: ['rust_helper_krealloc', 'rust/helpers.c'],
    fastPath: '__slab_alloc_node',
    pageAllocator: '__alloc_pages_noprof',
    apiCount: 8,
  },
  {
    version: '6.12',
    era: 'box-ext',
    push: 'Vec::push',
    box: 'Box::new',
    ffi: ['rust_helper_krealloc', 'rust/helpers/slab.c'],
    fastPath: '__slab_alloc_node',
    pageAllocator: '__alloc_pages_noprof',
    apiCount: 8,
  },
  {
    version: '6.13',
    era: 'allocator-trait',
    push: 'KVec::push',
    box: 'KBox::new',
    ffi: ['rust_helper_krealloc', 'rust/helpers/slab.c'],
    fastPath: '__slab_alloc_node',
    pageAllocator: '__alloc_pages_noprof',
    // + 9 core calls (rust-frames-core-calls.ts): extend_with ×4, UniqueArc::pin_init/init, CString::try_from, CStr::to_cstring, IntoIter::collect
    apiCount: 71,
  },
  {
    version: '6.17',
    era: 'allocator-trait',
    push: 'KVec::push',
    box: 'KBox::new',
    ffi: ['rust_helper_krealloc', 'rust/helpers/slab.c'],
    fastPath: '__slab_alloc_node',
    pageAllocator: '__alloc_frozen_pages_noprof',
    // + 9 core calls (rust-frames-core-calls.ts): extend_with ×4, UniqueArc::pin_init/init, CString::try_from, CStr::to_cstring, IntoIter::collect
    apiCount: 75,
  },
  {
    version: '6.18',
    era: 'node-align',
    push: 'KVec::push',
    box: 'KBox::new',
    ffi: ['rust_helper_krealloc_node_align', 'rust/helpers/slab.c'],
    fastPath: '__slab_alloc_node',
    pageAllocator: '__alloc_frozen_pages_noprof',
    // + 9 core calls (rust-frames-core-calls.ts): extend_with ×4, UniqueArc::pin_init/init, CString::try_from, CStr::to_cstring, IntoIter::collect;
    // + Box::pin_slice ×4 (6.18+)
    apiCount: 79,
  },
  {
    version: '7.1',
    era: 'node-align',
    push: 'KVec::push',
    box: 'KBox::new',
    ffi: ['rust_helper_krealloc_node_align', 'rust/helpers/slab.c'],
    fastPath: 'alloc_from_pcs',
    pageAllocator: '__alloc_frozen_pages_noprof',
    apiCount: 80,
  },
];

const SLAB: ChainLeaf = { kind: 'slab', slubPath: 'fast' };
const SLAB_SLOW: ChainLeaf = { kind: 'slab', slubPath: 'slow' };
const LARGE: ChainLeaf = { kind: 'large' };
const NONE: ChainLeaf = { kind: 'none' };
const VMALLOC: ChainLeaf = { kind: 'vmalloc' };
const FALLBACK: ChainLeaf = { kind: 'kvmalloc-fallback' };

const SLAB_FRAMES = ['kmalloc_slab', 'slab_alloc_node', '__slab_alloc_node', 'alloc_from_pcs', '___slab_alloc', 'new_slab', '__kmem_cache_alloc_node'];

function chain(version: string, api: string, leaf: ChainLeaf, extra: Partial<CallChainRequest> = {}): CallChain {
  return callChain({ api, rules: kernelTarget(version).rules, leaf, ...extra });
}

function names(frames: readonly ChainFrame[]): string[] {
  return frames.map((frame) => frame.frame);
}

function find(frames: readonly ChainFrame[], name: string): ChainFrame {
  const frame = frames.find((f) => f.frame === name);
  if (!frame) throw new Error(`no frame ${name} in: ${names(frames).join(' → ')}`);
  return frame;
}

function engineError(run: () => unknown): EngineError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(EngineError);
    return error as EngineError;
  }
  throw new Error('expected an EngineError, but the call returned');
}

describe.each(ERAS)('kernel $version ($era)', (era) => {
  const rules = kernelTarget(era.version).rules;

  test('the version is in the era this case claims', () => {
    expect(rules.apiEra).toBe(era.era);
  });

  test(`${era.push} to a slab object ends in the era's SLUB fast path and crosses ${era.ffi[0]}`, () => {
    const { frames, allocator } = chain(era.version, era.push, SLAB);
    expect(allocator).toBe('Kmalloc');
    expect(frames[0]!.frame).toBe(era.push);
    expect(frames.at(-1)!.frame).toBe(era.fastPath);
    const ffi = find(frames, era.ffi[0]);
    expect(ffi.file).toBe(era.ffi[1]);
    expect(ffi.layer).toBe('ffi');
    // Rust, then FFI, then C, never back.
    const layers = frames.map((f) => f.layer);
    expect(layers.lastIndexOf('rust')).toBeLessThan(layers.indexOf('ffi'));
    expect(layers.lastIndexOf('ffi')).toBeLessThan(layers.indexOf('c'));
  });

  test(`${era.box} of a large kmalloc ends in the page allocator`, () => {
    const last = chain(era.version, era.box, LARGE).frames.at(-1)!;
    expect(last.frame).toBe(era.pageAllocator);
    expect(last.file).toBe('mm/page_alloc.c');
  });

  test(`${era.box} over KMALLOC_MAX_SIZE fails in the page allocator with a WARN, then AllocError`, () => {
    const { frames, notes } = chain(era.version, era.box, { kind: 'fail', at: 'page-allocator' });
    expect(frames.at(-1)!.frame).toBe(era.pageAllocator);
    expect(frames.at(-1)!.note).toMatch(/WARN_ON_ONCE_GFP/);
    expect(notes.join(' ')).toMatch(/AllocError/);
  });

  test(`the API table has ${era.apiCount} names`, () => {
    expect(callChainApis(rules)).toHaveLength(era.apiCount);
  });

  test('every API in the table builds, and every frame has a file', () => {
    const apis = callChainApis(rules);
    expect(apis.length).toBeGreaterThan(0);
    for (const api of apis) {
      const vmallocOnly = /^(VVec|VBox|Vmalloc)::/.test(api);
      const generic = /^(Allocator|Box|Vec|IntoIter)::/.test(api) && era.era !== 'alloc-crate' && era.era !== 'box-ext';
      const result = callChain({
        api,
        rules,
        leaf: vmallocOnly ? VMALLOC : SLAB,
        ...(generic ? { allocator: 'Kmalloc' as const } : {}),
      });
      expect(result.frames.length, api).toBeGreaterThan(0);
      for (const frame of result.frames) {
        expect(frame.file.length, `${api}: ${frame.frame}`).toBeGreaterThan(0);
        expect(frame.frame.length, api).toBeGreaterThan(0);
      }
    }
  });
});

describe('the alloc_hooks() frame and the helper follow the rules', () => {
  test('6.1–6.9: krealloc is a real function; no alloc_hooks(), no helper', () => {
    const frames = chain('6.1', 'Box::try_new', SLAB).frames;
    const krealloc = find(frames, 'krealloc');
    expect(krealloc.file).toBe('mm/slab_common.c');
    expect(frames.some((f) => f.file === 'include/linux/slab.h')).toBe(false);
    expect(frames.some((f) => f.frame.startsWith('rust_helper_'))).toBe(false);
  });

  test('6.10: the helper expands krealloc(), an alloc_hooks() macro over krealloc_noprof', () => {
    const frames = names(chain('6.10', 'Box::new', SLAB).frames);
    expect(frames.indexOf('rust_helper_krealloc')).toBeLessThan(frames.indexOf('krealloc'));
    expect(frames.indexOf('krealloc')).toBe(frames.indexOf('krealloc_noprof') - 1);
    expect(find(chain('6.10', 'Box::new', SLAB).frames, 'krealloc').file).toBe('include/linux/slab.h');
  });

  test('7.1: rust_helper_krealloc_node_align → krealloc_node_align → krealloc_node_align_noprof in mm/slub.c', () => {
    const frames = chain('7.1', 'KVec::push', SLAB).frames;
    const at = names(frames).indexOf('rust_helper_krealloc_node_align');
    expect(names(frames).slice(at, at + 3)).toEqual(['rust_helper_krealloc_node_align', 'krealloc_node_align', 'krealloc_node_align_noprof']);
    expect(find(frames, 'krealloc_node_align_noprof').file).toBe('mm/slub.c');
  });

  test('6.13: krealloc_noprof is in mm/slub.c; 6.12 still mm/slab_common.c', () => {
    expect(find(chain('6.13', 'KVec::push', SLAB).frames, 'krealloc_noprof').file).toBe('mm/slub.c');
    expect(find(chain('6.12', 'Vec::push', SLAB).frames, 'krealloc_noprof').file).toBe('mm/slab_common.c');
  });
});

describe('Rust side by era', () => {
  test('6.1: __rust_alloc calls bindings::krealloc directly; 6.5+: GlobalAlloc and krealloc_aligned', () => {
    const old = names(chain('6.1', 'Box::try_new', SLAB).frames);
    expect(old).not.toContain('krealloc_aligned');
    expect(old.indexOf('__rust_alloc') + 1).toBe(old.indexOf('bindings::krealloc'));
    const newer = names(chain('6.5', 'Box::try_new', SLAB).frames);
    expect(newer).toEqual(expect.arrayContaining(['__rust_alloc', 'KernelAllocator::alloc', 'krealloc_aligned', 'bindings::krealloc']));
  });

  test('6.1–6.9: a push that grows an existing buffer goes through Global::grow and __rust_realloc', () => {
    const frames = names(chain('6.5', 'Vec::try_push', SLAB, { growsExisting: true }).frames);
    expect(frames).toEqual(expect.arrayContaining(['Global::grow', '__rust_realloc', 'KernelAllocator::realloc']));
    expect(frames).not.toContain('__rust_alloc');
  });

  test('6.1–6.7 reach slab_alloc_node through __kmem_cache_alloc_node; 6.1.20 has the fast path inline (mm/slub.c:3308, :3437)', () => {
    const frames = names(chain('6.1', 'Vec::try_push', SLAB).frames);
    expect(frames.indexOf('__kmem_cache_alloc_node') + 1).toBe(frames.indexOf('slab_alloc_node'));
    expect(frames.at(-1)).toBe('slab_alloc_node');
    const slow = names(chain('6.1', 'Vec::try_push', SLAB_SLOW).frames);
    const at = slow.indexOf('slab_alloc_node');
    expect(slow.slice(at, at + 3)).toEqual(['slab_alloc_node', '__slab_alloc', '___slab_alloc']);
    expect(slow).not.toContain('__slab_alloc_node');
  });

  test('6.1.20 has no Vec::try_with_capacity, CString or kernel::sync::Arc; 6.5 has them (6.8.0 read)', () => {
    for (const api of ['Vec::try_with_capacity', 'CString::try_from_fmt', 'Arc::try_new']) {
      expect(engineError(() => chain('6.1', api, SLAB)).message, api).toMatch(/6\.1\.20/);
      expect(chain('6.5', api, SLAB).frames[0]!.frame).toBe(api);
    }
  });

  test('the Kmalloc padding: aligned_size() inside ReallocFunc::call before 6.17, Kmalloc::aligned_layout() after', () => {
    const early = names(chain('6.13', 'KVec::push', SLAB).frames);
    expect(early).toContain('aligned_size');
    expect(early).not.toContain('Kmalloc::aligned_layout');
    const late = names(chain('6.17', 'KVec::push', SLAB).frames);
    expect(late).toContain('Kmalloc::aligned_layout');
    expect(late).not.toContain('aligned_size');
    // 6.17+: Vmalloc does not pad.
    const vvec = names(chain('6.17', 'VVec::push', VMALLOC).frames);
    expect(vvec).not.toContain('Kmalloc::aligned_layout');
    expect(vvec).not.toContain('aligned_size');
  });

  test('KBox::new reaches Kmalloc::realloc through Box::new_uninit and the default Allocator::alloc', () => {
    expect(names(chain('7.1', 'KBox::new', SLAB).frames).slice(0, 4)).toEqual(['KBox::new', 'Box::new_uninit', 'Kmalloc::alloc', 'Kmalloc::realloc']);
  });

  test('CString::try_from_fmt builds a KVec with exactly the formatted length', () => {
    expect(names(chain('7.1', 'CString::try_from_fmt', SLAB).frames).slice(0, 3)).toEqual(['CString::try_from_fmt', 'KVec::with_capacity', 'Vec::reserve']);
  });

  test('Arc::pin_init goes through UniqueArc::new_uninit and KBox::try_init', () => {
    const frames = names(chain('7.1', 'Arc::pin_init', SLAB).frames);
    expect(frames).toEqual(expect.arrayContaining(['Arc::try_pin_init', 'UniqueArc::new_uninit', 'KBox::try_init', 'Box::new_uninit', 'Kmalloc::realloc']));
  });

  test('generic names take the allocator the caller names', () => {
    const result = chain('7.1', 'Allocator::alloc', VMALLOC, { allocator: 'Vmalloc' });
    expect(result.allocator).toBe('Vmalloc');
    expect(names(result.frames).slice(0, 2)).toEqual(['Vmalloc::alloc', 'Vmalloc::realloc']);
    expect(names(chain('7.1', 'Vec::push', SLAB, { allocator: 'Kmalloc' }).frames)).toContain('Kmalloc::realloc');
  });
});

describe('vmalloc and kvmalloc', () => {
  test.each([
    ['6.13', 'rust_helper_vrealloc', 'vrealloc_noprof'],
    ['7.1', 'rust_helper_vrealloc_node_align', 'vrealloc_node_align_noprof'],
  ])('%s: VVec::push goes through %s and %s to vm_area_alloc_pages', (version, helper, vrealloc) => {
    const frames = chain(version, 'VVec::push', VMALLOC).frames;
    expect(find(frames, helper).file).toBe('rust/helpers/vmalloc.c');
    expect(find(frames, vrealloc).file).toBe('mm/vmalloc.c');
    expect(names(frames)).toContain('__vmalloc_node_range_noprof');
    expect(frames.at(-1)!.frame).toBe('vm_area_alloc_pages');
    expect(frames.some((f) => SLAB_FRAMES.includes(f.frame))).toBe(false);
  });

  test.each([
    ['6.13', 'kvrealloc_noprof', 'krealloc_noprof', 'mm/util.c'],
    ['6.16', 'kvrealloc_noprof', 'krealloc_noprof', 'mm/slub.c'],
    ['7.1', 'kvrealloc_node_align_noprof', 'krealloc_node_align_noprof', 'mm/slub.c'],
  ])('%s: KVVec::push falling back shows the krealloc attempt, then vmalloc', (version, kvrealloc, krealloc, kvmallocFile) => {
    const frames = chain(version, 'KVVec::push', FALLBACK).frames;
    const list = names(frames);
    expect(find(frames, kvrealloc).file).toBe(kvmallocFile);
    expect(list).toContain('kmalloc_gfp_adjust');
    expect(find(frames, '__kvmalloc_node_noprof').file).toBe(kvmallocFile);
    // The krealloc attempt comes first, then kvmalloc's vmalloc fallback.
    expect(list.indexOf(krealloc)).toBeGreaterThan(list.indexOf(kvrealloc));
    expect(list.indexOf(krealloc)).toBeLessThan(list.indexOf('__kvmalloc_node_noprof'));
    expect(list.indexOf('__kvmalloc_node_noprof')).toBeLessThan(list.indexOf('__vmalloc_node_range_noprof'));
    expect(list.at(-1)).toBe('vm_area_alloc_pages');
  });

  test('a vmalloc-backed KVVec grows through vrealloc and never back to kmalloc', () => {
    const frames = names(chain('7.1', 'KVVec::push', VMALLOC, { growsExisting: true }).frames);
    expect(frames).toContain('vrealloc_node_align_noprof');
    expect(frames).not.toContain('krealloc_node_align_noprof');
  });

  test('a KVVec served by kmalloc ends in SLUB like a KVec', () => {
    expect(chain('7.1', 'KVVec::push', SLAB).frames.at(-1)!.frame).toBe('alloc_from_pcs');
  });

  test('6.13–6.17: Vmalloc refuses align > PAGE_SIZE in Rust; 6.18+ has no such check', () => {
    const { frames } = chain('6.13', 'VBox::new', { kind: 'fail', at: 'rust-align-check' });
    expect(frames.at(-1)!.frame).toBe('Vmalloc::realloc');
    expect(frames.some((f) => f.layer !== 'rust')).toBe(false);
    expect(engineError(() => chain('7.1', 'VBox::new', { kind: 'fail', at: 'rust-align-check' })).code).toBe('invalid-argument');
  });
});

describe('SLUB paths', () => {
  test('7.1 slow path refills a sheaf and ends in alloc_frozen_pages', () => {
    const frames = names(chain('7.1', 'KVec::push', SLAB_SLOW).frames);
    expect(frames).toEqual(expect.arrayContaining(['__pcs_replace_empty_main', 'refill_sheaf', 'new_slab', 'allocate_slab', 'alloc_slab_page']));
    expect(frames.at(-1)).toBe('alloc_frozen_pages');
  });

  test('6.12 slow path goes through ___slab_alloc to alloc_slab_page', () => {
    const frames = names(chain('6.12', 'Vec::push', SLAB_SLOW).frames);
    expect(frames).toEqual(expect.arrayContaining(['__slab_alloc', '___slab_alloc', 'new_slab', 'allocate_slab']));
    expect(frames.at(-1)).toBe('alloc_slab_page');
  });

  test('6.18: kmalloc caches have no sheaves, so the cpu-slab fast path', () => {
    const frames = chain('6.18', 'KVec::push', SLAB).frames;
    expect(frames.at(-1)!.frame).toBe('__slab_alloc_node');
    expect(find(frames, 'slab_alloc_node').note).toMatch(/sheaves/);
  });
});

describe('zero-sized requests', () => {
  test('7.1: KBox::new of a ZST still calls C with size 0, reaches kfree(NULL) and no slab code', () => {
    const { frames, notes } = chain('7.1', 'KBox::new', NONE);
    const list = names(frames);
    expect(list).toContain('rust_helper_krealloc_node_align');
    expect(list.at(-1)).toBe('kfree');
    expect(list.some((name) => SLAB_FRAMES.includes(name))).toBe(false);
    expect(notes.join(' ')).toMatch(/dangling/);
  });

  test('7.1: a ZST KVec never reaches the allocator', () => {
    const frames = chain('7.1', 'KVec::push', NONE).frames;
    expect(names(frames)).toEqual(['KVec::push', 'Vec::reserve']);
  });

  test.each([
    ['6.10', 'Box::new'],
    ['6.5', 'Box::try_new'],
  ])('%s: %s of a ZST returns a dangling pointer without calling C', (version, api) => {
    const { frames } = chain(version, api, NONE);
    expect(frames.every((f) => f.layer === 'rust')).toBe(true);
  });

  test('kvec![] never allocates, whatever the outcome says', () => {
    const { frames, notes } = chain('7.1', 'kvec![]', SLAB);
    expect(names(frames)).toEqual(['kvec!', 'KVec::new']);
    expect(notes.join(' ')).toMatch(/never allocates/);
  });

  test('an Arc is never zero-sized', () => {
    expect(engineError(() => chain('7.1', 'Arc::new', NONE)).message).toMatch(/refcount/);
  });
});

describe('APIs that do not exist in the era', () => {
  test('Vec::try_push in 7.1 names its era and what to use instead', () => {
    const error = engineError(() => chain('7.1', 'Vec::try_push', SLAB));
    expect(error.code).toBe('unknown-api');
    expect(error.message).toMatch(/6\.1–6\.9/);
    expect(error.message).toMatch(/KVec::push/);
  });

  test('KVec::push in 6.5 needs 6.13 and points at Vec::try_push', () => {
    const error = engineError(() => chain('6.5', 'KVec::push', SLAB));
    expect(error.code).toBe('unknown-api');
    expect(error.message).toMatch(/needs kernel 6\.13 or later \(the Allocator trait\)/);
    expect(error.message).toMatch(/in 6\.1–6\.9 use Vec::try_push/);
  });

  test('KVec::push in 6.10 points at Vec::push with VecExt', () => {
    expect(engineError(() => chain('6.10', 'KVec::push', SLAB)).message).toMatch(/in 6\.10–6\.12 use Vec::push\(x, flags\) \(VecExt\)/);
  });

  test('KVVec::shrink_to arrived in 7.1 (7.0.0 kvec.rs has none; 7.1.5 kvec.rs:766)', () => {
    expect(engineError(() => chain('6.18', 'KVVec::shrink_to', SLAB)).message).toMatch(/7\.1/);
    expect(engineError(() => chain('7.0', 'KVVec::shrink_to', SLAB)).message).toMatch(/added in 7\.1/);
    expect(chain('7.1', 'KVVec::shrink_to', SLAB).frames.at(-1)!.frame).toBe('__do_krealloc');
  });

  test('explain refuses KVVec::shrink_to before 7.1, as for other APIs', async () => {
    const { explain } = await import('../../engine/src/explain.js');
    const run = (kernel: string) => () => explain({ api: 'KVVec::shrink_to', count: 4, element: { sizeBytes: 8 }, kernel });
    expect(engineError(run('7.0')).code).toBe('unknown-api');
    expect(run('7.1')().chain[0]!.frame).toBe('KVVec::shrink_to');
  });

  test('KVVec::shrink_to(0) of a vector holding a buffer frees it: krealloc_node_align_noprof kfree()s for size 0 (7.1.5 mm/slub.c:6768)', () => {
    const { frames, notes } = chain('7.1', 'KVVec::shrink_to', NONE, { growsExisting: true });
    const list = names(frames);
    expect(list.slice(0, 2)).toEqual(['KVVec::shrink_to', 'KVmalloc::realloc']);
    expect(list).toContain('kvrealloc_node_align_noprof');
    expect(find(frames, 'krealloc_node_align_noprof').note).toMatch(/new_size 0: kfree/);
    expect(list.at(-1)).toBe('kfree');
    expect(find(frames, 'kfree').note).toMatch(/frees the slab object/);
    expect(notes.join(' ')).toMatch(/KVmalloc::free/);
    // Without a buffer (or for a ZST) it returns in Rust.
    expect(names(chain('7.1', 'KVVec::shrink_to', NONE).frames)).toEqual(['KVVec::shrink_to']);
  });

  test('Vec::resize arrived in 6.15: 6.14.0 rust/kernel/alloc/kvec.rs has none, 6.18.2 has it', () => {
    expect(engineError(() => chain('6.14', 'KVec::resize', SLAB)).message).toMatch(/6\.15/);
    expect(chain('6.18', 'KVec::resize', SLAB).frames[0]!.frame).toBe('KVec::resize');
  });

  test('Arc::new_uninit is not a kernel API', () => {
    expect(engineError(() => chain('7.1', 'Arc::new_uninit', SLAB)).message).toMatch(/UniqueArc::new_uninit/);
  });

  test('an unknown name lists names that exist', () => {
    const error = engineError(() => chain('7.1', 'KVec::emplace', SLAB));
    expect(error.code).toBe('unknown-api');
    expect(error.message).toMatch(/KVec::push/);
    expect(error.message).toMatch(/KBox::new/);
  });
});

describe('requests that cannot happen', () => {
  test.each<[string, Partial<CallChainRequest> & { api: string; leaf: ChainLeaf }, string]>([
    ['an alias with another allocator', { api: 'KVec::push', allocator: 'Vmalloc', leaf: SLAB }, 'invalid-argument'],
    ['a generic name without an allocator', { api: 'Allocator::alloc', leaf: SLAB }, 'invalid-argument'],
    ['an allocator that does not exist', { api: 'Allocator::alloc', allocator: 'Slab' as AllocatorName, leaf: SLAB }, 'unknown-allocator'],
    ['a slab object from Vmalloc', { api: 'VVec::push', leaf: SLAB }, 'invalid-argument'],
    ['a kvmalloc fallback from Kmalloc', { api: 'KVec::push', leaf: FALLBACK }, 'invalid-argument'],
    ['a layout overflow where no length is taken', { api: 'Allocator::alloc', allocator: 'Kmalloc', leaf: { kind: 'fail', at: 'layout' } }, 'invalid-argument'],
  ])('%s is an EngineError', (_what, request, code) => {
    expect(engineError(() => callChain({ rules: kernelTarget('7.1').rules, ...request })).code).toBe(code);
  });
});

describe('results are memoised and frozen', () => {
  test('the same request returns the same frozen object', () => {
    const first = chain('7.1', 'KVec::push', SLAB);
    expect(chain('7.1', 'KVec::push', SLAB)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.frames)).toBe(true);
    expect(Object.isFrozen(first.frames[0])).toBe(true);
  });
});

describe('sweep: every API, allocator, outcome and growth flag', () => {
  const LEAVES: readonly ChainLeaf[] = [
    NONE,
    SLAB,
    SLAB_SLOW,
    LARGE,
    VMALLOC,
    { kind: 'vmalloc', huge: true },
    FALLBACK,
    { kind: 'kvmalloc-fallback', huge: true },
    { kind: 'fail', at: 'page-allocator' },
    { kind: 'fail', at: 'layout' },
    { kind: 'fail', at: 'rust-align-check' },
    { kind: 'fail', at: 'vmalloc' },
  ];
  const ALLOCATORS: readonly (AllocatorName | undefined)[] = [undefined, 'Kmalloc', 'Vmalloc', 'KVmalloc'];

  test.each(ERAS)('kernel $version: builds or says why (EngineError), never anything else', ({ version }) => {
    const rules = kernelTarget(version).rules;
    let built = 0;
    const problems: string[] = [];
    for (const api of callChainApis(rules)) {
      for (const allocator of ALLOCATORS) {
        for (const leaf of LEAVES) {
          for (const growsExisting of [false, true]) {
            const what = `${api} ${allocator ?? '(alias)'} ${JSON.stringify(leaf)}${growsExisting ? ' growing' : ''}`;
            let result: CallChain;
            try {
              result = callChain({ api, rules, leaf, growsExisting, ...(allocator ? { allocator } : {}) });
            } catch (error) {
              if (!(error instanceof EngineError)) problems.push(`${what}: ${String(error)}`);
              continue;
            }
            built += 1;
            if (result.frames.length === 0) problems.push(`${what}: no frames`);
            for (const frame of result.frames) {
              if (!/^(rust|mm|include)\/\S+$/.test(frame.file)) problems.push(`${what}: ${frame.frame} has file '${frame.file}'`);
              if (!['rust', 'ffi', 'c'].includes(frame.layer)) problems.push(`${what}: ${frame.frame} has layer '${frame.layer}'`);
            }
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(built).toBeGreaterThan(callChainApis(rules).length);
  });
});
