/**
 * The shared ground-truth folder for benchmarks run from the built `out/`: the first `shared/`
 * beside the repository or one of its parents (a worktree at /work/wt/<name> finds /work/shared).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function sharedCorpus(repo: string): string {
  for (let dir = dirname(repo); ; dir = dirname(dir)) {
    const corpus = join(dir, 'shared', 'corpus', 'linux');
    if (existsSync(corpus) || dirname(dir) === dir) return corpus;
  }
}
