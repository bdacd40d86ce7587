/**
 * The messages between the extension and the simulate webview (media/simulate-view.js), as typed
 * unions. What the webview sends is untrusted input: readViewMessage checks it and drops
 * anything else.
 */
import type { SimulateNeeds, SimulateResult } from '../../server/src/lsp/protocol.js';

/** The inputs of one run that the view's form can change. */
export interface RunInputs {
  readonly count?: number;
  readonly elementSize?: number;
  readonly elementAlign?: number;
  readonly elementCount?: number;
  readonly memory?: 'fresh' | 'fragmented';
}

/**
 * From the webview: it is ready for messages (sent on every load, so a re-created view gets the
 * last state); open a chain frame; re-run with other inputs.
 */
export type ViewMessage = { readonly type: 'ready' } | { readonly type: 'open'; readonly file: string; readonly frame: string } | ({ readonly type: 'run' } & RunInputs);

/**
 * To the webview: a simulation, a form for what the source does not fix, or why there is none.
 * `inWorkspace`: the chain's files that open on this machine (the workspace's kernel tree or a
 * workspace folder); the others open online.
 */
export type HostMessage =
  | { readonly type: 'trace'; readonly result: SimulateResult; readonly inWorkspace: readonly string[]; readonly inputs: RunInputs }
  | { readonly type: 'needs'; readonly message: string; readonly needs: SimulateNeeds['needs']; readonly inputs: RunInputs }
  | { readonly type: 'failed'; readonly message: string };

const LIMITS = { count: 100_000, elementSize: 1 << 30, elementAlign: 4096, elementCount: 1 << 24 } as const;

function wholeIn(value: unknown, max: number): value is number {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= max;
}

export function readViewMessage(raw: unknown): ViewMessage | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const m = raw as Record<string, unknown>;
  if (m.type === 'ready') return { type: 'ready' };
  // A chain frame's file is a kernel path like rust/kernel/alloc/kvec.rs: relative, no `..`.
  // The host also opens only files of the trace it sent (simulate-view.ts).
  if (m.type === 'open' && typeof m.file === 'string' && typeof m.frame === 'string' && m.file !== '' && m.file.length < 300 && m.frame.length < 200) {
    if (m.file.startsWith('/') || m.file.includes('\\') || m.file.split('/').includes('..')) return null;
    return { type: 'open', file: m.file, frame: m.frame };
  }
  if (m.type === 'run') {
    const out: { -readonly [K in keyof RunInputs]: RunInputs[K] } = {};
    for (const key of ['count', 'elementSize', 'elementAlign', 'elementCount'] as const) {
      if (m[key] === undefined) continue;
      if (!wholeIn(m[key], LIMITS[key])) return null;
      out[key] = m[key];
    }
    if (m.memory !== undefined) {
      if (m.memory !== 'fresh' && m.memory !== 'fragmented') return null;
      out.memory = m.memory;
    }
    return { type: 'run', ...out };
  }
  return null;
}
