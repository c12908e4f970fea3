import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each integration file owns a database (a PGlite instance, or a shared fresh PostgreSQL database);
    // forks keep WASM heaps and pools apart, and two workers fit the 2-core CI machines.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
