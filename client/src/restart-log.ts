/** What the output says when the server is restarted, and the library quirk around that line. */
import type * as vscode from 'vscode';

export const RESTART_MESSAGE = 'Kalloc Lens: the server stopped; restarting it.';

/**
 * The output channel the client logs to, without the stray `false` after a restart:
 * vscode-languageclient 9.0.1 logs a Restart result as `this.info(message, !handled)`
 * (lib/common/client.js:1184), so the boolean lands in the output as data. Only that line, right
 * after the restart message, is dropped; everything else passes through.
 */
export function withoutRestartFlag(output: vscode.OutputChannel): vscode.OutputChannel {
  let afterRestart = false;
  return new Proxy(output, {
    get(target, key, receiver) {
      if (key !== 'appendLine') {
        const value = Reflect.get(target, key, receiver) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      }
      return (line: string) => {
        const skip = afterRestart && (line === 'false' || line === 'true');
        afterRestart = line.endsWith(RESTART_MESSAGE);
        if (!skip) target.appendLine(line);
      };
    },
  });
}
