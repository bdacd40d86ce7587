/**
 * The local file path of a URI, or null. Workspace folders and documents can come as
 * `vscode-vfs:`, `untitled:` or `file://host/share` (a UNC path): not files this process can
 * read, and fileURLToPath throws on some of them.
 */
import { fileURLToPath } from 'node:url';

export function localPath(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    const url = new URL(uri);
    if (url.host !== '' && url.host !== 'localhost') return null;
    return fileURLToPath(url);
  } catch {
    return null;
  }
}
