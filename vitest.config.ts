import { defineConfig } from 'vitest/config';

// Two projects: everything, and the browser tests (system Chromium through playwright-core) on their own,
// so that `npm test -- --project unit` is a quick run, and a run without Chromium says why it skipped them.
export default defineConfig({
  test: {
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: ['tests/browser/**'] } },
      { extends: true, test: { name: 'browser', include: ['tests/browser/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 60_000 } },
    ],
  },
});
