/**
 * `kalloc-lens explain`: one allocation request from the command line to explain()'s answer.
 * C struct sizes (a dedicated cache's object, devres's node) come from the target's build
 * (--build-dir) when there is one, else the bundled defconfig tables; `layoutSource` names which.
 */
import { Command, Option } from 'commander';
import { explain, type ExplainInput, apiRow, type CLayoutSource, bundledCLayouts, evaluateSizeExpression } from '../../../engine/src/index.js';
import { buildCLayouts } from './build-layouts-option.js';
import { EXIT_OK } from './exit-codes.js';
import { formatOutcome } from './format-outcome.js';
import { addTargetOptions, resolveTarget, type TargetOptions } from './target-options.js';
import { UsageError } from './usage-error.js';

interface ExplainOptions extends TargetOptions {
  size?: string;
  count?: string;
  elementSize?: string;
  elementAlign?: string;
  align?: string;
  allocator?: string;
  flags: string;
  api?: string;
  order?: string;
  cType?: string;
  format: 'text' | 'json';
}

export const EXPLAIN_JSON_VERSION = 1;

/** A C type's layout for --c-type, or a usage error naming what is wrong. */
function cTypeOf(layouts: CLayoutSource, name: string, options: ExplainOptions): { name: string; size: number; align: number; note?: string } {
  const bare = name.replace(/^(?:kernel::)?bindings::/, '').replace(/^struct\s+/, '');
  if (options.size !== undefined) throw new UsageError('--c-type gives the size: drop --size (or use --count for an array of it)');
  if (options.count !== undefined && options.elementSize !== undefined) throw new UsageError('--c-type gives the element size: drop --element-size');
  const layout = layouts.layoutOf(bare);
  if (!layout) throw new UsageError(`--c-type: ${layouts.id} has no layout for bindings::${bare}`);
  return { name: bare, size: layout.size, align: layout.align, ...(layout.note ? { note: layout.note } : {}) };
}

export function explainCommand(write: (text: string) => void): Command {
  const command = new Command('explain')
    .description('where one allocation lands: cache or page order, waste, slab geometry and the call chain')
    .option('--size <bytes>', 'request size: bytes or an expression (4096, 4K, 48*16, PAGE_SIZE << 2)')
    .option('--align <bytes>', 'alignment of the layout (with --size)', '1')
    .option('--count <n>', 'element count (a KVec capacity, an array length)')
    .option('--element-size <bytes>', 'size_of::<T>() of one element (with --count)')
    .option('--element-align <bytes>', 'align_of::<T>() of one element (with --count)', '1')
    .option('--allocator <name>', 'kmalloc, vmalloc or kvmalloc (default: the allocator of --api’s type, else kmalloc)')
    .option('--flags <gfp>', 'GFP flags, e.g. "GFP_KERNEL | __GFP_ZERO"', 'GFP_KERNEL')
    .option('--api <call>', 'the Rust call whose chain to show, e.g. KVec::with_capacity, MapleTree::insert, Page::alloc_page (default: the allocator’s alloc)')
    .option('--c-type <name>', 'size and align of a C type from the C layouts (bindings::<name>: mutex, wait_queue_head, device): the request, or the element with --count')
    .option('--order <n>', 'page order, for APIs that take one (bindings::alloc_pages, bindings::__get_free_pages)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'));
  addTargetOptions(command);
  command.action(async (options: ExplainOptions) => {
    const target = resolveTarget(options);
    const names = { PAGE_SIZE: target.profile.constants.PAGE_SIZE };
    const number = (text: string | undefined, what: string): number | undefined => {
      if (text === undefined) return undefined;
      try {
        return evaluateSizeExpression(text, names);
      } catch (error) {
        throw new UsageError(`${what}: ${(error as Error).message}`);
      }
    };
    // Kernel APIs (MapleTree::insert, Page::alloc_page) may fix their size; a bit count needs no element.
    const kernelApi = options.api !== undefined && apiRow(options.api)?.family === 'kernel';
    const cLayouts = (await buildCLayouts(target)) ?? bundledCLayouts(target.profile);
    const cType = options.cType === undefined ? undefined : cTypeOf(cLayouts, options.cType, options);
    if (cType) {
      if (options.count !== undefined) options.elementSize ??= String(cType.size);
      else options.size = String(cType.size);
      if (options.count !== undefined) options.elementAlign = String(cType.align);
      else options.align = String(cType.align);
    }
    if (options.size === undefined && options.count === undefined && options.order === undefined && !kernelApi) throw new UsageError('explain needs --size, or --count with --element-size');
    const count = number(options.count, '--count');
    const order = number(options.order, '--order');
    const input: ExplainInput = {
      ...(options.size !== undefined ? { sizeBytes: number(options.size, '--size')!, alignBytes: number(options.align, '--align')! } : {}),
      ...(order !== undefined ? { order } : {}),
      ...(count !== undefined && kernelApi && options.elementSize === undefined ? { count } : {}),
      ...(count !== undefined && !(kernelApi && options.elementSize === undefined)
        ? {
            count,
            element: {
              sizeBytes: number(
                options.elementSize ??
                  (() => {
                    throw new UsageError('--count needs --element-size');
                  })(),
                '--element-size',
              )!,
              alignBytes: number(options.elementAlign, '--element-align')!,
            },
          }
        : {}),
      ...(options.allocator !== undefined ? { allocator: options.allocator } : {}),
      flags: options.flags,
      ...(options.api !== undefined ? { api: options.api } : {}),
      profile: target.profile,
      ...(target.kernel !== undefined ? { kernel: target.kernel } : {}),
      cLayouts,
    };
    const outcome = explain(input);
    if (options.format === 'json') {
      const source = { layoutSource: cLayouts.id, ...(cLayouts.note ? { layoutSourceNote: cLayouts.note } : {}) };
      write(JSON.stringify({ version: EXPLAIN_JSON_VERSION, outcome, ...source, ...(cType ? { cType } : {}), configNotes: target.notes }, null, 2));
    } else {
      const cTypeNote = cType ? [`bindings::${cType.name}: ${cType.size} B, align ${cType.align} (C layouts ${cLayouts.id})${cType.note ? `; ${cType.note}` : ''}`] : [];
      write(formatOutcome(outcome, [...cTypeNote, ...target.notes]));
    }
    process.exitCode = EXIT_OK;
  });
  return command;
}
