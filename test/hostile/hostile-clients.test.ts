/**
 * Issue 16 items 7 and 9: clients unlike VS Code. One that neither answers
 * workspace/configuration nor sends initializationOptions still gets the target from the
 * workspace's .config and Makefile; workspace folders that are not local files are ignored
 * with a message, not a failed initialize.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { LspTestClient } from '../lsp/lsp-client.js';
import { hoverAt, hoverText, removeWorkspace, SITE_COLUMN, SITE_LINE, SITE_RS, tempWorkspace, within } from './hostile-workspace.js';

let client: LspTestClient | undefined;
let work: string | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
  if (work) removeWorkspace(work);
  work = undefined;
});

/** initialize as a bare client: no configuration pull, no watchers, no initializationOptions. */
async function bareInitialize(c: LspTestClient, folders: { uri: string; name: string }[], rootUri: string | null): Promise<unknown> {
  const result = await within(20_000, 'initialize', c.connection.sendRequest('initialize', { processId: process.pid, rootUri, workspaceFolders: folders, capabilities: {} }));
  await c.connection.sendNotification('initialized', {});
  return result;
}

describe('a client without workspace/configuration or initializationOptions (item 7)', () => {
  test('the .config and Makefile still pick the target', async () => {
    work = tempWorkspace('bare');
    writeFileSync(join(work, '.config'), '# Linux/arm64 6.18.0 Kernel Configuration\nCONFIG_ARM64=y\nCONFIG_ARM64_64K_PAGES=y\nCONFIG_SMP=y\nCONFIG_NR_CPUS=4\n');
    writeFileSync(join(work, 'Makefile'), 'VERSION = 6\nPATCHLEVEL = 18\nSUBLEVEL = 2\n');
    // A kernel root is a Makefile with VERSION and PATCHLEVEL beside a Kconfig (server/src/target).
    writeFileSync(join(work, 'Kconfig'), 'mainmenu "Linux/$(ARCH) $(KERNELVERSION) Kernel Configuration"\n');
    const c = (client = LspTestClient.start());
    const targets: { profile: string; kernel: string }[] = [];
    c.connection.onNotification('kalloc-lens/target', (p: { profile: string; kernel: string }) => targets.push(p));
    const uri = pathToFileURL(work).href;
    await bareInitialize(c, [{ uri, name: 'bare' }], uri);
    await c.until(() => targets.find((t) => t.profile === 'arm64-64k' && t.kernel === '6.18.2'));
    const doc = await c.open(join(work, 'a.rs'), SITE_RS);
    expect(hoverText(await c.eventually(() => hoverAt(c, doc, SITE_LINE, SITE_COLUMN)))).toMatch(/arm64-64k/);
  });
});

describe('workspace folders that are not local files (item 9)', () => {
  test('vscode-vfs: and file://host/ folders are ignored with a message; the local one is used', async () => {
    work = tempWorkspace('vfs');
    const c = (client = LspTestClient.start());
    const local = pathToFileURL(work).href;
    const result = (await bareInitialize(
      c,
      [
        { uri: 'vscode-vfs://github/torvalds/linux', name: 'remote' },
        { uri: 'file://fileserver/share/linux', name: 'unc' },
        { uri: local, name: 'local' },
      ],
      'vscode-vfs://github/torvalds/linux',
    )) as { capabilities?: unknown };
    expect(result.capabilities).toBeTruthy();
    await c.until(() => c.messages.find((m) => /ignoring workspace folder vscode-vfs:\/\/github\/torvalds\/linux: not a local file: folder/.test(m.message)));
    await c.until(() => c.messages.find((m) => /ignoring workspace folder file:\/\/fileserver\/share\/linux: not a local file: folder/.test(m.message)));
    const doc = await c.open(join(work, 'a.rs'), SITE_RS);
    await c.until(() => c.lastDiagnostics(doc)?.diagnostics.length);
    // A document with a non-file URI is analysed from its text; a watched-file event for one is ignored.
    await c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file://fileserver/share/b.rs', languageId: 'rust', version: 1, text: SITE_RS } });
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: 'vscode-vfs://github/x.rs', type: 2 },
        { uri: 'file://fileserver/share/c.rs', type: 1 },
      ],
    });
    await c.until(() => c.lastDiagnostics('file://fileserver/share/b.rs')?.diagnostics.length);
    expect(c.logs.filter((l) => /didOpen|didChangeWatchedFiles/.test(l) && /failed|Error/.test(l))).toEqual([]);
  });

  test('only non-local folders: initialize still succeeds, with nothing indexed', async () => {
    const c = (client = LspTestClient.start());
    const result = (await bareInitialize(c, [{ uri: 'vscode-vfs://github/torvalds/linux', name: 'remote' }], null)) as { capabilities?: unknown };
    expect(result.capabilities).toBeTruthy();
    await c.until(() => c.messages.find((m) => /ignoring workspace folder vscode-vfs:/.test(m.message)));
  });
});
