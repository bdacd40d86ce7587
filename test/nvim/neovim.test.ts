/**
 * A second, unrelated client: headless Neovim (Debian's `neovim`, its built-in LSP client,
 * configured by test/nvim/hover.lua) opens an example file and asks for a hover at a site.
 * .ci/run installs Neovim and sets KALLOC_REQUIRE_NVIM=1, so there the test cannot be skipped.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { SERVER_MAIN } from '../lsp/lsp-client.js';

const hasNvim = spawnSync('nvim', ['--version']).status === 0;
const required = process.env.KALLOC_REQUIRE_NVIM === '1';
if (!hasNvim && !required) console.log('nvim: skipped: Neovim is not installed here (apt-get install neovim; .ci/run requires it with KALLOC_REQUIRE_NVIM=1).');

test.skipIf(!hasNvim && !required)('Neovim’s built-in client shows the kalloc-lens hover at a site', () => {
  expect(hasNvim, 'nvim is not installed (apt-get install neovim)').toBe(true);
  const dir = mkdtempSync(join(tmpdir(), 'kalloc-nvim-'));
  const out = join(dir, 'hover.txt');
  try {
    const r = spawnSync('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${resolve('test/nvim/hover.lua')}`], {
      env: {
        ...process.env,
        KALLOC_SERVER: SERVER_MAIN,
        KALLOC_FILE: resolve('examples/ring/ring.rs'),
        KALLOC_ROOT: resolve('examples'),
        KALLOC_OUT: out,
        // ring.rs:29, inside `Ring::with_capacity(RING_ENTRIES, GFP_KERNEL)` (0-based).
        KALLOC_LINE: '28',
        KALLOC_COL: '20',
        XDG_STATE_HOME: dir,
        XDG_DATA_HOME: dir,
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.error).toBeUndefined();
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('KVec<Desc>::with_capacity');
    expect(text).toMatch(/\*\*lands\*\* kmalloc-1k \(slab\)/);
    expect(text).toContain('rust_helper_krealloc_node_align');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 90_000);
