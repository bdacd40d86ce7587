import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Property tests and the golden sweep are CPU-bound; two cores here.
    testTimeout: 60_000,
    // The .vsix and dist/ bundles, built once for the tests that need them.
    globalSetup: ['test/package-once.ts'],
  },
});
