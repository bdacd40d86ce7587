/**
 * The language server, as a binder: on initialize it makes the parts (DocumentStore, TargetState,
 * the workspace index) and lets each feature in features/ bind its own handlers; here stay only
 * the document sync, settings, watched files and indexing that feed those parts. Plain LSP over
 * any transport the connection was made with; never imports `vscode`. Each handler is guarded
 * (guard.ts): a failure is logged and answered empty.
 */
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
import { localPath } from './local-path.js';
import { SessionTargetNotification, TargetNotification, type EditorOptions } from './protocol.js';
import type { ServerContext } from './server-context.js';
import { isGeneratedRust } from '../workspace/kernel-paths.js';
import { BuildWatcher } from './build-watcher.js';
import { TargetState } from './target-state.js';
import { WorkspaceIndexer } from './workspace-indexer.js';

/** Each feature binds its handlers and says which capabilities it gives. */
const FEATURES = [diagnostics, hover, codeLens, codeActions, inlayHints, commands, profileChoices, serverStatus];

export class KallocServer {
  private ctx: ServerContext | undefined;
  private roots: string[] = [];
  /** Settles when the first index of the workspace is built (made at initialize, so a file opened before `initialized` waits too). */
  private indexing: Promise<void> = Promise.resolve();
  private indexingDone: () => void = () => undefined;
  private readonly buildWatcher = new BuildWatcher(
    () => this.targetFilesChanged(),
    (message) => this.connection.console.info(message),
  );
  /** Workspace folders that are not local files, told to the user once initialized. */
  private readonly ignoredFolders: string[] = [];

  constructor(private readonly connection: Connection) {}

  listen(): void {
    const c = this.connection;
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(() => void this.initialized());
    c.onShutdown(() => {
      this.buildWatcher.dispose();
      this.ctx?.documents.closeAll();
    });
    c.listen();
  }

  private async initialize(params: InitializeParams): Promise<InitializeResult> {
    const c = this.connection;
    const log = c.console;
    // Only local folders: a vscode-vfs: or file://host/ folder is named in a message and left out.
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.roots = [];
    for (const uri of folders) {
      const path = localPath(uri);
      if (path) this.roots.push(path);
      else this.ignoredFolders.push(uri);
    }
    const target = new TargetState(this.roots[0] ?? null, (message) => this.tell(MessageType.Warning, message));
    // Settings given at start (editors without workspace/configuration send them here).
    const initial = (params.initializationOptions as { kallocLens?: unknown } | undefined)?.kallocLens ?? params.initializationOptions;
    target.apply(initial && typeof initial === 'object' ? initial : undefined);
    const workspace = new WorkspaceIndexer(await createRustParser());
    const documents = new DocumentStore(await createRustParser(), workspace, target, (skipped) =>
      this.tell(MessageType.Info, `kalloc-lens: not analysing ${skipped.uri.split('/').at(-1)}: ${skipped.reason}`),
    );
    const ctx: ServerContext = {
      documents,
      folders: this.roots,
      target,
      workspace,
      client: params.capabilities,
      editor: editorOptions(params.initializationOptions),
      indexed: () => this.indexing,
      tell: (type, message) => this.tell(type, message),
    };
    this.ctx = ctx;
    this.indexing = new Promise((resolve) => (this.indexingDone = resolve));

    c.onDidOpenTextDocument(
      guard(log, 'didOpen', undefined, (p) => {
        const skipped = documents.open(p.textDocument.uri, p.textDocument.version, p.textDocument.text);
        if (skipped) this.tell(MessageType.Info, `kalloc-lens: not analysing ${skipped.uri.split('/').at(-1)}: ${skipped.reason}`);
        const doc = documents.get(p.textDocument.uri);
        if (doc) this.openedFile(doc.path);
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
    c.onNotification(
      SessionTargetNotification,
      guard(log, 'sessionTarget', undefined, (p) => {
        target.setSession(p);
        this.announceTarget();
        documents.invalidateAll();
      }),
    );
    c.onDidChangeWatchedFiles(guard(log, 'didChangeWatchedFiles', undefined, (p) => this.filesChanged(p.changes)));
    const capabilities: ServerCapabilities = { textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental } };
    for (const feature of FEATURES) Object.assign(capabilities, feature.register(c, ctx));
    return { capabilities, serverInfo: { name: 'kalloc-lens', version: VERSION } };
  }

  private async initialized(): Promise<void> {
    const ctx = this.ctx!;
    for (const uri of this.ignoredFolders) this.tell(MessageType.Info, `kalloc-lens: ignoring workspace folder ${uri.slice(0, 200)}: not a local file: folder`);
    this.announceTarget();
    if (ctx.client.workspace?.configuration === true) {
      await this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'kallocLens' }).catch(() => undefined);
      await this.pullSettings();
    }
    if (ctx.client.workspace?.didChangeWatchedFiles?.dynamicRegistration === true) {
      await this.connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: '**/*.rs' }, { globPattern: '**/.config' }, { globPattern: '**/Makefile' }, { globPattern: '**/rust/bindings/bindings_generated.rs' }],
        })
        .catch(() => undefined);
    }
    await this.indexWorkspace(ctx).finally(() => this.indexingDone());
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

  /** The target the server models, for clients that show it (protocol.ts); its build is watched. */
  private announceTarget(): void {
    this.buildWatcher.follow(this.ctx!.target.target.build?.dir ?? null);
    void this.connection.sendNotification(TargetNotification, this.ctx!.target.params());
  }

  /** The build's .config or bindings, or the Makefile, changed: the same settings against the new files. */
  private targetFilesChanged(): void {
    const ctx = this.ctx;
    if (!ctx) return;
    ctx.target.reread();
    this.announceTarget();
    ctx.documents.invalidateAll();
  }

  /**
   * A file was opened. With no workspace folder it says where the kernel tree is; and what it
   * needs around it (its crate, rust/kernel) is indexed once the workspace index is built.
   */
  private openedFile(path: string): void {
    const ctx = this.ctx!;
    if (ctx.target.startFrom(path)) {
      this.announceTarget();
      ctx.documents.invalidateAll();
    }
    void this.indexing.then(() => {
      try {
        if (ctx.workspace.indexAround(path) > 0) ctx.documents.invalidateAll();
      } catch (error) {
        this.connection.console.error(`kalloc-lens: indexing around ${path} failed: ${(error as Error).stack ?? String(error)}`);
      }
    });
  }

  private filesChanged(changes: readonly { uri: string; type: FileChangeType }[]): void {
    const ctx = this.ctx!;
    let targetFiles = false;
    for (const change of changes) {
      const path = localPath(change.uri);
      if (!path) continue;
      if (path.endsWith('.config') || path.endsWith('Makefile') || isGeneratedRust(path)) targetFiles = true;
      else if (change.type === FileChangeType.Deleted) ctx.workspace.removeFile(path);
      else ctx.workspace.indexFile(path);
    }
    if (targetFiles) this.targetFilesChanged();
    else ctx.documents.invalidateAll();
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
