/**
 * Watches the build in use for a changed `.config` or `rust/bindings/bindings_generated.rs`, so
 * the open files are laid out again after a `make olddefconfig` or a rebuild of the bindings.
 * The editor's own file watching covers only the workspace folders; a build is often outside
 * them (`make O=~/linux/out`, KBUILD_OUTPUT), so the server watches the two folders itself.
 * Changes are gathered for a moment: make rewrites .config through a temporary file.
 */
import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

const SETTLE_MS = 200;
const WATCHED: readonly (readonly [folder: readonly string[], name: string])[] = [
  [[], '.config'],
  [['rust', 'bindings'], 'bindings_generated.rs'],
];

export class BuildWatcher {
  private watchers: FSWatcher[] = [];
  private dir: string | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly changed: () => void,
    private readonly log: (message: string) => void,
  ) {}

  /** Watch this build folder (null: none); re-arms only when the folder changes. */
  follow(dir: string | null): void {
    if (dir === this.dir) return;
    this.dispose();
    this.dir = dir;
    if (dir === null) return;
    for (const [folder, name] of WATCHED) {
      try {
        const watcher = watch(join(dir, ...folder), { persistent: false }, (_event, file) => {
          if (file === null || file === name) this.settle();
        });
        watcher.on('error', (error) => this.log(`kalloc-lens: stopped watching ${join(dir, ...folder)}: ${error.message}`));
        this.watchers.push(watcher);
      } catch (error) {
        // A build without generated bindings yet has no rust/bindings folder: nothing to watch there.
        this.log(`kalloc-lens: not watching ${join(dir, ...folder)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      }
    }
  }

  private settle(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.changed(), SETTLE_MS);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const w of this.watchers) w.close();
    this.watchers = [];
    this.dir = null;
  }
}
