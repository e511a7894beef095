// The read models a PostgreSQL store keeps beside its events (Marten's mt_doc_* documents, an
// application's own tables), for the drift check: the tables and views of the search path's schemas
// (and the store's own schema) that this role may SELECT, with the columns information_schema shows
// it and the planner's row estimate; one row read by a key column compared as text. The session is
// read-only at the server; identifiers come from the listing, quoted, never from the caller as typed.
import type { TableInfo } from '../../../shared/types.ts';
import { checkTableRequest, tableCell } from '../../store/tableRows.ts';
import type { ReadOptions } from '../../store/eventStore.ts';
import { qualified, quoteIdent, type PgLayout } from './layout.ts';
import type { PgSession } from './pgSession.ts';

interface PgTable extends TableInfo {
  schema: string;
  table: string;
}

// reltuples is -1 for a table never vacuumed or analyzed (PostgreSQL 14+): no estimate, null. A
// partitioned table keeps its rows in its leaf partitions (their own estimates, summed); a view or
// foreign table has none. Partitions themselves are not listed: their parent is.
const TABLES_SQL = `
  SELECT n.nspname AS schema, c.relname AS table,
         (CASE WHEN c.relkind = 'p' THEN (SELECT CASE WHEN bool_and(p.reltuples < 0) THEN NULL ELSE sum(greatest(p.reltuples, 0)) END
                                            FROM pg_partition_tree(c.oid) t JOIN pg_class p ON p.oid = t.relid WHERE t.isleaf)
               WHEN c.relkind IN ('r', 'm') AND c.reltuples >= 0 THEN c.reltuples END)::float8 AS rows
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = ANY($1::text[]) AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition
     AND has_schema_privilege(n.oid, 'USAGE') AND has_any_column_privilege(c.oid, 'SELECT')
   ORDER BY array_position($1::text[], n.nspname::text), c.relname`;

// information_schema.columns shows only the columns this role has a privilege on.
const COLUMNS_SQL = `
  SELECT table_schema::text AS schema, table_name::text AS table, column_name::text AS name,
         (CASE WHEN data_type = 'USER-DEFINED' THEN udt_name ELSE data_type END)::text AS type
    FROM information_schema.columns WHERE table_schema = ANY($1::text[])
   ORDER BY table_schema, table_name, ordinal_position`;

export interface PgTables {
  listTables(options?: ReadOptions): Promise<TableInfo[]>;
  readTableRow(table: string, keyColumn: string, key: string, columns: string[], options?: ReadOptions): Promise<Record<string, unknown> | null>;
}

export function createPgTables(session: PgSession, own: PgLayout['ownTables']): PgTables {
  async function describe(options?: ReadOptions): Promise<PgTable[]> {
    const [{ path }] = await session.query<{ path: string[] }>('SELECT current_schemas(false)::text[] AS path', [], options);
    const schemas = [...path, ...(own && !path.includes(own.schema) ? [own.schema] : [])];
    const [tables, columns] = await Promise.all([
      session.query<{ schema: string; table: string; rows: number | null }>(TABLES_SQL, [schemas], options),
      session.query<{ schema: string; table: string; name: string; type: string }>(COLUMNS_SQL, [schemas], options),
    ]);
    const columnsOf = new Map<string, TableInfo['columns']>();
    for (const c of columns) {
      const key = JSON.stringify([c.schema, c.table]);
      if (!columnsOf.has(key)) columnsOf.set(key, []);
      columnsOf.get(key)!.push({ name: c.name, type: c.type });
    }
    return tables
      .filter((t) => !(own && t.schema === own.schema && own.isOwn(t.table)))
      .map((t) => ({ schema: t.schema, table: t.table, name: `${t.schema}.${t.table}`, columns: columnsOf.get(JSON.stringify([t.schema, t.table])) ?? [], rows: t.rows === null ? null : Math.round(t.rows) }))
      .filter((t) => t.columns.length > 0);
  }

  // Checked against the last listing; a table or column not found there is looked up once more
  // (one created since), so a drift check's many reads cost no catalog queries each.
  let known: PgTable[] | null = null;

  async function checked(table: string, keyColumn: string, key: string, columns: string[], options?: ReadOptions) {
    if (known) {
      try {
        return checkTableRequest(known, table, keyColumn, columns, key);
      } catch {
        // Not in the last listing: read the catalog again below.
      }
    }
    known = await describe(options);
    return checkTableRequest(known, table, keyColumn, columns, key);
  }

  return {
    async listTables(options) {
      known = await describe(options);
      return known.map(({ name, columns, rows }) => ({ name, columns, rows }));
    },
    async readTableRow(table, keyColumn, key, columns, options) {
      const { table: info, keyColumn: keyName, columns: wanted } = await checked(table, keyColumn, key, columns, options);
      const { schema, table: name } = info as PgTable;
      const types = new Map(info.columns.map((c) => [c.name, c.type]));
      // Positional aliases: the row's keys never depend on what the column names are.
      const select = wanted.map((c, i) => `t.${quoteIdent(c)} AS c${i}`).join(', ');
      const rows = await session.query<Record<string, unknown>>(`SELECT ${select} FROM ${qualified(schema, name)} t WHERE (t.${quoteIdent(keyName)})::text = $1 LIMIT 1`, [key], options);
      if (rows.length === 0) return null;
      const out: Record<string, unknown> = {};
      wanted.forEach((column, i) => {
        out[column] = tableCell(rows[0][`c${i}`], types.get(column));
      });
      return out;
    },
  };
}
