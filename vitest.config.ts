import { defineConfig } from 'vitest/config';

const shared = {
  pool: 'forks' as const,
  testTimeout: 90_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    projects: [
      { test: { ...shared, name: 'unit', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] } },
      // Browser suites one after another in one process: each starts a server and a Chromium, and two cores are all CI has.
      { test: { ...shared, name: 'e2e', include: ['e2e/**/*.test.ts'], poolOptions: { forks: { singleFork: true } } } },
    ],
  },
});
