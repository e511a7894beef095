// Opens a PostgreSQL database as a store: connect read-only, find the layout (or use the mapping
// the user gave), and hand the layout to the one generic reader. The session is closed on any
// failure, so a refused open leaves nothing connected.
import type { StoreInfo } from '../../../shared/types.ts';
import { describedAs, words } from '../../../shared/errorWords/index.ts';
import { LedgerError } from '../../errors.ts';
import type { EventStoreReader } from '../../store/eventStore.ts';
import { connectPg, type PgConnectOptions, type PgConnection } from './connection.ts';
import { detectLayout, type DetectChoice } from './detect.ts';
import type { PgLayout } from './layout.ts';
import { emmettPostgresLayout } from './layouts/emmettPostgres.ts';
import { mappedTableLayout } from './layouts/mappedTable.ts';
import { martenLayout } from './layouts/marten.ts';
import { messageDbLayout } from './layouts/messageDb.ts';
import type { TableMapping, TableRef } from './layouts/tableMapping.ts';
import { createPgReader } from './pgReader.ts';
import type { PgTarget } from './target.ts';

export interface PgOpenOptions extends PgConnectOptions {
  /** A home-grown events table and its columns (`--table` / `--map`); skips detection. */
  mapped?: { table: TableRef; mapping: TableMapping };
  /** Pick one layout when the database holds several. */
  choose?: DetectChoice;
}

export interface OpenedPostgres {
  reader: EventStoreReader;
  connection: PgConnection;
  layout: PgLayout;
}

async function layoutFor(connection: PgConnection, options: PgOpenOptions): Promise<PgLayout> {
  if (options.mapped) return mappedTableLayout(connection, options.mapped.table, options.mapped.mapping);
  const found = await detectLayout(connection, options.choose);
  switch (found.kind) {
    case 'marten':
      return martenLayout(connection, found.schema);
    case 'emmett-postgres':
      return emmettPostgresLayout(connection, found.schema);
    case 'message-db':
      return messageDbLayout(connection, found.schema);
  }
}

/** Size of the tables a layout reads (what "Size" means for a database store). */
async function tablesSize(connection: PgConnection, tables: string[]): Promise<number> {
  if (tables.length === 0) return 0;
  try {
    // Partitioned tables (Emmett's) keep their rows in partitions: the parent itself is empty.
    const rows = await connection.query<{ bytes: string | null }>(
      `SELECT sum(s.size)::text AS bytes FROM (SELECT to_regclass(t) AS r FROM unnest($1::text[]) AS t) AS x,
         LATERAL (SELECT greatest(pg_total_relation_size(x.r), coalesce((SELECT sum(pg_total_relation_size(p.relid)) FROM pg_partition_tree(x.r) AS p), 0)) AS size) AS s`,
      [tables],
    );
    return Number(rows[0]?.bytes ?? 0);
  } catch {
    return 0; // size is a fact for display; a role that may not see it still reads the events
  }
}

export async function openPostgres(target: PgTarget, options: PgOpenOptions = {}): Promise<OpenedPostgres> {
  const connection = await connectPg(target, options);
  try {
    const facts = await connection.sessionFacts();
    if (!facts.readOnly) {
      // connectPg sets default_transaction_read_only; a server (or pooler) that ignores it is refused.
      throw new LedgerError('UNSUPPORTED', words('errorWords.pg.readOnlyRefused', { url: target.displayUrl }));
    }
    const layout = await layoutFor(connection, options);
    const info: StoreInfo = {
      path: target.displayUrl,
      format: layout.format,
      // A layout's name is a product's (Marten, Message DB, Emmett PostgreSQL), but for a mapped table.
      ...describedAs(
        words('errorWords.adapter.postgres', {
          layout: layout.facts.name === 'Mapped table' ? words('errorWords.adapter.layout.mappedTable', {}) : layout.facts.name,
          version: connection.serverVersion,
          user: facts.user,
        }),
      ),
      readonly: true,
      sizeBytes: await tablesSize(connection, layout.facts.tables),
      hasIntegrityChain: false,
      access: 'direct',
      kind: 'postgres',
      layout: layout.facts,
    };
    const reader = createPgReader(connection, layout, info);
    // Hidden rows (Marten tombstones) are counted once at open, so the store facts can show them.
    return { reader, connection, layout };
  } catch (error) {
    await connection.close().catch(() => {});
    throw error;
  }
}
