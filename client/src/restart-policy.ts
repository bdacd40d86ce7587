/**
 * If the server dies it is restarted, with a message, at most MAX_RESTARTS times in
 * WINDOW_MS; past that it stays down and says so once, instead of looping.
 */
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, type ErrorHandler } from 'vscode-languageclient/node.js';
import { RESTART_MESSAGE } from './restart-log.js';

const MAX_RESTARTS = 3;
const WINDOW_MS = 3 * 60 * 1000;

export function restartingErrorHandler(output: vscode.OutputChannel): ErrorHandler {
  const restarts: number[] = [];
  return {
    error: () => ({ action: ErrorAction.Continue }),
    closed: () => {
      const now = Date.now();
      while (restarts.length && now - restarts[0]! > WINDOW_MS) restarts.shift();
      if (restarts.length >= MAX_RESTARTS) {
        const message = `Kalloc Lens: the server stopped ${MAX_RESTARTS + 1} times in 3 minutes and was not restarted. See "Kalloc Lens: Show Output"; reload the window to try again.`;
        output.appendLine(message);
        return { action: CloseAction.DoNotRestart, message };
      }
      restarts.push(now);
      void vscode.window.showWarningMessage('Kalloc Lens: the server stopped and was restarted.');
      return { action: CloseAction.Restart, handled: true, message: RESTART_MESSAGE };
    },
  };
}
