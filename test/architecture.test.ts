/**
 * The layers' import rules (STYLE.md "Module boundaries"): the engine imports no vscode, LSP,
 * Tree-sitter or Node module; the server never imports vscode; Tree-sitter stays in
 * server/src/parse, server/src/analysis and server/src/lsp (which re-parses edited documents
 * incrementally); the CLI and workspace code never touch it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

function imports(file: string): string[] {
  // One regex over import lines of our own TypeScript (not Rust): the module specifiers.
  return [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

describe('module boundaries', () => {
  const engine = tsFiles('engine/src');
  const server = tsFiles('server/src');

  test('the engine is pure: no vscode, LSP, Tree-sitter or node: imports', () => {
    expect(engine.length).toBeGreaterThan(20);
    const bad = engine.flatMap((f) =>
      imports(f)
        .filter((m) => /^(vscode|vscode-languageserver|vscode-languageclient|web-tree-sitter|node:)/.test(m) || m === 'fs')
        .map((m) => `${f}: ${m}`),
    );
    expect(bad).toEqual([]);
  });

  test('the server never imports vscode', () => {
    expect(server.length).toBeGreaterThan(20);
    expect(
      server.flatMap((f) =>
        imports(f)
          .filter((m) => m === 'vscode')
          .map((m) => `${f}: ${m}`),
      ),
    ).toEqual([]);
  });

  test('Tree-sitter stays in server/src/parse, server/src/analysis and server/src/lsp', () => {
    const outside = server.filter((f) => !/server\/src\/(parse|analysis|lsp)\//.test(f));
    expect(outside.length).toBeGreaterThan(3);
    expect(
      outside.flatMap((f) =>
        imports(f)
          .filter((m) => m === 'web-tree-sitter')
          .map((m) => `${f}: ${m}`),
      ),
    ).toEqual([]);
  });
});
