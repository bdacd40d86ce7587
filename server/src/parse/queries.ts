/**
 * Tree-sitter queries live in server/queries/*.scm, one per purpose, read and compiled once
 * per language. In strict mode (tests) a broken query throws; otherwise the error is logged
 * by the caller and an empty query takes its place so analysis degrades instead of stopping.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Query, type Language } from 'web-tree-sitter';

export const QUERY_NAMES = ['allocation-calls', 'std-paths'] as const;
export type QueryName = (typeof QUERY_NAMES)[number];

/** server/queries, from src/ (vitest), out/server/src/ (built) or dist/queries (the extension's bundle). */
export function queriesDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, '..', '..', 'queries'), join(here, '..', '..', '..', '..', 'server', 'queries'), join(here, 'queries')];
  return candidates.find((dir) => existsSync(join(dir, 'allocation-calls.scm'))) ?? candidates[1]!;
}

export function querySource(name: QueryName): string {
  return readFileSync(join(queriesDir(), `${name}.scm`), 'utf8');
}

export interface QueryLoadError {
  readonly name: QueryName;
  readonly message: string;
}

const compiled = new WeakMap<Language, Map<QueryName, Query>>();

export function getQuery(language: Language, name: QueryName, options: { strict: boolean; onError?: (e: QueryLoadError) => void }): Query {
  let perLanguage = compiled.get(language);
  if (!perLanguage) {
    perLanguage = new Map();
    compiled.set(language, perLanguage);
  }
  const cached = perLanguage.get(name);
  if (cached) return cached;
  let query: Query;
  try {
    query = new Query(language, querySource(name));
  } catch (error) {
    if (options.strict) throw error;
    options.onError?.({ name, message: (error as Error).message });
    query = new Query(language, '');
  }
  perLanguage.set(name, query);
  return query;
}
