// For tests: the role an auditor gets — LOGIN, USAGE on the given schemas, SELECT on their tables,
// nothing else. The database's default grants to PUBLIC (TEMP, CREATE, and USAGE on `public` when
// it is not one of the schemas) are revoked, so a test run as this role proves "USAGE + SELECT is
// enough" for every feature. Sequences are deliberately NOT granted: the reader must not need them.
import crypto from 'node:crypto';
import pg from 'pg';

export interface ReadonlyRoleOptions {
  schemas: string[];
  /** Also SELECT on the schemas' sequences (off: reading must work without). */
  sequences?: boolean;
}

let serial = 0;

/** Creates the role in the database of `adminUrl` (a superuser URL) and returns a URL that logs in as it. */
export async function createReadonlyRole(adminUrl: string, options: ReadonlyRoleOptions): Promise<string> {
  const role = `ledger_ro_${process.pid}_${++serial}_${crypto.randomBytes(3).toString('hex')}`;
  const password = crypto.randomBytes(12).toString('hex');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const database = (await client.query<{ db: string }>('SELECT current_database() AS db')).rows[0].db;
    const id = (name: string) => client.escapeIdentifier(name);
    const statements = [
      `CREATE ROLE ${id(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${client.escapeLiteral(password)}`,
      // PUBLIC's defaults: TEMP and CONNECT on a new database; USAGE (and before PG 15 CREATE) on public.
      `REVOKE CREATE, TEMPORARY ON DATABASE ${id(database)} FROM PUBLIC`,
      `GRANT CONNECT ON DATABASE ${id(database)} TO ${id(role)}`,
      `REVOKE CREATE ON SCHEMA public FROM PUBLIC`,
      ...(options.schemas.includes('public') ? [] : [`REVOKE USAGE ON SCHEMA public FROM PUBLIC`]),
    ];
    for (const schema of options.schemas) {
      statements.push(
        `GRANT USAGE ON SCHEMA ${id(schema)} TO ${id(role)}`,
        `GRANT SELECT ON ALL TABLES IN SCHEMA ${id(schema)} TO ${id(role)}`,
        // Tables a fixture creates later (Emmett's partitions, a live-tail test's appends) stay readable.
        `ALTER DEFAULT PRIVILEGES IN SCHEMA ${id(schema)} GRANT SELECT ON TABLES TO ${id(role)}`,
      );
      if (options.sequences) statements.push(`GRANT SELECT ON ALL SEQUENCES IN SCHEMA ${id(schema)} TO ${id(role)}`);
    }
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.username = encodeURIComponent(role);
  url.password = encodeURIComponent(password);
  return url.toString();
}
