// npm run gen:c-layouts -- <kernel v7.1.5 tree or git dir> [rev]
//
// Writes engine/src/data/c-layouts/*.ts, the C layouts used when no kernel build is found, from
// ../shared/kernel-build (bindgen output of v7.1.5 for x86_64 defconfig, x86_64 debug-locking
// and arm64 defconfig), laid out by the analyzer's own bindings reader (out/, so `tsc -b` first).
//
// Which types: every C type the kernel's own Rust names as `bindings::X` (every .rs file under
// rust/, drivers/ and samples/ of the given tree), plus the C types those hold by value, one
// level down (a field, or an array's element; never behind a pointer), and the objects of the
// dedicated caches listed below. Those are the types a
// driver can name or embed through the kernel crate; the rest of bindgen's ~8,000 is not
// bundled. For each type the x86_64 table also keeps the debug-locking size when it differs
// (a lock or a lockdep map inside), so an answer can say both sizes.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRustParser } from '../out/server/src/parse/rust-parser.js';
import { loadBuildLayouts, BINDINGS_PATH } from '../out/server/src/analysis/c-layouts/build-layouts.js';
import { scanBindings } from '../out/server/src/analysis/c-layouts/bindings-scan.js';
import { BindingsTypeIndex } from '../out/server/src/analysis/c-layouts/bindings-type-index.js';

// ../shared beside the repo (or beside a worktree's parent), or KALLOC_SHARED.
const SHARED = process.env.KALLOC_SHARED ?? ['../shared', '../../shared'].find((d) => existsSync(d)) ?? '../shared';
const OUT = 'engine/src/data/c-layouts';
const [kernel, rev = 'HEAD'] = process.argv.slice(2);
if (!kernel) {
  console.error('usage: node scripts/gen-c-layouts.mjs <kernel tree or git dir> [rev]');
  process.exit(2);
}

// Objects the kernel allocates from their own kmem_cache on behalf of Rust code (an XArray or a
// maple tree behind a kernel:: type), which the kernel's Rust never names by value:
// lib/maple_tree.c maple_node_cache, lib/radix-tree.c radix_tree_node_cachep (struct xa_node,
// include/linux/xarray.h; radix_tree_node is a #define of it).
const DEDICATED_CACHE_OBJECTS = ['maple_node', 'xa_node'];

const NAME = /bindings::([A-Za-z_][A-Za-z0-9_]*)/g;
const ROOTS = ['rust', 'drivers', 'samples'];

/** The text of every .rs file under rust/, drivers/ and samples/. */
function kernelRustTexts() {
  const isGit = (() => {
    try {
      execFileSync('git', ['-C', kernel, 'rev-parse', '--git-dir'], { stdio: 'ignore' });
      return !statSync(join(kernel, 'rust'), { throwIfNoEntry: false });
    } catch {
      return false;
    }
  })();
  if (isGit) {
    return [execFileSync('git', ['-C', kernel, 'grep', '-h', '-o', '-E', 'bindings::[A-Za-z_][A-Za-z0-9_]*', rev, '--', ...ROOTS.map((r) => `${r}/*.rs`)], { maxBuffer: 1 << 28 }).toString()];
  }
  const texts = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.isFile() && e.name.endsWith('.rs')) texts.push(readFileSync(join(dir, e.name), 'utf8'));
    }
  };
  for (const r of ROOTS) if (statSync(join(kernel, r), { throwIfNoEntry: false })?.isDirectory()) walk(join(kernel, r));
  return texts;
}

const named = new Set();
for (const text of kernelRustTexts()) for (const m of text.matchAll(NAME)) named.add(m[1]);
for (const name of DEDICATED_CACHE_OBJECTS) named.add(name);
if (named.size === 0) throw new Error(`no bindings:: names found under ${kernel}: is it a kernel tree?`);

const parser = await createRustParser();

/** The named types and their by-value field types, as the build at `dir` defines them. */
function selectedTypes(dir) {
  const text = readFileSync(join(dir, BINDINGS_PATH), 'utf8');
  const scan = scanBindings(text);
  const index = new BindingsTypeIndex(text, scan, parser);
  const out = new Set();
  const byValue = (type, add) => {
    if (type.kind === 'path') add(type.segments.at(-1));
    else if (type.kind === 'array') byValue(type.element, add);
  };
  for (const name of named) {
    if (!index.hasType(name)) continue;
    out.add(name);
    const def = index.lookupType([name]);
    const fields = def?.kind === 'struct' || def?.kind === 'union' ? def.fields : [];
    for (const f of fields) byValue(f.type, (n) => index.hasType(n) && out.add(n));
  }
  return [...out].sort();
}

function layoutsOf(dir, names) {
  const source = loadBuildLayouts(dir, parser);
  const rows = new Map();
  for (const name of names) {
    const l = source.layoutOf(name);
    if (l) rows.set(name, [l.size, l.align]);
  }
  return rows;
}

function table(constName, id, buildName, profile, rows, debug, note) {
  const lines = [...rows].map(([n, [s, a]]) => `    ${n}: [${s}, ${a}],`);
  const debugLines = debug ? [...debug].map(([n, [s, a]]) => `    ${n}: [${s}, ${a}],`) : [];
  return `// Generated by scripts/gen-c-layouts.mjs; do not edit. Source: ../shared/kernel-build/${buildName}
// (bindgen 0.60.1 over Linux v7.1.5 rust/bindings/bindings_helper.h, see its README), laid out
// as rustc does (server/src/analysis/c-layouts/). Types: every bindings::X named by the .rs
// files under rust/, drivers/ and samples/ of v7.1.5, the C types those hold by value, and the
// objects of dedicated caches (maple_node, xa_node); the script says why.
${note ? `// ${note}\n` : ''}import type { CLayoutTable } from './c-layout-table.js';

export const ${constName}: CLayoutTable = {
  id: '${id}',
  build: '${buildName}',
  profile: '${profile}',
  layouts: {
${lines.join('\n')}
  },
${debug ? `  debugLocking: {\n${debugLines.join('\n')}\n  },\n` : ''}};
`;
}

const x86Dir = join(SHARED, 'kernel-build/x86_64-defconfig');
const x86Names = selectedTypes(x86Dir);
const x86 = layoutsOf(x86Dir, x86Names);
const dbg = layoutsOf(join(SHARED, 'kernel-build/x86_64-debug-locking'), x86Names);
const changed = new Map([...dbg].filter(([n, [s]]) => x86.get(n) && x86.get(n)[0] !== s));
writeFileSync(
  join(OUT, 'x86_64-defconfig.ts'),
  table(
    'X86_64_DEFCONFIG',
    'bundled:x86_64-defconfig-7.1.5',
    'x86_64-defconfig',
    'x86_64',
    x86,
    changed,
    'debugLocking: the same types in ../shared/kernel-build/x86_64-debug-locking, where they differ.',
  ),
);
const armDir = join(SHARED, 'kernel-build/arm64-defconfig');
const arm = layoutsOf(armDir, selectedTypes(armDir));
writeFileSync(join(OUT, 'arm64-defconfig.ts'), table('ARM64_DEFCONFIG', 'bundled:arm64-defconfig-7.1.5', 'arm64-defconfig', 'arm64-4k', arm, null, null));
console.log(`${named.size} bindings:: names in the kernel's Rust; x86_64 ${x86.size} types (${changed.size} differ with debug locking), arm64 ${arm.size}`);
