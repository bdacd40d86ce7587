/**
 * "Kalloc Lens: Select Profile": arch/page size, kernel version and NR_CPUS, for this session
 * (the default: the server is told, nothing is written) or saved to the workspace settings when
 * asked (each save used to write .vscode/settings.json into the kernel tree). The choices come
 * from the server (kalloc-lens/profileChoices), which reads the engine's tables.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import { ProfileChoicesRequest, SessionTargetNotification } from '../../server/src/lsp/protocol.js';

/** NR_CPUS choices: the settings' value (the .config's NR_CPUS, or 8), then common machine sizes. */
const NR_CPUS = [1, 2, 4, 8, 16, 64, 256] as const;

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
  const cpus = await vscode.window.showQuickPick(
    [{ label: 'auto', description: 'the .config NR_CPUS, else 8' }, ...NR_CPUS.map((n) => ({ label: String(n), description: n === 1 ? 'CPU' : 'CPUs' }))],
    { title: 'Kalloc Lens: NR_CPUS (slab orders depend on it)', placeHolder: `now ${config.get('nrCpus') ?? 'auto'}` },
  );
  if (!cpus) return;
  const nrCpus = cpus.label === 'auto' ? null : Number(cpus.label);
  const where = await vscode.window.showQuickPick(
    [
      { label: 'This session', description: 'nothing is written; the settings apply again after a restart', save: false },
      { label: 'Save to workspace settings', description: '.vscode/settings.json', save: true },
    ],
    { title: 'Kalloc Lens: keep this target for' },
  );
  if (!where) return;
  if (!where.save) {
    await client.sendNotification(SessionTargetNotification, { profile: profile.label, kernelVersion: kernel.label, nrCpus });
    return;
  }
  // Saved: the settings hold it now, so the session target ends.
  await client.sendNotification(SessionTargetNotification, {});
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update('profile', profile.label, target);
  await config.update('kernelVersion', kernel.label, target);
  await config.update('nrCpus', nrCpus, target);
}
