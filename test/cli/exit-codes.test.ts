/**
 * Exit codes (README "Exit codes"): bad usage is 2, and a bug of ours (an error that is neither a
 * usage nor an input error) is 70 with "internal error" and its stack on stderr, so a script can
 * tell "you called it wrong" from "kalloc-lens broke".
 */
import { Command } from 'commander';
import { describe, expect, test } from 'vitest';
import { EngineError } from '../../engine/src/errors.js';
import { EXIT_INTERNAL, EXIT_USAGE } from '../../server/src/cli/exit-codes.js';
import { buildProgram, main } from '../../server/src/cli/program.js';
import { UsageError } from '../../server/src/cli/usage-error.js';

/** The real program with one more command whose action throws `error`. */
function throwing(error: Error): Command {
  const program = buildProgram();
  program.addCommand(
    new Command('boom').exitOverride().action(() => {
      throw error;
    }),
  );
  return program;
}

async function run(argv: readonly string[], program: Command): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await main(argv, program, (t) => (stderr += t));
  return { code, stderr };
}

describe('exit codes', () => {
  test('an error of ours exits 70 with "internal error" and the stack', async () => {
    const r = await run(['boom'], throwing(new TypeError('cannot read properties of undefined')));
    expect(r.code).toBe(EXIT_INTERNAL);
    expect(EXIT_INTERNAL).toBe(70);
    expect(r.stderr).toMatch(/^kalloc-lens: internal error: TypeError: cannot read properties of undefined\n\s+at /);
  });

  test('usage and input errors exit 2 with one line, no stack', async () => {
    for (const error of [new UsageError('--jobs: expected a whole number ≥ 1'), new EngineError('invalid-argument', 'size: expected bytes')]) {
      const r = await run(['boom'], throwing(error));
      expect(r.code).toBe(EXIT_USAGE);
      expect(r.stderr).toBe(`kalloc-lens: ${error.message}\n`);
    }
    const quiet = buildProgram().configureOutput({ writeErr: () => undefined });
    expect((await run(['no-such-command'], quiet)).code).toBe(EXIT_USAGE);
  });
});
