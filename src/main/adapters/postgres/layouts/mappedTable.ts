// Any other events table, described by a mapping of the viewer's fields onto its columns
// (tableMapping.ts). Every mapped column is checked against the catalog first, so a typo is an
// error naming the column and the columns that exist, not a SQL error at the first read.
import type { StoredEvent } from '../../../../shared/types.ts';
import { words } from '../../../../shared/errorWords/index.ts';
import { LedgerError } from '../../../errors.ts';
import { decodeEventRow } from '../../../store/decode.ts';
import type { PgLayout, SqlExpr } from '../layout.ts';
import { qualified, quoteIdent } from '../layout.ts';
import type { PgSession } from '../pgSession.ts';
import type { MappingTarget, TableMapping, TableRef } from './tableMapping.ts';

export interface TableColumn {
  name: string;
  /** information_schema's data_type: 'jsonb', 'text', 'timestamp with time zone', 'bigint', … */
  dataType: string;
}

/** The table's columns in order; empty when it does not exist or this role cannot see it. */
export async function tableColumns(session: PgSession, schema: string, table: string): Promise<TableColumn[]> {
  const rows = await session.query<{ column_name: string; data_type: string }>(
    `SELECT column_name::text, data_type::text FROM information_schema.columns
     WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`,
    [schema, table],
  );
  return rows.map((r) => ({ name: r.column_name, dataType: r.data_type }));
}

const INTEGER = ['smallint', 'integer', 'bigint', 'numeric'];
const JSON_TYPES = ['json', 'jsonb', 'text', 'character varying'];
const TIME_TYPES = ['timestamp with time zone', 'timestamp without time zone', 'bigint', 'integer', 'numeric', 'double precision'];
/** Column types each field accepts (absent: any type, read as text). */
const ACCEPTED: Partial<Record<MappingTarget, string[]>> = {
  version: INTEGER,
  position: INTEGER,
  data: JSON_TYPES,
  metadata: JSON_TYPES,
  time: TIME_TYPES,
};
const sqlText = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** Checks every mapped column exists and has a usable type; returns each target's column. */
async function resolveColumns(session: PgSession, ref: TableRef, mapping: TableMapping): Promise<Map<MappingTarget, TableColumn>> {
  const name = `${ref.schema}.${ref.table}`;
  const columns = await tableColumns(session, ref.schema, ref.table);
  if (columns.length === 0) {
    const tables = await session.query<{ t: string }>(
      `SELECT table_name::text AS t FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1 LIMIT 50`,
      [ref.schema],
    );
    const said =
      tables.length > 0
        ? words('errorWords.pgMap.noTableSeen', { table: name, schema: ref.schema, tables: { list: tables.map((t) => t.t) } })
        : words('errorWords.pgMap.noTableNone', { table: name, schema: ref.schema });
    throw new LedgerError('NOT_FOUND', said, { table: name, tables: tables.map((t) => t.t) });
  }
  const byName = new Map(columns.map((c) => [c.name, c]));
  const resolved = new Map<MappingTarget, TableColumn>();
  const missing: string[] = [];
  for (const [target, column] of Object.entries(mapping) as [MappingTarget | 'versionBase', unknown][]) {
    if (target === 'versionBase' || typeof column !== 'string') continue;
    const found = byName.get(column);
    if (!found) {
      missing.push(`${target}=${column}`);
      continue;
    }
    const accepted = ACCEPTED[target];
    if (accepted && !accepted.includes(found.dataType)) {
      throw new LedgerError(
        'INVALID_INPUT',
        words('errorWords.pgMap.wrongType', { column, table: name, target, dataType: found.dataType, accepted: { list: accepted } }),
        { table: name, target, column, dataType: found.dataType },
      );
    }
    resolved.set(target, found);
  }
  if (missing.length > 0) {
    throw new LedgerError(
      'INVALID_INPUT',
      words('errorWords.pgMap.noColumn', {
        table: name,
        columns: { list: missing.map((m) => m.split('=')[1]) },
        mapped: { list: missing },
        existing: { list: columns.map((c) => words('errorWords.pgMap.columnType', { name: c.name, type: c.dataType })) },
      }),
      { table: name, missing, columns: columns.map((c) => c.name) },
    );
  }
  return resolved;
}

function timeMs(column: TableColumn): SqlExpr {
  const c = `e.${quoteIdent(column.name)}`;
  // A timestamp without time zone is read as UTC (date_part takes its nominal value). float8
  // date_part is much cheaper than numeric extract(); whole microseconds first keep the ms exact.
  if (column.dataType.startsWith('timestamp')) return `floor(round(date_part('epoch', ${c}) * 1000000) / 1000)`;
  return `${c}::float8`;
}

/** A metadata key as text, from a json/jsonb column or from text holding a JSON object. */
function metadataKey(column: TableColumn | undefined, keys: string[]): SqlExpr {
  if (!column) return 'NULL::text';
  const c = `e.${quoteIdent(column.name)}`;
  const object = column.dataType === 'jsonb' || column.dataType === 'json' ? c : `(CASE WHEN ${c} ~ '^\\s*\\{' THEN ${c}::jsonb END)`;
  const lookups = keys.map((k) => `(${object} ->> ${sqlText(k)})`);
  return lookups.length === 1 ? lookups[0] : `coalesce(${lookups.join(', ')})`;
}

export async function mappedTableLayout(session: PgSession, table: TableRef, mapping: TableMapping): Promise<PgLayout> {
  const columns = await resolveColumns(session, table, mapping);
  const col = (target: MappingTarget) => `e.${quoteIdent(columns.get(target)!.name)}`;
  const eventsTable = qualified(table.schema, table.table);
  const name = `${table.schema}.${table.table}`;

  let versionBase = mapping.versionBase;
  if (versionBase === undefined) {
    const [{ min }] = await session.query<{ min: string | null }>(`SELECT min(${col('version')})::text AS min FROM ${eventsTable} e`);
    versionBase = min !== null && Number(min) === 0 ? 0 : 1;
  }
  const uniquePosition = await session.query<{ one: number }>(
    `SELECT 1 AS one FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
     WHERE i.indrelid = $1::regclass AND i.indisunique AND i.indnatts = 1 AND a.attname = $2 LIMIT 1`,
    [eventsTable, columns.get('position')!.name],
  );

  // Reading one stream needs an index that starts with its stream column (else every read scans).
  const streamIndex = await session.query<{ one: number }>(
    `SELECT 1 AS one FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
     WHERE i.indrelid = $1::regclass AND a.attname = $2 LIMIT 1`,
    [eventsTable, columns.get('streamId')!.name],
  );

  const metadata = columns.get('metadata');
  // Columns of their own for actor / correlation / causation win over the metadata keys, and are
  // folded into the metadata shown (under the viewer's keys), as an imported event would have them.
  const own = (['actor', 'correlationId', 'causationId'] as const).filter((t) => columns.has(t));
  const ownText = (t: MappingTarget) => `${col(t)}::text`;
  let metadataText = metadata ? `coalesce(${col('metadata')}::text, '{}')` : `'{}'`;
  if (own.length > 0) {
    const object =
      !metadata
        ? `'{}'::jsonb`
        : metadata.dataType === 'jsonb' || metadata.dataType === 'json'
          ? `CASE WHEN jsonb_typeof(${col('metadata')}::jsonb) = 'object' THEN ${col('metadata')}::jsonb ELSE '{}'::jsonb END`
          : `CASE WHEN ${col('metadata')} ~ '^\\s*\\{' THEN ${col('metadata')}::jsonb ELSE '{}'::jsonb END`;
    metadataText = `(${object} || jsonb_strip_nulls(jsonb_build_object(${own.map((t) => `'${t}', ${ownText(t)}`).join(', ')})))::text`;
  }
  const notes = [
    `Mapped table ${name}: ${(Object.entries(mapping) as [string, unknown][])
      .filter(([k]) => k !== 'versionBase')
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}.`,
    `Versions in ${columns.get('version')!.name} count from ${versionBase}${versionBase === 0 ? '; the viewer shows 1-based versions with the table\'s own number beside them' : ''}.`,
  ];
  notes.push('The stream list and stats are counted from all rows (one pass over the table): a mapped table has no table of streams.');
  if (own.length > 0) notes.push(`${own.map((t) => `${t} comes from column ${columns.get(t)!.name}`).join('; ')} (shown in the metadata under that key).`);
  if (!metadata && own.length < 3) notes.push(`No metadata column is mapped: ${['actor', 'correlationId', 'causationId'].filter((t) => !own.includes(t as never)).join(', ')} filters find nothing.`);
  else if (metadata) notes.push('Actor, correlation and causation come from the metadata keys actor, correlationId (or $correlationId, correlation_id) and causationId (or $causationId, causation_id).');
  if (metadata && metadata.dataType !== 'json' && metadata.dataType !== 'jsonb') notes.push(`${metadata.name} is text: it must hold JSON objects for actor and correlation filters to work.`);
  if (!columns.get('eventId')) notes.push('No eventId column is mapped: the position stands in for the event id.');
  if (uniquePosition.length === 0) notes.push(`No unique index on ${columns.get('position')!.name}: positions are assumed unique (verify checks it).`);
  if (streamIndex.length === 0) notes.push(`No index starts with ${columns.get('streamId')!.name}: reading a stream scans the whole table.`);
  if (columns.get('time')!.dataType === 'timestamp without time zone') notes.push(`${columns.get('time')!.name} has no time zone; it is read as UTC.`);
  if (!columns.get('time')!.dataType.startsWith('timestamp')) notes.push(`${columns.get('time')!.name} is read as epoch milliseconds.`);

  return {
    format: 'postgres-table',
    eventsTable,
    columns: {
      position: `${col('position')}::bigint`,
      streamId: `${col('streamId')}::text`,
      version: versionBase === 0 ? `(${col('version')} + 1)::bigint` : `${col('version')}::bigint`,
      ...(versionBase === 0 ? { sourceVersion: `${col('version')}::bigint` } : {}),
      type: `${col('type')}::text`,
      dataText: `coalesce(${col('data')}::text, 'null')`,
      metadataText,
      recordedAtMs: timeMs(columns.get('time')!),
      eventId: columns.get('eventId') ? `${col('eventId')}::text` : `${col('position')}::text`,
      actor: columns.has('actor') ? ownText('actor') : metadataKey(metadata, ['actor']),
      correlationId: columns.has('correlationId') ? ownText('correlationId') : metadataKey(metadata, ['correlationId', '$correlationId', 'correlation_id']),
      causationId: columns.has('causationId') ? ownText('causationId') : metadataKey(metadata, ['causationId', '$causationId', 'causation_id']),
    },
    // Positions from a sequence are not commit order: the token moves when any transaction finishes
    // (the oldest running one's id) or the highest position grows; the reader re-reads its window.
    changeTokenSql: `SELECT concat_ws(':', pg_snapshot_xmin(pg_current_snapshot())::text, (SELECT max(${col('position')})::text FROM ${eventsTable} e)) AS token`,
    ownTables: { schema: table.schema, isOwn: (name) => name === table.table },
    facts: {
      name: 'Mapped table',
      tables: [name],
      notes,
      timeMeaning: `The table's ${columns.get('time')!.name} column, as the writing application set it.`,
    },
  };
}

/** The first rows as the viewer will show them, for the mapping profile's preview. */
export async function previewMappedTable(session: PgSession, table: TableRef, mapping: TableMapping, limit = 20): Promise<StoredEvent[]> {
  const layout = await mappedTableLayout(session, table, mapping);
  const c = layout.columns;
  const rows = await session.query<Record<string, unknown>>(
    `SELECT ${c.position}::text AS position, ${c.eventId} AS event_id, ${c.streamId} AS stream_id, ${c.version}::text AS version,
            ${c.sourceVersion ? `${c.sourceVersion}::text` : 'NULL::text'} AS source_version, ${c.type} AS type,
            ${c.dataText} AS data, ${c.metadataText} AS metadata, ${c.recordedAtMs} AS recorded_at
     FROM ${layout.eventsTable} e ORDER BY ${c.position} LIMIT $1`,
    [Math.max(1, Math.min(200, Math.floor(limit)))],
  );
  return rows.map((r) => {
    const event = decodeEventRow([
      Number(r.position),
      String(r.event_id),
      String(r.stream_id),
      Number(r.version),
      String(r.type),
      r.data as string,
      r.metadata as string,
      Number(r.recorded_at),
      null,
    ]);
    if (r.source_version !== null) event.sourceVersion = Number(r.source_version);
    return event;
  });
}
