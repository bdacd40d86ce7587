/**
 * C layouts from a kernel build folder: `<build>/rust/bindings/bindings_generated.rs`, laid out
 * exactly as rustc lays out bindgen's output (#[repr(C)], packed, align(N) wrappers, opaque
 * blobs, bitfield units, incomplete arrays, union fields, aliases, ffi::c_*, pointers and
 * `Option<fn>`), by the same layout engine as any Rust type. The scan of the file is cached by
 * path, size and mtime, so a rebuilt kernel is read again and an unchanged one is not.
 */
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Parser } from 'web-tree-sitter';
import { type CLayoutSource, type CTypeLayout, kconfigSymbolsOf, type KconfigSymbols } from '../../../../engine/src/index.js';
import { FileAccessError, readRegularFile, UnreadableFileError } from '../../workspace/read-regular-file.js';
import { layoutOf } from '../layout/layout-of.js';
import type { LayoutResult } from '../layout/layout-result.js';
import { pathType } from '../rust-model-builders.js';
import { scanBindings, type BindingsScan } from './bindings-scan.js';
import { BindingsTypeIndex } from './bindings-type-index.js';

/** The bindings of a defconfig build are ~4 MB; allyesconfig stays well under this. */
export const MAX_BINDINGS_BYTES = 64 * 1024 * 1024;

/** Where a build keeps bindgen's output, relative to the build folder (rust/Makefile). */
export const BINDINGS_PATH = join('rust', 'bindings', 'bindings_generated.rs');

interface ScannedFile {
  readonly sizeBytes: number;
  readonly mtimeMs: number;
  readonly text: string;
  readonly scan: BindingsScan;
}

/** Scans of bindings files, kept while their size and mtime stay the same. Owned by the caller. */
/** See explain(): a C layout never depends on the page size it is given. */
const BINDINGS_HAVE_NO_PAGE_SIZE = 4096;

/** A real .config is ~130 KB; anything far larger is not one. */
const MAX_CONFIG_BYTES = 4 << 20;

export class BindingsScanCache {
  private readonly files = new Map<string, ScannedFile>();

  get(path: string): ScannedFile {
    // The stat only keys the cache; the read itself checks the kind and size on its descriptor.
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) throw new FileAccessError(path, 'ENOENT');
    const hit = this.files.get(path);
    if (hit && hit.sizeBytes === stat.size && hit.mtimeMs === stat.mtimeMs) return hit;
    // Identifiers and punctuation are ASCII; doc strings may not be, and need not decode
    // (latin1: one character per byte, so offsets are byte offsets, and the fastest decode).
    const text = readRegularFile(path, MAX_BINDINGS_BYTES).toString('latin1');
    const scanned = { sizeBytes: stat.size, mtimeMs: stat.mtimeMs, text, scan: scanBindings(text) };
    this.files.set(path, scanned);
    return scanned;
  }
}

export class BuildLayouts implements CLayoutSource {
  readonly id: string;
  readonly kconfig?: KconfigSymbols;
  private readonly index: BindingsTypeIndex;
  private readonly results = new Map<string, LayoutResult>();

  constructor(
    readonly buildDir: string,
    file: ScannedFile,
    parser: Parser,
    private readonly pointerBytes: number,
    configText?: string,
  ) {
    this.id = `build:${buildDir}`;
    if (configText !== undefined) this.kconfig = kconfigSymbolsOf(configText, `${buildDir}/.config`);
    this.index = new BindingsTypeIndex(file.text, file.scan, parser);
  }

  /** Whether the bindings define `name` as a type. */
  hasType(name: string): boolean {
    return this.index.hasType(name);
  }

  /** The engine's full answer (formula, or why unknown) for `bindings::<name>`. */
  explain(name: string): LayoutResult {
    let result = this.results.get(name);
    if (!result) {
      result = this.index.hasType(name)
        ? // bindgen writes every array length as a number, so no PAGE_SIZE term reaches a C layout;
          // the option is required by layoutOf and unused here.
          layoutOf(pathType(name), this.index, { pointerBytes: this.pointerBytes, pageSizeBytes: BINDINGS_HAVE_NO_PAGE_SIZE })
        : { known: false, formula: `size_of::<bindings::${name}>()`, unknownTerm: `bindings::${name}`, reason: `${this.buildDir}/${BINDINGS_PATH} has no type ${name}` };
      this.results.set(name, result);
    }
    return result;
  }

  layoutOf(name: string): CTypeLayout | undefined {
    const result = this.explain(name);
    return result.known ? { size: result.sizeBytes, align: result.alignBytes } : undefined;
  }
}

/**
 * The C layouts of a build folder. Throws UnreadableFileError when the bindings are missing or
 * not a regular file; the caller says so and falls back to the bundled tables.
 */
export function loadBuildLayouts(buildDir: string, parser: Parser, cache: BindingsScanCache = new BindingsScanCache(), pointerBytes = 8): BuildLayouts {
  const dir = resolve(buildDir);
  return new BuildLayouts(dir, cache.get(join(dir, BINDINGS_PATH)), parser, pointerBytes, buildConfigText(dir));
}

/** The build's .config, for `#[cfg(CONFIG_X)]` fields; without one those stay unknown. */
function buildConfigText(dir: string): string | undefined {
  try {
    return readRegularFile(join(dir, '.config'), MAX_CONFIG_BYTES).toString('utf8');
  } catch (error) {
    if (error instanceof UnreadableFileError) return undefined;
    throw error;
  }
}
