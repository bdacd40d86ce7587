/**
 * The messages between the extension and the simulate webview (media/simulate-view.js), as typed
 * unions. What the webview sends is untrusted input: readViewMessage checks it and drops
 * anything else.
 */
import type { SimulateResult } from '../../server/src/lsp/protocol.js';

/** From the webview: open a kernel file of the chain, or re-run with another count. */
export type ViewMessage = { readonly type: 'open'; readonly file: string } | { readonly type: 'count'; readonly count: number };

/** To the webview: a simulation, or why there is none. */
export type HostMessage =
  | { readonly type: 'trace'; readonly result: SimulateResult; readonly inWorkspace: readonly string[]; readonly count: number | null }
  | { readonly type: 'failed'; readonly message: string };

const MAX_COUNT = 100_000;

export function readViewMessage(raw: unknown): ViewMessage | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const m = raw as Record<string, unknown>;
  // A chain frame's file is a kernel path like rust/kernel/alloc/kvec.rs: relative, no `..`.
  if (m.type === 'open' && typeof m.file === 'string' && m.file !== '' && !m.file.startsWith('/') && !m.file.split('/').includes('..')) return { type: 'open', file: m.file };
  if (m.type === 'count' && Number.isInteger(m.count) && (m.count as number) >= 1 && (m.count as number) <= MAX_COUNT) return { type: 'count', count: m.count as number };
  return null;
}
