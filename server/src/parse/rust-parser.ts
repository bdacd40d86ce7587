/**
 * One job: start web-tree-sitter once per process and hand out parsers for Rust. The grammar is
 * the tree-sitter-rust package's own .wasm, resolved from the installed package at run time
 * (tree-sitter-rust 0.24.0, ABI 14; see package-lock.json for the pinned version).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Language, Parser } from 'web-tree-sitter';

const require = createRequire(import.meta.url);

let ready: Promise<Language> | null = null;

/**
 * Path of the grammar .wasm: next to this module when bundled (the extension's dist/, where
 * scripts/package.mjs copies it), else inside the installed tree-sitter-rust package.
 */
export function rustGrammarPath(): string {
  const bundled = join(dirname(fileURLToPath(import.meta.url)), 'tree-sitter-rust.wasm');
  return existsSync(bundled) ? bundled : require.resolve('tree-sitter-rust/tree-sitter-rust.wasm');
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
