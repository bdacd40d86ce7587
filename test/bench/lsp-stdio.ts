/**
 * A minimal stdio LSP client for the benchmark: spawn a server, answer its requests, and expose
 * the connection, published diagnostics and progress. Works for any server (kalloc-lens and the
 * peer bash-language-server).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node.js';

export interface StdioServer {
  readonly process: ChildProcessWithoutNullStreams;
  readonly connection: ProtocolConnection;
  /** Resolves when the server's work-done progress (indexing) ends. */
  readonly progressEnded: Promise<void>;
  onDiagnostics(listener: (uri: string, version: number | undefined) => void): void;
  /** Resident set size of the server process, from /proc (Linux). */
  rssMb(): number;
  stop(): Promise<void>;
}

export async function startServer(command: string, args: string[], root: string, settings: unknown): Promise<StdioServer> {
  const child = spawn(command, args, { stdio: 'pipe' });
  child.stderr.resume();
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const listeners: ((uri: string, version: number | undefined) => void)[] = [];
  let ended: () => void = () => undefined;
  const progressEnded = new Promise<void>((resolve) => (ended = resolve));
  connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number }) => listeners.forEach((l) => l(p.uri, p.version)));
  connection.onNotification('$/progress', (p: { value?: { kind?: string } }) => {
    if (p.value?.kind === 'end') ended();
  });
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => settings));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('window/showMessageRequest', () => null);
  connection.listen();
  const uri = pathToFileURL(root).href;
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: uri,
    workspaceFolders: [{ uri, name: 'bench' }],
    capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    initializationOptions: settings,
  });
  await connection.sendNotification('initialized', {});
  return {
    process: child,
    connection,
    progressEnded,
    onDiagnostics: (l) => listeners.push(l),
    rssMb: () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024,
    stop: async () => {
      await connection.sendRequest('shutdown').catch(() => undefined);
      await connection.sendNotification('exit').catch(() => undefined);
      connection.dispose();
      child.kill();
    },
  };
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
