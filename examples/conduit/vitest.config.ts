import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Fault injection runs real processes against PostgreSQL and Redis: `npm run test:faults`.
    exclude: ['test/faults/**', '**/node_modules/**'],
    // One worker, not isolated: PGlite compiles its WASM once per process (the slow part of its
    // start-up), and the embedded run then shares one migrated database across files.
    pool: 'forks',
    maxWorkers: 1,
    isolate: false,
    testTimeout: 20_000,
    hookTimeout: 90_000,
  },
});
