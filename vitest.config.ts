import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', '**/fixtures/**'],
    // The browser suite is not part of this run (vitest.browser.config.ts is): say so at the end.
    globalSetup: ['packages/cli/test-browser/not-run-note.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
