/**
 * What every feature is given besides the connection: the open documents, the target, the
 * workspace index and what the client said it can do. Built once the client has said hello
 * (initialize), so nothing in it is ever half made.
 */
import type { ClientCapabilities, MessageType } from 'vscode-languageserver';
import type { DocumentStore } from './document-store.js';
import type { EditorOptions } from './protocol.js';
import type { TargetState } from './target-state.js';
import type { WorkspaceIndexer } from './workspace-indexer.js';

export interface ServerContext {
  readonly documents: DocumentStore;
  /** The workspace folders on this machine (local paths), in the client's order. */
  readonly folders: readonly string[];
  readonly target: TargetState;
  readonly workspace: WorkspaceIndexer;
  readonly client: ClientCapabilities;
  /** What the editor said it can do beyond LSP at start (initializationOptions.editor). */
  readonly editor: EditorOptions;
  /** Settles when the first index of the workspace folders is built. */
  indexed(): Promise<void>;
  /** A message the user sees (window/showMessage). */
  tell(type: MessageType, message: string): void;
}
