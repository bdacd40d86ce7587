/**
 * The VS Code extension: starts the bundled kalloc-lens server over IPC and wires the UI
 * (commands, status bar, the simulate view). Everything about allocations is the server's.
 */
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node.js';
import { COMMANDS, ServerStatusRequest, SIMULATE_VIEW_COMMAND, TargetNotification, type EditorOptions } from '../../server/src/lsp/protocol.js';
import { restartingErrorHandler } from './restart-policy.js';
import { selectBuildDir } from './select-build.js';
import { withoutRestartFlag } from './restart-log.js';
import { selectProfile } from './select-profile.js';
import { SimulateView } from './simulate-view.js';
import { statusText } from './status-text.js';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Kalloc Lens');
  const serverModule = context.asAbsolutePath('dist/server.mjs');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'rust' }],
    outputChannel: withoutRestartFlag(output),
    // The hover links to the simulate view; that one command is the only one its Markdown may run.
    initializationOptions: { editor: { simulateCommand: SIMULATE_VIEW_COMMAND } satisfies EditorOptions },
    markdown: { isTrusted: { enabledCommands: [SIMULATE_VIEW_COMMAND] }, supportHtml: false },
    errorHandler: restartingErrorHandler(output),
    middleware: {
      // The server's Simulate lens runs the server command; in VS Code it opens the view instead.
      provideCodeLenses: async (document, token, next) => {
        const lenses = (await next(document, token)) ?? [];
        for (const lens of lenses) {
          if (lens.command?.command === COMMANDS.simulate) lens.command = { ...lens.command, command: SIMULATE_VIEW_COMMAND };
        }
        return lenses;
      },
    },
  };
  client = new LanguageClient('kallocLens', 'Kalloc Lens', serverOptions, clientOptions);

  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 50);
  status.text = 'kalloc …';
  status.command = 'kallocLens.selectProfile';
  status.tooltip = 'Kalloc Lens: the target the allocations are modelled for (click to change)';
  status.show();

  const view = new SimulateView(context, () => client);
  context.subscriptions.push(
    output,
    status,
    view,
    vscode.commands.registerCommand('kallocLens.simulate', () => {
      const editor = vscode.window.activeTextEditor;
      if (editor?.document.languageId === 'rust') return view.show(editor.document.uri, editor.selection.active);
      // From the palette while the simulate view has focus: run its site again.
      if (view.hasSite()) return view.rerun();
      return vscode.window.showInformationMessage('Kalloc Lens: open a Rust file and put the cursor on an allocation.');
    }),
    vscode.commands.registerCommand(SIMULATE_VIEW_COMMAND, (args: { uri: string; position: { line: number; character: number } }) =>
      view.show(vscode.Uri.parse(args.uri), new vscode.Position(args.position.line, args.position.character)),
    ),
    vscode.commands.registerCommand('kallocLens.selectProfile', () => selectProfile(client)),
    vscode.commands.registerCommand('kallocLens.selectBuildDir', () => selectBuildDir()),
    // The server's version and process id, shown and returned (a test that drives the editor ends exactly that process).
    vscode.commands.registerCommand('kallocLens.serverStatus', async () => {
      if (!client?.isRunning()) return vscode.window.showInformationMessage('Kalloc Lens: the server is not running; see "Kalloc Lens: Show Output".');
      const status = await client.sendRequest(ServerStatusRequest);
      void vscode.window.showInformationMessage(`Kalloc Lens: server ${status.version}, process ${status.pid}`);
      return status;
    }),
    vscode.commands.registerCommand('kallocLens.showOutput', () => output.show(true)),
  );
  await client.start();
  context.subscriptions.push(
    client.onNotification(TargetNotification, (target) => {
      status.text = statusText(target, homedir());
      const tree = target.kernelRoot ? `, kernel tree ${target.kernelRoot}` : '';
      status.tooltip = `Kalloc Lens: ${target.profile}, ${target.pageSize / 1024} KiB pages, ${target.nrCpus} CPUs, kernel ${target.kernel}${tree}${target.sources.length ? ` (${target.sources.join(', ')})` : ''}. Click to change the profile; "Kalloc Lens: Select Build Folder" picks the build.`;
    }),
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
