import { defineConfig } from 'vitest/config';

// `npm run test:ci -w packages/cli`, called by the root `npm run test:services`: the slow packaged suites.
export default defineConfig({
  test: {
    include: ['test/**/*.services.ts'],
    testTimeout: 900_000,
    hookTimeout: 300_000,
  },
});
