/**
 * `kalloc-lens/status`: the server's process id and version. A test that started this server
 * through an editor ends exactly this process, never others found by name.
 */
import type { Connection, ServerCapabilities } from 'vscode-languageserver';
import { VERSION } from '../../version.js';
import { ServerStatusRequest } from '../protocol.js';

/** Binds the request; it gives no standard capability. */
export function register(connection: Connection): ServerCapabilities {
  connection.onRequest(ServerStatusRequest, () => ({ pid: process.pid, version: VERSION }));
  return {};
}
