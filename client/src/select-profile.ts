/** "Kalloc Lens: Select Profile": arch/page size, then kernel version, written to the settings. */
import * as vscode from 'vscode';

const PROFILES = [
  { label: 'auto', description: 'from the workspace .config, else x86_64' },
  { label: 'x86_64', description: '4 KiB pages' },
  { label: 'arm64-4k', description: '4 KiB pages' },
  { label: 'arm64-16k', description: '16 KiB pages' },
  { label: 'arm64-64k', description: '64 KiB pages' },
];
const KERNELS = [
  { label: 'auto', description: 'from the workspace Makefile or .config, else the newest modelled' },
  { label: '7.1.5', description: 'SLUB sheaves' },
  { label: '7.0', description: 'SLUB sheaves' },
  { label: '6.18', description: 'per-CPU slab' },
  { label: '6.13', description: 'the Allocator trait' },
  { label: '6.12', description: 'VecExt/BoxExt' },
  { label: '6.6', description: 'the alloc crate (try_push)' },
];

export async function selectProfile(): Promise<void> {
  const config = vscode.workspace.getConfiguration('kallocLens');
  const profile = await vscode.window.showQuickPick(PROFILES, { title: 'Kalloc Lens: architecture and page size', placeHolder: `now ${config.get('profile')}` });
  if (!profile) return;
  const kernel = await vscode.window.showQuickPick(KERNELS, { title: 'Kalloc Lens: kernel version', placeHolder: `now ${config.get('kernelVersion')}` });
  if (!kernel) return;
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update('profile', profile.label, target);
  await config.update('kernelVersion', kernel.label, target);
}
