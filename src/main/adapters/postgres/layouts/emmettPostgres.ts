// Emmett's PostgreSQL event store (@event-driven-io/emmett-postgresql): `emt_messages` and
// `emt_streams`, list-partitioned by `partition` and then by `is_archived`. Only rows with
// message_kind 'E' are events; commands ('C') share the table and are counted apart.
//
// Order and late commits: `global_position` comes from a sequence, so a transaction can commit after
// one holding a higher position. Emmett's own readers and consumers therefore read in
// (transaction_id, global_position) order and only rows with `transaction_id <
// pg_snapshot_xmin(pg_current_snapshot())`, i.e. from transactions that have all finished: below that
// cut nothing can still appear, so what has been read never changes. This layout does the same, and
// its change token is that xmin, which moves exactly when the cut does.
import type { PgLayout, PgStreamColumns } from '../layout.ts';
import { qualified } from '../layout.ts';
import type { PgLayoutHints } from '../pgLayoutHints.ts';
import type { PgSession } from '../pgSession.ts';
import { words } from '../../../../shared/errorWords/index.ts';
import { LedgerError } from '../../../errors.ts';
import { tableColumns } from './mappedTable.ts';

export const EMMETT_DEFAULT_PARTITION = 'emt:default';
/**
 * Emmett's own tables (its migrations create them all, and Dumbo records the migrations in
 * dmb_migrations): never read models. Partitions are not listed anyway. Pongo collections are.
 */
const EMMETT_TABLES = ['emt_messages', 'emt_streams', 'emt_subscriptions', 'emt_processors', 'emt_projections', 'dmb_migrations'];
const REQUIRED = ['stream_id', 'stream_position', 'global_position', 'transaction_id', 'message_type', 'message_data', 'message_metadata', 'message_id', 'created'];
const sqlText = (text: string) => `'${text.replace(/'/g, "''")}'`;
/** Rows of finished transactions only, as Emmett's own readers (readMessagesBatch) do. */
/** Emmett's stream_id inside a viewer id that carries " @partition" and/or " (archived)". */
const baseId = (param: string) => `regexp_replace(${param}, '( @[^@]*)?( \\(archived\\))?$', '')`;
const FINISHED = 'e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())';

export async function emmettPostgresLayout(session: PgSession, schema: string): Promise<PgLayout & { hints: PgLayoutHints }> {
  const columns = new Set((await tableColumns(session, schema, 'emt_messages')).map((c) => c.name));
  const missing = REQUIRED.filter((c) => !columns.has(c));
  if (columns.size === 0 || missing.length > 0) {
    throw new LedgerError(
      'NOT_AN_EVENT_STORE',
      columns.size === 0
        ? words('errorWords.pg.noReadableTable', { table: `${schema}.emt_messages` })
        : words(missing.length > 1 ? 'errorWords.pg.emmettLacksColumns' : 'errorWords.pg.emmettLacksColumn', { table: `${schema}.emt_messages`, columns: { list: missing } }),
      { schema, missing },
    );
  }
  const hasKind = columns.has('message_kind');
  const hasPartition = columns.has('partition');
  const hasArchived = columns.has('is_archived');
  const messages = qualified(schema, 'emt_messages');
  const streamsColumns = new Set((await tableColumns(session, schema, 'emt_streams')).map((c) => c.name));
  const hasStreams = ['stream_id', 'partition', 'is_archived'].every((c) => streamsColumns.has(c)) && hasPartition && hasArchived;

  // Streams in more than one partition would share ids: only then is the partition part of the id
  // (a plain stream_id keeps Emmett's primary key usable for a stream's reads).
  const partitionSource = hasStreams ? qualified(schema, 'emt_streams') : messages;
  const partitions = hasPartition
    ? (await session.query<{ partition: string }>(`SELECT DISTINCT t.partition FROM ${partitionSource} t ORDER BY 1`)).map((r) => r.partition)
    : [];
  const qualifyPartition = partitions.some((p) => p !== EMMETT_DEFAULT_PARTITION);
  // Emmett appends to an archived stream's id by starting a new live stream beside the archived
  // one (same id, versions from 1 again). Only then does the archived one get " (archived)" in its
  // id, so the two never mix their versions.
  const streamsTable = qualified(schema, 'emt_streams');
  const reborn =
    hasStreams &&
    (await session.query(`SELECT 1 FROM ${streamsTable} t GROUP BY t.stream_id, t.partition HAVING count(*) > 1 LIMIT 1`)).length > 0;
  const streamIdOf = (alias: string) => {
    const parts = [`${alias}.stream_id`];
    if (qualifyPartition) parts.push(`CASE WHEN ${alias}.partition = ${sqlText(EMMETT_DEFAULT_PARTITION)} THEN '' ELSE ' @' || ${alias}.partition END`);
    if (reborn) {
      parts.push(
        `CASE WHEN ${alias}.is_archived AND EXISTS (SELECT 1 FROM ${streamsTable} live WHERE live.stream_id = ${alias}.stream_id AND live.partition = ${alias}.partition AND NOT live.is_archived) THEN ' (archived)' ELSE '' END`,
      );
    }
    return parts.length === 1 ? parts[0] : `(${parts.join(' || ')})`;
  };

  const eventFilter = [hasKind ? `e.message_kind = 'E'` : null, FINISHED].filter(Boolean).join(' AND ');
  const notEvents = hasKind
    ? Number((await session.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${messages} e WHERE e.message_kind <> 'E'`))[0].n)
    : 0;
  const archivedEvents = hasArchived
    ? Number((await session.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${messages} e WHERE e.is_archived AND ${eventFilter}`))[0].n)
    : 0;

  const streams: PgStreamColumns | undefined = hasStreams
    ? {
        table: qualified(schema, 'emt_streams'),
        streamId: streamIdOf('s'),
        joinEvents: 's.stream_id = e.stream_id AND s.partition = e.partition AND s.is_archived = e.is_archived',
        archived: 's.is_archived',
      }
    : undefined;

  const hints: PgLayoutHints = {
    // A stream is listed once it has an event the reader may show: not a stream of commands only,
    // nor one whose appends are still behind the cut (one probe of Emmett's primary key each).
    ...(streams ? { streamFilter: `EXISTS (SELECT 1 FROM ${messages} e WHERE ${streams.joinEvents} AND ${eventFilter})` } : {}),
    // emt_streams.stream_position counts every message: it is the event count only while the
    // store holds no commands (then the stream list and stats need no count over the events).
    // An append still behind the transaction cut may show in it a moment early.
    ...(streams && hasKind && notEvents === 0 ? { streamVersion: 's.stream_position' } : {}),
    // With a partition or " (archived)" in the id, match Emmett's stream_id first so its primary key
    // serves the read (the id may itself end in such text, hence both candidates), then the full id.
    ...(qualifyPartition || reborn
      ? {
          eventsOfStream: (param: string) => `e.stream_id IN (${param}, ${baseId(param)}) AND ${streamIdOf('e')} = ${param}`,
          streamRow: (param: string) => `s.stream_id IN (${param}, ${baseId(param)}) AND ${streamIdOf('s')} = ${param}`,
        }
      : {}),
  };

  const meta = (key: string) => `(e.message_metadata ->> ${sqlText(key)})`;
  const notes = [
    "Read in Emmett's own order, by (transaction_id, global_position), and only rows of finished transactions (transaction_id below the oldest running one), as Emmett's consumers do: an append that commits late can never be skipped. A transaction left open on the server holds newer events back until it ends, for the viewer as for Emmett's consumers.",
    'The position shown is Emmett\'s global_position. It is unique; when two appends ran at the same time it can be lower than the one before it in this order.',
    "Only messages of kind 'E' (events) are shown; commands (kind 'C') are counted apart.",
  ];
  if (hasArchived) notes.push(`Archived streams (is_archived) stay visible and are marked archived (${archivedEvents} archived events).`);
  if (reborn) notes.push('Some streams were appended to again after they were archived: their archived part is shown as a stream of its own, "<id> (archived)".');
  if (qualifyPartition) notes.push(`Streams outside Emmett's default partition carry it in their id ("cart-1 @tenant-b"); partitions: ${partitions.join(', ')}.`);
  if (partitions.length > 0) notes.push(`Partitions with messages: ${partitions.join(', ')}.`);

  return {
    format: 'emmett-postgres',
    eventsTable: messages,
    columns: {
      position: 'e.global_position',
      streamId: streamIdOf('e'),
      version: 'e.stream_position',
      type: 'e.message_type',
      dataText: 'e.message_data::text',
      metadataText: 'e.message_metadata::text',
      recordedAtMs: "floor(round(date_part('epoch', e.created) * 1000000) / 1000)",
      eventId: 'e.message_id::text',
      actor: meta('actor'),
      correlationId: meta('correlationId'),
      causationId: meta('causationId'),
    },
    eventFilter,
    streams,
    hints,
    globalOrder: ['e.transaction_id', 'e.global_position'],
    changeTokenSql: 'SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS token',
    ownTables: { schema, isOwn: (table) => EMMETT_TABLES.includes(table) },
    facts: {
      name: 'Emmett PostgreSQL',
      tables: [`${schema}.emt_messages`, ...(hasStreams ? [`${schema}.emt_streams`] : [])],
      notes,
      hiddenRows: [{ what: "Emmett messages that are not events (commands, message_kind <> 'E')", count: notEvents }],
      positionsFollowReadOrder: false,
      timeMeaning: "Emmett's created: the database clock (now()) when the appending transaction began, not when it committed.",
    },
  };
}
