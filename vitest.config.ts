// Test runner configuration: every test under test/, each file in its own worker with its own temp database
// (SQLite files, or PostgreSQL databases under npm run test:postgres, set up by test/setup/postgres.ts).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    globalSetup: ['test/setup/postgres.ts'],
    // Every query is a network round trip on PostgreSQL: its run gets more time per test.
    testTimeout: process.env.FILIERA_TEST_DATABASE === 'postgresql' ? 90_000 : 30_000,
    hookTimeout: process.env.FILIERA_TEST_DATABASE === 'postgresql' ? 120_000 : 60_000,
  },
});
