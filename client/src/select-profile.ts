/**
 * "Kalloc Lens: Select Profile": arch/page size, then kernel version, written to the settings.
 * The choices come from the server (kalloc-lens/profileChoices), which reads the engine's tables.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import { ProfileChoicesRequest } from '../../server/src/lsp/protocol.js';

export async function selectProfile(client: LanguageClient | undefined): Promise<void> {
  if (!client?.isRunning()) {
    await vscode.window.showInformationMessage('Kalloc Lens: the server is not running; see "Kalloc Lens: Show Output".');
    return;
  }
  const config = vscode.workspace.getConfiguration('kallocLens');
  const choices = await client.sendRequest(ProfileChoicesRequest);
  const profile = await vscode.window.showQuickPick([...choices.profiles], { title: 'Kalloc Lens: architecture and page size', placeHolder: `now ${config.get('profile')}` });
  if (!profile) return;
  const kernel = await vscode.window.showQuickPick([...choices.kernels], { title: 'Kalloc Lens: kernel version', placeHolder: `now ${config.get('kernelVersion')}` });
  if (!kernel) return;
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update('profile', profile.label, target);
  await config.update('kernelVersion', kernel.label, target);
}
