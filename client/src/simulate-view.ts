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
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node.js';

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
      this.panel.webview.onDidReceiveMessage((m: { type: string; file?: string; count?: number }) => this.receive(m), null, this.subscriptions);
    } else this.panel.reveal(vscode.ViewColumn.Beside, true);
    await this.run();
  }

  private async receive(message: { type: string; file?: string; count?: number }): Promise<void> {
    if (message.type === 'open' && message.file) {
      const path = this.workspaceFile(message.file);
      if (path) await vscode.window.showTextDocument(vscode.Uri.file(path), { viewColumn: vscode.ViewColumn.One });
    } else if (message.type === 'count' && this.place && Number.isInteger(message.count)) {
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
    const result = (await client.sendRequest(ExecuteCommandRequest.type, {
      command: 'kalloc-lens.simulate',
      arguments: [{ uri: uri.toString(), position: { line: position.line, character: position.character }, ...(count ? { count } : {}) }],
    })) as { error?: string; site?: unknown; trace?: { outcome: { chain: { file: string }[] } } };
    const inWorkspace = result.trace ? [...new Set(result.trace.outcome.chain.map((f) => f.file))].filter((f) => this.workspaceFile(f)) : [];
    await this.panel.webview.postMessage({ type: 'trace', result, inWorkspace, count: count ?? null });
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
