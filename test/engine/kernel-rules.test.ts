import { describe, expect, test } from 'vitest';
import { EngineError } from '../../engine/src/errors.js';
import { kernelTarget, parseKernelVersion } from '../../engine/src/kernel-version.js';

describe('kernel versions to eras', () => {
  test.each([
    ['6.1', 'alloc-crate'],
    ['6.9', 'alloc-crate'],
    ['6.10', 'box-ext'],
    ['6.12', 'box-ext'],
    ['6.13', 'allocator-trait'],
    ['v6.17.2', 'allocator-trait'],
    ['v6.18-rc3', 'node-align'],
    ['7.1.5', 'node-align'],
  ])('%s is the %s era', (version, era) => {
    expect(kernelTarget(version).rules.apiEra).toBe(era);
  });

  test('the default is the newest modelled kernel, 7.1.5, with sheaves', () => {
    const t = kernelTarget();
    expect(t.version.text).toBe('7.1.5');
    expect(t.rules.slubFrontEnd).toBe('sheaves');
  });

  test('rules change exactly at their version', () => {
    expect(kernelTarget('6.4').rules.kmallocPadding).toBe('none');
    expect(kernelTarget('6.5').rules.kmallocPadding).toBe('pad-then-next-pow2');
    expect(kernelTarget('6.11').rules.kmallocPadding).toBe('pad-to-align');
    expect(kernelTarget('6.15').rules.kvmallocKmallocAttempt).toBe('add-noretry');
    expect(kernelTarget('6.16').rules.kvmallocKmallocAttempt).toBe('clear-direct-reclaim');
    expect(kernelTarget('6.16').rules.vmallocPads).toBe(true);
    expect(kernelTarget('6.17').rules.vmallocPads).toBe(false);
    expect(kernelTarget('6.19').rules.slubFrontEnd).toBe('cpu-slab-with-optional-sheaves');
    expect(kernelTarget('7.0').rules.slubFrontEnd).toBe('sheaves');
    expect(kernelTarget('6.12').rules.kreallocFile).toBe('mm/slab_common.c');
    expect(kernelTarget('6.13').rules.kreallocFile).toBe('mm/slub.c');
  });

  test('the C-side boundaries of issue 13 change exactly at their version', () => {
    const at = (v: string) => kernelTarget(v).rules;
    expect([at('6.7').kmallocFile, at('6.8').kmallocFile]).toEqual(['mm/slab_common.c', 'mm/slub.c']);
    expect([at('6.9').trackCallerFn, at('6.10').trackCallerFn, at('6.11').trackCallerFn]).toEqual([
      '__kmalloc_node_track_caller',
      'kmalloc_node_track_caller_noprof',
      '__kmalloc_node_track_caller_noprof',
    ]);
    expect([at('6.10').largeKmallocFn, at('6.11').largeKmallocFn]).toEqual(['__kmalloc_large_node', '__kmalloc_large_node_noprof']);
    expect([at('6.9').pageAllocCheckFn, at('6.13').pageAllocCheckFn, at('6.14').pageAllocCheckFn]).toEqual(['__alloc_pages', '__alloc_pages_noprof', '__alloc_frozen_pages_noprof']);
    expect([at('6.16').largeKmallocFrozen, at('6.17').largeKmallocFrozen]).toEqual([false, true]);
    expect([at('6.18').vmallocHighOrderFirst, at('6.19').vmallocHighOrderFirst]).toEqual([false, true]);
    expect([at('6.14').vreallocCopies, at('6.15').vreallocCopies]).toEqual(['area', 'requested']);
    expect([at('7.0').kvvecShrinkTo, at('7.1').kvvecShrinkTo]).toEqual([false, true]);
    expect([at('6.1').slabAllocNodeSplit, at('6.2').slabAllocNodeSplit]).toEqual([false, true]);
  });

  test('6.12 says that 6.12.y stable later got the Allocator trait', () => {
    expect(kernelTarget('6.12').notes.join(' ')).toMatch(/6\.12\.y stable/);
  });

  test('a version newer than 7.1 is read with 7.1 rules, and says so', () => {
    const t = kernelTarget('7.3');
    expect(t.rules.apiEra).toBe('node-align');
    expect(t.notes[0]).toMatch(/newer than the newest modelled kernel \(7\.1\.5\)/);
  });

  test.each(['6', 'seven', '6.x', '', 'v6.18-rc', '6.18.1.2'])('malformed version %j is a typed error', (text) => {
    expect(() => parseKernelVersion(text)).toThrow(EngineError);
    expect(() => parseKernelVersion(text)).toThrow(/is not a version like 6\.12/);
  });

  test('a kernel before Rust support is refused with the reason', () => {
    expect(() => kernelTarget('5.15')).toThrow(/no Rust allocation API.*6\.1/);
  });
});

describe('stable backports are said, not modelled as the release (issue 13, item 12)', () => {
  test.each(['6.1', '6.1.140', '6.4'])('%s says that later stable releases have krealloc_aligned (b3d8aa84bbfe)', (version) => {
    const t = kernelTarget(version);
    expect(t.rules.kmallocPadding).toBe('none');
    expect(t.notes.join(' ')).toMatch(/stable releases received krealloc_aligned \(b3d8aa84bbfe, 6\.5-rc5\)/);
  });

  test('6.2, 6.3 and 6.5 carry no such note', () => {
    for (const version of ['6.2', '6.3', '6.5']) expect(kernelTarget(version).notes.join(' ')).not.toMatch(/krealloc_aligned/);
  });
});
