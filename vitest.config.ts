import { defineConfig } from 'vitest/config';
import { serverPrograms } from './tests/global-setup.ts';

// Three projects: everything on SQLite; the browser tests (system Chromium through playwright-core) on
// their own, so that `npm test -- --project unit` is a quick run and a run without Chromium says why it
// skipped them; and the acceptance-style tests again on PostgreSQL (TEST_ENGINE=postgres makes the
// suite's helpers open a fresh PostgreSQL database where they would open SQLite), wherever a server is
// there (tests/global-setup.ts starts one, or TEST_DATABASE_URL names one). The store contract tests
// (tests/store/) run on both engines in the unit project by themselves.
const POSTGRES_FILES = [
  'tests/commands/*.test.ts',
  'tests/discord/gateway.test.ts',
  'tests/slack/http.test.ts',
  'tests/digest/delivery.test.ts',
  'tests/alerts/commands.test.ts',
  'tests/alerts/delivery.test.ts',
  'tests/intake/review.test.ts',
  'tests/intake/merging.test.ts',
  'tests/intake/commands.test.ts',
  'tests/web/api.test.ts',
  'tests/web/feeds.test.ts',
  // Several real processes on one PostgreSQL database (roles, the gateway lock, shared state, work
  // claimed row by row): here only.
  'tests/roles/**/*.test.ts',
  'tests/replicas/*.test.ts',
];
const postgres = Boolean(process.env.TEST_DATABASE_URL || serverPrograms());

export default defineConfig({
  test: {
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: ['tests/browser/**', 'tests/roles/**', 'tests/replicas/**'] },
      },
      { extends: true, test: { name: 'browser', include: ['tests/browser/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 60_000 } },
      ...(postgres
        ? [{ extends: true as const, test: { name: 'postgres', include: POSTGRES_FILES, env: { TEST_ENGINE: 'postgres' } } }]
        : []),
    ],
  },
});
