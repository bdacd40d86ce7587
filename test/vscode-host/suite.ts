/**
 * Runs inside VS Code's extension host (via @vscode/test-electron): activation on a Rust file,
 * the commands, and the settings plumbing (a profile written by the client reaches the server,
 * whose code lens text changes). Bundled to out/vscode-host/suite.cjs by host.test.ts.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

async function eventually<T>(check: () => Promise<T | undefined>, what: string, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function run(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
  const doc = await vscode.workspace.openTextDocument(path.join(folder, 'ring', 'ring.rs'));
  await vscode.window.showTextDocument(doc);
  const extension = vscode.extensions.all.find((e) => e.packageJSON.name === 'kalloc-lens');
  assert.ok(extension, 'the extension is installed');
  await eventually(async () => (extension.isActive ? true : undefined), 'activation on a Rust file');

  const commands = await vscode.commands.getCommands(true);
  for (const id of ['kallocLens.simulate', 'kallocLens.selectProfile', 'kallocLens.selectBuildDir', 'kallocLens.showOutput', 'kallocLens.serverStatus'])
    assert.ok(commands.includes(id), `${id} is registered`);
  const status = await vscode.commands.executeCommand<{ pid: number; version: string }>('kallocLens.serverStatus');
  assert.equal(status?.version, extension.packageJSON.version, 'the server reports the package version');
  assert.ok(Number.isInteger(status?.pid) && status!.pid !== process.pid, 'the server runs in its own process');

  const lensTitles = async () => ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100)) ?? []).map((l) => l.command?.title ?? '');
  await eventually(async () => ((await lensTitles()).includes('order-4 pages · 64 KiB · costly') ? true : undefined), 'the x86_64 lens');

  await vscode.workspace.getConfiguration('kallocLens').update('profile', 'arm64-64k', vscode.ConfigurationTarget.Workspace);
  await eventually(async () => ((await lensTitles()).includes('kmalloc-64k · no waste') ? true : undefined), 'the arm64-64k lens after the setting changed');
  await vscode.workspace.getConfiguration('kallocLens').update('profile', undefined, vscode.ConfigurationTarget.Workspace);
}
