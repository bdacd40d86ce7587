/**
 * "Kalloc Lens: Select Profile": arch/page size, then kernel version, written to the settings.
 * The profiles and the newest kernel come from the engine's tables; the older versions offered
 * are one per era the engine models.
 */
import * as vscode from 'vscode';
import { ARCH_PROFILES } from '../../engine/src/data/arch-profiles.js';
import { NEWEST_KERNEL_TEXT } from '../../engine/src/kernel-version.js';

const ERA_VERSIONS = [
  { label: '7.0', description: 'SLUB sheaves' },
  { label: '6.18', description: 'per-CPU slab, krealloc_node_align' },
  { label: '6.13', description: 'the Allocator trait' },
  { label: '6.12', description: 'VecExt/BoxExt' },
  { label: '6.6', description: 'the alloc crate (try_push)' },
];

export async function selectProfile(): Promise<void> {
  const config = vscode.workspace.getConfiguration('kallocLens');
  const profiles = [
    { label: 'auto', description: 'from the workspace .config, else x86_64' },
    ...ARCH_PROFILES.map((p) => ({ label: p.name, description: `${2 ** p.pageShift / 1024} KiB pages` })),
  ];
  const kernels = [
    { label: 'auto', description: 'from the workspace Makefile or .config, else the newest modelled' },
    { label: NEWEST_KERNEL_TEXT, description: 'the newest modelled' },
    ...ERA_VERSIONS,
  ];
  const profile = await vscode.window.showQuickPick(profiles, { title: 'Kalloc Lens: architecture and page size', placeHolder: `now ${config.get('profile')}` });
  if (!profile) return;
  const kernel = await vscode.window.showQuickPick(kernels, { title: 'Kalloc Lens: kernel version', placeHolder: `now ${config.get('kernelVersion')}` });
  if (!kernel) return;
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update('profile', profile.label, target);
  await config.update('kernelVersion', kernel.label, target);
}
