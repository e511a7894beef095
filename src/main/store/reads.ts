// Read side of the native store: keyset-paged queries (never OFFSET) and lazy iterators that page
// internally, so a long iteration never holds an SQLite statement open between steps.
import type Database from 'better-sqlite3';
import type {
  CategoryCount,
  Histogram,
  HistogramQuery,
  ListStreamsQuery,
  Page,
  ReadAllQuery,
  ReadStreamQuery,
  StoreStats,
  StoredEvent,
  StreamSummary,
  TypeCount,
} from '../../shared/types.ts';
import { words } from '../../shared/errorWords/index.ts';
import { LedgerError } from '../errors.ts';
import { MAX_JSON_DEPTH } from './canonicalJson.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { EVENT_COLUMNS, decodeEventRow, parseJsonText, type EventRow } from './decode.ts';
import type { EventScope, LocalReadPlans, RawEvent, ReplayEvent } from './eventStore.ts';
import { toHex } from './hashChain.ts';
import { actorSummaryPlan, createActorCounts, type ActorSource } from './actorCounts.ts';
import { pageLimit, positiveInt } from './limits.ts';
import { logFilter, MAX_CHAR, timeRangeOf, type LogColumns, type LogQuery } from './logFilter.ts';
import { eventPage, followAllPages, followStreamPages, keysetChunks, nextVersion } from './paging.ts';
import { getRow, histogramPlan, inlineExecutor, runPlan, type HistogramSource, type ReadPlan } from './readPlans.ts';
import type { HeadRow } from './schema.ts';
import { hourCountsPlan, type HourCountsSource } from './hourCounts.ts';
import { hasHourTable, hourTableHistogramPlan, hourTableServes } from './hourTablePlan.ts';
import { createSqliteTables } from './sqliteTables.ts';
import { toIsoTime } from './time.ts';
import { noSuchStream, noSuchEvent } from '../notFound.ts';

const ITERATION_CHUNK = 2000;
/** The tables of our own format (schema.ts): never read models. */
const NATIVE_TABLES = ['events', 'streams', 'event_types', 'event_type_hours', 'ledger_head'];
const NATIVE_LOG_COLUMNS: LogColumns = {
  position: 'position',
  streamId: 'stream_id',
  type: 'type',
  time: 'recorded_at',
  actor: 'actor',
  correlationId: 'correlation_id',
  causationId: 'causation_id',
};

const NATIVE_HISTOGRAM: HistogramSource = { table: 'events', time: 'recorded_at', type: 'type' };
const NATIVE_ACTORS: ActorSource = { table: 'events', actor: 'actor' };
const NATIVE_HOUR_COUNTS: HourCountsSource = { table: 'events', position: 'position', time: 'recorded_at', type: 'type' };

type StreamRow = [string, string, number, number, number, number, number, number];
const STREAM_COLUMNS = 'stream_id, category, version, event_count, first_position, last_position, first_recorded_at, last_recorded_at';

function toStreamSummary(row: StreamRow): StreamSummary {
  return {
    streamId: row[0],
    category: row[1],
    version: row[2],
    eventCount: row[3],
    firstPosition: row[4],
    lastPosition: row[5],
    firstRecordedAt: toIsoTime(row[6]),
    lastRecordedAt: toIsoTime(row[7]),
  };
}

// The hash as hex text from SQLite: a Buffer per row costs more than the rest of the row together.
const RAW_COLUMNS = 'position, event_id, stream_id, version, type, recorded_at, data, metadata, iif(hash IS NULL, NULL, lower(hex(hash)))';
/** A row of RAW_COLUMNS as stored: a damaged or foreign row may hold other types than these. */
export type RawRow = [number, string, string, number, string, number, string, string, string | null];

/** The RawEvent of a stored row. */
export const rawEventOf = (r: RawRow): RawEvent => ({
  position: r[0],
  eventId: r[1],
  streamId: r[2],
  version: r[3],
  type: r[4],
  recordedAt: toIsoTime(r[5]),
  dataText: typeof r[6] === 'string' ? r[6] : String(r[6]),
  metadataText: typeof r[7] === 'string' ? r[7] : String(r[7]),
  hash: r[8],
});

export function createReads(db: Database.Database) {
  const statements = new Map<string, Database.Statement>();
  /** Prepared statements cached by SQL text: filters build a handful of distinct shapes. */
  const prepare = (sql: string, raw = true): Database.Statement => {
    const key = (raw ? 'r:' : 'o:') + sql;
    let statement = statements.get(key);
    if (!statement) {
      statement = db.prepare(sql);
      if (raw) statement.raw(true);
      statements.set(key, statement);
    }
    return statement;
  };
  // Unicode-aware case folding for search (SQLite's lower() folds ASCII only).
  db.function('ledger_fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? text.toLowerCase() : text));

  function getStream(streamId: string): StreamSummary | null {
    const row = prepare(`SELECT ${STREAM_COLUMNS} FROM streams WHERE stream_id = ?`).get(streamId) as StreamRow | undefined;
    return row ? toStreamSummary(row) : null;
  }

  function requireStream(streamId: string): StreamSummary {
    const stream = getStream(streamId);
    if (!stream) throw noSuchStream(streamId);
    return stream;
  }

  function listStreams(query: ListStreamsQuery = {}): Page<StreamSummary> {
    const limit = pageLimit(query.limit, 100);
    const sort = query.sort ?? 'lastActivity';
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: limit + 1 };
    if (query.prefix) {
      where.push('stream_id >= @prefix AND stream_id < @prefixEnd');
      params.prefix = query.prefix;
      params.prefixEnd = query.prefix + MAX_CHAR;
    }
    if (query.category !== undefined) {
      where.push('category = @category');
      params.category = query.category;
    }
    if (query.search) {
      where.push('instr(ledger_fold(stream_id), @search) > 0');
      params.search = query.search.toLowerCase();
    }
    let order: string;
    if (sort === 'id') {
      order = 'stream_id';
      if (query.after) {
        [params.afterId] = decodeCursor(query.after, ['string']);
        where.push('stream_id > @afterId');
      }
    } else {
      const column = sort === 'count' ? 'event_count' : 'last_recorded_at';
      if (sort !== 'lastActivity' && sort !== 'count') throw new LedgerError('INVALID_INPUT', words('errorWords.page.unknownSort', { sort: String(sort) }));
      order = `${column} DESC, stream_id`;
      if (query.after) {
        [params.afterKey, params.afterId] = decodeCursor(query.after, ['number', 'string']);
        where.push(`${column} <= @afterKey AND (${column} < @afterKey OR stream_id > @afterId)`);
      }
    }
    const sql = `SELECT ${STREAM_COLUMNS} FROM streams ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY ${order} LIMIT @limit`;
    const rows = prepare(sql).all(params) as StreamRow[];
    const more = rows.length > limit;
    if (more) rows.pop();
    const last = rows[rows.length - 1];
    let next: string | null = null;
    if (more && last) {
      next = sort === 'id' ? encodeCursor([last[0]]) : encodeCursor([sort === 'count' ? last[3] : last[7], last[0]]);
    }
    return { items: rows.map(toStreamSummary), next };
  }

  function streamRange(streamId: string, query: ReadStreamQuery): { from: number; to: number } {
    const stream = requireStream(streamId);
    const from = Math.max(1, positiveInt(query.fromVersion, 'fromVersion', 1));
    const to = Math.min(stream.version, positiveInt(query.toVersion, 'toVersion', stream.version));
    return { from, to };
  }

  function readStream(streamId: string, query: ReadStreamQuery = {}): Page<StoredEvent, number> {
    const limit = pageLimit(query.limit, 1000);
    const { from, to } = streamRange(streamId, query);
    const backward = query.direction === 'backward';
    if (query.direction !== undefined && query.direction !== 'forward' && !backward) {
      throw new LedgerError('INVALID_INPUT', words('errorWords.page.badDirection', {}));
    }
    if (from > to) return { items: [], next: null };
    const sql = `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND version >= ? AND version <= ? ORDER BY version ${backward ? 'DESC' : 'ASC'} LIMIT ?`;
    const rows = prepare(sql).all(streamId, from, to, limit + 1) as EventRow[];
    return eventPage(rows.map(decodeEventRow), limit, nextVersion(query.direction));
  }

  const iterateStream = (streamId: string, query: Omit<ReadStreamQuery, 'limit'> = {}) => followStreamPages(readStream, streamId, query, ITERATION_CHUNK);

  /** WHERE clause and parameters of a global-log query (shared by pages, raw iteration and counts). */
  const allFilter = (query: LogQuery) => logFilter(query, NATIVE_LOG_COLUMNS);

  function readAll(query: ReadAllQuery = {}): Page<StoredEvent, number> {
    const limit = pageLimit(query.limit, 1000);
    const { where, params } = allFilter(query);
    params.limit = limit + 1;
    const sql = `SELECT ${EVENT_COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY position LIMIT @limit`;
    const rows = prepare(sql).all(params) as EventRow[];
    return eventPage(rows.map(decodeEventRow), limit, (last) => last.position + 1);
  }

  const iterateAll = (query: Omit<ReadAllQuery, 'limit'> = {}) => followAllPages(readAll, query, ITERATION_CHUNK);

  /**
   * The rows of `scope` as SQLite gives them (RawRow), in pages of up to `pageRows`: the export
   * worker encodes them without a RawEvent each, in smaller pages (fewer rows alive at each of its
   * young-generation collections).
   */
  function* iterateRawRows(scope: EventScope, pageRows = ITERATION_CHUNK): IterableIterator<RawRow[]> {
    if (scope.kind === 'stream') {
      const { from, to } = streamRange(scope.streamId, scope);
      const statement = prepare(`SELECT ${RAW_COLUMNS} FROM events WHERE stream_id = ? AND version >= ? AND version <= ? ORDER BY version LIMIT ?`);
      yield* keysetChunks((next) => statement.all(scope.streamId, next, to, pageRows) as RawRow[], from, (last) => last[3] + 1, pageRows, to);
      return;
    }
    const { where, params } = allFilter(scope);
    const statement = prepare(`SELECT ${RAW_COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY position LIMIT @limit`);
    yield* keysetChunks((from) => statement.all({ ...params, from, limit: pageRows }) as RawRow[], params.from as number, (last) => last[0] + 1, pageRows);
  }

  function* iterateRaw(scope: EventScope): IterableIterator<RawEvent> {
    for (const rows of iterateRawRows(scope)) for (const row of rows) yield rawEventOf(row);
  }

  // The whole-store reads as plans (readPlans.ts): run here on this connection, or by the async
  // reader on a read worker's own connection (readWorker.ts), with the same SQL and the same answer.
  function* countEventsPlan(scope: EventScope): ReadPlan<number> {
    if (scope.kind === 'stream') {
      const { from, to } = streamRange(scope.streamId, scope);
      return Math.max(0, to - from + 1);
    }
    const { where, params } = allFilter(scope);
    // Position bounds alone: count entries of the smallest full index instead of walking the table
    // (every index entry carries the position; ~20x fewer pages than the rows themselves).
    const positionsOnly = where.every((clause) => clause.startsWith('position '));
    if (positionsOnly && where.length === 1) {
      // From the first position on: the whole table, which SQLite counts from page headers.
      const [first] = (yield* getRow<[number | null]>('SELECT min(position) FROM events')) ?? [null];
      if (first === null || (params.from as number) <= first) return ((yield* getRow<[number]>('SELECT count(*) FROM events')) ?? [0])[0];
    }
    // (A bulk load builds its indexes at close: until then the plain range walk.)
    const timeIndex = positionsOnly && (yield* getRow("SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?", 'events_by_time')) !== undefined;
    const source = timeIndex ? 'events INDEXED BY events_by_time' : 'events';
    return ((yield* getRow<[number]>(`SELECT count(*) FROM ${source} WHERE ${where.join(' AND ')}`, params)) ?? [0])[0];
  }

  function* scanHistogramPlan(query: HistogramQuery, buckets: number): ReadPlan<Histogram> {
    const filter = allFilter(query);
    const { params } = filter;
    // No position bound was asked for: without `position >= 1` SQLite no longer takes the rowid
    // range (the whole table) over events_by_time for a time range.
    const where = 'fromPosition' in query ? filter.where : filter.where.filter((clause) => clause !== 'position >= @from');
    if (where.length === 0) where.push('1');
    if (yield* timeIndexIsNarrower(query)) {
      // `+type` keeps SQLite off events_by_type, so the time range is read through events_by_time.
      const typeClause = where.indexOf('type IN (SELECT value FROM json_each(@types))');
      if (typeClause >= 0) where[typeClause] = '+type IN (SELECT value FROM json_each(@types))';
    }
    return yield* histogramPlan(NATIVE_HISTOGRAM, where.join(' AND '), params, buckets);
  }

  /**
   * Types and a time range together: SQLite has no statistics on an audited file (ANALYZE would
   * write to it) and takes events_by_type, walking every event of the types even for an hour of
   * them (2.7 s for one hour of a common type at 1.1M events). Estimated here instead, from the
   * store's own counts: the types' events against the share of the store's time span the range covers.
   */
  function* timeIndexIsNarrower(query: HistogramQuery): ReadPlan<boolean> {
    if (!query.types || query.types.length === 0 || (query.fromTime === undefined && query.toTime === undefined)) return false;
    const { fromMs, toMs } = timeRangeOf(query);
    const [typeEvents] = (yield* getRow<[number | null]>('SELECT sum(event_count) FROM event_types WHERE type IN (SELECT value FROM json_each(?))', JSON.stringify(query.types))) ?? [null];
    const [total, first, last] = (yield* getRow<[number | null, number | null, number | null]>(
      'SELECT (SELECT event_count FROM ledger_head WHERE id = 1), (SELECT min(recorded_at) FROM events), (SELECT max(recorded_at) FROM events)',
    )) ?? [null, null, null];
    if (typeEvents === null || total === null || first === null || last === null || last <= first) return false;
    const lo = Math.max(first, fromMs ?? first);
    const hi = Math.min(last, toMs ?? last);
    const timeEvents = (total * Math.max(0, hi - lo)) / (last - first);
    return timeEvents < typeEvents;
  }

  /** From event_type_hours when the store keeps it (schema v2) and the filter is types / times only; a scan otherwise. */
  function* histogramPlanOf(query: HistogramQuery, buckets: number): ReadPlan<Histogram> {
    if (hourTableServes(query) && (yield* hasHourTable())) {
      return yield* hourTableHistogramPlan(query, buckets, (min, max, types, fineBuckets) =>
        scanHistogramPlan({ types: types ?? undefined, fromTime: toIsoTime(min), toTime: toIsoTime(max) }, fineBuckets),
      );
    }
    return yield* scanHistogramPlan(query, buckets);
  }

  const readPlans: LocalReadPlans = {
    file: db.memory || !db.name ? null : db.name,
    countEvents: countEventsPlan,
    histogram: histogramPlanOf,
    actors: (query) => actorSummaryPlan(NATIVE_ACTORS, query),
    hourCounts: (from, to) => hourCountsPlan(NATIVE_HOUR_COUNTS, from, to),
    keepsHourCounts: hasHourTable,
  };
  const execute = inlineExecutor(db);
  const countEvents = (scope: EventScope): number => runPlan(countEventsPlan(scope), execute);
  const histogram = (query: HistogramQuery, buckets: number): Histogram => runPlan(histogramPlanOf(query, buckets), execute);
  const actors = createActorCounts(db, NATIVE_ACTORS);

  function getEvent(ref: number | string): StoredEvent {
    const byPosition = typeof ref === 'number';
    if (byPosition && !Number.isSafeInteger(ref)) throw new LedgerError('INVALID_INPUT', words('errorWords.page.badPosition', { position: String(ref) }));
    const sql = `SELECT ${EVENT_COLUMNS} FROM events WHERE ${byPosition ? 'position' : 'event_id'} = ?`;
    const row = prepare(sql).get(ref) as EventRow | undefined;
    if (!row) {
      throw noSuchEvent(ref, byPosition);
    }
    return decodeEventRow(row);
  }

  type ReplayRow = [number, number, string, unknown, number, string | null, unknown?];

  function toReplayEvent(row: ReplayRow): ReplayEvent {
    const event: ReplayEvent = { position: row[0], version: row[1], type: row[2], data: null, recordedAtMs: row[4], actor: row[5] };
    const text = row[3];
    // Inline parse for text too short to nest deeper than parseJsonText allows: its result object
    // per event was measurable on 100k-event folds. Anything else takes parseJsonText's checks.
    if (typeof text === 'string' && text.length <= MAX_JSON_DEPTH) {
      try {
        event.data = JSON.parse(text);
      } catch (error) {
        event.decodeError = `data is not valid JSON (${(error as Error).message})`;
      }
      return event;
    }
    const parsed = parseJsonText(text);
    if (parsed.ok) event.data = parsed.value;
    else event.decodeError = `data is not valid JSON (${parsed.error})`;
    return event;
  }

  /** The same event with its metadata (user projections ask for it): null when it is not JSON. */
  function toReplayEventWithMetadata(row: ReplayRow): ReplayEvent {
    const event = toReplayEvent(row);
    const metadata = parseJsonText(row[6]);
    event.metadata = metadata.ok ? metadata.value : null;
    return event;
  }

  const REPLAY_SQL = 'SELECT position, version, type, data, recorded_at, actor FROM events WHERE stream_id = ? AND version >= ? AND version <= ? ORDER BY version LIMIT ?';
  // A statement of its own, so the built-ins' replay (the default) reads no metadata at all: it
  // stays answered from events_by_stream_replay alone, which does not hold the metadata.
  const REPLAY_WITH_METADATA_SQL =
    'SELECT position, version, type, data, recorded_at, actor, metadata FROM events WHERE stream_id = ? AND version >= ? AND version <= ? ORDER BY version LIMIT ?';

  function* replayChunks(streamId: string, fromVersion: number, toVersion: number, options: { withMetadata?: boolean } = {}): IterableIterator<ReplayEvent[]> {
    const statement = prepare(options.withMetadata ? REPLAY_WITH_METADATA_SQL : REPLAY_SQL);
    const decode = options.withMetadata ? toReplayEventWithMetadata : toReplayEvent;
    const chunks = keysetChunks((from) => statement.all(streamId, from, toVersion, ITERATION_CHUNK) as ReplayRow[], fromVersion, (last) => last[1] + 1, ITERATION_CHUNK, toVersion);
    for (const rows of chunks) {
      const events = new Array<ReplayEvent>(rows.length);
      for (let i = 0; i < rows.length; i++) events[i] = decode(rows[i]);
      yield events;
    }
  }

  function* replayEvents(streamId: string, fromVersion: number, toVersion: number, options: { withMetadata?: boolean } = {}): IterableIterator<ReplayEvent> {
    for (const events of replayChunks(streamId, fromVersion, toVersion, options)) yield* events;
  }

  function versionAtTime(streamId: string, timeMs: number): number {
    const ordered = prepare('SELECT version, time_ordered FROM streams WHERE stream_id = ?').get(streamId) as [number, number] | undefined;
    if (!ordered) throw noSuchStream(streamId);
    const [version, timeOrdered] = ordered;
    if (!timeOrdered) {
      const row = prepare('SELECT max(version) FROM events WHERE stream_id = ? AND recorded_at <= ?').get(streamId, timeMs) as [number | null];
      return row[0] ?? 0;
    }
    // Times never decrease along the stream: binary search the last version recorded at or before timeMs.
    const timeOf = prepare('SELECT recorded_at FROM events WHERE stream_id = ? AND version = ?');
    let low = 0; // recorded at or before timeMs (0 = before the first event)
    let high = version + 1; // recorded after timeMs
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      const row = timeOf.get(streamId, mid) as [number] | undefined;
      if (row && row[0] <= timeMs) low = mid;
      else high = mid;
    }
    return low;
  }

  function stats(): StoreStats {
    const head = prepare('SELECT last_position, head_hash, event_count, stream_count FROM ledger_head WHERE id = 1', false).get() as
      | Pick<HeadRow, 'last_position' | 'head_hash' | 'event_count' | 'stream_count'>
      | undefined;
    // Two subqueries: SQLite answers a lone min() or max() from the end of events_by_time, but
    // min() and max() together scan the whole index (~100 ms on 1.1M events).
    const [minTime, maxTime] = prepare('SELECT (SELECT min(recorded_at) FROM events), (SELECT max(recorded_at) FROM events)').get() as [number | null, number | null];
    const [firstPosition] = prepare('SELECT min(position) FROM events').get() as [number | null];
    const types = (prepare('SELECT type, event_count FROM event_types ORDER BY event_count DESC, type').all() as [string, number][]).map(
      ([type, count]): TypeCount => ({ type, count }),
    );
    const categories = (
      prepare('SELECT category, count(*), sum(event_count) FROM streams GROUP BY category ORDER BY 3 DESC, 1').all() as [string, number, number][]
    ).map(([category, streams, events]): CategoryCount => ({ category, streams, events }));
    return {
      format: 'ledger',
      // The file's own version: a v1 store viewed read-only stays v1 (only our writers migrate it).
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
      events: head?.event_count ?? 0,
      streams: head?.stream_count ?? 0,
      firstPosition,
      lastPosition: head && head.last_position > 0 ? head.last_position : null,
      firstRecordedAt: minTime === null ? null : toIsoTime(minTime),
      lastRecordedAt: maxTime === null ? null : toIsoTime(maxTime),
      types,
      categories,
      chainHead: head && head.last_position > 0 ? toHex(head.head_hash) : null,
    };
  }

  // The store's own tables are left out of the read-model listing (tables.listTables).
  const tables = createSqliteTables(db, NATIVE_TABLES);

  return {
    getStream,
    listStreams,
    readStream,
    iterateStream,
    readAll,
    iterateAll,
    iterateRaw,
    iterateRawRows,
    countEvents,
    histogram,
    actors,
    readPlans,
    getEvent,
    replayEvents,
    replayChunks,
    versionAtTime,
    stats,
    listTables: tables.listTables,
    readTableRow: tables.readTableRow,
  };
}
