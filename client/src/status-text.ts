/** The status bar text: profile and kernel era, e.g. `kalloc x86_64 · 6.18` (the version's major.minor). */
import type { TargetParams } from '../../server/src/lsp/protocol.js';

export function statusText(target: TargetParams): string {
  const era = target.kernel.split('.').slice(0, 2).join('.');
  return `kalloc ${target.profile} · ${era}`;
}
