// Which event store lives in this database, found from the catalog (read-only; pg_class is visible to
// every role, so a table the role may not read is still FOUND and then reported as a missing GRANT
// rather than as "no store"). Marten (mt_events + mt_streams) and Emmett PostgreSQL (emt_messages +
// emt_streams) may live in any schema; Message DB's `messages` lives in `message_store`. Several
// matches: the one earliest in the session's search_path wins, otherwise the user chooses. No match:
// the error lists the tables found and suggests a column mapping for the likeliest one.
import { words, type ErrorFact } from '../../../shared/errorWords/index.ts';
import { LedgerError } from '../../errors.ts';
import { missingGrantsError, quoteIdentLoose } from './pgErrors.ts';
import type { PgSession } from './pgSession.ts';

export type LayoutKind = 'marten' | 'emmett-postgres' | 'message-db';
export type DetectedLayout = { kind: 'marten'; schema: string } | { kind: 'emmett-postgres'; schema: string } | { kind: 'message-db'; schema: string };

export interface TableColumn {
  name: string;
  /** As PostgreSQL formats it (`bigint`, `jsonb`, `timestamp with time zone`, …). */
  type: string;
  nullable: boolean;
  /** Filled by a sequence or identity (bigserial and friends): a candidate global position. */
  generated: boolean;
}

export interface TableDescription {
  schema: string;
  table: string;
  columns: TableColumn[];
}

/** The mapping targets of `--map` (the import's plus `position`). */
export type MappedField = 'streamId' | 'version' | 'type' | 'data' | 'metadata' | 'time' | 'position' | 'eventId';
export const REQUIRED_FIELDS: MappedField[] = ['streamId', 'version', 'type', 'data', 'time', 'position'];

export interface MappingSuggestion {
  schema: string;
  table: string;
  map: Partial<Record<MappedField, string>>;
  /** Required fields no column name suggested. */
  missing: MappedField[];
  /** The CLI flags, e.g. `--table public.orders_log --map streamId=order_id …`. */
  flags: string;
}

const TABLES_LISTED = 50;
const TABLES_SCORED = 500;

const TABLES_SQL = `
  SELECT n.nspname AS schema, c.relname AS table
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition
     AND n.nspname NOT IN ('pg_catalog', 'information_schema')
     AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'
   ORDER BY n.nspname, c.relname`;

const LAYOUT_TABLES: Record<LayoutKind, string[]> = {
  marten: ['mt_events', 'mt_streams'],
  'emmett-postgres': ['emt_messages', 'emt_streams'],
  'message-db': ['messages'],
};

const LAYOUT_NAMES: Record<LayoutKind, string> = { marten: 'Marten', 'emmett-postgres': 'Emmett PostgreSQL', 'message-db': 'Message DB' };

export interface DetectChoice {
  kind?: LayoutKind;
  schema?: string;
}

export async function detectLayout(session: PgSession, choose: DetectChoice = {}): Promise<DetectedLayout> {
  const tables = await session.query<{ schema: string; table: string }>(TABLES_SQL);
  const bySchema = new Map<string, Set<string>>();
  for (const { schema, table } of tables) {
    if (!bySchema.has(schema)) bySchema.set(schema, new Set());
    bySchema.get(schema)!.add(table);
  }
  let candidates: DetectedLayout[] = [];
  for (const [schema, names] of bySchema) {
    if (names.has('mt_events') && names.has('mt_streams')) candidates.push({ kind: 'marten', schema });
    if (names.has('emt_messages') && names.has('emt_streams')) candidates.push({ kind: 'emmett-postgres', schema });
    if (schema === 'message_store' && names.has('messages')) candidates.push({ kind: 'message-db', schema });
  }
  if (choose.kind) candidates = candidates.filter((c) => c.kind === choose.kind);
  if (choose.schema) candidates = candidates.filter((c) => c.schema === choose.schema);
  if (candidates.length === 0) {
    if (choose.kind || choose.schema) throw new LedgerError('NOT_FOUND', noChosenLayout(choose, session.displayUrl));
    throw await noKnownLayout(session, tables);
  }
  const chosen = candidates.length === 1 ? candidates[0] : await preferSearchPath(session, candidates);
  await requireGrants(session, chosen.schema, LAYOUT_TABLES[chosen.kind]);
  return chosen;
}

/** No store of the layout or in the schema asked for. */
function noChosenLayout(choose: DetectChoice, url: string) {
  if (choose.kind && choose.schema) return words('errorWords.pg.noLayoutKindInSchema', { layout: LAYOUT_NAMES[choose.kind], schema: choose.schema, url });
  if (choose.kind) return words('errorWords.pg.noLayoutKind', { layout: LAYOUT_NAMES[choose.kind], url });
  return words('errorWords.pg.noLayoutInSchema', { schema: choose.schema ?? '', url });
}

async function preferSearchPath(session: PgSession, candidates: DetectedLayout[]): Promise<DetectedLayout> {
  // current_schemas(false): the search_path as resolved for this role (existing schemas only).
  const [{ path }] = await session.query<{ path: string[] }>('SELECT current_schemas(false)::text[] AS path');
  for (const schema of path) {
    const here = candidates.filter((c) => c.schema === schema);
    if (here.length === 1) return here[0];
    if (here.length > 1) break;
  }
  const listed = { list: candidates.map((c) => words('errorWords.pg.layoutInSchema', { layout: LAYOUT_NAMES[c.kind], schema: c.schema })) };
  const example = candidates[0].schema;
  throw new LedgerError(
    'INVALID_INPUT',
    words('errorWords.pg.severalLayouts', { listed, example: `${session.displayUrl.split('?')[0]}?options=-csearch_path%3D${encodeURIComponent(example)}` }),
    { candidates },
  );
}

async function requireGrants(session: PgSession, schema: string, tables: string[]): Promise<void> {
  // By oid: a name lookup in a schema without USAGE would itself fail with "permission denied".
  const rows = await session.query<{ usage: boolean; table: string; select: boolean }>(
    `SELECT has_schema_privilege(n.oid, 'USAGE') AS usage, c.relname AS table, has_table_privilege(c.oid, 'SELECT') AS select
       FROM pg_namespace n JOIN pg_class c ON c.relnamespace = n.oid
      WHERE n.nspname = $1 AND c.relname = ANY($2::text[])
      ORDER BY array_position($2::text[], c.relname::text)`,
    [schema, tables],
  );
  const usage = !rows.every((r) => r.usage);
  const missing = rows.filter((r) => !r.select).map((r) => r.table);
  if (usage || missing.length) throw missingGrantsError(session.displayUrl, schema, { usage, tables: missing });
}

/** Columns with types; NOT_FOUND when the table is absent, PERMISSION_DENIED when it cannot be read. */
export async function describeTable(session: PgSession, schema: string, table: string): Promise<TableDescription> {
  const found = await session.query<{ ok: boolean }>(
    `SELECT true AS ok FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p', 'v', 'm', 'f')`,
    [schema, table],
  );
  if (!found.length) throw new LedgerError('NOT_FOUND', words('errorWords.pg.noTableOn', { table: `${schema}.${table}`, url: session.displayUrl }), { schema, table });
  await requireGrants(session, schema, [table]);
  const columns = await columnsOf(session, [[schema, table]]);
  return { schema, table, columns: columns.get(`${schema}.${table}`) ?? [] };
}

async function columnsOf(session: PgSession, tables: [string, string][]): Promise<Map<string, TableColumn[]>> {
  const rows = await session.query<{ schema: string; table: string; name: string; type: string; nullable: boolean; generated: boolean }>(
    `SELECT n.nspname AS schema, c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
            NOT a.attnotnull AS nullable,
            (a.attidentity <> '' OR coalesce(pg_get_expr(d.adbin, d.adrelid), '') LIKE 'nextval(%') AS generated
       FROM unnest($1::text[], $2::text[]) AS w(s, t)
       JOIN pg_namespace n ON n.nspname = w.s
       JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = w.t
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
      ORDER BY n.nspname, c.relname, a.attnum`,
    [tables.map((t) => t[0]), tables.map((t) => t[1])],
  );
  const byTable = new Map<string, TableColumn[]>();
  for (const row of rows) {
    const key = `${row.schema}.${row.table}`;
    if (!byTable.has(key)) byTable.set(key, []);
    byTable.get(key)!.push({ name: row.name, type: row.type, nullable: row.nullable, generated: row.generated });
  }
  return byTable;
}

async function noKnownLayout(session: PgSession, tables: { schema: string; table: string }[]): Promise<LedgerError> {
  const names = tables.map((t) => `${t.schema}.${t.table}`);
  const shown = names.slice(0, TABLES_LISTED);

  const columns = await columnsOf(session, tables.slice(0, TABLES_SCORED).map((t) => [t.schema, t.table]));
  const suggestion = suggestMapping(tables.slice(0, TABLES_SCORED).map((t) => ({ ...t, columns: columns.get(`${t.schema}.${t.table}`) ?? [] })));
  const found = !tables.length
    ? words('errorWords.pg.seesNoTables', {})
    : names.length > shown.length
      ? words('errorWords.pg.tablesFoundMore', { tables: { list: shown }, more: names.length - shown.length })
      : words('errorWords.pg.tablesFound', { tables: { list: shown } });
  const table = suggestion ? `${suggestion.schema}.${suggestion.table}` : '';
  const advice: ErrorFact = suggestion
    ? suggestion.missing.length
      ? words('errorWords.pg.suggestMappingFill', { table, flags: suggestion.flags, fields: { list: suggestion.missing } })
      : words('errorWords.pg.suggestMapping', { table, flags: suggestion.flags })
    : tables.length
      ? words('errorWords.pg.openWithMapping', {})
      : '';
  // Emmett before its messages rename kept events in emt_events (its own migration renames the table).
  const legacy = [...new Set(tables.filter((t) => t.table === 'emt_events' && tables.some((u) => u.schema === t.schema && u.table === 'emt_streams')).map((t) => t.schema))];
  const legacyNote: ErrorFact = legacy.length ? words('errorWords.pg.legacyEmmett', { schemas: { list: legacy.map((name) => words('errorWords.pg.quotedSchema', { name })) } }) : '';
  return new LedgerError('NOT_AN_EVENT_STORE', words('errorWords.pg.noKnownLayout', { url: session.displayUrl, found, legacy: legacyNote, advice }), {
    tables: shown,
    tableCount: names.length,
    ...(suggestion ? { suggestion } : {}),
  });
}

// Column names that usually hold each field, best first.
const NAMES: Record<MappedField, string[]> = {
  streamId: ['stream_id', 'stream', 'aggregate_id', 'stream_name', 'streamid', 'aggregateid'],
  version: ['version', 'stream_version', 'stream_position', 'sequence_number', 'event_version'],
  type: ['type', 'event_type', 'eventtype', 'message_type', 'kind', 'name'],
  data: ['data', 'payload', 'body', 'event_data', 'message_data', 'json', 'content'],
  metadata: ['metadata', 'meta', 'headers', 'event_metadata', 'message_metadata'],
  time: ['created_at', 'timestamp', 'time', 'recorded_at', 'occurred_at', 'created', 'inserted_at'],
  eventId: ['event_id', 'message_id', 'eventid', 'uuid'],
  position: ['global_position', 'seq', 'sequence', 'seq_id', 'global_sequence', 'event_number'],
};

const FIELD_ORDER: MappedField[] = ['streamId', 'version', 'type', 'data', 'metadata', 'time', 'position', 'eventId'];

/** The mapping the column names suggest for one table. */
export function guessMapping(columns: TableColumn[]): Partial<Record<MappedField, string>> {
  const map: Partial<Record<MappedField, string>> = {};
  const used = new Set<string>();
  const byName = new Map(columns.map((c) => [c.name.toLowerCase(), c]));
  const take = (field: MappedField, column: TableColumn | undefined): boolean => {
    if (!column || used.has(column.name) || map[field]) return false;
    map[field] = column.name;
    used.add(column.name);
    return true;
  };
  for (const field of FIELD_ORDER) for (const name of NAMES[field]) if (take(field, byName.get(name))) break;
  // Ambiguous names: `position` is a stream version or a global position; `id` is an event id or,
  // when a sequence fills it (bigserial), the global position.
  const position = byName.get('position');
  if (position && !take('version', position)) take('position', position);
  const id = byName.get('id');
  if (id && /int|serial/.test(id.type) && id.generated) take('position', id);
  take('eventId', id);
  // Otherwise a generated integer column is the likeliest global position.
  if (!map.position) take('position', columns.find((c) => c.generated && /int/.test(c.type)));
  // An `<aggregate>_id` column (order_id, account_id) is the likeliest stream.
  if (!map.streamId) take('streamId', columns.find((c) => /_id$/i.test(c.name) && !used.has(c.name)));
  if (!map.data) take('data', columns.find((c) => /^jsonb?$/.test(c.type) && !used.has(c.name)));
  if (!map.time) take('time', columns.find((c) => /^timestamp/.test(c.type) && !used.has(c.name)));
  return map;
}

function suggestMapping(tables: (TableDescription & { columns: TableColumn[] })[]): MappingSuggestion | null {
  let best: { score: number; suggestion: MappingSuggestion } | null = null;
  for (const t of tables) {
    const map = guessMapping(t.columns);
    const required = REQUIRED_FIELDS.filter((f) => map[f]).length;
    if (required < 3) continue;
    const score = required * 10 + Object.keys(map).length + (/event|log|message|history|journal|audit/i.test(t.table) ? 5 : 0);
    if (best && best.score >= score) continue;
    const missing = REQUIRED_FIELDS.filter((f) => !map[f]);
    const flags = [
      `--table ${shellWord(`${quoteIdentLoose(t.schema)}.${quoteIdentLoose(t.table)}`)}`,
      ...FIELD_ORDER.filter((f) => map[f] || missing.includes(f)).map((f) => `--map ${shellWord(`${f}=${map[f] ?? '<column>'}`)}`),
    ].join(' ');
    best = { score, suggestion: { schema: t.schema, table: t.table, map, missing, flags } };
  }
  return best?.suggestion ?? null;
}

function shellWord(word: string): string {
  return /^[A-Za-z0-9_.=\-/]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
