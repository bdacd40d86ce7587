/**
 * Every handler runs guarded: an exception is logged to the client's output with the request,
 * file and position, the request gets an empty result, and the server lives on. A ResponseError
 * is the handler's own answer (bad arguments, nothing there) and goes to the client as it is.
 */
import { ResponseError, type RemoteConsole } from 'vscode-languageserver';

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

export function guard<P, R>(console: RemoteConsole, name: string, empty: R, handler: (params: P) => R | Promise<R>): (params: P) => Promise<R> {
  return async (params: P) => {
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
