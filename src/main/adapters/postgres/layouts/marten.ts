// Marten's event store (mt_events, mt_streams, mt_event_progression in one schema) as a PgLayout.
// What varies between Marten stores is read from the catalog, never assumed: the optional metadata
// columns, string or Guid stream identity, conjoined tenancy. Marten specifics the viewer handles:
// - tombstones: after a failed append Marten fills the lost sequence values with 'tombstone' events
//   in its own tombstone stream ('mt_tombstone', or a Guid): not events of the audited system, so
//   they are hidden from every query and counted apart (facts.hiddenRows);
// - archived streams (is_archived) stay visible, marked archived;
// - timestamp is set by the writer's clock (now() of its transaction, or a client-supplied value),
//   not the commit order: sequence order and time order may disagree;
// - live tail: seq_id comes from a sequence, so a transaction that took seq 10 may commit after the
//   one that took seq 11. The change token counts the rows above a watermark below any sequence
//   value still in flight (Marten's own high-water mark when its daemon keeps one), so a late
//   commit with a lower seq_id changes the token too.
import type { PgLayout, SqlExpr } from '../layout.ts';
import { qualified } from '../layout.ts';
import type { PgLayoutHints } from '../pgLayoutHints.ts';
import type { PgSession } from '../pgSession.ts';
import { words } from '../../../../shared/errorWords/index.ts';
import { LedgerError } from '../../../errors.ts';

export const DEFAULT_TENANT = '*DEFAULT*';
/** Rows re-counted behind the head by the change token even without a high-water mark. */
export const LIVE_TAIL_WINDOW = 100_000;

const UUID_TEXT = `'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'`;
const lit = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * Epoch milliseconds of a timestamptz, truncated like the viewer's ISO times. date_part is float8
 * arithmetic (extract() is numeric since PostgreSQL 14, 3x slower over 100k rows); rounding to
 * whole microseconds first keeps the floor exact (a float8 of .123 s may be .12299999…).
 */
const epochMs = (column: string): SqlExpr => `floor(round(date_part('epoch', ${column}) * 1000000) / 1000)`;

interface Column {
  table: string;
  column: string;
  type: string;
}

export async function martenLayout(session: PgSession, schema: string): Promise<PgLayout & { hints: PgLayoutHints }> {
  const columns = await session.query<Column>(
    `SELECT table_name AS table, column_name AS column, data_type AS type FROM information_schema.columns
     WHERE table_schema = $1 AND table_name IN ('mt_events', 'mt_streams', 'mt_event_progression')`,
    [schema],
  );
  const has = (table: string, column: string) => columns.some((c) => c.table === table && c.column === column);
  const typeOf = (table: string, column: string) => columns.find((c) => c.table === table && c.column === column)?.type;
  for (const needed of ['seq_id', 'id', 'stream_id', 'version', 'data', 'type', 'timestamp']) {
    if (!has('mt_events', needed)) {
      throw new LedgerError('NOT_AN_EVENT_STORE', words('errorWords.pg.martenLacksColumn', { table: `${schema}.mt_events`, column: needed }), {
        schema,
        column: needed,
      });
    }
  }
  const events = qualified(schema, 'mt_events');
  const streamsTable = has('mt_streams', 'id') ? qualified(schema, 'mt_streams') : null;
  const guid = typeOf('mt_events', 'stream_id') === 'uuid';
  const tenantColumn = has('mt_events', 'tenant_id');
  // Conjoined tenancy puts tenant_id in mt_streams' primary key; the same stream id may then exist
  // once per tenant. Only then, and only when more than one tenant holds events, the viewer's id is
  // "tenant/id" (with one tenant the ids stay as the application knows them).
  const conjoined = tenantColumn && streamsTable !== null && (await isTenantKeyed(session, schema));
  const tenants = conjoined
    ? (await session.query(`SELECT DISTINCT tenant_id FROM ${streamsTable} WHERE coalesce(version, 0) > 0 LIMIT 2`)).length
    : 0;
  const prefixTenant = conjoined && tenants > 1;

  const idText = (alias: string, column: string) => (guid ? `${alias}.${column}::text` : `${alias}.${column}`);
  const streamIdOf = (alias: string, column: string): SqlExpr => (prefixTenant ? `(${alias}.tenant_id || '/' || ${idText(alias, column)})` : idText(alias, column));
  /** Index-friendly match of a viewer stream id (text parameter) against alias.column (+ tenant). */
  const matchStream = (alias: string, column: string) => (param: string): SqlExpr => {
    const idPart = prefixTenant ? `substr(${param}, strpos(${param}, '/') + 1)` : param;
    const id = guid ? `(CASE WHEN ${idPart} ~ ${UUID_TEXT} THEN (${idPart})::uuid END)` : idPart;
    const tenant = prefixTenant ? ` AND ${alias}.tenant_id = (CASE WHEN strpos(${param}, '/') > 0 THEN split_part(${param}, '/', 1) END)` : '';
    return `${alias}.${column} = ${id}${tenant}`;
  };

  // Metadata as one JSON object: headers' keys, then Marten's own columns (which win over a
  // same-named header key: those keys are taken out of the headers). Built as text, not with
  // jsonb_build_object: over a 1M-event export the jsonb build was the largest server cost (~3x).
  const metadataColumns: [string, string][] = [];
  if (has('mt_events', 'correlation_id')) metadataColumns.push(['correlationId', 'e.correlation_id']);
  if (has('mt_events', 'causation_id')) metadataColumns.push(['causationId', 'e.causation_id']);
  if (has('mt_events', 'user_name')) metadataColumns.push(['actor', 'e.user_name']);
  if (conjoined) metadataColumns.push(['tenantId', 'e.tenant_id']);
  const parts = metadataColumns.map(([key, column]) => `CASE WHEN ${column} IS NOT NULL THEN '${JSON.stringify(key)}:' || to_json(${column}::text)::text END`);
  if (has('mt_events', 'headers')) {
    const rest = `(e.headers${metadataColumns.map(([key]) => ` - ${lit(key)}`).join('')})::text`;
    parts.unshift(
      `CASE WHEN e.headers IS NULL THEN NULL WHEN jsonb_typeof(e.headers) = 'object' THEN nullif(substr(${rest}, 2, length(${rest}) - 2), '') ELSE '"headers":' || e.headers::text END`,
    );
  }
  const metadataText = parts.length > 0 ? `concat('{', concat_ws(',', ${parts.join(', ')}), '}')` : `'{}'`;
  const fromHeaders = (key: string) => (has('mt_events', 'headers') ? `(e.headers ->> ${lit(key)})` : 'NULL::text');

  const tombstoneFilter = `e.type <> 'tombstone'`;
  // String identity: tombstones live in stream 'mt_tombstone', found through the (stream_id, version) index.
  const inTombstoneStream = guid ? '' : ` AND e.stream_id = 'mt_tombstone'`;
  // Counted when the store is opened (the facts are a snapshot; a re-open counts again).
  const hiddenCount = await session.query<{ n: string }>(`SELECT count(*) AS n FROM ${events} e WHERE e.type = 'tombstone'${inTombstoneStream}`);
  const tombstones = Number(hiddenCount[0]?.n ?? 0);

  const notes = [
    "Marten's timestamp is the writer's clock (its transaction's now() or a value the client set), not the commit order: positions follow mt_events_sequence.",
    `Tombstone events (written by Marten into sequence gaps after failed appends) are hidden${tombstones > 0 ? `: ${tombstones} in this store` : ''}.`,
    'Archived streams (is_archived) are shown, marked archived.',
    "The stream list's 'last activity' order is mt_streams.timestamp (the stream's last append), read without touching mt_events.",
  ];
  if (guid) notes.push('Stream identity is Guid: stream ids are shown as uuid text.');
  if (prefixTenant) notes.push("Conjoined tenancy with several tenants: a stream is shown as 'tenant/id', since the same id may exist in more than one tenant.");
  else if (conjoined) notes.push('Conjoined tenancy with one tenant: stream ids are shown without the tenant.');
  const missing = ['correlation_id', 'causation_id', 'headers', 'user_name'].filter((col) => !has('mt_events', col));
  if (missing.length > 0) notes.push(`Metadata columns not enabled in this store: ${missing.join(', ')}.`);
  if (has('mt_events', 'bdata')) notes.push('Events stored binary (bdata, Marten 9) show their JSON placeholder only.');
  if (!has('mt_event_progression', 'last_seq_id')) notes.push('No mt_event_progression table: live tail relies on its safety window alone.');
  // Marten 8.6+ with event skipping enabled (the default from Marten 9) adds mt_events.is_skipped.
  const skipping = has('mt_events', 'is_skipped');
  if (skipping) notes.push("Events Marten marks skipped (is_skipped) stay in the log; replays leave them out as Marten's projections do, unless asked to include them.");

  const highWater = has('mt_event_progression', 'last_seq_id')
    ? `(SELECT last_seq_id FROM ${qualified(schema, 'mt_event_progression')} WHERE name = 'HighWaterMark')`
    : 'NULL::bigint';
  // Counted range: everything above the high-water mark (Marten's "all before this is settled") and
  // at least the last LIVE_TAIL_WINDOW sequence values, at most 10x that (a stopped daemon's old
  // mark must not make every poll count the whole table). Count and sum of seq_id over the range,
  // from the primary key: a late commit changes both, and a delete plus an insert still changes the sum.
  const changeTokenSql = `SELECT concat_ws(':', w.hwm, w.head, r.n, r.total) AS token
    FROM (SELECT ${highWater} AS hwm, coalesce((SELECT max(seq_id) FROM ${events}), 0) AS head) w
    CROSS JOIN LATERAL (SELECT count(*) AS n, coalesce(sum(x.seq_id), 0) AS total FROM ${events} x
      WHERE x.seq_id > GREATEST(LEAST(coalesce(w.hwm, w.head), w.head - ${LIVE_TAIL_WINDOW}), w.head - ${10 * LIVE_TAIL_WINDOW})) r`;

  const hints: PgLayoutHints = {
    eventsOfStream: matchStream('e', 'stream_id'),
    streamRow: matchStream('s', 'id'),
    streamVersion: 's.version',
    streamLastActivityMs: epochMs('s.timestamp'),
    // The tombstone stream: 'mt_tombstone' for string identity; for Guid identity a random id, but
    // Marten establishes it at version 0 and never bumps it (EstablishTombstoneStream).
    streamFilter: guid ? `coalesce(s.version, 0) > 0` : `s.id <> 'mt_tombstone' AND coalesce(s.version, 0) > 0`,
  };

  return {
    format: 'marten',
    eventsTable: events,
    columns: {
      position: 'e.seq_id',
      streamId: streamIdOf('e', 'stream_id'),
      version: 'e.version',
      type: 'e.type',
      dataText: 'e.data::text',
      metadataText,
      recordedAtMs: epochMs('e.timestamp'),
      eventId: 'e.id::text',
      actor: has('mt_events', 'user_name') ? `coalesce(e.user_name, ${fromHeaders('actor')})` : fromHeaders('actor'),
      correlationId: has('mt_events', 'correlation_id') ? 'e.correlation_id' : fromHeaders('correlationId'),
      causationId: has('mt_events', 'causation_id') ? 'e.causation_id' : fromHeaders('causationId'),
      ...(skipping ? { skipped: 'e.is_skipped' } : {}),
    },
    eventFilter: tombstoneFilter,
    streams: streamsTable
      ? {
          table: streamsTable,
          streamId: streamIdOf('s', 'id'),
          joinEvents: `e.stream_id = s.id${conjoined ? ' AND e.tenant_id = s.tenant_id' : ''}`,
          archived: has('mt_streams', 'is_archived') ? 'coalesce(s.is_archived, false)' : undefined,
        }
      : undefined,
    changeTokenSql,
    hints,
    // Marten's event store and bookkeeping tables (mt_events, mt_streams, mt_event_progression,
    // mt_hilo, …) are its own; its documents (mt_doc_*) are the read models.
    ownTables: { schema, isOwn: (table) => table.startsWith('mt_') && !table.startsWith('mt_doc_') },
    facts: {
      name: 'Marten',
      tables: [`${schema}.mt_events`, ...(streamsTable ? [`${schema}.mt_streams`] : []), ...(has('mt_event_progression', 'name') ? [`${schema}.mt_event_progression`] : [])],
      notes,
      ...(skipping ? { marksSkippedEvents: true } : {}),
      hiddenRows: [{ what: 'tombstone events', count: tombstones }],
      timeMeaning: "Marten's timestamp: the writer's clock when it appended, not the commit time.",
    },
  };
}

/** Whether mt_streams' primary key includes tenant_id (Marten's conjoined tenancy). */
async function isTenantKeyed(session: PgSession, schema: string): Promise<boolean> {
  const rows = await session.query<{ column: string }>(
    `SELECT a.attname AS column FROM pg_index i
     JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
     JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY(i.indkey)
     WHERE i.indisprimary AND n.nspname = $1 AND t.relname = 'mt_streams'`,
    [schema],
  );
  return rows.some((r) => r.column === 'tenant_id');
}

