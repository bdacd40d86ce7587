/**
 * Hover on a type name the workspace defines (a struct, enum, union or alias): its layout (size,
 * align, padding estimate, the formula) and where a `KBox` of it lands on the target.
 */
import { explain } from '../../../../engine/src/explain.js';
import { EngineError } from '../../../../engine/src/errors.js';
import type { AnalyzeOptions } from '../../analysis/analyze-tree.js';
import { constEnvOf } from '../../analysis/analyze-tree.js';
import { layoutOf } from '../../analysis/layout/layout-of.js';
import type { TypeIndex } from '../../analysis/rust-model.js';
import type { Target } from '../detect-target.js';

export function typeHover(name: string, index: TypeIndex, options: AnalyzeOptions, target: Target): string | null {
  const def = index.lookupType([name]);
  if (!def) return null;
  const layout = layoutOf({ kind: 'path', segments: [name], generics: [] }, index, constEnvOf(options).layoutOptions);
  if (!layout.known) {
    return ['```text', `${def.kind} ${name}`, `size     unknown: ${layout.formula}`, `missing  ${layout.unknownTerm} (${layout.reason})`, '```', '', 'Give its size in the type sizes file (`kallocLens.typeSizesFile`).'].join('\n');
  }
  const lines = [`${def.kind} ${name}`, `size     ${layout.sizeBytes} B · align ${layout.alignBytes} B${layout.estimated ? ' · estimated (default repr: rustc may reorder fields)' : ''}`, `layout   ${layout.formula}`];
  try {
    const o = explain({ api: 'KBox::new', allocator: 'Kmalloc', flags: 'GFP_KERNEL', sizeBytes: layout.sizeBytes, alignBytes: layout.alignBytes, profile: target.profile, ...(target.kernel ? { kernel: target.kernel } : {}) });
    const lands = o.path === 'slab' ? `${o.cache} · ${o.wasteBytes} B waste (${o.wastePercent}%)` : o.path === 'large' ? `order-${o.order} pages` : o.path;
    lines.push(`KBox     KBox::new(.., GFP_KERNEL) lands in ${lands}`);
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    lines.push(`KBox     ${error.message}`);
  }
  return ['```text', ...lines, '```', ...layout.notes.map((n) => `- ${n}`)].join('\n');
}
