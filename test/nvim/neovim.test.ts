/**
 * A second, unrelated client: headless Neovim (Debian's `neovim`, its built-in LSP client,
 * configured by test/nvim/hover.lua) opens a file and asks for a hover at a site.
 * .ci/run installs Neovim and sets KALLOC_REQUIRE_NVIM=1, so there the test cannot be skipped.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { SHARED_DIR } from '../engine/golden-tables.js';
import { SERVER_MAIN } from '../lsp/lsp-client.js';

const hasNvim = spawnSync('nvim', ['--version']).status === 0;
const required = process.env.KALLOC_REQUIRE_NVIM === '1';
const skipReason = 'nvim is not installed (apt-get install neovim; CI sets KALLOC_REQUIRE_NVIM=1)';
if (!hasNvim && !required) console.log('nvim: skipped: Neovim is not installed here (apt-get install neovim; .ci/run requires it with KALLOC_REQUIRE_NVIM=1).');

interface Place {
  readonly file: string;
  readonly root: string;
  /** 0-based. */
  readonly line: number;
  readonly col: number;
  readonly env?: NodeJS.ProcessEnv;
}

/** Run hover.lua in headless Neovim; the hover's text and the announced target. */
function nvimHover(place: Place): { hover: string; target: string } {
  expect(hasNvim, skipReason).toBe(true);
  const dir = mkdtempSync(join(tmpdir(), 'kalloc-nvim-'));
  const out = join(dir, 'hover.txt');
  const targetOut = join(dir, 'target.json');
  try {
    const r = spawnSync('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${resolve('test/nvim/hover.lua')}`], {
      env: {
        ...process.env,
        KBUILD_OUTPUT: '',
        ...place.env,
        KALLOC_SERVER: SERVER_MAIN,
        KALLOC_FILE: place.file,
        KALLOC_ROOT: place.root,
        KALLOC_OUT: out,
        KALLOC_TARGET_OUT: targetOut,
        KALLOC_LINE: String(place.line),
        KALLOC_COL: String(place.col),
        XDG_STATE_HOME: dir,
        XDG_DATA_HOME: dir,
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.error).toBeUndefined();
    return { hover: readFileSync(out, 'utf8'), target: readFileSync(targetOut, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test.skipIf(!hasNvim && !required)(
  'Neovim’s built-in client shows the kalloc-lens hover at a site',
  () => {
    // ring.rs:29, inside `Ring::with_capacity(RING_ENTRIES, GFP_KERNEL)` (0-based).
    const { hover } = nvimHover({ file: resolve('examples/ring/ring.rs'), root: resolve('examples'), line: 28, col: 20 });
    expect(hover).toContain('KVec<Desc>::with_capacity');
    expect(hover).toMatch(/\*\*lands\*\* kmalloc-1k \(slab\)/);
    expect(hover).toContain('rust_helper_krealloc_node_align');
  },
  90_000,
);

test.skipIf(!hasNvim && !required)(
  'rooted at a driver’s folder of a kernel tree, as the README snippet roots it, the server finds the tree and its build',
  () => {
    const tree = resolve('test/fixtures/tree-scope');
    const build = join(SHARED_DIR, 'kernel-build', 'arm64-defconfig');
    // The README's root_dir finds the nearest Makefile upward: the driver's own folder.
    const { hover, target } = nvimHover({
      file: join(tree, 'drivers', 'mydrv', 'mydrv.rs'),
      root: join(tree, 'drivers', 'mydrv'),
      // mydrv.rs:18, inside `Table::with_capacity(SLOTS, GFP_KERNEL)`: Table = KVec<Slot> from state.rs.
      line: 17,
      col: 30,
      env: { KBUILD_OUTPUT: build },
    });
    expect(JSON.parse(target)).toMatchObject({
      profile: 'arm64-4k',
      kernel: '7.1.5',
      kernelRoot: tree,
      build,
      sources: ['profile arm64-4k from .config', 'kernel 7.1.5 from Makefile', `build ${build} (KBUILD_OUTPUT)`],
    });
    // 64 × 32 B = 2048 B on arm64 too: kmalloc-2k.
    expect(hover).toMatch(/\*\*lands\*\* kmalloc-2k \(slab\)/);
  },
  90_000,
);
