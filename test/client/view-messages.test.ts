/**
 * The simulate webview is untrusted input: the extension acts only on the messages the union
 * allows, with their fields checked. (The host also opens only frames of the trace on screen,
 * inside a workspace folder after resolving symlinks: client/src/simulate-view.ts.)
 */
import { describe, expect, test } from 'vitest';
import { readViewMessage } from '../../client/src/view-messages.js';

describe('webview messages', () => {
  test('the messages the view sends are read as they are', () => {
    expect(readViewMessage({ type: 'ready' })).toEqual({ type: 'ready' });
    expect(readViewMessage({ type: 'open', file: 'rust/kernel/alloc/kvec.rs', frame: 'KVec::push' })).toEqual({ type: 'open', file: 'rust/kernel/alloc/kvec.rs', frame: 'KVec::push' });
    expect(readViewMessage({ type: 'run', count: 100 })).toEqual({ type: 'run', count: 100 });
    expect(readViewMessage({ type: 'run', elementSize: 24, elementAlign: 8, elementCount: 3, memory: 'fragmented' })).toEqual({
      type: 'run',
      elementSize: 24,
      elementAlign: 8,
      elementCount: 3,
      memory: 'fragmented',
    });
  });

  test('anything else is dropped: unknown types, wrong fields, paths out of the workspace, numbers out of range', () => {
    const bad = [
      null,
      'open',
      42,
      {},
      { type: 'count', count: 3 },
      { type: 'open', file: 'rust/kernel/alloc/kvec.rs' },
      { type: 'open', file: '/etc/passwd', frame: 'x' },
      { type: 'open', file: '../../secret', frame: 'x' },
      { type: 'open', file: 'rust/../../../etc/passwd', frame: 'x' },
      { type: 'open', file: 'C:\\Windows\\win.ini', frame: 'x' },
      { type: 'run', count: 0 },
      { type: 'run', count: 1.5 },
      { type: 'run', count: '7' },
      { type: 'run', count: 100_001 },
      { type: 'run', elementSize: -1 },
      { type: 'run', memory: 'swiss-cheese' },
    ];
    for (const message of bad) expect(readViewMessage(message), JSON.stringify(message)).toBeNull();
  });
});
