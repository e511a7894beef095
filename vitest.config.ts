import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // One PostgreSQL server for the run (a throwaway cluster unless LEDGER_TEST_PG_URL is set).
    globalSetup: ['src/main/testing/pgGlobalSetup.ts'],
    // LEDGER_HOME in a temp folder for every test file (the viewer's activity log, notes, keys).
    setupFiles: ['src/main/testing/ledgerHomeSetup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
