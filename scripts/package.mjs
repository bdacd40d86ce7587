// npm run package: bundle the client and the server with esbuild into dist/ (with the
// tree-sitter .wasm files, the queries and the webview), then make kalloc-lens-<version>.vsix
// with @vscode/vsce and print its size and contents' count.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const TARGET_BYTES = 3 * 1024 * 1024;

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist/queries', { recursive: true });

await build({
  entryPoints: ['client/src/extension.ts'],
  outfile: 'dist/extension.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  minify: true,
  sourcemap: false,
  logLevel: 'warning',
});
await build({
  entryPoints: ['server/src/lsp/main.ts'],
  outfile: 'dist/server.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  logLevel: 'warning',
  // CommonJS dependencies (vscode-languageserver) call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __kallocRequire } from 'node:module'; const require = __kallocRequire(import.meta.url);" },
});
copyFileSync(require.resolve('web-tree-sitter/tree-sitter.wasm'), 'dist/tree-sitter.wasm');
copyFileSync(require.resolve('tree-sitter-rust/tree-sitter-rust.wasm'), 'dist/tree-sitter-rust.wasm');
cpSync('server/queries', 'dist/queries', { recursive: true });
copyFileSync('client/media/simulate-view.js', 'dist/simulate-view.js');
copyFileSync('client/media/simulate-view.css', 'dist/simulate-view.css');
// The diagnostic codes' page the server links to (codeDescription): the README's "Diagnostics"
// section, cut out here so that each code stays described once.
const readme = readFileSync('README.md', 'utf8');
const start = readme.indexOf('#### Diagnostics');
const end = readme.indexOf('\n#', start + 1);
if (start < 0) throw new Error('README.md has no "#### Diagnostics" section for dist/diagnostics.md');
writeFileSync('dist/diagnostics.md', `# Kalloc Lens diagnostics\n\n${readme.slice(start + '#### Diagnostics'.length, end < 0 ? undefined : end).trim()}\n`);

const vsix = `kalloc-lens-${pkg.version}.vsix`;
execFileSync(process.execPath, [require.resolve('@vscode/vsce/vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--readme-path', 'client/README.md', '--out', vsix], {
  stdio: 'inherit',
});
const size = statSync(vsix).size;
console.log(`${vsix}: ${(size / 1024 / 1024).toFixed(2)} MB (target ≤ 3 MB${size > TARGET_BYTES ? ', OVER' : ''})`);
