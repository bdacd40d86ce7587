/**
 * What the server models and how it analyses: the settings as last sent, the target they resolve
 * to against the files (server/src/target: the kernel root above the workspace folder, or above
 * the first file opened when there is none; the build's .config and the root Makefile), and the
 * analysis options both give. Re-read whole when the settings or the target's files change.
 */
import type { AnalyzeOptions } from '../analysis/analyze-tree.js';
import { resolveInsideWorkspace } from '../workspace/inside-workspace.js';
import { readTypeSizesFile, TypeSizesError } from '../workspace/type-sizes-file.js';
import { detectTarget, type Target } from './detect-target.js';
import type { TargetParams } from './protocol.js';
import { DEFAULT_SETTINGS, readSettings, shown, type ServerSettings } from './settings.js';

export class TargetState {
  private current: ServerSettings = DEFAULT_SETTINGS;
  /** The settings as the client last sent them, to re-read when the workspace target changes. */
  private raw: unknown = undefined;
  /** Session-only keys from the profile picker, over `raw`. */
  private session: Record<string, unknown> = {};
  private resolved: Target = detectTarget(null, DEFAULT_SETTINGS, {});
  private analyze: AnalyzeOptions;
  /** Where the kernel root is looked for: the workspace folder, else the first file opened. */
  private start: string | null;

  /** `warn` shows the user a line about a setting or file that could not be used. */
  constructor(
    private readonly root: string | null,
    private readonly warn: (message: string) => void,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.start = root;
    this.analyze = this.analyzeOptions();
  }

  /** With no workspace folder, the first file opened says where the kernel tree is; true when that is new. */
  startFrom(file: string): boolean {
    if (this.start !== null) return false;
    this.start = file;
    this.reread();
    return true;
  }

  get settings(): ServerSettings {
    return this.current;
  }

  get target(): Target {
    return this.resolved;
  }

  get options(): AnalyzeOptions {
    return this.analyze;
  }

  /** Take new settings (unknown shape, checked here); invalid values warn and keep their default. */
  apply(raw: unknown): void {
    this.raw = raw;
    const base = raw !== null && typeof raw === 'object' ? raw : {};
    const { settings, warnings } = readSettings(Object.keys(this.session).length ? { ...base, ...this.session } : raw);
    for (const w of warnings) this.warn(`kalloc-lens: ${w}`);
    this.current = settings;
    try {
      this.resolved = detectTarget(this.start, settings, this.env, (message) => this.warn(`kalloc-lens: ${message}`));
    } catch (error) {
      this.warn(`kalloc-lens: cannot use the workspace's target (${(error as Error).message}); using ${DEFAULT_SETTINGS.profile} defaults`);
      this.resolved = detectTarget(null, DEFAULT_SETTINGS, {});
    }
    this.analyze = this.analyzeOptions();
  }

  /** The picker's session target over the settings (protocol.ts SessionTarget); {} ends it. */
  setSession(raw: unknown): void {
    const out: Record<string, unknown> = {};
    if (raw !== null && typeof raw === 'object') {
      for (const key of ['profile', 'kernelVersion', 'nrCpus'] as const) {
        if (Object.hasOwn(raw, key)) out[key] = (raw as Record<string, unknown>)[key];
      }
    }
    this.session = out;
    this.apply(this.raw);
  }

  /** The same settings, read again against a changed .config, bindings or Makefile. */
  reread(): void {
    this.apply(this.raw);
  }

  /** The `kalloc-lens/target` notification's parameters. */
  params(): TargetParams {
    const t = this.resolved;
    return {
      profile: t.profile.name,
      pageSize: t.profile.constants.PAGE_SIZE,
      nrCpus: t.profile.nrCpus,
      kernel: t.kernelText,
      sources: t.build ? [...t.sources, `build ${t.build.dir} (${t.build.origin})`] : t.sources,
      kernelRoot: t.kernelRoot?.dir ?? null,
      build: t.build?.dir ?? null,
    };
  }

  private analyzeOptions(): AnalyzeOptions {
    const s = this.current;
    let userSizes: AnalyzeOptions['userSizes'];
    if (s.typeSizesFile) {
      // Only inside the workspace: its own .vscode/settings.json can set this.
      const inside = resolveInsideWorkspace(this.root, s.typeSizesFile);
      try {
        if (!inside.ok) throw new TypeSizesError(inside.reason);
        userSizes = readTypeSizesFile(inside.path);
      } catch (error) {
        if (!(error instanceof TypeSizesError)) throw error;
        this.warn(`kalloc-lens: kallocLens.typeSizesFile ${shown(s.typeSizesFile)}: ${error.message}; no type sizes are used`);
      }
    }
    return {
      profile: this.resolved.profile,
      ...(this.resolved.kernel ? { kernel: this.resolved.kernel } : {}),
      includeDoc: s.docCommentSites,
      ...(userSizes ? { userSizes } : {}),
      diagnostics: { wasteMinPercent: s.waste.minPercent, wasteMinBytes: s.waste.minBytes, severity: s.severity },
    };
  }
}
