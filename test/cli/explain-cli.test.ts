/**
 * The built `kalloc-lens` command as a user runs it: a real process, real exit codes.
 * `npm test` builds first (tsc -b), so out/ is current.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from './run-cli.js';

const run = runCli;

describe('kalloc-lens explain', () => {
  test('text output: the answer first, then the chain and profile', () => {
    const r = run('explain', '--api', 'KVec::with_capacity', '--count', '100', '--element-size', '24', '--element-align', '8');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('KVec::with_capacity  ·  Kmalloc  ·  GFP_KERNEL (may sleep)');
    expect(r.stdout).toMatch(/^lands {4}kmalloc-4k \(slab\) · object 4096 B · waste 1696 B \(41%\)$/m);
    expect(r.stdout).toMatch(/^slab {5}order 3 \(32 KiB\), 8 objects per slab/m);
    expect(r.stdout).toMatch(/^tip {6}capacity 170 uses the same object \(4080 B\)$/m);
    expect(r.stdout).toMatch(/→ rust_helper_krealloc_node_align {2}\(rust\/helpers\/slab\.c\)/);
  });

  test('json output is the documented contract', () => {
    const r = run('explain', '--size', '48*16', '--format', 'json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.version).toBe(1);
    expect(json.outcome).toMatchObject({ path: 'slab', cache: 'kmalloc-1k', objectSize: 1024, wasteBytes: 256, request: { sizeBytes: 768 } });
    for (const key of ['path', 'cache', 'objectSize', 'wasteBytes', 'slabOrder', 'order', 'pages', 'fallback', 'chain', 'notes']) {
      expect(json.outcome).toHaveProperty(key);
    }
  });

  test('kernel APIs need no size: a dedicated cache, a page order, a DMA buffer (issue 12)', () => {
    const maple = JSON.parse(run('explain', '--api', 'MapleTree::insert', '--format', 'json').stdout);
    // Bundled x86_64 defconfig layouts: sizeof(struct maple_node) = 256.
    expect(maple.outcome).toMatchObject({ path: 'slab', allocator: 'kmem_cache', cache: 'maple_node', objectSize: 256, objects: { worstCase: 94 } });
    const page = JSON.parse(run('explain', '--api', 'Page::alloc_page', '--format', 'json').stdout);
    expect(page.outcome).toMatchObject({ path: 'pages', order: 0 });
    const pages = JSON.parse(run('explain', '--api', 'bindings::alloc_pages', '--order', '3', '--format', 'json').stdout);
    expect(pages.outcome).toMatchObject({ path: 'pages', order: 3, pages: 8 });
    const dma = run('explain', '--api', 'Coherent::zeroed_slice', '--count', '1024', '--element-size', '64');
    expect(dma.stdout).toMatch(/^lands {4}DMA coherent, dma-direct assumed \(no device\): order 4/m);
    const bits = JSON.parse(run('explain', '--api', 'BitmapVec::new', '--count', '4096', '--format', 'json').stdout);
    expect(bits.outcome).toMatchObject({ path: 'slab', cache: 'kmalloc-512' });
  });

  test('--config picks the profile and the kernel, and reports what it does not model', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kalloc-'));
    const config = join(dir, '.config');
    writeFileSync(
      config,
      '# Linux/arm64 6.18.2 Kernel Configuration\nCONFIG_ARM64=y\nCONFIG_ARM64_16K_PAGES=y\nCONFIG_SMP=y\nCONFIG_NR_CPUS=256\nCONFIG_MEMCG=y\nCONFIG_ZONE_DMA=y\nCONFIG_KASAN=y\nCONFIG_RUST=y\n',
    );
    const r = run('explain', '--size', '8M', '--config', config, '--format', 'json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.outcome.profile.name).toBe('arm64-16k');
    expect(json.outcome.kernel.version).toBe('6.18.2');
    expect(json.outcome).toMatchObject({ path: 'large', order: 9 });
    expect(json.configNotes.join('\n')).toMatch(/not modelled: CONFIG_KASAN=y/);
  });

  test.each([
    [['explain', '--size', '-4'], /size cannot be negative/],
    [['explain', '--size', '4Q'], /unknown unit 'Q'/],
    [['explain', '--size', '64', '--flags', 'GFP_KERNAL'], /unknown GFP flag 'GFP_KERNAL'/],
    [['explain', '--size', '64', '--profile', 'sparc'], /unknown profile 'sparc'/],
    [['explain', '--size', '64', '--kernel', '4.19'], /6\.1 or later/],
    [['explain', '--size', '64', '--config', '/nonexistent/.config'], /cannot read --config/],
    [['explain', '--count', '4'], /--element-size/],
    [['explain'], /needs --size/],
    [['explain', '--size', '64', '--format', 'xml'], /Allowed choices are text, json/],
    [['frobnicate'], /unknown command/],
  ])('%j exits 2 with a clear message', (args, message) => {
    const r = run(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace for user errors
  });

  test('--help for every subcommand exits 0', () => {
    for (const args of [['--help'], ['explain', '--help']]) {
      const r = run(...args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Usage: kalloc-lens/);
    }
  });
});
