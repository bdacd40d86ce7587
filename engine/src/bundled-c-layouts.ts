/**
 * The C layouts used when no kernel build is found: the bundled v7.1.5 defconfig tables
 * (data/c-layouts/, generated from ../shared/kernel-build). arm64 with 16K or 64K pages uses
 * the arm64 (4K) table and says so: page size moves few C structs, but it does move some.
 * A type whose size differs in the debug-locking build holds a lock or a lockdep map; its
 * answer carries a note with both sizes.
 */
import type { CLayoutSource, CTypeLayout } from './c-layout.js';
import { ARM64_DEFCONFIG } from './data/c-layouts/arm64-defconfig.js';
import type { CLayoutTable } from './data/c-layouts/c-layout-table.js';
import { X86_64_DEFCONFIG } from './data/c-layouts/x86_64-defconfig.js';
import { ARM64_DEFCONFIG_SYMBOLS, X86_64_DEFCONFIG_SYMBOLS } from './data/kconfig/defconfig-symbols.js';
import type { DefconfigSymbols } from './data/kconfig/defconfig-symbols-table.js';
import { bundledKconfigSymbols, type KconfigSymbols } from './kconfig-symbols.js';
import type { Profile } from './profile.js';

/** What ../shared/kernel-build/x86_64-debug-locking adds to defconfig (its README). */
const DEBUG_OPTIONS = 'DEBUG_SPINLOCK, DEBUG_MUTEXES, DEBUG_LOCK_ALLOC, PROVE_LOCKING, LOCKDEP, MEMCG';
const DEBUG_NOTE_MARK = ` debug locking (${DEBUG_OPTIONS})`;

/** Whether a layout note is the one a bundled lock-holding size carries (answers pass it on). */
export function isDebugOptionsNote(note: string): boolean {
  return note.includes(DEBUG_NOTE_MARK);
}

class BundledCLayouts implements CLayoutSource {
  readonly id: string;
  readonly note?: string;
  readonly kconfig: KconfigSymbols;

  constructor(
    private readonly table: CLayoutTable,
    /** Debug-locking sizes measured on another arch, when this table has none of its own. */
    private readonly debugFrom: CLayoutTable | null,
    private readonly symbols: DefconfigSymbols,
    note?: string,
  ) {
    this.id = table.id;
    this.kconfig = bundledKconfigSymbols(symbols, table.id);
    if (note) this.note = note;
  }

  get profileName(): string {
    return this.table.profile;
  }

  /** The same table, said to stand in for a profile it was not generated for. */
  standingInFor(profileName: string): BundledCLayouts {
    return new BundledCLayouts(this.table, this.debugFrom, this.symbols, `${profileName} uses the ${this.table.profile} defconfig table: no ${profileName} build is bundled`);
  }

  layoutOf(name: string): CTypeLayout | undefined {
    const row = this.table.layouts[name];
    if (!row) return undefined;
    const [size, align] = row;
    const note = this.debugNote(name, size);
    return note ? { size, align, note } : { size, align };
  }

  private debugNote(name: string, size: number): string | undefined {
    const own = this.table.debugLocking?.[name];
    if (own) return `bindings::${name}: ${size} B in ${this.table.build}, ${own[0]} B with${DEBUG_NOTE_MARK}`;
    const other = this.debugFrom?.debugLocking?.[name];
    const otherBase = this.debugFrom?.layouts[name];
    if (other && otherBase) {
      return `bindings::${name}: ${size} B in ${this.table.build}; with${DEBUG_NOTE_MARK} it changes (${this.debugFrom!.build} ${otherBase[0]} → ${other[0]} B)`;
    }
    return undefined;
  }
}

const X86_64 = new BundledCLayouts(X86_64_DEFCONFIG, null, X86_64_DEFCONFIG_SYMBOLS);
const ARM64 = new BundledCLayouts(ARM64_DEFCONFIG, X86_64_DEFCONFIG, ARM64_DEFCONFIG_SYMBOLS);

/** The bundled C layouts for a profile's arch. */
export function bundledCLayouts(profile: Profile): CLayoutSource {
  const source = profile.arch.arch === 'x86_64' ? X86_64 : ARM64;
  if (source.profileName === profile.name) return source;
  return source.standingInFor(profile.name);
}
