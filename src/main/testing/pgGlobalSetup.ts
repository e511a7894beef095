// Vitest global setup: one PostgreSQL server for the whole unit run (a throwaway cluster, or
// LEDGER_TEST_PG_URL). Test files get its admin URL, or the reason there is none, through inject().
import type { TestProject } from 'vitest/node';
import { startPgServer } from './pgServer.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string | null;
    pgSkipReason: string | null;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = await startPgServer();
  if (started.server) {
    project.provide('pgAdminUrl', started.server.adminUrl);
    project.provide('pgSkipReason', null);
  } else {
    project.provide('pgAdminUrl', null);
    project.provide('pgSkipReason', started.reason);
    // Printed once, so a skipped PostgreSQL suite is never silent.
    process.stdout.write(`\nPostgreSQL tests are skipped: ${started.reason}\n`);
  }
  return async () => {
    await started.server?.stop();
  };
}
