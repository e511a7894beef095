// Test helpers for the Marten reader tests: a read-only role (USAGE on the schema, SELECT on its
// tables, nothing else) and a reader opened through it.
import pg from 'pg';
import type { StoreInfo } from '../../../shared/types.ts';
import type { EventStoreReader } from '../../store/eventStore.ts';
import { martenLayout } from './layouts/marten.ts';
import { createPgReader } from './pgReader.ts';
import { throwawaySession } from './throwawaySession.ts';

let roles = 0;

/** Creates a login role that may only read `schema`, and returns the URL that logs in as it. */
export async function readOnlyRoleUrl(url: string, schema: string): Promise<string> {
  const parsed = new URL(url);
  const role = `auditor_${parsed.pathname.slice(1)}_${++roles}`.slice(0, 63);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const s = `"${schema.replace(/"/g, '""')}"`;
    await client.query(`DROP ROLE IF EXISTS ${role}`);
    await client.query(`CREATE ROLE ${role} LOGIN PASSWORD 'auditor'`);
    await client.query(`REVOKE ALL ON SCHEMA public FROM PUBLIC`);
    await client.query(`GRANT USAGE ON SCHEMA ${s} TO ${role}`);
    await client.query(`GRANT SELECT ON ALL TABLES IN SCHEMA ${s} TO ${role}`);
  } finally {
    await client.end();
  }
  parsed.username = role;
  parsed.password = 'auditor';
  return parsed.toString();
}

export async function openMarten(url: string, schema = 'public'): Promise<EventStoreReader> {
  const session = throwawaySession(url);
  const layout = await martenLayout(session, schema);
  const info: StoreInfo = {
    path: session.displayUrl,
    format: 'marten',
    adapter: 'Marten event store (PostgreSQL)',
    readonly: true,
    sizeBytes: 0,
    hasIntegrityChain: false,
    kind: 'postgres',
    layout: layout.facts,
  };
  return createPgReader(session, layout, info);
}
