/**
 * Issue 16 item 15: input validation. Names looked up in tables are own entries only
 * (`constructor`, `__proto__`, `toString` are names like any other), arguments of the wrong
 * type are InvalidParams, and no message echoes a huge value whole.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ResponseError } from 'vscode-languageserver-protocol';
import { runCliWithin } from '../cli/run-cli.js';
import { LspTestClient } from '../lsp/lsp-client.js';
import { removeWorkspace, SITE_RS, tempWorkspace, within } from './hostile-workspace.js';

const INVALID_PARAMS = -32602;
/** Rust source whose names are Object.prototype's. */
const PROTO_NAMES_RS = `use kernel::prelude::*;

struct S { a: constructor, b: [u8; toString] }

fn f() -> Result {
    let _a = KBox::new([0u8; constructor], GFP_KERNEL)?;
    let _b = KBox::new([0u8; __proto__], GFP_KERNEL)?;
    let mut v: KVec<hasOwnProperty> = KVec::new();
    v.push(constructor::new(), GFP_KERNEL)?;
    let _d: KBox<valueOf> = KBox::new(S { }, GFP_KERNEL)?;
    let _e = KVec::<u8>::with_capacity(u32::constructor as usize, GFP_KERNEL)?;
    let g = self.constructor.lock();
    let _f = KBox::new([0u8; 100], GFP_KERNEL)?;
    Ok(())
}
`;

let work: string;
let client: LspTestClient;

beforeAll(async () => {
  work = tempWorkspace('inputs');
  writeFileSync(join(work, 'proto.rs'), PROTO_NAMES_RS);
  client = LspTestClient.start();
  await within(20_000, 'initialize', client.initialize(work));
  await client.indexed();
}, 60_000);

afterAll(async () => {
  await client?.stop();
  removeWorkspace(work);
});

async function rejection(request: Promise<unknown>): Promise<ResponseError<unknown>> {
  const outcome = await within(
    10_000,
    'request',
    request.then(
      () => null,
      (e: unknown) => e,
    ),
  );
  expect(outcome).toBeInstanceOf(ResponseError);
  return outcome as ResponseError<unknown>;
}

const explain = (args: unknown) => client.connection.sendRequest('workspace/executeCommand', { command: 'kalloc-lens.explain', arguments: [args] });

describe('own names only (item 15)', () => {
  test('explain: allocator "constructor" or "__proto__" is unknown, flags of the wrong type are InvalidParams', async () => {
    for (const allocator of ['constructor', '__proto__', 'toString']) {
      const e = await rejection(explain({ size: 100, allocator }));
      expect([e.code, e.message]).toEqual([INVALID_PARAMS, `unknown allocator '${allocator}'; expected kmalloc, vmalloc or kvmalloc`]);
    }
    for (const args of [{ size: 100, flags: 5 }, { size: 100, allocator: ['kmalloc'] }, { size: '100' }, { size: 100, api: {} }]) {
      const e = await rejection(explain(args));
      expect(e.code).toBe(INVALID_PARAMS);
      expect(e.message).toMatch(/must be a (string|number), got/);
    }
    expect(((await explain({ size: 100, allocator: 'kmalloc' })) as { path?: string }).path).toBe('slab');
  });

  test('source names that are Object.prototype keys: analysed, nothing fails', async () => {
    const uri = await client.open(join(work, 'proto.rs'), PROTO_NAMES_RS);
    await client.until(() => client.lastDiagnostics(uri));
    // Every one of the six sites is analysed: each has its Simulate lens (a title lens only where
    // the outcome has one to say, lens-text.ts).
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as { command?: { command: string } }[];
    expect(lenses.filter((l) => l.command?.command === 'kalloc-lens.simulate')).toHaveLength(6);
    expect(client.logs.filter((l) => /failed/.test(l))).toEqual([]);
    const cli = runCliWithin(30_000, 'analyze', join(work, 'proto.rs'), '--format', 'json');
    expect(cli.stderr).toBe('');
    expect((JSON.parse(cli.stdout) as { sites: unknown[] }).sites).toHaveLength(6);
  });

  test('severity keys constructor and toString are unknown codes, each with a warning', async () => {
    client.settings = { severity: { constructor: 'off', toString: 'error' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await client.until(() => client.messages.find((m) => /kallocLens\.severity\.constructor: no such diagnostic code/.test(m.message)));
    await client.until(() => client.messages.find((m) => /kallocLens\.severity\.toString: no such diagnostic code/.test(m.message)));
  });
});

describe('bounded echoes and InvalidParams (item 15)', () => {
  test('a 5 MB setting value is not echoed whole', async () => {
    const before = client.messages.length;
    client.settings = { profile: 'x'.repeat(5_000_000), severity: { ['y'.repeat(100_000)]: 'off' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await client.until(() => client.messages.slice(before).find((m) => /kallocLens\.profile/.test(m.message)), 30_000);
    await client.until(() => client.messages.slice(before).find((m) => /kallocLens\.severity\.y+…/.test(m.message)), 30_000);
    for (const m of client.messages.slice(before)) expect(m.message.length).toBeLessThan(1_000);
    const e = await rejection(explain({ size: 100, flags: 'GFP_'.repeat(1_000_000) }));
    expect(e.message.length).toBeLessThan(1_000);
    client.settings = {};
  });

  test('a hover with params null, or without a position, is InvalidParams', async () => {
    const uri = await client.open(join(work, 'a.rs'), SITE_RS);
    for (const params of [null, { textDocument: { uri } }, { textDocument: null, position: { line: 0, character: 0 } }, { textDocument: { uri }, position: { line: 'x', character: 0 } }]) {
      const e = await rejection(client.connection.sendRequest('textDocument/hover', params));
      expect(e.code).toBe(INVALID_PARAMS);
    }
    const e = await rejection(client.connection.sendRequest('textDocument/codeLens', null));
    expect(e.code).toBe(INVALID_PARAMS);
  });
});
