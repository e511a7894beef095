// Test helpers for the Marten reader tests: a reader opened through a real read-only session
// (connectPg), usually as a role with nothing but USAGE on the schema and SELECT on its tables.
import type { StoreInfo } from '../../../shared/types.ts';
import type { EventStoreReader } from '../../store/eventStore.ts';
import { createReadonlyRole } from '../../testing/pgRoles.ts';
import { connectPg } from './connection.ts';
import { martenLayout } from './layouts/marten.ts';
import { createPgReader } from './pgReader.ts';
import type { PgSession } from './pgSession.ts';
import { parsePgTarget } from './target.ts';

/** A login role that may only read `schema` (USAGE + SELECT), as a URL. */
export const readOnlyRoleUrl = (url: string, schema: string) => createReadonlyRole(url, { schemas: [schema] });

export async function connectTest(url: string): Promise<PgSession> {
  const target = parsePgTarget(url);
  if (!target) throw new Error(`not a PostgreSQL URL: ${url}`);
  return connectPg(target);
}

export async function openMarten(url: string, schema = 'public', wrap: (session: PgSession) => PgSession = (s) => s): Promise<EventStoreReader> {
  const session = wrap(await connectTest(url));
  const layout = await martenLayout(session, schema).catch(async (error: unknown) => {
    await session.close();
    throw error;
  });
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
