/**
 * The kalloc-lens command. Subcommands register here; each lives in its own file.
 * Exit codes: 0 ok, 1 findings (analyze), 2 usage or input error, 70 internal error (EX_SOFTWARE),
 * with the reason on stderr. main.ts is the process entry that runs it.
 */
import { Command, CommanderError } from 'commander';
import { EngineError } from '../../../engine/src/index.js';
import { VERSION } from '../version.js';
import { EXIT_INTERNAL, EXIT_USAGE } from './exit-codes.js';
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

/** Run `program` on `argv`; the exit code, with bad usage told apart from a bug of ours. */
export async function main(argv: readonly string[], program: Command = buildProgram(), stderr: (text: string) => void = (t) => process.stderr.write(t)): Promise<number> {
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (error instanceof EngineError || error instanceof UsageError) {
      stderr(`kalloc-lens: ${error.message}\n`);
      return EXIT_USAGE;
    }
    stderr(`kalloc-lens: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return EXIT_INTERNAL;
  }
}
