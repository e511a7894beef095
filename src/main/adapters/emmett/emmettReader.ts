// Read-only adapter for Emmett's SQLite event store (@event-driven-io/emmett-sqlite): its files are
// browsed, replayed, diffed and exported like native ones. Emmett keeps no hash chain, so events
// carry hash null and the store reports "no integrity chain". Emmett's `created` is text in UTC
// ('YYYY-MM-DD HH:MM:SS'); archived streams and non-event messages are not shown.
import type Database from 'better-sqlite3';
import type {
  CategoryCount,
  HistogramQuery,
  ListStreamsQuery,
  Page,
  ReadAllQuery,
  ReadStreamQuery,
  StoreInfo,
  StoreStats,
  StoredEvent,
  StreamSummary,
} from '../../../shared/types.ts';
import { categoryOf, decodeEventRow, parseJsonText, type EventRow } from '../../store/decode.ts';
import type { EventScope, LocalReadPlans, LocalStoreReader, RawEvent, ReplayEvent } from '../../store/eventStore.ts';
import { actorSummaryPlan, createActorCounts, type ActorSource } from '../../store/actorCounts.ts';
import { pageLimit, positiveInt } from '../../store/limits.ts';
import { logFilter, type LogColumns, type LogQuery } from '../../store/logFilter.ts';
import { eventPage, followAllPages, followStreamPages, keysetChunks, nextVersion } from '../../store/paging.ts';
import { hourCountsPlan, type HourCountsSource } from '../../store/hourCounts.ts';
import { constantPlan, getRow, histogramPlan, inlineExecutor, runPlan, type HistogramSource } from '../../store/readPlans.ts';
import { createSqliteTables } from '../../store/sqliteTables.ts';
import { toIsoTime } from '../../store/time.ts';
import { createStreamIndex, type IndexedStream } from '../streamIndex.ts';
import { noSuchStream, noSuchEvent } from '../../notFound.ts';

const CHUNK = 2000;
/** Emmett's `created` as epoch milliseconds (fractional seconds kept when present). */
const CREATED_MS = "CAST(round(unixepoch(created, 'subsec') * 1000) AS INTEGER)";
const LIVE = "is_archived = 0 AND message_kind = 'E'";
const metadataField = (field: string) => `CASE WHEN json_valid(message_metadata) THEN json_extract(message_metadata, '$.${field}') END`;
const EMMETT_LOG_COLUMNS: LogColumns = {
  position: 'global_position',
  streamId: 'stream_id',
  type: 'message_type',
  time: CREATED_MS,
  actor: metadataField('actor'),
  correlationId: metadataField('correlationId'),
  causationId: metadataField('causationId'),
  always: [LIVE],
};
const EMMETT_HISTOGRAM: HistogramSource = { table: 'emt_messages', time: CREATED_MS, type: 'message_type' };
const EMMETT_HOUR_COUNTS: HourCountsSource = { table: 'emt_messages', position: 'global_position', time: CREATED_MS, type: 'message_type', always: [LIVE] };
const EMMETT_ACTORS: ActorSource = { table: 'emt_messages', actor: metadataField('actor'), always: [LIVE] };
/** Emmett's own tables (its schema's migrations create them; Dumbo, where it runs them, records them in dmb_migrations): never read models. */
const EMMETT_TABLES = ['emt_messages', 'emt_streams', 'emt_subscriptions', 'emt_processors', 'emt_projections', 'dmb_migrations'];
const EVENT_SELECT = `global_position, message_id, stream_id, stream_position, message_type, message_data, message_metadata, ${CREATED_MS}, NULL`;

export function createEmmettReader(db: Database.Database, info: StoreInfo): LocalStoreReader {
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql).raw(true);
      statements.set(sql, statement);
    }
    return statement;
  };
  const dataVersion = () => db.pragma('data_version', { simple: true }) as number;
  const tables = createSqliteTables(db, EMMETT_TABLES);

  // The stream list is derived from the messages, once per change of the file.
  let indexVersion = -1;
  let index = createStreamIndex([]);
  const streams = () => {
    const version = dataVersion();
    if (version !== indexVersion) {
      const rows = prepare(
        `SELECT stream_id, count(*), max(stream_position), min(global_position), max(global_position), min(${CREATED_MS}), max(${CREATED_MS})
         FROM emt_messages WHERE ${LIVE} GROUP BY stream_id`,
      ).all() as [string, number, number, number, number, number | null, number | null][];
      index = createStreamIndex(
        rows.map(([streamId, count, version, first, last, firstAt, lastAt]): IndexedStream => ({
          streamId,
          category: categoryOf(streamId),
          version,
          eventCount: count,
          firstPosition: first,
          lastPosition: last,
          firstRecordedAt: toIsoTime(firstAt ?? 0),
          lastRecordedAt: toIsoTime(lastAt ?? 0),
          lastRecordedAtMs: lastAt ?? 0,
        })),
      );
      indexVersion = version;
    }
    return index;
  };

  const requireStream = (streamId: string): StreamSummary => {
    const stream = streams().get(streamId);
    if (!stream) throw noSuchStream(streamId);
    return stream;
  };

  function streamRange(streamId: string, query: ReadStreamQuery) {
    const stream = requireStream(streamId);
    return { from: Math.max(1, positiveInt(query.fromVersion, 'fromVersion', 1)), to: Math.min(stream.version, positiveInt(query.toVersion, 'toVersion', stream.version)) };
  }

  function readStream(streamId: string, query: ReadStreamQuery = {}): Page<StoredEvent, number> {
    const limit = pageLimit(query.limit, 1000);
    const { from, to } = streamRange(streamId, query);
    const backward = query.direction === 'backward';
    if (from > to) return { items: [], next: null };
    const rows = prepare(
      `SELECT ${EVENT_SELECT} FROM emt_messages WHERE stream_id = ? AND stream_position >= ? AND stream_position <= ? AND ${LIVE}
       ORDER BY stream_position ${backward ? 'DESC' : 'ASC'} LIMIT ?`,
    ).all(streamId, from, to, limit + 1) as EventRow[];
    return eventPage(rows.map(decodeEventRow), limit, nextVersion(query.direction));
  }

  const allFilter = (query: LogQuery) => {
    const { where, params } = logFilter(query, EMMETT_LOG_COLUMNS);
    return { where: where.join(' AND '), params };
  };

  function readAll(query: ReadAllQuery = {}): Page<StoredEvent, number> {
    const limit = pageLimit(query.limit, 1000);
    const { where, params } = allFilter(query);
    const rows = prepare(`SELECT ${EVENT_SELECT} FROM emt_messages WHERE ${where} ORDER BY global_position LIMIT @limit`).all({ ...params, limit: limit + 1 }) as EventRow[];
    return eventPage(rows.map(decodeEventRow), limit, (last) => last.position + 1);
  }

  function* iterateRaw(scope: EventScope): IterableIterator<RawEvent> {
    const toRaw = (r: EventRow): RawEvent => ({
      position: r[0],
      eventId: r[1],
      streamId: r[2],
      version: r[3],
      type: r[4],
      recordedAt: toIsoTime(r[7]),
      dataText: String(r[5]),
      metadataText: String(r[6]),
      hash: null,
    });
    if (scope.kind === 'stream') {
      const { from, to } = streamRange(scope.streamId, scope);
      const statement = prepare(
        `SELECT ${EVENT_SELECT} FROM emt_messages WHERE stream_id = ? AND stream_position >= ? AND stream_position <= ? AND ${LIVE} ORDER BY stream_position LIMIT ?`,
      );
      const chunks = keysetChunks((next) => statement.all(scope.streamId, next, to, CHUNK) as EventRow[], from, (last) => last[3] + 1, CHUNK, to);
      for (const rows of chunks) for (const row of rows) yield toRaw(row);
      return;
    }
    const { where, params } = allFilter(scope);
    const statement = prepare(`SELECT ${EVENT_SELECT} FROM emt_messages WHERE ${where} ORDER BY global_position LIMIT @limit`);
    const chunks = keysetChunks((from) => statement.all({ ...params, from, limit: CHUNK }) as EventRow[], params.from as number, (last) => last[0] + 1, CHUNK);
    for (const rows of chunks) for (const row of rows) yield toRaw(row);
  }

  const iterateStream = (streamId: string, query: Omit<ReadStreamQuery, 'limit'> = {}) => followStreamPages(readStream, streamId, query, CHUNK);
  const iterateAll = (query: Omit<ReadAllQuery, 'limit'> = {}) => followAllPages(readAll, query, CHUNK);

  function* replayEvents(streamId: string, fromVersion: number, toVersion: number, options: { withMetadata?: boolean } = {}): IterableIterator<ReplayEvent> {
    // The metadata column only when asked for (user projections): the built-ins' folds skip it.
    const statement = prepare(
      `SELECT global_position, stream_position, message_type, message_data, ${CREATED_MS}, ${metadataField('actor')}${options.withMetadata ? ', message_metadata' : ''}
       FROM emt_messages WHERE stream_id = ? AND stream_position >= ? AND stream_position <= ? AND ${LIVE} ORDER BY stream_position LIMIT ?`,
    );
    type Row = [number, number, string, string, number, unknown, unknown?];
    const chunks = keysetChunks((from) => statement.all(streamId, from, toVersion, CHUNK) as Row[], fromVersion, (last) => last[1] + 1, CHUNK, toVersion);
    for (const rows of chunks) {
      for (const row of rows) {
        const event: ReplayEvent = { position: row[0], version: row[1], type: row[2], data: null, recordedAtMs: row[4] ?? 0, actor: typeof row[5] === 'string' ? row[5] : null };
        const parsed = parseJsonText(row[3]);
        if (parsed.ok) event.data = parsed.value;
        else event.decodeError = `data is not valid JSON (${parsed.error})`;
        if (options.withMetadata) {
          const metadata = parseJsonText(row[6]);
          event.metadata = metadata.ok ? metadata.value : null;
        }
        yield event;
      }
    }
  }

  function stats(): StoreStats {
    const [events, minTime, maxTime, firstPosition, lastPosition] = prepare(
      `SELECT count(*), min(${CREATED_MS}), max(${CREATED_MS}), min(global_position), max(global_position) FROM emt_messages WHERE ${LIVE}`,
    ).get() as [number, number | null, number | null, number | null, number | null];
    const types = (prepare(`SELECT message_type, count(*) FROM emt_messages WHERE ${LIVE} GROUP BY message_type ORDER BY 2 DESC, 1`).all() as [string, number][]).map(
      ([type, count]) => ({ type, count }),
    );
    const categories = new Map<string, CategoryCount>();
    for (const s of streams().all()) {
      const entry = categories.get(s.category) ?? { category: s.category, streams: 0, events: 0 };
      entry.streams++;
      entry.events += s.eventCount;
      categories.set(s.category, entry);
    }
    return {
      format: 'emmett',
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
      events,
      streams: streams().all().length,
      firstPosition,
      lastPosition,
      firstRecordedAt: minTime === null ? null : toIsoTime(minTime),
      lastRecordedAt: maxTime === null ? null : toIsoTime(maxTime),
      types,
      categories: [...categories.values()].sort((a, b) => b.events - a.events || a.category.localeCompare(b.category)),
      chainHead: null,
    };
  }

  // The whole-store reads as plans (store/readPlans.ts): inline here, or on a read worker.
  const readPlans: LocalReadPlans = {
    file: db.memory || !db.name ? null : db.name,
    histogram(query: HistogramQuery, buckets: number) {
      const { where, params } = allFilter(query);
      return histogramPlan(EMMETT_HISTOGRAM, where, params, buckets);
    },
    actors: (query) => actorSummaryPlan(EMMETT_ACTORS, query),
    hourCounts: (from, to) => hourCountsPlan(EMMETT_HOUR_COUNTS, from, to),
    countEvents(scope) {
      if (scope.kind === 'stream') {
        const { from, to } = streamRange(scope.streamId, scope);
        return constantPlan(Math.max(0, to - from + 1));
      }
      const { where, params } = allFilter(scope);
      return (function* () {
        return ((yield* getRow<[number]>(`SELECT count(*) FROM emt_messages WHERE ${where}`, params)) ?? [0])[0];
      })();
    },
  };
  const execute = inlineExecutor(db);

  return {
    info,
    stats,
    listStreams: (query?: ListStreamsQuery) => streams().list(query),
    getStream: (streamId) => streams().get(streamId),
    readStream,
    iterateStream,
    readAll,
    iterateAll,
    iterateRaw,
    countEvents: (scope) => runPlan(readPlans.countEvents(scope), execute),
    histogram: (query, buckets) => runPlan(readPlans.histogram(query, buckets), execute),
    actors: createActorCounts(db, EMMETT_ACTORS),
    readPlans,
    getEvent(ref) {
      const byPosition = typeof ref === 'number';
      const row = prepare(`SELECT ${EVENT_SELECT} FROM emt_messages WHERE ${byPosition ? 'global_position' : 'message_id'} = ? AND ${LIVE}`).get(ref) as EventRow | undefined;
      if (!row) throw noSuchEvent(ref, byPosition);
      return decodeEventRow(row);
    },
    replayEvents,
    versionAtTime(streamId, timeMs) {
      requireStream(streamId);
      const [version] = prepare(`SELECT max(stream_position) FROM emt_messages WHERE stream_id = ? AND ${CREATED_MS} <= ? AND ${LIVE}`).get(streamId, timeMs) as [number | null];
      return version ?? 0;
    },
    listTables: tables.listTables,
    readTableRow: tables.readTableRow,
    dataVersion,
    close: () => db.close(),
  };
}
