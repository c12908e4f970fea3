import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Generated projects run their own suites in child processes; those dominate the time.
    testTimeout: 240_000,
    hookTimeout: 60_000,
  },
});
