/**
 * Building blocks for the hostile-workspace tests (issue 16): a temporary workspace holding one
 * Rust file with a known site, FIFOs and links to devices, and a server started on it whose
 * every wait is bounded.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hover } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../lsp/lsp-client.js';

/** One KBox of a 2100-byte struct: kmalloc-4k, a slab-waste diagnostic on line 8. */
export const SITE_RS = `use kernel::prelude::*;

struct Big {
    data: [u8; 2100],
}

fn make() -> Result<KBox<Big>> {
    let b = KBox::new(Big { data: [0; 2100] }, GFP_KERNEL)?;
    Ok(b)
}
`;
export const SITE_LINE = 7;
export const SITE_COLUMN = 14;

export function tempWorkspace(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `kalloc-${prefix}-`));
  writeFileSync(join(dir, 'a.rs'), SITE_RS);
  return dir;
}

/** rm -rf: Node's rmSync cannot remove paths longer than PATH_MAX, which some tests build. */
export function removeWorkspace(dir: string): void {
  const r = spawnSync('rm', ['-rf', dir]);
  if (r.status !== 0) rmSync(dir, { recursive: true, force: true });
}

export function mkfifo(path: string): void {
  const r = spawnSync('mkfifo', [path]);
  if (r.status !== 0) throw new Error(`mkfifo ${path}: ${r.stderr.toString()}`);
}

export const hoverText = (h: Hover | null): string => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');

export function hoverAt(client: LspTestClient, uri: string, line: number, character: number): Promise<Hover | null> {
  return client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } }) as Promise<Hover | null>;
}

/** A request that must be answered within `ms`, or the test fails (rather than hanging). */
export async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
