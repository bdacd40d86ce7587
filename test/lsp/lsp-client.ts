/**
 * A test client that spawns the built server (`node out/server/src/lsp/main.js --stdio`) and
 * talks JSON-RPC to it over its stdin/stdout, as an editor would: it answers the server's
 * requests (configuration, registrations, progress tokens) and records what the server sends.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  ErrorCodes,
  ResponseError,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type InitializeResult,
} from 'vscode-languageserver-protocol/node.js';
import { TargetNotification, type TargetParams } from '../../server/src/lsp/protocol.js';

export const SERVER_MAIN = resolve('out/server/src/lsp/main.js');

export class LspTestClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  readonly progress: unknown[] = [];
  readonly messages: { type: number; message: string }[] = [];
  readonly logs: string[] = [];
  /** Every kalloc-lens/target notification, in order. */
  readonly targets: TargetParams[] = [];
  settings: unknown = {};
  /** When set, the client answers workspace/configuration with an error (a client that cannot). */
  configurationFails = false;
  private waiters: (() => void)[] = [];
  stderr = '';

  private constructor(
    readonly process: ChildProcessWithoutNullStreams,
    readonly connection: ProtocolConnection,
  ) {}

  /** Spawn the built server, or another build of it (the extension's bundle). */
  static start(main = SERVER_MAIN, env: NodeJS.ProcessEnv = process.env): LspTestClient {
    const child = spawn(process.execPath, [main, '--stdio'], { stdio: 'pipe', env });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new LspTestClient(child, connection);
    child.stderr.on('data', (d: Buffer) => (client.stderr += d.toString()));
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      client.diagnostics.set(p.uri, [...(client.diagnostics.get(p.uri) ?? []), p]);
      client.wake();
    });
    connection.onNotification('$/progress', (p: unknown) => {
      client.progress.push(p);
      client.wake();
    });
    connection.onNotification('window/showMessage', (p: { type: number; message: string }) => {
      client.messages.push(p);
      client.wake();
    });
    connection.onNotification('window/logMessage', (p: { message: string }) => {
      client.logs.push(p.message);
      client.wake();
    });
    connection.onNotification(TargetNotification, (p: TargetParams) => {
      client.targets.push(p);
      client.wake();
    });
    connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => {
      if (client.configurationFails) throw new ResponseError(ErrorCodes.InternalError, 'the test client refuses');
      return p.items.map(() => client.settings);
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.listen();
    return client;
  }

  private wake(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) w();
  }

  /** Resolve once `check` holds, re-checking on every message from the server. */
  async until<T>(check: () => T | undefined | null | false, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting; server stderr: ${this.stderr.slice(-2000)}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 50);
      });
    }
  }

  /** Poll an async check (a request to the server) until it gives a value. */
  async eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out polling; server stderr: ${this.stderr.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 30));
    }
  }

  async initialize(rootFolder: string, initializationOptions?: unknown): Promise<InitializeResult> {
    const uri = pathToFileURL(resolve(rootFolder)).href;
    const result = (await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: 'root' }],
      capabilities: {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, didChangeConfiguration: { dynamicRegistration: true } },
        window: { workDoneProgress: true },
        textDocument: {
          hover: { contentFormat: ['markdown'] },
          publishDiagnostics: { versionSupport: true },
          codeAction: { disabledSupport: true, codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
        },
      },
      ...(initializationOptions !== undefined ? { initializationOptions } : {}),
    })) as InitializeResult;
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Wait for the "Indexing" progress to end. */
  indexed(): Promise<unknown> {
    return this.until(() => this.progress.find((p) => (p as { value?: { kind?: string } }).value?.kind === 'end'));
  }

  async open(path: string, text: string): Promise<string> {
    const uri = pathToFileURL(resolve(path)).href;
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'rust', version: 1, text } });
    return uri;
  }

  lastDiagnostics(uri: string): PublishDiagnosticsParams | undefined {
    return this.diagnostics.get(uri)?.at(-1);
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    this.process.kill();
  }
}
