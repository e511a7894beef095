// For PostgreSQL test files: `describePg(title, (pg) => …)` runs against the run's server, each
// file in databases of its own; without a server the suite is skipped with the reason in its title.
import { afterAll, describe, inject } from 'vitest';
import pg from 'pg';

export interface PgTestContext {
  adminUrl: string;
  /** A fresh, empty database (dropped and re-created) and its superuser URL. */
  database(name: string): Promise<string>;
}

const adminUrlOf = () => inject('pgAdminUrl');

export function pgSkipReason(): string | null {
  return adminUrlOf() ? null : (inject('pgSkipReason') ?? 'no PostgreSQL server');
}

export function urlWithDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** Database names are unique per test file and worker, so files can run in parallel. */
let serial = 0;
export function describePg(title: string, body: (ctx: PgTestContext) => void): void {
  const adminUrl = adminUrlOf();
  if (!adminUrl) {
    describe.skip(`${title} (skipped: ${pgSkipReason()})`, () => {
      body({ adminUrl: '', database: async () => '' });
    });
    return;
  }
  const created: string[] = [];
  const ctx: PgTestContext = {
    adminUrl,
    async database(name) {
      const unique = `${name}_${process.pid}_${++serial}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${unique} WITH (FORCE)`);
        await client.query(`CREATE DATABASE ${unique}`);
      } finally {
        await client.end();
      }
      created.push(unique);
      return urlWithDatabase(adminUrl, unique);
    },
  };
  describe(title, () => {
    afterAll(async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        for (const name of created) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    });
    body(ctx);
  });
}
