#!/usr/bin/env node
/**
 * The kalloc-lens command. Subcommands register here; each lives in its own file.
 * Exit codes: 0 ok, 1 findings (analyze), 2 usage or input error, 70 internal error (EX_SOFTWARE),
 * with the reason on stderr.
 */
import { Command, CommanderError } from 'commander';
import { EngineError } from '../../../engine/src/errors.js';
import { VERSION } from '../version.js';
import { EXIT_INTERNAL, EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import { analyzeCommand } from './analyze-command.js';
import { explainCommand } from './explain-command.js';
import { simulateCommand } from './simulate-command.js';
import { UsageError } from './usage-error.js';

const write = (text: string): void => {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
};

export function buildProgram(): Command {
  const program = new Command('kalloc-lens')
    .description('See where a Rust-for-Linux allocation really goes: SLUB cache, page order, vmalloc, and the call chain.')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  program.addCommand(explainCommand(write));
  program.addCommand(analyzeCommand(write));
  program.addCommand(simulateCommand(write));
  for (const command of program.commands) command.exitOverride();
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (error instanceof EngineError || error instanceof UsageError) {
      process.stderr.write(`kalloc-lens: ${error.message}\n`);
      return EXIT_USAGE;
    }
    process.stderr.write(`kalloc-lens: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return EXIT_INTERNAL;
  }
}

// `analyze … | head -1`: the reader has gone, and nobody is left to tell. End quietly rather
// than with a stack trace and exit 1, which means "findings".
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT_OK);
    throw error;
  });
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
