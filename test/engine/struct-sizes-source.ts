/**
 * A CLayoutSource over ../shared/kernel-build/<config>/struct-sizes.tsv (GCC's sizeof, read from
 * DWARF with pahole), for tests until the engine's own layout sources land. Sizes only: the
 * structs the tests use are 8-byte aligned on x86_64.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CLayoutSource } from '../../engine/src/c-layout.js';
import { SHARED_DIR } from './golden-tables.js';

export function structSizesSource(config: string): CLayoutSource {
  const path = join(SHARED_DIR, 'kernel-build', config, 'struct-sizes.tsv');
  const sizes = new Map<string, number>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const [name, size] = line.split('\t');
    sizes.set(name!, Number(size));
  }
  if (sizes.size === 0) throw new Error(`${path} has no rows`);
  return { id: `test:${config}/struct-sizes.tsv`, layoutOf: (name) => (sizes.has(name) ? { size: sizes.get(name)!, align: 8 } : undefined) };
}
