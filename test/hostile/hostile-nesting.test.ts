/**
 * Issue 16 item 13: 5,000-deep const expressions and 20,000 nested `mod`s. Recursion is bounded;
 * the file is reported as skipped with the reason (CLI report, server message), never a stack
 * overflow and never a silent loss. Other files go on being analysed.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runCliWithin } from '../cli/run-cli.js';
import { LspTestClient } from '../lsp/lsp-client.js';
import { removeWorkspace, SITE_RS, tempWorkspace, within } from './hostile-workspace.js';

const SITE = 'fn f() -> Result { let _b = KBox::new([0u8; 100], GFP_KERNEL)?; Ok(()) }';
const DEEP = {
  'parens.rs': `use kernel::prelude::*;\nconst A: usize = ${'('.repeat(5000)}1${')'.repeat(5000)};\n${SITE}\n`,
  'sum.rs': `use kernel::prelude::*;\nconst A: usize = ${'1 + ('.repeat(5000)}1${')'.repeat(5000)};\n${SITE}\n`,
  'at-site.rs': `use kernel::prelude::*;\nfn g() -> Result { let _b = KBox::new([0u8; ${'('.repeat(5000)}1${')'.repeat(5000)}], GFP_KERNEL)?; Ok(()) }\n`,
  'mods.rs': `use kernel::prelude::*;\n${'mod m { '.repeat(20_000)}${SITE}${' }'.repeat(20_000)}\n`,
  'types.rs': `use kernel::prelude::*;\nstruct S { a: ${'KBox<'.repeat(5000)}u8${'>'.repeat(5000)} }\n${SITE}\n`,
} as const;

const work = tempWorkspace('nesting');
for (const [name, text] of Object.entries(DEEP)) writeFileSync(join(work, name), text);
afterAll(() => removeWorkspace(work));

describe('deep nesting is bounded and reported (item 13)', () => {
  test('CLI: each deep file is skipped with its reason; the ordinary file is analysed', () => {
    const r = runCliWithin(60_000, 'analyze', work, '--format', 'json', '--fail-on', 'never');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { sites: { file: string }[]; skipped: { file: string; reason: string }[] };
    const skipped = Object.fromEntries(report.skipped.map((s) => [s.file.split('/').at(-1), s.reason]));
    expect(skipped).toEqual({
      'parens.rs': 'nesting deeper than 256 levels (a constant expression)',
      'sum.rs': 'nesting deeper than 256 levels (a constant expression)',
      'at-site.rs': 'nesting deeper than 256 levels (a constant expression)',
      'mods.rs': 'nesting deeper than 256 levels (modules and impls)',
      'types.rs': 'nesting deeper than 256 levels (a type)',
    });
    expect(report.sites.map((s) => s.file.split('/').at(-1))).toEqual(['a.rs']);
  });

  test('server: indexing logs the skipped files; an open deep file gets a message and no diagnostics; others still work', async () => {
    const client = LspTestClient.start();
    try {
      await within(20_000, 'initialize', client.initialize(work));
      await client.indexed();
      await client.until(() => client.logs.find((l) => /skipped .*mods\.rs: nesting deeper than 256 levels \(modules and impls\)/.test(l)));
      const deep = await client.open(join(work, 'at-site.rs'), DEEP['at-site.rs']);
      await client.until(() => client.messages.find((m) => m.message === 'kalloc-lens: not analysing at-site.rs: nesting deeper than 256 levels (a constant expression)'));
      expect((await client.until(() => client.lastDiagnostics(deep))).diagnostics).toEqual([]);
      const mods = await client.open(join(work, 'mods.rs'), DEEP['mods.rs']);
      await client.until(() => client.lastDiagnostics(mods));
      const ok = await client.open(join(work, 'a.rs'), SITE_RS);
      await client.until(() => client.lastDiagnostics(ok)?.diagnostics.length);
      expect(client.logs.filter((l) => /failed|RangeError/.test(l))).toEqual([]);
    } finally {
      await client.stop();
    }
  });
});
