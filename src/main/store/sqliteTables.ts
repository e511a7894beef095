// The tables an SQLite store file keeps beside its events (an application's read models), for the
// drift check: listed with their columns and exact row counts, and read one row at a time by a key
// column. The connection is the reader's own, opened read-only (query_only besides), so nothing
// here can write. SQLite's internal tables and the store's own tables are left out.
import type Database from 'better-sqlite3';
import type { TableInfo } from '../../shared/types.ts';
import { checkTableRequest, tableCell } from './tableRows.ts';

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
/** Row statements kept prepared: a drift check reads many rows of one shape. */
const CACHED_STATEMENTS = 64;

export interface SqliteTables {
  listTables(): TableInfo[];
  readTableRow(table: string, keyColumn: string, key: string, columns: string[]): Record<string, unknown> | null;
}

/** `ownTables`: the store's event tables and bookkeeping, compared ignoring case as SQLite does. */
export function createSqliteTables(db: Database.Database, ownTables: readonly string[]): SqliteTables {
  const own = new Set(ownTables.map((t) => t.toLowerCase()));
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      if (statements.size >= CACHED_STATEMENTS) statements.delete(statements.keys().next().value!);
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };

  function describe(): { name: string; counted: boolean; columns: TableInfo['columns'] }[] {
    // table_list tells shadow tables (an FTS index's _data, _idx, …) from the tables they serve,
    // and keeps out the temp schema; sqlite_* are SQLite's own (sqlite_sequence, sqlite_stat1).
    const rows = prepare(
      "SELECT name, type FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'view', 'virtual') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
    ).all() as { name: string; type: string }[];
    const out: { name: string; counted: boolean; columns: TableInfo['columns'] }[] = [];
    for (const r of rows) {
      if (own.has(r.name.toLowerCase())) continue;
      let columns: TableInfo['columns'];
      try {
        columns = (prepare('SELECT name, type FROM pragma_table_info(?) ORDER BY cid').all(r.name) as { name: string; type: string }[]).map((c) => ({ name: c.name, type: c.type }));
      } catch {
        continue; // a virtual table whose module this SQLite lacks cannot be read: not listed
      }
      // A view's count would run its query; a virtual table's would scan whatever it wraps.
      out.push({ name: r.name, counted: r.type === 'table', columns });
    }
    return out;
  }

  // Names and columns for checking requests, re-read when the schema changes (schema_version).
  let schemaVersion = -1;
  let known: TableInfo[] = [];
  const knownTables = (): TableInfo[] => {
    const version = db.pragma('schema_version', { simple: true }) as number;
    if (version !== schemaVersion) {
      known = describe().map((t) => ({ name: t.name, columns: t.columns, rows: null }));
      schemaVersion = version;
    }
    return known;
  };

  return {
    listTables() {
      // Exact counts for tables: a local file answers quickly.
      return describe().map((t) => ({ name: t.name, columns: t.columns, rows: t.counted ? (prepare(`SELECT count(*) AS n FROM ${quote(t.name)}`).get() as { n: number }).n : null }));
    },
    readTableRow(table, keyColumn, key, columns) {
      const request = checkTableRequest(knownTables(), table, keyColumn, columns, key);
      const sql = `SELECT ${request.columns.map(quote).join(', ')} FROM ${quote(request.table.name)} WHERE CAST(${quote(request.keyColumn)} AS TEXT) = ? LIMIT 1`;
      // Row statements are only ever read as arrays (column names may repeat SQLite's own labels).
      const row = prepare(sql).raw(true).get(key) as unknown[] | undefined;
      if (!row) return null;
      const out: Record<string, unknown> = {};
      request.columns.forEach((column, i) => {
        out[column] = tableCell(row[i]);
      });
      return out;
    },
  };
}
