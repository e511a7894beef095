// Emmett SQLite files for tests: the schema, the migrations and every append are Emmett's own
// (getSQLiteEventStore + appendToStream, its SQL), run over one better-sqlite3 connection we hand it.
//
// Why not Emmett's own driver (node-sqlite3): it races itself. Its `querySingle` answers from
// `db.get`, whose statement is finalized after the callback fires, so the COMMIT that follows can
// find that statement still open and fail with "SQLITE_BUSY: cannot commit transaction - SQL
// statements in progress" (seen in CI); it also switches each new connection to WAL without awaiting
// it. A synchronous driver finishes each statement before the next begins, so the file is the same
// every run and complete once this resolves.
import { getSQLiteEventStore, type SQLiteConnection } from '@event-driven-io/emmett-sqlite';
import Database from 'better-sqlite3';

export type EmmettBatch = [streamId: string, events: { type: string; data: Record<string, unknown>; metadata?: Record<string, unknown> }[]];

export async function writeEmmettFile(fileName: string, batches: EmmettBatch[]): Promise<void> {
  const db = new Database(fileName);
  try {
    db.pragma('journal_mode = WAL');
    const connection = synchronousConnection(db);
    const store = getSQLiteEventStore({
      fileName,
      schema: { autoMigration: 'CreateOrUpdate' },
      connectionOptions: { singleton: true, connection },
    } as never) as unknown as { appendToStream(stream: string, events: unknown[]): Promise<unknown> };
    for (const [streamId, events] of batches) await store.appendToStream(streamId, events);
  } finally {
    db.close();
  }
}

type Params = unknown[] | undefined;

// node-sqlite3 binds booleans as 0/1 and any other object by its toString(); Emmett relies on the
// latter (its streams table gets the partition column's descriptor, "[object Object]").
function asNodeSqlite3Binds(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) return String(value);
  return value;
}

/** Emmett's SQLiteConnection over better-sqlite3; values are bound as node-sqlite3 would bind them. */
function synchronousConnection(db: Database.Database): SQLiteConnection {
  const bind = (params: Params) => (params ?? []).map(asNodeSqlite3Binds);
  let nesting = 0;
  const connection = {
    close: () => undefined,
    command: async (sql: string, params?: Params) => {
      const statement = db.prepare(sql);
      if (statement.reader) {
        statement.all(...bind(params));
        return { lastID: 0, changes: 0 };
      }
      const info = statement.run(...bind(params));
      return { lastID: Number(info.lastInsertRowid), changes: info.changes };
    },
    batchCommand: async (sqls: string[]) => {
      for (const sql of sqls) db.exec(sql);
    },
    query: async (sql: string, params?: Params) => {
      const statement = db.prepare(sql);
      if (statement.reader) return statement.all(...bind(params));
      statement.run(...bind(params));
      return [];
    },
    querySingle: async (sql: string, params?: Params) => {
      const statement = db.prepare(sql);
      if (statement.reader) return statement.get(...bind(params)) ?? null;
      statement.run(...bind(params));
      return null;
    },
    withTransaction: async <T>(fn: () => Promise<T>): Promise<T> => {
      if (nesting++ === 0) db.exec('BEGIN IMMEDIATE TRANSACTION');
      try {
        const result = await fn();
        if (nesting === 1) db.exec('COMMIT');
        nesting--;
        return result;
      } catch (error) {
        if (--nesting === 0 && db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    },
  };
  return connection as unknown as SQLiteConnection;
}
