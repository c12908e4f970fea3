import { defineConfig } from 'vitest/config';

/**
 * `npm run test:faults`: the service as its own process against the real PostgreSQL and Redis,
 * through TCP proxies the tests cut, plus the OpenAPI fuzzer at full size. One file at a time:
 * the scenarios measure latencies and must not compete with each other.
 */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts', 'test/integration/openapi-fuzz.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 90_000,
  },
});
