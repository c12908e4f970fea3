import { defineConfig } from 'vitest/config';

/**
 * `npm run test:faults`: Conduit as real processes on PostgreSQL and Redis, with faults injected
 * through TCP proxies, signals under load and malformed input. One file at a time: each drives
 * processes and load of its own, and the figures they print must not compete for the same cores.
 */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
