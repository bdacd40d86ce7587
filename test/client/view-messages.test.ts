/**
 * The simulate webview is untrusted input: the extension acts only on the two messages the
 * union allows, with their fields checked.
 */
import { describe, expect, test } from 'vitest';
import { readViewMessage } from '../../client/src/view-messages.js';

describe('webview messages', () => {
  test('the two messages the view sends are read as they are', () => {
    expect(readViewMessage({ type: 'open', file: 'rust/kernel/alloc/kvec.rs' })).toEqual({ type: 'open', file: 'rust/kernel/alloc/kvec.rs' });
    expect(readViewMessage({ type: 'count', count: 100 })).toEqual({ type: 'count', count: 100 });
  });

  test('anything else is dropped: unknown types, wrong fields, paths out of the workspace, counts out of range', () => {
    for (const bad of [null, 'open', 42, {}, { type: 'run' }, { type: 'open' }, { type: 'open', file: '/etc/passwd' }, { type: 'open', file: '../../secret' }, { type: 'count', count: 0 }, { type: 'count', count: 1.5 }, { type: 'count', count: '7' }, { type: 'count', count: 100_001 }]) {
      expect(readViewMessage(bad)).toBeNull();
    }
  });
});
