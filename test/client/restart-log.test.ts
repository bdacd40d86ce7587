/**
 * After a restart the output showed a stray `false`: vscode-languageclient logs the error
 * handler's `!handled` as data. The filter drops exactly that line.
 */
import { expect, test } from 'vitest';
import type * as vscode from 'vscode';
import { RESTART_MESSAGE, withoutRestartFlag } from '../../client/src/restart-log.js';

test('the boolean after the restart message is dropped; every other line passes', () => {
  const lines: string[] = [];
  const output = { name: 'Kalloc Lens', appendLine: (l: string) => lines.push(l), append: () => undefined } as unknown as vscode.OutputChannel;
  const filtered = withoutRestartFlag(output);
  // What client.js:1184 writes: the message line, then String(!handled).
  filtered.appendLine(`[Info  - 10:00:00] ${RESTART_MESSAGE}`);
  filtered.appendLine('false');
  filtered.appendLine('false');
  filtered.appendLine('kalloc-lens: indexed 3 files');
  expect(lines).toEqual([`[Info  - 10:00:00] ${RESTART_MESSAGE}`, 'false', 'kalloc-lens: indexed 3 files']);
  expect(filtered.name).toBe('Kalloc Lens');
});
