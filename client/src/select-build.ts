/**
 * "Kalloc Lens: Select Build Folder": the kernel build whose .config and generated bindings give
 * the target (`make O=...`'s folder, or the kernel tree for an in-tree build), written to
 * `kallocLens.buildDir`; or back to finding it (KBUILD_OUTPUT, else the kernel tree). The server
 * checks the folder and says so when it holds no .config.
 */
import * as vscode from 'vscode';

const FIND = 'Find it (KBUILD_OUTPUT, else the kernel tree)';
const PICK = 'Choose a folder…';

export async function selectBuildDir(): Promise<void> {
  const config = vscode.workspace.getConfiguration('kallocLens');
  const now = config.get<string | null>('buildDir') ?? null;
  const choice = await vscode.window.showQuickPick([PICK, FIND], { title: 'Kalloc Lens: kernel build folder', placeHolder: now ? `now ${now}` : 'now found from the files' });
  if (!choice) return;
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  if (choice === FIND) {
    await config.update('buildDir', null, target);
    return;
  }
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    openLabel: 'Use this build',
    title: 'The kernel build folder (it holds .config and rust/bindings)',
    ...(vscode.workspace.workspaceFolders?.[0] ? { defaultUri: vscode.workspace.workspaceFolders[0].uri } : {}),
  });
  const folder = picked?.[0];
  if (!folder) return;
  await config.update('buildDir', folder.fsPath, target);
}
