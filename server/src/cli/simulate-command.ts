/**
 * `kalloc-lens simulate <file>:<line>:<col>`: the site at that position run through the engine's
 * stateful models (the same code as the language server's kalloc-lens.simulate command): a push
 * site simulates pushes into an empty vector, a fixed-size site repeated live allocations.
 */
import { existsSync } from 'node:fs';
import { Command, Option } from 'commander';
import { formatBytes, type SimulationTrace, bundledCLayouts } from '../../../engine/src/index.js';
import { analyzeFileInWorkspace, UnreadableFileError } from '../analysis/analyze-file.js';
import { siteAt, simulateSite } from '../analysis/simulate-site.js';
import { InputPathError } from '../workspace/rust-files.js';
import { buildCLayouts } from './build-layouts-option.js';
import { EXIT_OK } from './exit-codes.js';
import { addTargetOptions, resolveTarget, type TargetOptions } from './target-options.js';
import { UsageError } from './usage-error.js';

interface SimulateOptions extends TargetOptions {
  count?: string;
  format: 'text' | 'json';
  root?: string[];
}

export const SIMULATE_JSON_VERSION = 1;

function parsePlace(text: string): { file: string; line: number; column: number } {
  const m = /^(.*):(\d+):(\d+)$/.exec(text);
  if (!m || Number(m[2]) < 1 || Number(m[3]) < 1) throw new UsageError(`expected <file>:<line>:<column> (1-based), got '${text}'`);
  return { file: m[1]!, line: Number(m[2]), column: Number(m[3]) };
}

function landsText(o: SimulationTrace['outcome']): string {
  if (o.path === 'slab') return `${o.cache} (${o.kmemCache ? `dedicated cache, ${o.kmemCache.source}: ` : ''}object ${o.objectSize} B, ${o.objectsPerSlab} per order-${o.slabOrder} slab)`;
  if (o.path === 'large' || o.path === 'pages') return `order-${o.order} pages`;
  if (o.path === 'dma' && o.dma) return `dma-direct (assumed without a device): order-${o.dma.order} pages for ${formatBytes(o.dma.alignedBytes)}`;
  return o.path;
}

function formatTrace(call: string, place: string, trace: SimulationTrace, times: number): string {
  const o = trace.outcome;
  const what = trace.kind === 'kvec-push' ? `${times} pushes into an empty vector` : `${times} live allocations`;
  const lines = [`${call} at ${place} · ${what} · ${trace.totals.operations} allocator operations, ${trace.totals.failures} failed`];
  lines.push(`lands    ${landsText(o)}`);
  if (o.dma) for (const p of o.dma.paths) lines.push(`dma      ${p.path.padEnd(17)} ${p.when} → ${p.gets}`);
  const paths = Object.entries(trace.totals.paths)
    .map(([p, n]) => `${p} ${n}`)
    .join(' · ');
  lines.push(
    `paths    ${paths}`,
    `buddy    ${trace.totals.buddySplits} splits, ${trace.totals.buddyMerges} merges; free blocks per order before ${trace.buddy.before.join(' ')} / after ${trace.buddy.after.join(' ')}`,
  );
  for (const s of trace.slub) lines.push(`slub     ${s.cache} (${s.frontEnd})`);
  lines.push('', 'STEP  ACTION  PATH              CACHE/ORDER       CAPACITY  NEW SLAB');
  for (const step of trace.steps) {
    const where = step.cache ?? (step.order !== null ? `order-${step.order}` : step.pages !== null ? `${step.pages} pages` : '—');
    const slab = step.newSlab ? `${step.newSlabs > 1 ? `${step.newSlabs} × ` : ''}order ${step.newSlab.order} (${formatBytes(2 ** step.newSlab.order * trace.buddy.pageSize)})` : '';
    lines.push(`${String(step.index).padStart(4)}  ${step.action.padEnd(6)}  ${step.path.padEnd(16)}  ${where.padEnd(16)}  ${String(step.capacity ?? '').padStart(8)}  ${slab}`);
  }
  if (trace.truncatedSteps) lines.push(`… ${trace.truncatedSteps} more steps`);
  lines.push(...trace.notes.map((n) => `note     ${n}`));
  return lines.join('\n');
}

export function simulateCommand(write: (text: string) => void): Command {
  const command = new Command('simulate')
    .description('run the allocation site at <file>:<line>:<col> through the SLUB and buddy models, step by step')
    .argument('<place>', 'the site: <file>:<line>:<column>, 1-based (any position inside the call)')
    .option('--count <n>', 'pushes (for a push/reserve site) or live allocations (default 64 / 32)')
    .option('--root <folder...>', "more folders whose types and consts the file uses (its crate and a kernel tree's rust/kernel are always read)")
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'));
  addTargetOptions(command);
  command.action(async (placeText: string, options: SimulateOptions) => {
    const place = parsePlace(placeText);
    if (!existsSync(place.file)) throw new UsageError(`no such file: ${place.file}`);
    const count = options.count === undefined ? undefined : Number(options.count);
    if (count !== undefined && (!Number.isInteger(count) || count < 1 || count > 10_000_000)) throw new UsageError(`--count: expected a whole number from 1 to 10000000, got '${options.count}'`);
    const target = resolveTarget(options, place.file);
    const cLayouts = (await buildCLayouts(target)) ?? bundledCLayouts(target.profile);
    let sites;
    try {
      sites = await analyzeFileInWorkspace(place.file, options.root ?? [], {
        profile: target.profile,
        ...(target.kernel !== undefined ? { kernel: target.kernel } : {}),
        includeDoc: true,
        cLayouts,
      });
    } catch (error) {
      if (error instanceof UnreadableFileError || error instanceof InputPathError) throw new UsageError(error.message);
      throw error;
    }
    const site = siteAt(sites, place.line - 1, place.column - 1);
    if (!site) throw new UsageError(`no allocation site at ${placeText}${sites.length ? `; sites in this file are at lines ${sites.map((s) => s.report.line).join(', ')}` : ''}`);
    const result = simulateSite(site, target.profile, target.kernel, count, {}, cLayouts);
    if (!result.ok) throw new UsageError(`cannot simulate ${site.report.call} at line ${site.report.line}: ${result.reason}`);
    if (options.format === 'json')
      write(
        JSON.stringify(
          { version: SIMULATE_JSON_VERSION, site: { call: site.report.call, line: site.report.line, column: site.report.column }, layoutSource: cLayouts.id, trace: result.trace },
          null,
          2,
        ),
      );
    else write(formatTrace(site.report.call, `${place.file}:${site.report.line}:${site.report.column}`, result.trace, result.times));
    process.exitCode = EXIT_OK;
  });
  return command;
}
