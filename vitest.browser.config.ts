import { defineConfig } from 'vitest/config';

// The browser suite: needs /usr/bin/chromium and a built CLI, so it runs in `npm run test:services`, not `npm test`.
export default defineConfig({
  test: {
    include: ['packages/*/test-browser/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', '**/fixtures/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
