import { defineConfig } from 'vitest/config';

// `npm run test:ci -w packages/probe`, called by the root `npm run test:services`: suites that need
// the real PostgreSQL and Redis.
export default defineConfig({
  test: {
    include: ['test/**/*.services.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
