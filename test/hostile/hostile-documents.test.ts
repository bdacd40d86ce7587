/**
 * Issue 16 items 6, 10, 11 and 12 over the real server: edits a careless or hostile client can
 * send. Each ends with the server's answers matching a fresh open of the same text.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../lsp/lsp-client.js';
import { hoverAt, hoverText, removeWorkspace, SITE_COLUMN, SITE_LINE, SITE_RS, tempWorkspace, within } from './hostile-workspace.js';

let work: string;
let client: LspTestClient;
let serial = 0;

beforeAll(async () => {
  work = tempWorkspace('docs');
  client = LspTestClient.start();
  client.settings = { diagnosticsDelayMs: 0 };
  await within(20_000, 'initialize', client.initialize(work));
  await client.indexed();
}, 60_000);

afterAll(async () => {
  await client?.stop();
  removeWorkspace(work);
});

/** A new document (never on disk) opened with `text`; its first diagnostics awaited. */
async function openNew(text: string): Promise<string> {
  const uri = pathToFileURL(join(work, `doc${++serial}.rs`)).href;
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'rust', version: 1, text } });
  await client.until(() => client.lastDiagnostics(uri), 20_000);
  return uri;
}

async function change(uri: string, version: number, contentChanges: unknown[]): Promise<void> {
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
}

/** Diagnostics for `version` (after `after` earlier publications of it), without the URI-dependent parts. */
async function diagnosticsOf(uri: string, version: number, after = 0): Promise<Pick<Diagnostic, 'range' | 'code' | 'message'>[]> {
  const p = await client.until(() => client.diagnostics.get(uri)?.filter((d) => d.version === version)[after], 20_000);
  return p.diagnostics.map((d) => ({ range: d.range, code: d.code, message: d.message }));
}

describe('edits a client should not send, and the server survives (items 6, 11, 12)', () => {
  test('a reversed didChange range is taken the right way round, for the text and the tree', async () => {
    const uri = await openNew(SITE_RS);
    // `[u8; 2100]` on line 4 becomes `[u8; 3000]`, the range given end first.
    await change(uri, 2, [{ range: { start: { line: 3, character: 19 }, end: { line: 3, character: 15 } }, text: '3000' }]);
    const edited = await diagnosticsOf(uri, 2);
    expect(hoverText(await within(5_000, 'hover', hoverAt(client, uri, SITE_LINE, SITE_COLUMN)))).toMatch(/3000 B/);
    const fresh = await openNew(SITE_RS.replace('[u8; 2100]', '[u8; 3000]'));
    expect(edited).toEqual(await diagnosticsOf(fresh, 1));
    expect(edited.map((d) => d.code)).toEqual(['slab-waste']);
  });

  test('a repeated version number still gets answers for the latest text', async () => {
    const uri = await openNew(SITE_RS);
    expect(hoverText(await hoverAt(client, uri, SITE_LINE, SITE_COLUMN))).toMatch(/2100 B/);
    await change(uri, 2, [{ range: { start: { line: 3, character: 15 }, end: { line: 3, character: 19 } }, text: '3000' }]);
    await diagnosticsOf(uri, 2);
    expect(hoverText(await hoverAt(client, uri, SITE_LINE, SITE_COLUMN))).toMatch(/3000 B/);
    await change(uri, 2, [{ range: { start: { line: 3, character: 15 }, end: { line: 3, character: 19 } }, text: '1500' }]);
    await diagnosticsOf(uri, 2, 1);
    expect(hoverText(await hoverAt(client, uri, SITE_LINE, SITE_COLUMN))).toMatch(/1500 B/);
  });

  test('the size limit and the NUL check hold on every change, and a document that comes back is analysed again', async () => {
    const uri = await openNew(SITE_RS);
    const name = uri.split('/').at(-1)!;
    const huge = `${SITE_RS}${'// padding padding padding padding padding padding padding padding\n'.repeat(50_000)}`;
    await change(uri, 2, [{ text: huge }]);
    await client.until(() => client.messages.find((m) => m.message === `kalloc-lens: not analysing ${name}: it is over the 2 MiB limit`), 20_000);
    await client.until(() => client.lastDiagnostics(uri)?.diagnostics.length === 0 && client.lastDiagnostics(uri)?.version === undefined);
    expect(await within(5_000, 'hover', hoverAt(client, uri, SITE_LINE, SITE_COLUMN))).toBeNull();
    // Back under the limit: analysed again, as a fresh open would be.
    await change(uri, 3, [{ text: SITE_RS }]);
    expect((await diagnosticsOf(uri, 3)).map((d) => d.code)).toEqual(['slab-waste']);
    await change(uri, 4, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\0' }]);
    await client.until(() => client.messages.find((m) => m.message === `kalloc-lens: not analysing ${name}: it looks binary`), 20_000);
    await change(uri, 5, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, text: '' }]);
    expect((await diagnosticsOf(uri, 5)).map((d) => d.code)).toEqual(['slab-waste']);
  });
});

describe('line endings as LSP counts them (item 10)', () => {
  test('lone CR, CRLF and LF files put the diagnostic on the same line', async () => {
    const lf = await diagnosticsOf(await openNew(SITE_RS), 1);
    const crlf = await diagnosticsOf(await openNew(SITE_RS.replaceAll('\n', '\r\n')), 1);
    const cr = await diagnosticsOf(await openNew(SITE_RS.replaceAll('\n', '\r')), 1);
    expect(lf.map((d) => d.range.start.line)).toEqual([SITE_LINE]);
    expect(crlf).toEqual(lf);
    expect(cr).toEqual(lf);
  });

  test('after edits that add and remove lone CRs, answers match a fresh open', async () => {
    const uri = await openNew(SITE_RS);
    // Line 2 ends with a lone CR instead of LF: every later line moves up one for Tree-sitter unless handled.
    await change(uri, 2, [{ range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, text: '\r' }]);
    const edited = await diagnosticsOf(uri, 2);
    const fresh = await diagnosticsOf(await openNew(SITE_RS.replace('\n\nstruct', '\n\rstruct')), 1);
    expect(edited).toEqual(fresh);
    expect(hoverText(await hoverAt(client, uri, SITE_LINE, SITE_COLUMN))).toMatch(/2100 B/);
  });
});
