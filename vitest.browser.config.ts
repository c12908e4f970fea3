import { defineConfig } from 'vitest/config';

// The browser suite: needs /usr/bin/chromium and a built CLI, so it runs in `npm run test:services`, not `npm test`.
export default defineConfig({
  test: {
    include: ['packages/*/test-browser/**/*.test.ts'],
    // Asked for explicitly: no browser is a failure with its reason, never a skip.
    globalSetup: ['packages/cli/test-browser/global-setup.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', '**/fixtures/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
