#!/usr/bin/env node
/**
 * `kalloc-lens-server --stdio` (any LSP editor) or `--node-ipc` (the VS Code extension). The
 * transport flag is read by vscode-languageserver's createConnection.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { KallocServer } from './kalloc-server.js';

const TRANSPORTS = ['--stdio', '--node-ipc', '--socket', '--pipe'];

if (!process.argv.some((a) => TRANSPORTS.some((t) => a === t || a.startsWith(`${t}=`)))) {
  process.stderr.write('usage: kalloc-lens-server --stdio | --node-ipc\n  The kalloc-lens language server; an editor starts it, see the README ("Editors").\n');
  process.exit(2);
}

const connection = createConnection(ProposedFeatures.all);
// Never crash on a stray rejection (a client that does not answer a request): log it.
process.on('unhandledRejection', (reason) => connection.console.error(`kalloc-lens: unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));
new KallocServer(connection).listen();
