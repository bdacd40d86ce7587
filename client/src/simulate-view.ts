/**
 * The "Simulate this allocation" view: asks the server to simulate the site under the cursor and
 * hands the trace to a webview that draws it (media/simulate-view.js). Strict CSP: one nonce'd
 * script from the extension, no eval, no remote content. The view follows edits of its document
 * and can re-run with another count.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, ResponseError, type LanguageClient } from 'vscode-languageclient/node.js';
import { COMMANDS, type FramePlace, type SimulateArgs, type SimulateNeeds, type SimulateResult } from '../../server/src/lsp/protocol.js';
import { readViewMessage, type HostMessage, type RunInputs, type ViewMessage } from './view-messages.js';

interface Place {
  uri: vscode.Uri;
  position: vscode.Position;
  inputs: RunInputs;
}

export class SimulateView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private place: Place | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private refresh: NodeJS.Timeout | undefined;
  /**
   * The handshake: the webview says `ready` when its script runs (first load, and again if VS
   * Code re-creates it). Until then a posted message can be lost, so the last one waits here and
   * is sent on `ready` (issue 15: "Simulating…" forever on a fresh panel).
   */
  private viewReady = false;
  private last: HostMessage | undefined;
  /** The chain of the trace on screen, with where the server says each frame opens: the only files the view may ask to open. */
  private chain: readonly ({ frame: string; file: string } & FramePlace)[] = [];

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
    this.place = { uri, position, inputs: {} };
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        'kallocLens.simulate',
        'Kalloc Lens: Simulate',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        {
          enableScripts: true,
          localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'dist')],
        },
      );
      this.viewReady = false;
      this.last = undefined;
      this.panel.onDidDispose(() => (this.panel = undefined), null, this.subscriptions);
      // Listen before the HTML is set, so the first `ready` cannot be missed.
      this.panel.webview.onDidReceiveMessage(
        (raw: unknown) => {
          const message = readViewMessage(raw);
          if (message) void this.receive(message);
        },
        null,
        this.subscriptions,
      );
      this.panel.webview.html = this.html(this.panel.webview);
    } else this.panel.reveal(vscode.ViewColumn.Beside, true);
    await this.run();
  }

  hasSite(): boolean {
    return this.panel !== undefined && this.place !== undefined;
  }

  /** Run the view's site again (the palette command while the view has focus). */
  async rerun(): Promise<void> {
    this.panel?.reveal(undefined, false);
    await this.run();
  }

  private async receive(message: ViewMessage): Promise<void> {
    if (message.type === 'ready') {
      this.viewReady = true;
      if (this.last) await this.post(this.last);
    } else if (message.type === 'open') {
      await this.open(message.file, message.frame);
    } else if (this.place) {
      const { type: _type, ...inputs } = message;
      this.place.inputs = inputs;
      await this.run();
    }
  }

  private async post(message: HostMessage): Promise<void> {
    this.last = message;
    if (this.panel && this.viewReady) await this.panel.webview.postMessage(message);
  }

  /**
   * Open a frame of the chain on screen where the server placed it: the file in the workspace's
   * kernel tree (or a workspace folder) at its definition, else the kernel source online at the
   * modelled version. Anything not in the chain is ignored (issue 16, item 16).
   */
  private async open(file: string, frame: string): Promise<void> {
    const known = this.chain.find((f) => f.file === file && f.frame === frame);
    if (!known) return;
    if (known.path === null) {
      await vscode.env.openExternal(vscode.Uri.parse(known.link));
      return;
    }
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(known.path));
    const at = new vscode.Position(known.line ?? 0, 0);
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(at, at) });
  }

  private async run(): Promise<void> {
    const client = this.client();
    if (!this.panel || !this.place || !client) return;
    const { uri, position, inputs } = this.place;
    const args: SimulateArgs = { uri: uri.toString(), position: { line: position.line, character: position.character }, ...inputs };
    let message: HostMessage;
    try {
      const result = (await client.sendRequest(ExecuteCommandRequest.type, { command: COMMANDS.simulate, arguments: [args] })) as SimulateResult;
      this.chain = result.trace.outcome.chain.map((f, i) => ({ frame: f.frame, file: f.file, ...(result.chainPlaces[i] ?? { path: null, line: null, link: '' }) }));
      const inWorkspace = [...new Set(this.chain.filter((f) => f.path !== null).map((f) => f.file))];
      message = { type: 'trace', result, inWorkspace, inputs };
    } catch (error) {
      this.chain = [];
      // The server answers "nothing to simulate here" as a ResponseError; with `needs` the view asks for what is missing.
      const data = error instanceof ResponseError ? (error.data as SimulateNeeds | undefined) : undefined;
      message = data?.needs
        ? { type: 'needs', message: error instanceof Error ? error.message : String(error), needs: data.needs, inputs }
        : { type: 'failed', message: error instanceof ResponseError ? error.message : String(error) };
    }
    await this.post(message);
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
