/**
 * Hover on a type name the workspace defines (a struct, enum, union or alias): its layout (size,
 * align, padding estimate, the formula) and where a `KBox` of it lands on the target. Layout
 * notes that cite a kernel source row become a link to that line at the modelled version.
 */
import { explain, EngineError, formatPercent } from '../../../../engine/src/index.js';
import type { AnalyzeOptions } from '../../analysis/analyze-tree.js';
import { constEnvOf } from '../../analysis/analyze-tree.js';
import { layoutOf } from '../../analysis/layout/layout-of.js';
import type { TypeIndex } from '../../analysis/rust-model.js';
import type { Target } from '../detect-target.js';
import { code, escapeMarkdown, labelled, rows } from './markdown.js';
import { kernelSourceUrl } from './site-hover.js';

/**
 * A layout table row's citation, `rust/kernel/alloc/kvec.rs (0f7b43e81030):107-116 struct Vec;
 * aliases :129 ..`, as "read from [kvec.rs:107](…#L107) (struct Vec)"; other notes as text.
 */
export function layoutNoteText(note: string, version: string): string {
  const m = /^(\S+\.(?:rs|c|h)) \([0-9a-f]+\):(\d+)(?:-\d+)? ?([^;]*)/.exec(note);
  if (!m) return escapeMarkdown(note);
  const [, file, line, what] = m;
  const short = file!.split('/').at(-1);
  return `read from [${code(`${short}:${line}`)}](${kernelSourceUrl(file!, version)}#L${line})${what ? ` (${escapeMarkdown(what.trim())})` : ''}`;
}

export function typeHover(name: string, index: TypeIndex, options: AnalyzeOptions, target: Target): string | null {
  const def = index.lookupType([name]);
  if (!def) return null;
  const layout = layoutOf({ kind: 'path', segments: [name], generics: [] }, index, constEnvOf(options).layoutOptions);
  const head = `**${code(`${def.kind} ${name}`)}**`;
  if (!layout.known) {
    return rows([
      head,
      labelled('size', `unknown: ${code(layout.formula)}`),
      labelled('missing', `${code(layout.unknownTerm)} (${escapeMarkdown(layout.reason)})`),
      labelled('settle', `the kernel build directory (C layouts from bindgen), or an entry in ${code('kallocLens.typeSizesFile')}`),
    ]);
  }
  const lines = [
    head,
    labelled('size', `${layout.sizeBytes} B · align ${layout.alignBytes} B${layout.estimated ? ' · estimated (default repr: rustc may reorder fields)' : ''}`),
    labelled('layout', code(layout.formula)),
  ];
  try {
    const o = explain({
      api: 'KBox::new',
      allocator: 'Kmalloc',
      flags: 'GFP_KERNEL',
      sizeBytes: layout.sizeBytes,
      alignBytes: layout.alignBytes,
      profile: target.profile,
      ...(target.kernel ? { kernel: target.kernel } : {}),
    });
    const lands = o.path === 'slab' ? `${o.cache} · ${o.wasteBytes} B waste (${formatPercent(o.wastePercent ?? 0)})` : o.path === 'large' ? `order-${o.order} pages` : o.path;
    lines.push(labelled('KBox', `${code('KBox::new(.., GFP_KERNEL)')} lands in ${lands}`));
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    lines.push(labelled('KBox', escapeMarkdown(error.message)));
  }
  lines.push(...layout.notes.map((n) => layoutNoteText(n, target.kernelText)));
  return rows(lines);
}
