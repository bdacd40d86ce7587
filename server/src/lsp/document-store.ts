/**
 * The open documents: text, Tree-sitter tree and version of each, and its analysed sites, cached
 * per version and generation. The generation is bumped when settings, target or the workspace
 * index change, which makes every cached analysis stale. Features listen to the events to
 * re-publish (diagnostics) or ask the editor to pull again (lenses, hints).
 */
import type { Parser } from 'web-tree-sitter';
import { Emitter, type TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { formatBytes } from '../../../engine/src/index.js';
import { analyzeSitesInSteps, type AnalyzedSite } from '../analysis/analyze-tree.js';
import { TooDeepError } from '../analysis/extract/nesting.js';
import { SiteCache } from '../analysis/site-cache.js';
import { runInSlices, runSteps, type Steps } from '../analysis/steps.js';
import { usesStd } from '../analysis/uses-std.js';
import { findKernelRoot } from '../target/kernel-root.js';
import { hostFolderOf } from '../workspace/kernel-paths.js';
import { LSP_MAX_FILE_BYTES } from '../workspace/limits.js';
import { localPath } from './local-path.js';
import { OpenDocument } from './open-document.js';
import type { TargetState } from './target-state.js';
import type { WorkspaceIndexer } from './workspace-indexer.js';

interface Analysis {
  /** OpenDocument.revision: a repeated version number must not return the old answer. */
  readonly revision: number;
  readonly generation: number;
  readonly sites: readonly AnalyzedSite[];
}

/** An analysis under way, run in slices (analysed) or finished at once (sitesOf). */
interface Job {
  readonly doc: OpenDocument;
  readonly revision: number;
  readonly generation: number;
  readonly steps: Steps<AnalyzedSite[]>;
  /** The sliced run: the sites, or null once the job was dropped or finished by sitesOf. */
  result?: Promise<AnalyzedSite[] | null>;
}

/** Items in a file above which an edit is first checked for staying inside one function body. */
const MANY_ITEMS = 256;

/** How long one slice of an analysis runs before the server looks at its other requests. */
const SLICE_MS = 8;

/** Why a document is not analysed, for the user. */
export interface NotAnalysed {
  readonly uri: string;
  readonly reason: string;
}

/** Why a document's text must not be parsed, or null: the limits hold on open and on every change. */
function notAnalysable(text: string): string | null {
  if (text.includes('\0')) return 'it looks binary';
  if (text.length > LSP_MAX_FILE_BYTES) return `it is over the ${formatBytes(LSP_MAX_FILE_BYTES)} limit`;
  return null;
}

export class DocumentStore {
  private readonly documents = new Map<string, OpenDocument>();
  /** Open documents whose text is over the limits: kept to follow their edits, not analysed. */
  private readonly parked = new Map<string, OpenDocument>();
  private readonly analyses = new Map<string, Analysis>();
  /** Per document: each function's sites, re-used while its text is unchanged. */
  private readonly siteCaches = new Map<string, SiteCache>();
  /** Per document: the analysis under way, if any. */
  private readonly jobs = new Map<string, Job>();
  /** Documents in a kernel tree's host folders (scripts/, rust/macros, ...): never analysed. */
  private readonly hostByPlace = new Set<string>();
  private generation = 0;

  private readonly opened = new Emitter<OpenDocument>();
  private readonly edited = new Emitter<OpenDocument>();
  private readonly closed = new Emitter<string>();
  private readonly invalidated = new Emitter<void>();
  /** A document was opened: its sites are new. */
  readonly onDidOpen = this.opened.event;
  /** A document's text changed and only its own sites can have changed. */
  readonly onDidEdit = this.edited.event;
  readonly onDidClose = this.closed.event;
  /** Every open document's sites may have changed (settings, target or index). */
  readonly onDidInvalidate = this.invalidated.event;

  constructor(
    private readonly parser: Parser,
    private readonly workspace: WorkspaceIndexer,
    private readonly target: TargetState,
    /** Told when an open document's analysis cannot be done (nested past the bound). */
    private readonly notAnalysed: (skipped: NotAnalysed) => void = () => undefined,
  ) {}

  get(uri: string): OpenDocument | undefined {
    return this.documents.get(uri);
  }

  all(): IterableIterator<OpenDocument> {
    return this.documents.values();
  }

  /** Parse and keep a document; a file too large or binary is left alone and the reason returned. */
  open(uri: string, version: number, text: string): NotAnalysed | null {
    this.close(uri);
    const why = notAnalysable(text);
    if (why) return { uri, reason: why };
    const doc = OpenDocument.open(uri, localPath(uri) ?? uri, version, text, this.parser);
    if (!doc) return null;
    this.documents.set(uri, doc);
    const root = findKernelRoot(doc.path);
    if (root && hostFolderOf(doc.path, root.dir) !== null) this.hostByPlace.add(uri);
    if (this.workspace.setOpenTree(doc.path, doc.tree)) this.generation++;
    this.opened.fire(doc);
    return null;
  }

  /**
   * Apply an edit. The size limit and the NUL check hold on every change, not only on open: a
   * document that grows past them is set aside (its diagnostics cleared, the reason returned)
   * and taken up again by the change that brings it back.
   */
  change(uri: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): NotAnalysed | null {
    const parked = this.parked.get(uri);
    if (parked) {
      if (parked.update(changes, version, this.parser, notAnalysable)) return null;
      this.parked.delete(uri);
      this.documents.set(uri, parked);
      if (this.workspace.setOpenTree(parked.path, parked.tree)) this.generation++;
      this.opened.fire(parked);
      return null;
    }
    const doc = this.documents.get(uri);
    if (!doc) return null;
    // Whether an edit stays inside one function body is worth asking only of a file with many
    // items: for the others, reading their items again and comparing them is cheaper.
    const items = this.workspace.index.itemsOf(doc.path);
    const manyItems = !items || items.types.length + items.consts.length + (items.fns?.length ?? 0) > MANY_ITEMS;
    const refused = doc.update(changes, version, this.parser, notAnalysable, manyItems);
    if (refused) {
      this.forget(uri, doc);
      this.parked.set(uri, doc);
      return { uri, reason: refused };
    }
    // A changed type or const can change every open file's answers; an edit inside a function
    // body changes no item, and the index is left alone.
    if (!doc.lastEditInsideFunctionBody && this.workspace.setOpenTree(doc.path, doc.tree)) this.invalidateAll();
    else this.edited.fire(doc);
    return null;
  }

  /** Drop what the store keeps for an open document (not the document itself). */
  private forget(uri: string, doc: OpenDocument): void {
    this.analyses.delete(uri);
    this.siteCaches.delete(uri);
    this.documents.delete(uri);
    this.workspace.closeFile(doc.path);
    this.closed.fire(uri);
  }

  close(uri: string): void {
    const parked = this.parked.get(uri);
    if (parked) {
      this.parked.delete(uri);
      parked.close();
    }
    const doc = this.documents.get(uri);
    this.analyses.delete(uri);
    this.siteCaches.delete(uri);
    this.hostByPlace.delete(uri);
    if (!doc) return;
    this.forget(uri, doc);
    doc.close();
  }

  closeAll(): void {
    for (const uri of [...this.documents.keys()]) this.close(uri);
  }

  /** Settings, target or the index changed: every cached analysis is stale. */
  invalidateAll(): void {
    this.generation++;
    this.invalidated.fire();
  }

  /**
   * The document's sites for its current text, analysed once per version and generation. Host
   * code (by its place in a kernel tree, or because it names std) has none: its allocations are
   * std's, and the editor shows nothing there. An analysis under way in slices is finished here.
   */
  sitesOf(doc: OpenDocument): readonly AnalyzedSite[] {
    const known = this.knownSites(doc);
    if (known) return known;
    const job = this.jobFor(doc);
    this.jobs.delete(doc.uri);
    return this.settle(job, () => runSteps(job.steps));
  }

  /**
   * The same sites, analysed in slices of a few milliseconds with the event loop free between
   * them, so that the server answers other requests meanwhile (the diagnostics use this). Null
   * when the document changed or closed first: its newer version is analysed in turn. A change
   * of generation (the index, settings or target) restarts the analysis.
   */
  async analysed(doc: OpenDocument): Promise<readonly AnalyzedSite[] | null> {
    const revision = doc.revision;
    while (this.documents.get(doc.uri) === doc && doc.revision === revision) {
      const known = this.knownSites(doc);
      if (known) return known;
      const job = this.jobFor(doc);
      job.result ??= this.runSliced(job);
      const sites = await job.result;
      if (sites && this.isCurrent(job)) return sites;
    }
    return null;
  }

  private async runSliced(job: Job): Promise<AnalyzedSite[] | null> {
    const uri = job.doc.uri;
    const mine = (): boolean => this.jobs.get(uri) === job;
    let sites: AnalyzedSite[] | null;
    try {
      sites = await runInSlices(job.steps, () => mine() && this.isCurrent(job), SLICE_MS);
    } catch (error) {
      if (mine()) this.jobs.delete(uri);
      return this.settle(job, () => {
        throw error;
      });
    }
    // Dropped, or finished meanwhile by sitesOf (which keeps the sites itself).
    if (!sites || !mine()) return null;
    this.jobs.delete(uri);
    return this.settle(job, () => sites);
  }

  /** The cached sites of the document's current text and generation, or of host code (none). */
  private knownSites(doc: OpenDocument): readonly AnalyzedSite[] | undefined {
    const cached = this.analyses.get(doc.uri);
    if (cached && cached.revision === doc.revision && cached.generation === this.generation) return cached.sites;
    if (this.hostByPlace.has(doc.uri) || usesStd(doc.tree, doc.text)) {
      this.analyses.set(doc.uri, { revision: doc.revision, generation: this.generation, sites: [] });
      return [];
    }
    return undefined;
  }

  private isCurrent(job: Job): boolean {
    return this.documents.get(job.doc.uri) === job.doc && job.doc.revision === job.revision && job.generation === this.generation;
  }

  /** The analysis under way for the document's current text and generation, or a new one (a stale one is stopped). */
  private jobFor(doc: OpenDocument): Job {
    const running = this.jobs.get(doc.uri);
    if (running && running.doc === doc && this.isCurrent(running)) return running;
    running?.steps.return([]);
    let cache = this.siteCaches.get(doc.uri);
    if (!cache) this.siteCaches.set(doc.uri, (cache = new SiteCache()));
    const steps = analyzeSitesInSteps(doc.path, doc.text, doc.tree, this.parser, this.workspace.index, this.target.options, { cache, generation: this.generation });
    const job: Job = { doc, revision: doc.revision, generation: this.generation, steps };
    this.jobs.set(doc.uri, job);
    return job;
  }

  /** Keep a finished job's sites for its revision and generation; a file nested too deep has none, and the user is told why. */
  private settle(job: Job, run: () => AnalyzedSite[]): AnalyzedSite[] {
    let sites: AnalyzedSite[];
    try {
      sites = run();
    } catch (error) {
      // Not silently: the file has no sites, and the user is told why.
      if (!(error instanceof TooDeepError)) throw error;
      sites = [];
      this.notAnalysed({ uri: job.doc.uri, reason: error.message });
    }
    this.analyses.set(job.doc.uri, { revision: job.revision, generation: job.generation, sites });
    return sites;
  }
}
