#!/usr/bin/env node
/**
 * The kalloc-lens process: runs the command (program.ts) and sets the exit code.
 */
import { EXIT_OK } from './exit-codes.js';
import { main } from './program.js';

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
