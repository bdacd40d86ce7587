/**
 * One job: start web-tree-sitter once per process and hand out parsers for Rust. The grammar is
 * the tree-sitter-rust package's own .wasm, resolved from the installed package at run time
 * (tree-sitter-rust 0.24.0, ABI 14; see package-lock.json for the pinned version).
 */
import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';

const require = createRequire(import.meta.url);

let ready: Promise<Language> | null = null;

/** Path of the grammar .wasm inside the installed tree-sitter-rust package. */
export function rustGrammarPath(): string {
  return require.resolve('tree-sitter-rust/tree-sitter-rust.wasm');
}

/** The Rust language, loaded once. */
export function loadRustLanguage(): Promise<Language> {
  ready ??= Parser.init().then(() => Language.load(rustGrammarPath()));
  return ready;
}

/** A new parser for Rust; callers own it (one per worker or per document cache). */
export async function createRustParser(): Promise<Parser> {
  const language = await loadRustLanguage();
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}
