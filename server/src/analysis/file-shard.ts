/**
 * The files one thread analyses: it parses them and extracts their items (pass 1, for the
 * workspace index), then finds and answers their sites against the whole index (pass 2). Trees
 * are kept between the passes up to a source-size budget and re-parsed beyond it, so memory
 * stays bounded however large the tree being analysed. Context files (analysis-scope.ts) are
 * indexed in pass 1 and not analysed.
 */
import type { Parser, Tree } from 'web-tree-sitter';
import { treeSitterText } from '../parse/line-endings.js';
import { createRustParser } from '../parse/rust-parser.js';
import { analyzeTree, type AnalyzeOptions } from './analyze-tree.js';
import type { FileItems } from './extract/items-from-tree.js';
import { indexSource } from './index-source.js';
import { TooDeepError } from './extract/nesting.js';
import type { DiagnosticReport, SiteReport } from './report.js';
import type { WorkspaceIndex } from './workspace-index.js';

/** Source bytes whose trees one shard keeps for pass 2. */
export const KEEP_TREES_BYTES = 2 * 1024 * 1024;

export interface IndexResult {
  readonly items: readonly (readonly [string, FileItems])[];
  readonly skipped: readonly { readonly file: string; readonly reason: string }[];
  readonly sourceBytes: number;
}

export class FileShard {
  private readonly sources = new Map<string, string>();
  private readonly trees = new Map<string, Tree>();
  private kept = 0;

  /** `parser` is shared with whoever lays out this shard's C types (c-layouts/build-layouts.ts). */
  private constructor(
    readonly parser: Parser,
    private readonly keepBytes: number,
  ) {}

  static async create(keepBytes = KEEP_TREES_BYTES): Promise<FileShard> {
    return new FileShard(await createRustParser(), keepBytes);
  }

  /** Pass 1. `analyze: false` for context files: their items only. */
  indexFiles(files: readonly string[], role: { readonly analyze: boolean } = { analyze: true }): IndexResult {
    const items: [string, FileItems][] = [];
    const skipped: { file: string; reason: string }[] = [];
    let sourceBytes = 0;
    for (const file of files) {
      const source = indexSource(this.parser, file);
      if (!source.ok) {
        skipped.push({ file, reason: source.reason });
        continue;
      }
      items.push([file, source.items]);
      if (!role.analyze) {
        source.tree.delete();
        continue;
      }
      sourceBytes += source.text.length;
      this.sources.set(file, source.text);
      if (this.kept + source.text.length <= this.keepBytes) {
        this.trees.set(file, source.tree);
        this.kept += source.text.length;
      } else source.tree.delete();
    }
    return { items, skipped, sourceBytes };
  }

  analyzeAll(index: WorkspaceIndex, options: AnalyzeOptions): { sites: SiteReport[]; diagnostics: DiagnosticReport[]; skipped: { file: string; reason: string }[] } {
    const sites: SiteReport[] = [];
    const diagnostics: DiagnosticReport[] = [];
    const skipped: { file: string; reason: string }[] = [];
    for (const [file, source] of this.sources) {
      const tree = this.trees.get(file) ?? this.parser.parse(treeSitterText(source));
      if (!tree) continue;
      try {
        const result = analyzeTree(file, source, tree, this.parser, index, options);
        sites.push(...result.sites);
        diagnostics.push(...result.diagnostics);
      } catch (error) {
        // A file nested past the extractors' bound loses its sites, with the reason, not silently.
        if (!(error instanceof TooDeepError)) throw error;
        skipped.push({ file, reason: error.message });
      }
      tree.delete();
      this.trees.delete(file);
    }
    this.sources.clear();
    return { sites, diagnostics, skipped };
  }

  dispose(): void {
    for (const tree of this.trees.values()) tree.delete();
    this.trees.clear();
    this.parser.delete();
  }
}
