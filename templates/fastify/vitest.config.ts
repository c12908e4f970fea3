import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Needs PostgreSQL and Redis behind proxies: `npm run test:faults`.
    exclude: ['test/faults/**', '**/node_modules/**'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    // Files in a worker share its database (test/support/database.ts): PGlite starts once per worker.
    isolate: false,
    testTimeout: 10_000,
    hookTimeout: 30_000,
    teardownTimeout: 5_000,
  },
});
