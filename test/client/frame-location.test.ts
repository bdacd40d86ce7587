/**
 * Chain frames open at their definition: checked on the real kernel files the frames name
 * (the v7.1.5 tree, read in place).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { frameLine } from '../../client/src/frame-location.js';

const KERNEL = '/work/kernel/linux-7.1.5';
const KERNEL_GIT = '/work/.mirror/danayer+linux-7.1.5/repo';
/** A file of the v7.1.5 tree: extracted, or from its git objects. */
function read(file: string): string {
  if (existsSync(`${KERNEL}/${file}`)) return readFileSync(`${KERNEL}/${file}`, 'utf8');
  const shown = spawnSync('git', ['--git-dir', KERNEL_GIT, 'show', `HEAD:${file}`], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (shown.status !== 0) throw new Error(`cannot read ${file} of the v7.1.5 tree: ${shown.stderr}`);
  return shown.stdout;
}

describe('frame lines in the kernel tree', () => {
  test('a Rust frame opens at its fn, a macro at macro_rules!', () => {
    const kvec = read('rust/kernel/alloc/kvec.rs');
    const line = frameLine(kvec, 'KVec::with_capacity', 'rust/kernel/alloc/kvec.rs')!;
    expect(kvec.split('\n')[line]).toMatch(/pub fn with_capacity\(/);
    const macro = frameLine(kvec, 'kvec!', 'rust/kernel/alloc/kvec.rs')!;
    expect(kvec.split('\n')[macro]).toMatch(/macro_rules! kvec/);
  });

  test('a C frame opens at its definition, not a declaration or a call', () => {
    const slub = read('mm/slub.c');
    const line = frameLine(slub, 'krealloc_node_align_noprof', 'mm/slub.c')!;
    expect(slub.split('\n')[line]).toMatch(/^void \*krealloc_node_align_noprof\(/);
    const helper = read('rust/helpers/slab.c');
    expect(helper.split('\n')[frameLine(helper, 'rust_helper_krealloc_node_align', 'rust/helpers/slab.c')!]).toMatch(/rust_helper_krealloc_node_align\(/);
  });

  test('a frame the file does not define gives null', () => {
    expect(frameLine('fn other() {}\n', 'KVec::push', 'rust/kernel/alloc/kvec.rs')).toBeNull();
  });
});
