/**
 * The language server, as a binder: on initialize it makes the parts (DocumentStore, TargetState,
 * the workspace index) and lets each feature in features/ bind its own handlers; here stay only
 * the document sync, settings, watched files and indexing that feed those parts. Plain LSP over
 * any transport the connection was made with; never imports `vscode`. Each handler is guarded
 * (guard.ts): a failure is logged and answered empty.
 */
import { fileURLToPath } from 'node:url';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  MessageType,
  ShowMessageNotification,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type ServerCapabilities,
} from 'vscode-languageserver';
import { createRustParser } from '../parse/rust-parser.js';
import { VERSION } from '../version.js';
import { DocumentStore } from './document-store.js';
import * as codeActions from './features/code-actions.js';
import * as codeLens from './features/code-lens.js';
import * as commands from './features/commands.js';
import * as diagnostics from './features/diagnostics.js';
import * as hover from './features/hover.js';
import * as inlayHints from './features/inlay-hints.js';
import * as profileChoices from './features/profile-choices.js';
import * as serverStatus from './features/server-status.js';
import { guard } from './guard.js';
import { SessionTargetNotification, TargetNotification, type EditorOptions } from './protocol.js';
import type { ServerContext } from './server-context.js';
import { TargetState } from './target-state.js';
import { WorkspaceIndexer } from './workspace-indexer.js';

/** Each feature binds its handlers and says which capabilities it gives. */
const FEATURES = [diagnostics, hover, codeLens, codeActions, inlayHints, commands, profileChoices, serverStatus];

export class KallocServer {
  private ctx: ServerContext | undefined;
  private roots: string[] = [];
  private indexing: Promise<void> = Promise.resolve();

  constructor(private readonly connection: Connection) {}

  listen(): void {
    const c = this.connection;
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(() => void this.initialized());
    c.onShutdown(() => this.ctx?.documents.closeAll());
    c.listen();
  }

  private async initialize(params: InitializeParams): Promise<InitializeResult> {
    const c = this.connection;
    const log = c.console;
    this.roots = (params.workspaceFolders?.map((f) => fileURLToPath(f.uri)) ?? (params.rootUri ? [fileURLToPath(params.rootUri)] : [])).filter(Boolean);
    const target = new TargetState(this.roots[0] ?? null, (message) => this.tell(MessageType.Warning, message));
    // Settings given at start (editors without workspace/configuration send them here).
    const initial = (params.initializationOptions as { kallocLens?: unknown } | undefined)?.kallocLens ?? params.initializationOptions;
    target.apply(initial && typeof initial === 'object' ? initial : undefined);
    const workspace = new WorkspaceIndexer(await createRustParser());
    const documents = new DocumentStore(await createRustParser(), workspace, target);
    const ctx: ServerContext = {
      documents,
      target,
      workspace,
      client: params.capabilities,
      editor: editorOptions(params.initializationOptions),
      indexed: () => this.indexing,
      tell: (type, message) => this.tell(type, message),
    };
    this.ctx = ctx;

    c.onDidOpenTextDocument(
      guard(log, 'didOpen', undefined, (p) => {
        const skipped = documents.open(p.textDocument.uri, p.textDocument.version, p.textDocument.text);
        if (skipped) this.tell(MessageType.Info, `kalloc-lens: not analysing ${skipped.uri.split('/').at(-1)}: ${skipped.reason}`);
      }),
    );
    c.onDidChangeTextDocument(
      guard(log, 'didChange', undefined, (p) => {
        const skipped = documents.change(p.textDocument.uri, p.textDocument.version, p.contentChanges);
        if (skipped) this.tell(MessageType.Info, `kalloc-lens: not analysing ${skipped.uri.split('/').at(-1)}: ${skipped.reason}`);
      }),
    );
    c.onDidCloseTextDocument(guard(log, 'didClose', undefined, (p) => documents.close(p.textDocument.uri)));
    c.onDidChangeConfiguration(guard(log, 'didChangeConfiguration', undefined, (p) => this.reloadSettings(p.settings)));
    c.onNotification(SessionTargetNotification, guard(log, 'sessionTarget', undefined, (p) => {
      target.setSession(p);
      this.announceTarget();
      documents.invalidateAll();
    }));
    c.onDidChangeWatchedFiles(guard(log, 'didChangeWatchedFiles', undefined, (p) => this.filesChanged(p.changes)));
    const capabilities: ServerCapabilities = { textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental } };
    for (const feature of FEATURES) Object.assign(capabilities, feature.register(c, ctx));
    return { capabilities, serverInfo: { name: 'kalloc-lens', version: VERSION } };
  }

  private async initialized(): Promise<void> {
    const ctx = this.ctx!;
    this.announceTarget();
    if (ctx.client.workspace?.configuration === true) {
      await this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'kallocLens' }).catch(() => undefined);
      await this.pullSettings();
    }
    if (ctx.client.workspace?.didChangeWatchedFiles?.dynamicRegistration === true) {
      await this.connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.rs' }, { globPattern: '**/.config' }, { globPattern: '**/Makefile' }] })
        .catch(() => undefined);
    }
    this.indexing = this.indexWorkspace(ctx);
    await this.indexing;
  }

  private async indexWorkspace(ctx: ServerContext): Promise<void> {
    if (this.roots.length === 0) return;
    const progress = await this.connection.window.createWorkDoneProgress().catch(() => null);
    progress?.begin('Indexing', 0, 'Rust files', false);
    try {
      const summary = await ctx.workspace.indexRoots(this.roots, {
        report: (done, total) => progress?.report(Math.round((done / Math.max(total, 1)) * 100), `Indexing ${done}/${total} files`),
      });
      this.connection.console.info(`kalloc-lens: indexed ${summary.files} files in ${summary.milliseconds.toFixed(0)} ms${summary.skipped.length ? `; skipped ${summary.skipped.length}` : ''}`);
      for (const s of summary.skipped.slice(0, 20)) this.connection.console.info(`kalloc-lens: skipped ${s.file}: ${s.reason}`);
    } catch (error) {
      // What was indexed stays; the session goes on (simulate and hovers keep working).
      this.tell(MessageType.Warning, `kalloc-lens: indexing stopped early: ${(error as Error).message}`);
    } finally {
      // The progress always ends, or the editor shows "Indexing" for good.
      progress?.done();
    }
    // Open documents keep their own items.
    for (const doc of ctx.documents.all()) ctx.workspace.setOpenTree(doc.path, doc.tree);
    ctx.documents.invalidateAll();
  }

  /** Ask the client for the settings; if it fails to answer, keep the last good ones and say why. */
  private async pullSettings(): Promise<void> {
    let raw: unknown;
    try {
      raw = await this.connection.workspace.getConfiguration('kallocLens');
    } catch (error) {
      this.connection.console.warn(`kalloc-lens: the client did not send the settings (${error instanceof Error ? error.message : String(error)}); keeping the current ones`);
      return;
    }
    this.applySettings(raw);
  }

  private reloadSettings(pushed: unknown): Promise<void> | void {
    if (this.ctx!.client.workspace?.configuration === true) return this.pullSettings();
    this.applySettings((pushed as { kallocLens?: unknown } | undefined)?.kallocLens);
  }

  private applySettings(raw: unknown): void {
    this.ctx!.target.apply(raw);
    this.announceTarget();
    this.ctx!.documents.invalidateAll();
  }

  /** The target the server models, for clients that show it (protocol.ts). */
  private announceTarget(): void {
    void this.connection.sendNotification(TargetNotification, this.ctx!.target.params());
  }

  private filesChanged(changes: readonly { uri: string; type: FileChangeType }[]): void {
    const ctx = this.ctx!;
    let targetFiles = false;
    for (const change of changes) {
      const path = fileURLToPath(change.uri);
      if (path.endsWith('.config') || path.endsWith('Makefile')) targetFiles = true;
      else if (change.type === FileChangeType.Deleted) ctx.workspace.removeFile(path);
      else ctx.workspace.indexFile(path);
    }
    if (targetFiles) {
      ctx.target.reread();
      this.announceTarget();
    }
    ctx.documents.invalidateAll();
  }

  /** A message the user sees (window/showMessage: a notification, nothing to answer). */
  private tell(type: MessageType, message: string): void {
    void this.connection.sendNotification(ShowMessageNotification.type, { type, message });
  }
}

/** `initializationOptions.editor`, checked: a command id is a plain dotted name or nothing. */
function editorOptions(raw: unknown): EditorOptions {
  const editor = (raw as { editor?: { simulateCommand?: unknown } } | null | undefined)?.editor;
  const command = editor?.simulateCommand;
  return typeof command === 'string' && /^[\w.-]{1,100}$/.test(command) ? { simulateCommand: command } : {};
}
