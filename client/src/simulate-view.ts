/**
 * The "Simulate this allocation" view: asks the server to simulate the site under the cursor and
 * hands the trace to a webview that draws it (media/simulate-view.js). Strict CSP: one nonce'd
 * script from the extension, no eval, no remote content. The view follows edits of its document
 * and can re-run with another count.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, ResponseError, type LanguageClient } from 'vscode-languageclient/node.js';
import { COMMANDS, type SimulateArgs, type SimulateResult } from '../../server/src/lsp/protocol.js';
import { readViewMessage, type HostMessage, type ViewMessage } from './view-messages.js';

interface Place {
  uri: vscode.Uri;
  position: vscode.Position;
  count?: number;
}

export class SimulateView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private place: Place | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private refresh: NodeJS.Timeout | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: () => LanguageClient | undefined,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (!this.panel || e.document.uri.toString() !== this.place?.uri.toString()) return;
        clearTimeout(this.refresh);
        this.refresh = setTimeout(() => void this.run(), 400);
      }),
    );
  }

  async show(uri: vscode.Uri, position: vscode.Position): Promise<void> {
    this.place = { uri, position };
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('kallocLens.simulate', 'Kalloc Lens: Simulate', vscode.ViewColumn.Beside, {
        enableScripts: true,
        localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'dist')],
      });
      this.panel.webview.html = this.html(this.panel.webview);
      this.panel.onDidDispose(() => (this.panel = undefined), null, this.subscriptions);
      this.panel.webview.onDidReceiveMessage(
        (raw: unknown) => {
          const message = readViewMessage(raw);
          if (message) void this.receive(message);
        },
        null,
        this.subscriptions,
      );
    } else this.panel.reveal(vscode.ViewColumn.Beside, true);
    await this.run();
  }

  private async receive(message: ViewMessage): Promise<void> {
    if (message.type === 'open') {
      const path = this.workspaceFile(message.file);
      if (path) await vscode.window.showTextDocument(vscode.Uri.file(path), { viewColumn: vscode.ViewColumn.One });
    } else if (this.place) {
      this.place.count = message.count;
      await this.run();
    }
  }

  /** A kernel file (`rust/kernel/alloc/kvec.rs`) as it exists in an open workspace folder, if it does. */
  private workspaceFile(file: string): string | undefined {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const path = join(folder.uri.fsPath, file);
      if (existsSync(path)) return path;
    }
    return undefined;
  }

  private async run(): Promise<void> {
    const client = this.client();
    if (!this.panel || !this.place || !client) return;
    const { uri, position, count } = this.place;
    const args: SimulateArgs = { uri: uri.toString(), position: { line: position.line, character: position.character }, ...(count ? { count } : {}) };
    let message: HostMessage;
    try {
      const result = (await client.sendRequest(ExecuteCommandRequest.type, { command: COMMANDS.simulate, arguments: [args] })) as SimulateResult;
      const inWorkspace = [...new Set(result.trace.outcome.chain.map((f) => f.file))].filter((f) => this.workspaceFile(f));
      message = { type: 'trace', result, inWorkspace, count: count ?? null };
    } catch (error) {
      // The server answers "nothing to simulate here" as a ResponseError; anything else is a bug worth showing too.
      message = { type: 'failed', message: error instanceof ResponseError ? error.message : String(error) };
    }
    await this.panel.webview.postMessage(message);
  }

  private html(webview: vscode.Webview): string {
    const nonce = randomBytes(16).toString('base64');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'simulate-view.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'simulate-view.css'));
    return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${webview.cspSource}; style-src ${webview.cspSource}; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${style}">
<title>Kalloc Lens: Simulate</title></head>
<body><main id="root" aria-live="polite"><p>Simulating…</p></main>
<script nonce="${nonce}" src="${script}"></script></body></html>`;
  }

  dispose(): void {
    clearTimeout(this.refresh);
    this.panel?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
