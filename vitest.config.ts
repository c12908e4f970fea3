import { defineConfig } from 'vitest/config';

const exclude = ['**/node_modules/**', '**/dist/**', '**/fixtures/**'];
const timeouts = { testTimeout: 60_000, hookTimeout: 60_000 };

export default defineConfig({
  test: {
    // The browser suite is not part of this run (vitest.browser.config.ts is): say so at the end, once.
    globalSetup: ['packages/cli/test-browser/not-run-note.ts'],
    projects: [
      {
        test: {
          name: 'strata',
          include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
          exclude: [...exclude, 'packages/probe/**'],
          ...timeouts,
          sequence: { groupOrder: 0 },
        },
      },
      {
        // The probe's suites start real services, load them and send them signals: beside other suites on a
        // two-core machine their services waited 20 s for a core to start on (.ci/run of 2026-12-01 06:18), so
        // they run after everything else, one file at a time.
        test: {
          name: 'probe',
          include: ['packages/probe/test/**/*.test.ts'],
          exclude,
          ...timeouts,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
