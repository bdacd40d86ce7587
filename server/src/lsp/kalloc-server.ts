/**
 * The language server: documents with incremental Tree-sitter re-parse, the workspace index,
 * settings and target, and the features (diagnostics, hover, code lens, code actions, inlay
 * hints, commands). Plain LSP over any transport the connection was made with; never imports
 * `vscode`. Each handler is guarded (guard.ts): a failure is logged and answered empty.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Parser } from 'web-tree-sitter';
import {
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  InlayHintRefreshRequest,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  MessageType,
  ShowMessageNotification,
  TextDocumentSyncKind,
  type CodeLens,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type InlayHint,
} from 'vscode-languageserver';
import { analyzeSites, type AnalyzedSite, type AnalyzeOptions } from '../analysis/analyze-tree.js';
import { SiteCache } from '../analysis/site-cache.js';
import { siteAt, simulateSite } from '../analysis/simulate-site.js';
import { createRustParser } from '../parse/rust-parser.js';
import { LSP_MAX_FILE_BYTES } from '../workspace/limits.js';
import { readTypeSizesFile, TypeSizesError } from '../workspace/type-sizes-file.js';
import { COMMANDS, explainCommand, readSimulateArgs, type SimulateResult } from './features/commands.js';
import { detectTarget, type Target } from './detect-target.js';
import { codeActions } from './features/code-actions.js';
import { lspDiagnostics } from './features/diagnostics.js';
import { typeHover } from './features/type-hover.js';
import { guard } from './guard.js';
import { siteHover } from './features/hover-text.js';
import { lensTitle } from './features/lens-text.js';
import { contains, toLspRange } from './lsp-ranges.js';
import { OpenDocument } from './open-document.js';
import { TARGET_NOTIFICATION, type TargetParams } from './protocol.js';
import { DEFAULT_SETTINGS, readSettings, type ServerSettings } from './settings.js';
import { WorkspaceIndexer } from './workspace-indexer.js';
import { formatBytes } from '../../../engine/src/format-bytes.js';


interface Analysis {
  readonly version: number;
  readonly generation: number;
  readonly sites: readonly AnalyzedSite[];
}

export class KallocServer {
  private parser!: Parser;
  private indexer!: WorkspaceIndexer;
  private readonly documents = new Map<string, OpenDocument>();
  private readonly analyses = new Map<string, Analysis>();
  /** Per document: each function's sites, re-used while its text is unchanged. */
  private readonly siteCaches = new Map<string, SiteCache>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly oversized = new Set<string>();
  private settings: ServerSettings = DEFAULT_SETTINGS;
  /** The settings as the client last sent them, to re-read when the workspace target changes. */
  private rawSettings: unknown = undefined;
  private target: Target = detectTarget(null, DEFAULT_SETTINGS);
  private options!: AnalyzeOptions;
  /** Bumped when settings, target or the index change: every cached analysis is stale. */
  private generation = 0;
  private roots: string[] = [];
  private canPullConfiguration = false;
  private canWatchFiles = false;
  private canRefreshLenses = false;
  private canRefreshHints = false;
  private indexing: Promise<void> = Promise.resolve();

  constructor(private readonly connection: Connection) {
    this.options = this.analyzeOptions(null);
  }

  listen(): void {
    const c = this.connection;
    const log = c.console;
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(() => void this.initialized());
    c.onDidOpenTextDocument(guard(log, 'didOpen', undefined, (p) => this.open(p.textDocument.uri, p.textDocument.version, p.textDocument.text)));
    c.onDidChangeTextDocument(guard(log, 'didChange', undefined, (p) => this.change(p.textDocument.uri, p.textDocument.version, p.contentChanges)));
    c.onDidCloseTextDocument(guard(log, 'didClose', undefined, (p) => this.close(p.textDocument.uri)));
    c.onDidChangeConfiguration(guard(log, 'didChangeConfiguration', undefined, (p) => this.reloadSettings(p.settings)));
    c.onDidChangeWatchedFiles(guard(log, 'didChangeWatchedFiles', undefined, (p) => this.filesChanged(p.changes)));
    c.onHover(guard(log, 'hover', null, (p) => this.hover(p.textDocument.uri, p.position.line, p.position.character)));
    c.onCodeLens(guard(log, 'codeLens', [] as CodeLens[], (p) => this.codeLenses(p.textDocument.uri)));
    c.onCodeAction(guard(log, 'codeAction', [], (p) => {
      const doc = this.documents.get(p.textDocument.uri);
      return doc ? codeActions(doc, this.sitesOf(doc), p.context.diagnostics) : [];
    }));
    c.languages.inlayHint.on(guard(log, 'inlayHint', [] as InlayHint[], (p) => this.inlayHints(p.textDocument.uri)));
    c.onExecuteCommand(guard(log, 'executeCommand', null as unknown, (p) => this.execute(p.command, p.arguments ?? [])));
    c.onShutdown(() => this.dispose());
    c.listen();
  }

  private async initialize(params: InitializeParams): Promise<InitializeResult> {
    this.parser = await createRustParser();
    this.indexer = new WorkspaceIndexer(await createRustParser());
    this.roots = (params.workspaceFolders?.map((f) => fileURLToPath(f.uri)) ?? (params.rootUri ? [fileURLToPath(params.rootUri)] : [])).filter(Boolean);
    this.canPullConfiguration = params.capabilities.workspace?.configuration === true;
    this.canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    this.canRefreshLenses = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    this.canRefreshHints = params.capabilities.workspace?.inlayHint?.refreshSupport === true;
    // Settings given at start (editors without workspace/configuration send them here).
    const initial = (params.initializationOptions as { kallocLens?: unknown } | undefined)?.kallocLens ?? params.initializationOptions;
    if (initial && typeof initial === 'object') this.applySettings(initial, false);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        inlayHintProvider: true,
        executeCommandProvider: { commands: Object.values(COMMANDS) },
      },
      serverInfo: { name: 'kalloc-lens', version: '0.1.0' },
    };
  }

  private initializedDone = false;

  private async initialized(): Promise<void> {
    this.initializedDone = true;
    this.announceTarget();
    if (this.canPullConfiguration) {
      await this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'kallocLens' }).catch(() => undefined);
      await this.pullSettings();
    }
    if (this.canWatchFiles) {
      await this.connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.rs' }, { globPattern: '**/.config' }, { globPattern: '**/Makefile' }] })
        .catch(() => undefined);
    }
    this.indexing = this.indexWorkspace();
    await this.indexing;
  }

  private async indexWorkspace(): Promise<void> {
    if (this.roots.length === 0) return;
    const progress = await this.connection.window.createWorkDoneProgress().catch(() => null);
    progress?.begin('Indexing', 0, 'Rust files', false);
    const summary = await this.indexer.indexRoots(this.roots, {
      report: (done, total) => progress?.report(Math.round((done / Math.max(total, 1)) * 100), `Indexing ${done}/${total} files`),
    });
    progress?.done();
    this.connection.console.info(`kalloc-lens: indexed ${summary.files} files in ${summary.milliseconds.toFixed(0)} ms${summary.skipped.length ? `; skipped ${summary.skipped.length}` : ''}`);
    for (const s of summary.skipped.slice(0, 20)) this.connection.console.info(`kalloc-lens: skipped ${s.file}: ${s.reason}`);
    // Open documents keep their own items.
    for (const doc of this.documents.values()) this.indexer.setOpenTree(doc.path, doc.tree);
    this.invalidateAll();
  }

  private async pullSettings(): Promise<void> {
    const raw = await this.connection.workspace.getConfiguration('kallocLens').catch(() => undefined);
    this.applySettings(raw, true);
  }

  private reloadSettings(pushed: unknown): Promise<void> | void {
    if (this.canPullConfiguration) return this.pullSettings();
    const section = (pushed as { kallocLens?: unknown } | undefined)?.kallocLens;
    this.applySettings(section, true);
  }

  private applySettings(raw: unknown, reanalyze: boolean): void {
    this.rawSettings = raw;
    const { settings, warnings } = readSettings(raw);
    for (const w of warnings) this.tell(MessageType.Warning, `kalloc-lens: ${w}`);
    this.settings = settings;
    try {
      this.target = detectTarget(this.roots[0] ?? null, settings);
    } catch (error) {
      this.tell(MessageType.Warning, `kalloc-lens: cannot use the workspace's target (${(error as Error).message}); using ${DEFAULT_SETTINGS.profile} defaults`);
      this.target = detectTarget(null, DEFAULT_SETTINGS);
    }
    this.options = this.analyzeOptions(this.roots[0] ?? null);
    if (this.initializedDone) this.announceTarget();
    if (reanalyze) this.invalidateAll();
  }

  private announceTarget(): void {
    const t = this.target;
    const params: TargetParams = { profile: t.profile.name, pageSize: t.profile.constants.PAGE_SIZE, nrCpus: t.profile.nrCpus, kernel: t.kernelText, sources: t.sources };
    void this.connection.sendNotification(TARGET_NOTIFICATION, params);
  }

  private analyzeOptions(root: string | null): AnalyzeOptions {
    const s = this.settings;
    let userSizes: AnalyzeOptions['userSizes'];
    if (s.typeSizesFile) {
      const path = root && !s.typeSizesFile.startsWith('/') ? join(root, s.typeSizesFile) : s.typeSizesFile;
      try {
        userSizes = readTypeSizesFile(path);
      } catch (error) {
        if (!(error instanceof TypeSizesError)) throw error;
        this.tell(MessageType.Warning, `kalloc-lens: kallocLens.typeSizesFile ${path}: ${error.message}; no type sizes are used`);
      }
    }
    return {
      profile: this.target.profile,
      ...(this.target.kernel ? { kernel: this.target.kernel } : {}),
      includeDoc: s.docCommentSites,
      ...(userSizes ? { userSizes } : {}),
      diagnostics: { wasteMinPercent: s.waste.minPercent, wasteMinBytes: s.waste.minBytes, severity: s.severity },
    };
  }

  private filesChanged(changes: readonly { uri: string; type: FileChangeType }[]): void {
    let targetFiles = false;
    for (const change of changes) {
      const path = fileURLToPath(change.uri);
      if (path.endsWith('.config') || path.endsWith('Makefile')) targetFiles = true;
      else if (change.type === FileChangeType.Deleted) this.indexer.removeFile(path);
      else this.indexer.indexFile(path);
    }
    // The same settings, read again against the changed .config or Makefile.
    if (targetFiles) this.applySettings(this.rawSettings, false);
    this.invalidateAll();
  }

  private invalidateAll(): void {
    this.generation++;
    for (const uri of this.documents.keys()) this.schedule(uri, 0);
    // Lenses and hints are pulled by the editor: ask it to pull again, where it can be asked.
    if (this.canRefreshLenses) void this.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    if (this.canRefreshHints) void this.connection.sendRequest(InlayHintRefreshRequest.type).catch(() => undefined);
  }

  private open(uri: string, version: number, text: string): void {
    this.close(uri);
    if (text.length > LSP_MAX_FILE_BYTES || text.includes('\0')) {
      this.oversized.add(uri);
      const why = text.includes('\0') ? 'it looks binary' : `it is over the ${formatBytes(LSP_MAX_FILE_BYTES)} limit`;
      this.tell(MessageType.Info, `kalloc-lens: not analysing ${uri.split('/').at(-1)}: ${why}`);
      return;
    }
    const doc = OpenDocument.open(uri, uri.startsWith('file:') ? fileURLToPath(uri) : uri, version, text, this.parser);
    if (!doc) return;
    this.documents.set(uri, doc);
    if (this.indexer.setOpenTree(doc.path, doc.tree)) this.generation++;
    this.schedule(uri, 0);
  }

  private change(uri: string, version: number, changes: Parameters<OpenDocument['update']>[0]): void {
    const doc = this.documents.get(uri);
    if (!doc) return;
    doc.update(changes, version, this.parser);
    // A changed type or const can change every open file's answers; an edit inside a function
    // body changes no item, and the index is left alone.
    if (!doc.lastEditInsideFunctionBody && this.indexer.setOpenTree(doc.path, doc.tree)) this.invalidateAll();
    else this.schedule(uri, this.settings.diagnosticsDelayMs);
  }

  private close(uri: string): void {
    const doc = this.documents.get(uri);
    this.oversized.delete(uri);
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.analyses.delete(uri);
    this.siteCaches.delete(uri);
    if (!doc) return;
    this.documents.delete(uri);
    this.indexer.closeFile(doc.path);
    doc.close();
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private schedule(uri: string, delay: number): void {
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending);
    const publish = (): void => {
      this.timers.delete(uri);
      const doc = this.documents.get(uri);
      if (!doc) return;
      try {
        void this.connection.sendDiagnostics({ uri, version: doc.version, diagnostics: lspDiagnostics(this.sitesOf(doc)) });
      } catch (error) {
        this.connection.console.error(`kalloc-lens: diagnostics failed at ${uri}: ${(error as Error).stack ?? String(error)}`);
      }
    };
    // setTimeout(0) waits at least 1 ms; with no delay asked, publish on the next turn.
    if (delay === 0) {
      this.timers.delete(uri);
      setImmediate(publish);
    } else this.timers.set(uri, setTimeout(publish, delay));
  }

  /** The document's sites for its current text, analysed once per version and generation. */
  sitesOf(doc: OpenDocument): readonly AnalyzedSite[] {
    const cached = this.analyses.get(doc.uri);
    if (cached && cached.version === doc.version && cached.generation === this.generation) return cached.sites;
    let cache = this.siteCaches.get(doc.uri);
    if (!cache) this.siteCaches.set(doc.uri, (cache = new SiteCache()));
    const sites = analyzeSites(doc.path, doc.text, doc.tree, this.parser, this.indexer.index, this.options, { cache, generation: this.generation });
    this.analyses.set(doc.uri, { version: doc.version, generation: this.generation, sites });
    return sites;
  }

  private hover(uri: string, line: number, character: number) {
    const doc = this.documents.get(uri);
    if (!doc) return null;
    const sites = this.sitesOf(doc);
    const site = siteAt(sites, line, character);
    if (site) return { contents: { kind: 'markdown' as const, value: siteHover(site, this.target) }, range: toLspRange(site.found.range) };
    const node = doc.tree.rootNode.descendantForPosition({ row: line, column: character });
    if (!node || (node.type !== 'type_identifier' && node.type !== 'identifier')) return null;
    const text = typeHover(node.text, this.indexer.index.viewFrom(doc.path), this.options, this.target);
    return text ? { contents: { kind: 'markdown' as const, value: text } } : null;
  }

  private codeLenses(uri: string): CodeLens[] {
    const doc = this.documents.get(uri);
    if (!doc) return [];
    return this.sitesOf(doc)
      .filter((s) => s.found.kind === 'code')
      .flatMap((site) => {
        const range = toLspRange(site.found.range);
        const position = range.start;
        return [
          { range, command: { title: lensTitle(site, this.target.profile), command: '' } },
          { range, command: { title: 'Simulate', command: COMMANDS.simulate, arguments: [{ uri, position }] } },
        ];
      });
  }

  private inlayHints(uri: string): InlayHint[] {
    const doc = this.documents.get(uri);
    if (!doc || !this.settings.inlayHints) return [];
    return this.sitesOf(doc).flatMap((site) => {
      const at = site.found.countRange;
      const bytes = site.size.bytes;
      if (!at || bytes === null) return [];
      return [{ position: { line: at.endRow, character: at.endColumn }, label: ` = ${formatBytes(bytes)}`, paddingLeft: false }];
    });
  }

  private async execute(command: string, args: unknown[]): Promise<unknown> {
    if (command === COMMANDS.explain) return explainCommand(args[0], this.target);
    if (command !== COMMANDS.simulate) return { error: `unknown command ${command}` };
    const parsed = readSimulateArgs(args[0]);
    if ('error' in parsed) return parsed;
    await this.indexing;
    const doc = this.documents.get(parsed.uri);
    if (!doc) return { error: `${parsed.uri} is not open` } satisfies SimulateResult;
    const site = siteAt(this.sitesOf(doc), parsed.position.line, parsed.position.character);
    if (!site) return { error: `no allocation site at line ${parsed.position.line + 1}, column ${parsed.position.character + 1}` } satisfies SimulateResult;
    const result = simulateSite(site, this.target.profile, this.target.kernel, parsed.count);
    if (!result.ok) return { error: result.reason } satisfies SimulateResult;
    return { site: { call: site.report.call, line: site.report.line, column: site.report.column }, trace: result.trace } satisfies SimulateResult;
  }

  /** A message the user sees (window/showMessage: a notification, nothing to answer). */
  private tell(type: MessageType, message: string): void {
    void this.connection.sendNotification(ShowMessageNotification.type, { type, message });
  }

  private dispose(): void {
    for (const uri of [...this.documents.keys()]) this.close(uri);
  }
}
