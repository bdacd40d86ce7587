/**
 * One file's analysed sites (with everything the editor shows), against the workspace index of
 * the file's scope (analysis-scope.ts: its crate, a kernel tree's rust/kernel) and any extra
 * roots: what `kalloc-lens simulate` needs to find the site at a position.
 */
import { createRustParser } from '../parse/rust-parser.js';
import { analysisScope } from '../workspace/analysis-scope.js';
import { analyzeSites, type AnalyzedSite, type AnalyzeOptions } from './analyze-tree.js';
import { indexSource } from './index-source.js';
import { TooDeepError } from './extract/nesting.js';
import { WorkspaceIndex } from './workspace-index.js';

export class UnreadableFileError extends Error {}

export async function analyzeFileInWorkspace(file: string, roots: readonly string[], options: AnalyzeOptions): Promise<AnalyzedSite[]> {
  const parser = await createRustParser();
  try {
    // The file first: a folder, FIFO or device given as the file is refused before any walk.
    const source = indexSource(parser, file);
    if (!source.ok) throw new UnreadableFileError(`${file}: ${source.reason}`);
    const index = new WorkspaceIndex();
    index.setFile(file, source.items);
    const scope = analysisScope([file, ...roots]);
    for (const path of [...scope.files, ...scope.context]) {
      if (path === file) continue;
      const other = indexSource(parser, path);
      if (!other.ok) continue;
      index.setFile(path, other.items);
      other.tree.delete();
    }
    try {
      return analyzeSites(file, source.text, source.tree, parser, index, options);
    } catch (error) {
      if (error instanceof TooDeepError) throw new UnreadableFileError(`${file}: not analysed: ${error.message}`);
      throw error;
    } finally {
      source.tree.delete();
    }
  } finally {
    parser.delete();
  }
}
