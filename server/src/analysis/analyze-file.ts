/**
 * One file's analysed sites (with everything the editor shows), against the workspace index of
 * the given roots: what `kalloc-lens simulate` needs to find the site at a position.
 */
import { createRustParser } from '../parse/rust-parser.js';
import { listRustFiles, readRustSource } from '../workspace/rust-files.js';
import { analyzeSites, type AnalyzedSite, type AnalyzeOptions } from './analyze-tree.js';
import { itemsFromTree } from './extract/items-from-tree.js';
import { TooDeepError } from './extract/nesting.js';
import { WorkspaceIndex } from './workspace-index.js';
import { treeSitterText } from '../parse/line-endings.js';

export class UnreadableFileError extends Error {}

export async function analyzeFileInWorkspace(file: string, roots: readonly string[], options: AnalyzeOptions): Promise<AnalyzedSite[]> {
  const parser = await createRustParser();
  try {
    // The file first: a folder, FIFO or device given as the file is refused before any walk.
    const source = readRustSource(file);
    if (!source.ok) throw new UnreadableFileError(`${file}: ${source.reason}`);
    const index = new WorkspaceIndex();
    for (const path of new Set([...listRustFiles(roots).files, file])) {
      const other = readRustSource(path);
      if (!other.ok) continue;
      const tree = parser.parse(treeSitterText(other.text));
      if (!tree) continue;
      try {
        index.setFile(path, itemsFromTree(tree));
      } catch (error) {
        if (!(error instanceof TooDeepError)) throw error;
        if (path === file) throw new UnreadableFileError(`${file}: not analysed: ${error.message}`);
      } finally {
        tree.delete();
      }
    }
    const tree = parser.parse(treeSitterText(source.text));
    if (!tree) throw new UnreadableFileError(`${file}: the parser gave up on this file`);
    try {
      return analyzeSites(file, source.text, tree, parser, index, options);
    } catch (error) {
      if (error instanceof TooDeepError) throw new UnreadableFileError(`${file}: not analysed: ${error.message}`);
      throw error;
    } finally {
      tree.delete();
    }
  } finally {
    parser.delete();
  }
}
