// The connection form's services over the session: open a database as the current store, test a
// connection without opening anything, and preview a mapped table. Each connects read-only and
// disconnects what it does not keep.
import type { ConnectionTest, DatabaseConnection, MappingPreview, OpenedStore, TableMap, TableMapTarget } from '../../shared/contract.ts';
import { connectPg, type PgConnection } from '../adapters/postgres/connection.ts';
import { describeTable, detectLayout, guessMapping, REQUIRED_FIELDS } from '../adapters/postgres/detect.ts';
import { previewMappedTable } from '../adapters/postgres/layouts/mappedTable.ts';
import { parseTableMapping, parseTableRef } from '../adapters/postgres/layouts/tableMapping.ts';
import { openPostgres } from '../adapters/postgres/openPostgres.ts';
import { pgTargetFromFields, type PgTarget } from '../adapters/postgres/target.ts';
import { LedgerError } from '../errors.ts';
import type { DatabaseSession } from '../ipc/handlers/databaseHandlers.ts';
import type { Session } from './session.ts';

const LAYOUT_LABELS: Record<string, string> = { marten: 'Marten', 'emmett-postgres': 'Emmett PostgreSQL', 'message-db': 'Message DB' };

function targetOf(connection: Omit<DatabaseConnection, 'mapping'>): PgTarget {
  return pgTargetFromFields({
    host: connection.host,
    port: connection.port,
    database: connection.database,
    user: connection.user,
    password: connection.password,
    schema: connection.schema,
    sslMode: connection.sslMode,
  });
}

const mapArgs = (map: TableMap): string[] => Object.entries(map).filter(([, column]) => column).map(([target, column]) => `${target}=${column}`);

function mappedOf(connection: DatabaseConnection) {
  return connection.mapping ? parseTableMapping(connection.mapping.table, mapArgs(connection.mapping.map)) : undefined;
}

async function withConnection<T>(target: PgTarget, run: (connection: PgConnection) => Promise<T>): Promise<T> {
  const connection = await connectPg(target, { maxConnections: 1 });
  try {
    return await run(connection);
  } finally {
    await connection.close().catch(() => {});
  }
}

export function createDatabaseStores(session: Session): DatabaseSession {
  return {
    openDatabase(connection): Promise<OpenedStore> {
      const target = targetOf(connection);
      const mapped = mappedOf(connection);
      return session.openWith(async () => (await openPostgres(target, { mapped })).reader);
    },

    async testConnection(connection): Promise<ConnectionTest> {
      const target = targetOf(connection);
      const mapped = mappedOf(connection);
      return withConnection(target, async (pg) => {
        const facts = await pg.sessionFacts();
        let layout: string;
        if (mapped) {
          const opened = await openPostgres(target, { mapped, maxConnections: 1 });
          await opened.reader.close();
          layout = `Mapped table ${mapped.table.schema}.${mapped.table.table}`;
        } else {
          const found = await detectLayout(pg);
          layout = `${LAYOUT_LABELS[found.kind] ?? found.kind} in schema ${found.schema}`;
        }
        return { ok: true, serverVersion: `PostgreSQL ${pg.serverVersion}`, layout, readOnly: facts.readOnly };
      });
    },

    async previewMapping(request): Promise<MappingPreview> {
      const target = targetOf(request);
      const table = parseTableRef(request.table);
      return withConnection(target, async (pg) => {
        const description = await describeTable(pg, table.schema, table.table);
        const given = Object.fromEntries(Object.entries(request.map).filter(([, column]) => column)) as TableMap;
        const missing = REQUIRED_FIELDS.filter((field) => !given[field as TableMapTarget]) as TableMapTarget[];
        const guesses = guessMapping(description.columns) as TableMap;
        const suggested = Object.fromEntries(Object.entries(guesses).filter(([target]) => !given[target as TableMapTarget])) as TableMap;
        const preview: MappingPreview = {
          table: `${table.schema}.${table.table}`,
          columns: description.columns.map((c) => ({ name: c.name, type: c.type })),
          missing,
          ...(Object.keys(suggested).length ? { suggested } : {}),
          rows: [],
        };
        if (missing.length > 0) return preview;
        const { mapping } = parseTableMapping(request.table, mapArgs(given));
        try {
          preview.rows = (await previewMappedTable(pg, table, mapping)).map((event) => ({ event }));
        } catch (error) {
          if (!(error instanceof LedgerError)) throw error;
          preview.rows = [{ error: error.message, field: null }];
        }
        return preview;
      });
    },
  };
}
