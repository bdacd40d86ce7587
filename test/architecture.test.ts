/**
 * The layers' import rules (STYLE.md "Module boundaries"), from every import and re-export of
 * our own TypeScript as the compiler parses it:
 * - the engine imports nothing outside engine/: no vscode, LSP, Tree-sitter or node: module;
 * - the server reaches the engine only through its entry point, engine/src/index.ts, and never
 *   imports vscode; Tree-sitter stays in server/src/parse, server/src/analysis
 *   and server/src/lsp (which re-parses edited documents incrementally);
 * - the client imports neither engine nor server source except the protocol module both sides
 *   share (server/src/lsp/protocol.ts), and that module takes only types from the engine;
 * - no import cycles, except the ones named in ALLOWED_CYCLES, whose modules say in their header
 *   why the cycle is the natural shape. `import type` is left out of the cycle check: it is
 *   erased when compiled and orders nothing at run time.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

interface Import {
  /** As written: 'vscode', '../../../engine/src/profile.js'. */
  readonly specifier: string;
  /** The repository-relative .ts file of a relative import, else null. */
  readonly file: string | null;
  /** `import type`, `export type`, or only `type` names: erased when compiled. */
  readonly typeOnly: boolean;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

function importsOf(file: string): Import[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, false);
  const out: Import[] = [];
  const add = (specifier: ts.Expression | undefined, typeOnly: boolean) => {
    if (!specifier || !ts.isStringLiteral(specifier)) return;
    const text = specifier.text;
    const target = text.startsWith('.') ? relative('.', resolve(dirname(file), text.replace(/\.js$/, '.ts'))) : null;
    out.push({ specifier: text, file: target, typeOnly });
  };
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : null;
      const onlyTypes = !!clause && (clause.isTypeOnly || (!clause.name && named !== null && named.length > 0 && named.every((e) => e.isTypeOnly)));
      add(statement.moduleSpecifier, onlyTypes);
    } else if (ts.isExportDeclaration(statement)) {
      const named = statement.exportClause && ts.isNamedExports(statement.exportClause) ? statement.exportClause.elements : null;
      add(statement.moduleSpecifier, statement.isTypeOnly || (named !== null && named.length > 0 && named.every((e) => e.isTypeOnly)));
    }
  }
  return out;
}

const ENGINE = tsFiles('engine/src');
const SERVER = tsFiles('server/src');
const CLIENT = tsFiles('client/src');
const IMPORTS = new Map([...ENGINE, ...SERVER, ...CLIENT].map((f) => [f, importsOf(f)]));
const PROTOCOL = 'server/src/lsp/protocol.ts';
const ENGINE_ENTRY = 'engine/src/index.ts';

/** `file: specifier` for each import of `files` that `bad` picks. */
function offending(files: readonly string[], bad: (i: Import, file: string) => boolean): string[] {
  return files.flatMap((f) =>
    IMPORTS.get(f)!
      .filter((i) => bad(i, f))
      .map((i) => `${f}: ${i.specifier}`),
  );
}

/** Strongly connected components of more than one module over value imports (Tarjan). */
function valueCycles(): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const { file: w, typeOnly } of IMPORTS.get(v)!) {
      if (typeOnly || w === null || !IMPORTS.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const file of IMPORTS.keys()) if (!index.has(file)) visit(file);
  return cycles.map((c) => c.sort()).sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** Cycles that are the natural shape of what the modules model; each module's header says why. */
const ALLOWED_CYCLES: readonly (readonly string[])[] = [
  ['server/src/analysis/const-eval.ts', 'server/src/analysis/layout/layout-of.ts'],
  ['server/src/analysis/expr-type.ts', 'server/src/analysis/value-type.ts'],
  ['server/src/analysis/extract/const-from-node.ts', 'server/src/analysis/extract/type-from-node.ts'],
];

describe('module boundaries', () => {
  test('the engine imports nothing outside engine/src: no vscode, LSP, Tree-sitter or node: module', () => {
    expect(ENGINE.length).toBeGreaterThan(20);
    expect(offending(ENGINE, (i) => i.file === null || !i.file.startsWith('engine/src/'))).toEqual([]);
  });

  test('the server reaches the engine only through its entry point, engine/src/index.ts', () => {
    expect(offending(SERVER, (i) => i.file !== null && i.file.startsWith('engine/src/') && i.file !== ENGINE_ENTRY)).toEqual([]);
    expect(SERVER.some((f) => IMPORTS.get(f)!.some((i) => i.file === ENGINE_ENTRY))).toBe(true);
  });

  test('the server never imports vscode', () => {
    expect(SERVER.length).toBeGreaterThan(20);
    expect(offending(SERVER, (i) => i.specifier === 'vscode')).toEqual([]);
  });

  test('Tree-sitter stays in server/src/parse, server/src/analysis and server/src/lsp', () => {
    const outside = SERVER.filter((f) => !/server\/src\/(parse|analysis|lsp)\//.test(f));
    expect(outside.length).toBeGreaterThan(3);
    expect(offending(outside, (i) => i.specifier === 'web-tree-sitter')).toEqual([]);
  });

  test('the client reaches the server only through the shared protocol module, which takes only types from the engine', () => {
    expect(CLIENT.length).toBeGreaterThan(5);
    expect(offending(CLIENT, (i) => i.file !== null && !i.file.startsWith('client/src/') && i.file !== PROTOCOL)).toEqual([]);
    expect(offending([PROTOCOL], (i) => i.file !== null && !(i.file.startsWith('engine/src/') && i.typeOnly))).toEqual([]);
  });
});

describe('import cycles', () => {
  test('the only cycles are the allowed ones', () => {
    expect(valueCycles()).toEqual(ALLOWED_CYCLES);
  });

  test('each module of an allowed cycle says in its header why the cycle is the natural shape', () => {
    for (const cycle of ALLOWED_CYCLES) {
      for (const file of cycle) {
        const header = /^\/\*\*[\s\S]*?\*\//.exec(readFileSync(file, 'utf8'))?.[0] ?? '';
        const partner = cycle.find((f) => f !== file)!;
        expect(header, file).toMatch(/import cycle/i);
        expect(header, file).toContain(basename(partner));
      }
    }
  });
});
