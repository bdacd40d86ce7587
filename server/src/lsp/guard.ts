/**
 * Every handler runs guarded: an exception is logged to the client's output with the request,
 * file and position, the request gets an empty result, and the server lives on. A ResponseError
 * is the handler's own answer (bad arguments, nothing there) and goes to the client as it is.
 */
import { ErrorCodes, ResponseError, type RemoteConsole } from 'vscode-languageserver';

export interface RequestPlace {
  readonly textDocument?: { readonly uri: string };
  readonly position?: { readonly line: number; readonly character: number };
}

function where(params: unknown): string {
  const p = (params ?? {}) as RequestPlace;
  const file = p.textDocument?.uri ?? '';
  const at = p.position ? `:${p.position.line + 1}:${p.position.character + 1}` : '';
  return file ? ` at ${file}${at}` : '';
}

/**
 * What is wrong with the shape every handler relies on (an object; a `textDocument` with a
 * string `uri`; a `position` of two numbers), or null. Checked before the handler runs, so a
 * client's `params: null` gets InvalidParams rather than a TypeError from deep inside.
 */
/** The members each guarded request cannot do without (LSP 3.17), by the guard's name. */
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  hover: ['textDocument', 'position'],
  codeLens: ['textDocument'],
  codeAction: ['textDocument', 'range', 'context'],
  inlayHint: ['textDocument', 'range'],
  executeCommand: ['command'],
  didOpen: ['textDocument'],
  didChange: ['textDocument', 'contentChanges'],
  didClose: ['textDocument'],
  didChangeWatchedFiles: ['changes'],
};

function malformed(name: string, params: unknown): string | null {
  if (params === null || typeof params !== 'object' || Array.isArray(params)) return 'expected an object of parameters';
  const p = params as { textDocument?: unknown; position?: unknown };
  const missing = (Object.hasOwn(REQUIRED, name) ? REQUIRED[name]! : []).filter((key) => (p as Record<string, unknown>)[key] === undefined || (p as Record<string, unknown>)[key] === null);
  if (missing.length) return `missing ${missing.join(', ')}`;
  if ('textDocument' in p && typeof (p.textDocument as { uri?: unknown } | null)?.uri !== 'string') return 'textDocument.uri: expected a string';
  if ('position' in p) {
    const at = p.position as { line?: unknown; character?: unknown } | null;
    if (!Number.isInteger(at?.line) || !Number.isInteger(at?.character)) return 'position: expected { line, character } as whole numbers';
  }
  return null;
}

export function guard<P, R>(console: RemoteConsole, name: string, empty: R, handler: (params: P) => R | Promise<R>): (params: P) => Promise<R> {
  return async (params: P) => {
    const wrong = malformed(name, params);
    if (wrong) throw new ResponseError(ErrorCodes.InvalidParams, `${name}: ${wrong}`);
    try {
      return await handler(params);
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.error(`kalloc-lens: ${name} failed${where(params)}: ${detail}`);
      return empty;
    }
  };
}
