/**
 * npm run editor: code-server with the packaged extension on a copy of examples/, for trying
 * kalloc-lens in a browser. Prints the local URL; Ctrl+C stops it.
 */
import { readFileSync } from 'node:fs';
import { codeServerEntry, startEditor } from './code-server-run.js';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const editor = await startEditor(codeServerEntry(), `kalloc-lens-${pkg.version}.vsix`, 'examples');
console.log(`kalloc-lens in code-server: ${editor.url}\n(examples copied to ${editor.workspace}; Ctrl+C stops it)`);
process.on('SIGINT', () => {
  editor.stop();
  process.exit(0);
});
