/**
 * `kalloc-lens analyze <files or folders...>`: every allocation site, its size, where it lands,
 * and the diagnostics. Exit 1 when a diagnostic is at or above --fail-on.
 */
import { relative } from 'node:path';
import { Command, Option } from 'commander';
import { availableParallelism } from 'node:os';
import { analyzePathsParallel } from '../analysis/parallel/analyze-parallel.js';
import type { UserTypeSize } from '../analysis/layout/layout-result.js';
import type { Severity } from '../analysis/report.js';
import { InputPathError } from '../workspace/rust-files.js';
import { readTypeSizesFile, TypeSizesError } from '../workspace/type-sizes-file.js';
import { buildCLayouts } from './build-layouts-option.js';
import { EXIT_FINDINGS, EXIT_OK } from './exit-codes.js';
import { formatTable } from './format-table.js';
import { toSarif } from './sarif.js';
import { addTargetOptions, resolveTarget, type TargetOptions } from './target-options.js';
import { UsageError } from './usage-error.js';

interface AnalyzeOptions extends TargetOptions {
  format: 'table' | 'json' | 'sarif';
  includeDoc?: boolean;
  failOn: 'error' | 'warning' | 'never';
  typeSizes?: string;
  jobs?: string;
}

const RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, information: 1, hint: 0 };

/** The --type-sizes file, or a usage error naming the entry that is wrong. */
export function readTypeSizes(path: string): Record<string, UserTypeSize> {
  try {
    return readTypeSizesFile(path);
  } catch (error) {
    if (error instanceof TypeSizesError) throw new UsageError(`--type-sizes ${path}: ${error.message}`);
    throw error;
  }
}

export function analyzeCommand(write: (text: string) => void): Command {
  const command = new Command('analyze')
    .description('find every allocation site in kernel Rust, work out its size, and predict where it lands')
    .argument('<paths...>', 'Rust files or folders (searched recursively for .rs files)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'sarif']).default('table'))
    .option('--include-doc', 'also report sites in doc-comment examples (kind "doc")')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a diagnostic is at or above this').choices(['error', 'warning', 'never']).default('error'))
    .option('--type-sizes <file>', 'JSON sizes for types the analyzer cannot see (bindings::*, config-dependent locks)')
    .option('--jobs <n>', 'worker threads for large trees (default: the machine’s cores; small inputs use one)');
  addTargetOptions(command);
  command.action(async (paths: string[], options: AnalyzeOptions) => {
    const target = resolveTarget(options, paths[0]);
    const jobs = options.jobs === undefined ? availableParallelism() : Number(options.jobs);
    if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs: expected a whole number ≥ 1, got '${options.jobs}'`);
    const cLayouts = await buildCLayouts(target);
    let report;
    try {
      report = await analyzePathsParallel(
        paths,
        {
          profile: target.profile,
          ...(target.kernel !== undefined ? { kernel: target.kernel } : {}),
          includeDoc: options.includeDoc === true,
          ...(options.typeSizes ? { userSizes: readTypeSizes(options.typeSizes) } : {}),
          ...(cLayouts ? { cLayouts } : {}),
        },
        jobs,
      );
    } catch (error) {
      if (error instanceof InputPathError) throw new UsageError(error.message);
      throw error;
    }
    if (options.format === 'json') write(JSON.stringify(report, null, 2));
    else if (options.format === 'sarif') write(JSON.stringify(toSarif(report), null, 2));
    else write(formatTable(report, (f) => relative(process.cwd(), f) || f));
    const failing = options.failOn !== 'never' && report.diagnostics.some((d) => RANK[d.severity] >= RANK[options.failOn as Severity]);
    process.exitCode = failing ? EXIT_FINDINGS : EXIT_OK;
  });
  return command;
}
