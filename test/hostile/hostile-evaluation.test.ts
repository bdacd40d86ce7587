/**
 * Issue 16 item 3: consts and types whose naive evaluation is exponential are evaluated once
 * each, in the CLI and the server; work past the per-request bound is answered "too complex".
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runCliWithin } from '../cli/run-cli.js';
import { LspTestClient } from '../lsp/lsp-client.js';
import { hoverAt, hoverText, removeWorkspace, tempWorkspace, within } from './hostile-workspace.js';

const LEVELS = 24;
/** const A{i} = A{i-1} + A{i-1} - A{i-1}: 3^24 evaluations when nothing is remembered. */
const CONSTS = [
  'use kernel::prelude::*;',
  'const A0: usize = 3;',
  ...Array.from({ length: LEVELS }, (_, i) => `const A${i + 1}: usize = A${i} + A${i} - A${i};`),
  `fn f() -> Result { let _b = KBox::new([0u8; A${LEVELS}], GFP_KERNEL)?; Ok(()) }`,
  '',
].join('\n');
/** struct S{i} { a: S{i-1}, b: S{i-1} }: 2^24 layouts when nothing is remembered; 16 MiB. */
const STRUCTS = [
  'use kernel::prelude::*;',
  'struct S0 { a: u8 }',
  ...Array.from({ length: LEVELS }, (_, i) => `struct S${i + 1} { a: S${i}, b: S${i} }`),
  `fn g() -> Result { let _b = KVBox::new(S${LEVELS} { }, GFP_KERNEL)?; Ok(()) }`,
  '',
].join('\n');

const work = tempWorkspace('eval');
writeFileSync(join(work, 'consts.rs'), CONSTS);
writeFileSync(join(work, 'structs.rs'), STRUCTS);
afterAll(() => removeWorkspace(work));

interface Report {
  sites: { line: number; size: { bytes: number | null; expr: string } }[];
}

describe('each item is evaluated once (item 3)', () => {
  test('CLI: 24 levels of doubling consts and structs answer exactly, within the bound', () => {
    const r = runCliWithin(60_000, 'analyze', join(work, 'consts.rs'), join(work, 'structs.rs'), '--format', 'json', '--fail-on', 'never');
    expect(r.signal).toBeNull();
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.sites.map((s) => s.size.bytes)).toEqual([3, 2 ** LEVELS]);
  });

  test('server: hovers on both answer, and the server keeps answering', async () => {
    const client = LspTestClient.start();
    try {
      await within(20_000, 'initialize', client.initialize(work));
      await client.indexed();
      const consts = await client.open(join(work, 'consts.rs'), CONSTS);
      const structs = await client.open(join(work, 'structs.rs'), STRUCTS);
      await client.until(() => client.lastDiagnostics(consts) && client.lastDiagnostics(structs), 30_000);
      expect(hoverText(await within(10_000, 'hover', hoverAt(client, consts, LEVELS + 2, 35)))).toMatch(/\b3 B\b/);
      expect(hoverText(await within(10_000, 'hover', hoverAt(client, structs, LEVELS + 2, 35)))).toMatch(/16777216 B|16 MiB/);
    } finally {
      await client.stop();
    }
  });
});

describe('work past the bound is "too complex" (item 3)', () => {
  test('a struct of 21,000 distinct field types: the size says too complex, nothing hangs', () => {
    const n = 21_000;
    const lines = ['use kernel::prelude::*;', ...Array.from({ length: n }, (_, i) => `struct T${i} { a: u8 }`)];
    lines.push(`struct Wide { ${Array.from({ length: n }, (_, i) => `f${i}: T${i}`).join(', ')} }`);
    lines.push('fn h() -> Result { let _b = KBox::new(Wide { }, GFP_KERNEL)?; Ok(()) }', '');
    writeFileSync(join(work, 'wide.rs'), lines.join('\n'));
    const r = runCliWithin(60_000, 'analyze', join(work, 'wide.rs'), '--format', 'json', '--fail-on', 'never');
    expect(r.signal).toBeNull();
    const report = JSON.parse(r.stdout) as Report;
    expect(report.sites).toHaveLength(1);
    expect(report.sites[0]!.size.bytes).toBeNull();
    expect(report.sites[0]!.size.expr).toMatch(/too complex: more than 20000 types and constants to resolve/);
  });
});
