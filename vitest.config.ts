import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Property tests and the golden sweep are CPU-bound; two cores here.
    testTimeout: 60_000,
    // Vitest's default leaves one core free (one worker on two cores); the suite is mostly waits
    // on child processes (servers, CLI runs, code-server), so two workers use the machine better.
    maxWorkers: 2,
    // The .vsix and dist/ bundles, built once for the tests that need them.
    globalSetup: ['test/package-once.ts'],
  },
});
