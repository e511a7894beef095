// The one reader of every PostgreSQL layout: each method of the reader contract as SQL generated
// from the layout's expressions, with filters, keyset paging and counts pushed down to the server
// and long reads streamed through server-side cursors in chunks (memory stays flat; aborting the
// signal cancels the backend query). Rows are decoded by the same code as the SQLite stores
// (decode.ts; data and metadata read as text so numbers come out as written).
import { describeActorFilter, parseActorFilter, type ActorCount, type ActorMatch, type ActorSummary, type ActorsQuery } from '../../../shared/actorFilter.ts';
import type { Histogram, HistogramQuery, Page, ReadAllQuery, ReadStreamQuery, StoreInfo, StoreStats, StoredEvent } from '../../../shared/types.ts';
import { words } from '../../../shared/errorWords/index.ts';
import { CancelledError, LedgerError } from '../../errors.ts';
import { CHUNK } from '../../store/asyncReader.ts';
import { MAX_JSON_DEPTH } from '../../store/canonicalJson.ts';
import { decodeEventRow, parseJsonText } from '../../store/decode.ts';
import type { EventScope, EventStoreReader, RawEvent, ReadOptions, ReplayEvent, ReplayReadOptions } from '../../store/eventStore.ts';
import { pageLimit, positiveInt } from '../../store/limits.ts';
import type { LogQuery } from '../../store/logFilter.ts';
import { assembleChunk, ZONE_SIZE, type HourCountsChunk } from '../../store/hourCounts.ts';
import { bucketGrid, emptyHistogram, eventPage, histogramFromCounts, nextVersion } from '../../store/paging.ts';
import { toIsoTime } from '../../store/time.ts';
import type { PgLayout } from './layout.ts';
import { actorWhere, actorWhereIgnoringCase, alwaysWhere, eventsOfStream, logWhere, SqlParams, whereSql, type HintedLayout } from './pgFilters.ts';
import type { PgLayoutHints } from './pgLayoutHints.ts';
import { estimateLogQuery, type PgQueryEstimate } from './pgEstimate.ts';
import type { PgSession } from './pgSession.ts';
import { createPgStreams } from './pgStreams.ts';
import { createPgTables } from './pgTables.ts';
import { noSuchStream, noSuchEvent } from '../../notFound.ts';

interface EventRowObject {
  p: number;
  i: string;
  s: string;
  v: number;
  sv: number | null;
  t: string;
  d: string;
  m: string;
  ms: number;
}

const TOP_MATCHES = 10;
const SUGGESTIONS = 5;
const LAST_VERSION = Number.MAX_SAFE_INTEGER;

/** The reader contract, plus what only a database store can say: the planner's view of a filter. */
export interface PgReader extends EventStoreReader {
  /** EXPLAIN (not run) of a global-log query: whether it would read whole tables, and how many rows match. */
  estimate(query: LogQuery): Promise<PgQueryEstimate>;
}

/** The session with `options` (the caller's signal) on every query that does not bring its own. */
function withSignal(session: PgSession, options: ReadOptions): PgSession {
  return {
    displayUrl: session.displayUrl,
    query: (sql, values, own) => session.query(sql, values, own ?? options),
    cursor: (sql, values, own) => session.cursor(sql, values, own ?? options),
    close: () => session.close(),
  };
}

/** The session and layout behind a reader made here, for search's SQL path (search/pgSearch.ts); null for any other reader. */
const searchHandles = new WeakMap<EventStoreReader, { session: PgSession; layout: PgLayout }>();
export const pgSearchHandleOf = (reader: EventStoreReader): { session: PgSession; layout: PgLayout } | null => searchHandles.get(reader) ?? null;

export function createPgReader(session: PgSession, layout: PgLayout & { hints?: PgLayoutHints }, info: StoreInfo): PgReader {
  const l: HintedLayout = layout;
  const c = l.columns;
  const e = `${l.eventsTable} e`;
  const always = alwaysWhere(l);
  const order = (l.globalOrder ?? [c.position]).join(', ');
  const eventSelect = `(${c.position})::float8 AS p, ${c.eventId} AS i, ${c.streamId} AS s, (${c.version})::float8 AS v, ${
    c.sourceVersion ? `(${c.sourceVersion})::float8` : 'NULL::float8'
  } AS sv, ${c.type} AS t, ${c.dataText} AS d, ${c.metadataText} AS m, (${c.recordedAtMs})::float8 AS ms`;
  const rawSelect = `(${c.position})::float8 AS p, ${c.eventId} AS i, ${c.streamId} AS s, (${c.version})::float8 AS v, ${c.type} AS t, ${c.dataText} AS d, ${c.metadataText} AS m, (${c.recordedAtMs})::float8 AS ms`;
  const streams = createPgStreams(session, l);
  const tables = createPgTables(session, l.ownTables);

  const decode = (r: EventRowObject): StoredEvent => {
    const event = decodeEventRow([r.p, r.i, r.s, r.v, r.t, r.d, r.m, r.ms, null]);
    if (r.sv !== null && r.sv !== undefined && r.sv !== r.v) event.sourceVersion = r.sv;
    return event;
  };
  const toRaw = (r: EventRowObject): RawEvent => ({
    position: r.p,
    eventId: r.i,
    streamId: r.s,
    version: r.v,
    type: r.t,
    recordedAt: toIsoTime(r.ms),
    dataText: r.d,
    metadataText: r.m,
    hash: null,
  });

  /** A server-side cursor in chunks; an aborted signal ends it with CANCELLED (the session cancels the backend query). */
  async function* chunks<R>(sql: string, values: unknown[], options: ReadOptions, what: string): AsyncGenerator<R[]> {
    const { signal } = options;
    if (signal?.aborted) throw new CancelledError(what);
    try {
      for await (const rows of session.cursor<R>(sql, values, { signal, chunkSize: CHUNK })) {
        if (signal?.aborted) throw new CancelledError(what);
        if (rows.length > 0) yield rows;
      }
    } catch (error) {
      if (signal?.aborted && !(error instanceof CancelledError)) throw new CancelledError(what);
      throw error;
    }
    if (signal?.aborted) throw new CancelledError(what);
  }

  async function* mapped<R, T>(source: AsyncIterable<R[]>, f: (r: R) => T): AsyncGenerator<T[]> {
    for await (const rows of source) yield rows.map(f);
  }

  const scalar = async <T>(sql: string, values: unknown[] = [], options?: ReadOptions): Promise<T> => {
    const rows = await session.query<{ x: T }>(sql, values, options);
    return rows[0]?.x as T;
  };

  async function streamExists(streamId: string): Promise<boolean> {
    const params = new SqlParams();
    const where = [...always, eventsOfStream(l, params.add(streamId))];
    return (await session.query(`SELECT 1 FROM ${e} ${whereSql(where)} LIMIT 1`, params.values)).length > 0;
  }

  async function requireStream(streamId: string): Promise<void> {
    if (!(await streamExists(streamId))) throw noSuchStream(streamId);
  }

  /** WHERE of one stream's version range. */
  function streamWhere(streamId: string, from: number, to: number, params: SqlParams): string[] {
    const where = [...always, eventsOfStream(l, params.add(streamId))];
    if (from > 1) where.push(`${c.version} >= ${params.add(from)}`);
    if (to < LAST_VERSION) where.push(`${c.version} <= ${params.add(to)}`);
    return where;
  }

  function versionRange(query: { fromVersion?: number; toVersion?: number }): { from: number; to: number } {
    return { from: Math.max(1, positiveInt(query.fromVersion, 'fromVersion', 1)), to: positiveInt(query.toVersion, 'toVersion', LAST_VERSION) };
  }

  function direction(query: ReadStreamQuery): 'ASC' | 'DESC' {
    if (query.direction !== undefined && query.direction !== 'forward' && query.direction !== 'backward') {
      throw new LedgerError('INVALID_INPUT', words('errorWords.page.badDirection', {}));
    }
    return query.direction === 'backward' ? 'DESC' : 'ASC';
  }

  async function readStream(streamId: string, query: ReadStreamQuery = {}): Promise<Page<StoredEvent, number>> {
    const limit = pageLimit(query.limit, 1000);
    const dir = direction(query);
    const { from, to } = versionRange(query);
    const params = new SqlParams();
    const where = streamWhere(streamId, from, to, params);
    const rows = from > to ? [] : await session.query<EventRowObject>(`SELECT ${eventSelect} FROM ${e} ${whereSql(where)} ORDER BY ${c.version} ${dir} LIMIT ${params.add(limit + 1)}`, params.values);
    if (rows.length === 0) await requireStream(streamId);
    return eventPage(rows.map(decode), limit, nextVersion(query.direction));
  }

  async function* iterateStream(streamId: string, query: Omit<ReadStreamQuery, 'limit'> = {}, options: ReadOptions = {}): AsyncGenerator<StoredEvent[]> {
    const dir = direction(query);
    const { from, to } = versionRange(query);
    await requireStream(streamId);
    if (from > to) return;
    const params = new SqlParams();
    const sql = `SELECT ${eventSelect} FROM ${e} ${whereSql(streamWhere(streamId, from, to, params))} ORDER BY ${c.version} ${dir}`;
    yield* mapped(chunks<EventRowObject>(sql, params.values, options, `Reading '${streamId}'`), decode);
  }

  async function readAll(query: ReadAllQuery = {}, options: ReadOptions = {}): Promise<Page<StoredEvent, number>> {
    const limit = pageLimit(query.limit, 1000);
    const params = new SqlParams();
    const where = logWhere(l, query, params);
    const rows = await session.query<EventRowObject>(`SELECT ${eventSelect} FROM ${e} ${whereSql(where)} ORDER BY ${order} LIMIT ${params.add(limit + 1)}`, params.values, options);
    const events = rows.map(decode);
    // The next page starts at the first row not shown; where positions follow the read order that
    // is simply the last one + 1, elsewhere it is the position of the row fetched beyond the page.
    const following = events[limit]?.position;
    return eventPage(events, limit, (last) => (l.globalOrder ? (following as number) : last.position + 1));
  }

  async function* iterateAll(query: Omit<ReadAllQuery, 'limit'> = {}, options: ReadOptions = {}): AsyncGenerator<StoredEvent[]> {
    const params = new SqlParams();
    const sql = `SELECT ${eventSelect} FROM ${e} ${whereSql(logWhere(l, query, params))} ORDER BY ${order}`;
    yield* mapped(chunks<EventRowObject>(sql, params.values, options, 'The read'), decode);
  }

  async function* iterateRaw(scope: EventScope, options: ReadOptions = {}): AsyncGenerator<RawEvent[]> {
    const params = new SqlParams();
    let sql: string;
    if (scope.kind === 'stream') {
      await requireStream(scope.streamId);
      const { from, to } = versionRange(scope);
      if (from > to) return;
      sql = `SELECT ${rawSelect} FROM ${e} ${whereSql(streamWhere(scope.streamId, from, to, params))} ORDER BY ${c.version}`;
    } else {
      sql = `SELECT ${rawSelect} FROM ${e} ${whereSql(logWhere(l, scope, params))} ORDER BY ${order}`;
    }
    yield* mapped(chunks<EventRowObject>(sql, params.values, options, 'The export'), toRaw);
  }

  async function countEvents(scope: EventScope, options: ReadOptions = {}): Promise<number> {
    const params = new SqlParams();
    let where: string[];
    if (scope.kind === 'stream') {
      await requireStream(scope.streamId);
      const { from, to } = versionRange(scope);
      if (from > to) return 0;
      where = streamWhere(scope.streamId, from, to, params);
    } else where = logWhere(l, scope, params);
    return scalar<number>(`SELECT count(*)::float8 AS x FROM ${e} ${whereSql(where)}`, params.values, options);
  }

  async function histogram(query: HistogramQuery, buckets: number, options: ReadOptions = {}): Promise<Histogram> {
    const params = new SqlParams();
    const filter = whereSql(logWhere(l, query as LogQuery, params));
    const [range] = await session.query<{ lo: number | null; hi: number | null; n: number }>(
      `SELECT min(${c.recordedAtMs})::float8 AS lo, max(${c.recordedAtMs})::float8 AS hi, count(*)::float8 AS n FROM ${e} ${filter}`,
      params.values,
      options,
    );
    if (!range || range.lo === null || range.hi === null) return emptyHistogram();
    const { origin, bucketMs } = bucketGrid(range.lo, range.hi, buckets);
    const lo = params.add(origin);
    const width = params.add(bucketMs);
    const rows = await session.query<{ b: number; t: string; n: number }>(
      `SELECT floor((${c.recordedAtMs} - ${lo}::float8) / ${width}::float8)::int AS b, ${c.type} AS t, count(*)::float8 AS n FROM ${e} ${filter} GROUP BY 1, 2 ORDER BY 1`,
      params.values,
      options,
    );
    return histogramFromCounts(range.lo, range.hi, bucketMs, rows.map((r) => [r.b, r.t, r.n]), range.n, origin);
  }

  /** The hour cache's read of from..to (store/hourCounts.ts): the same GROUP BY as the SQLite plan. */
  async function hourCounts(from: number, to: number, options: ReadOptions = {}): Promise<HourCountsChunk> {
    const params = new SqlParams();
    const range = [...always, `${c.position} >= ${params.add(from)}`, `${c.position} <= ${params.add(to)}`];
    const ms = `(${c.recordedAtMs})::float8`;
    const rows = await session.query<{ z: number; t: string; h: number; n: number; lo: number; hi: number; top: number }>(
      `SELECT floor((${c.position})::float8 / ${ZONE_SIZE})::float8 AS z, ${c.type} AS t, floor(${ms} / 3600000)::float8 AS h, count(*)::float8 AS n, min(${ms}) AS lo, max(${ms}) AS hi, max((${c.position})::float8) AS top FROM ${e} ${whereSql(range)} GROUP BY 1, 2, 3`,
      params.values,
      options,
    );
    const after = new SqlParams();
    const next = await scalar<number | null>(`SELECT (${c.position})::float8 AS x FROM ${e} ${whereSql([...always, `${c.position} > ${after.add(to)}`])} ORDER BY ${c.position} LIMIT 1`, after.values, options);
    return assembleChunk(
      rows.map((r) => [r.z, r.t, r.h, r.n, r.lo, r.hi, r.top]),
      next ?? null,
    );
  }

  async function actors(query: ActorsQuery = {}, options: ReadOptions = {}): Promise<ActorSummary> {
    const base = [...always, `${c.actor} IS NOT NULL`];
    const grouped = async (where: string[], params: SqlParams, limit: number): Promise<ActorCount[]> => {
      const rows = await session.query<{ actor: string; n: number }>(
        `SELECT ${c.actor} AS actor, count(*)::float8 AS n FROM ${e} ${whereSql([...base, ...where])} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${params.add(limit)}`,
        params.values,
        options,
      );
      return rows.map((r) => ({ actor: String(r.actor), count: r.n }));
    };
    const limit = pageLimit(query.limit, 200);
    const listed = await grouped([], new SqlParams(), limit + 1);
    const more = listed.length > limit;
    if (more) listed.pop();
    const filter = query.actor === undefined ? null : parseActorFilter(query.actor);
    if (!filter) return { actors: listed, more, match: null };
    const params = new SqlParams();
    const where = actorWhere(filter, c.actor, params);
    const [counted] = await session.query<{ actors: number; events: number }>(
      `SELECT count(*)::float8 AS actors, coalesce(sum(n), 0)::float8 AS events FROM (SELECT count(*) AS n FROM ${e} ${whereSql([...base, ...where])} GROUP BY ${c.actor}) a`,
      params.values,
      options,
    );
    let suggestions: ActorCount[] = [];
    if (counted.actors === 0) {
      const fold = new SqlParams();
      suggestions = await grouped(actorWhereIgnoringCase(filter, c.actor, fold, false), fold, SUGGESTIONS);
      if (suggestions.length === 0 && filter.kind === 'exact') {
        // "support" names no actor: offer the actors it starts (support:ken, support:amy).
        const starts = new SqlParams();
        suggestions = await grouped(actorWhereIgnoringCase(filter, c.actor, starts, true), starts, SUGGESTIONS);
      }
    }
    const match: ActorMatch = {
      text: filter.text,
      kind: filter.kind,
      description: describeActorFilter(filter),
      actors: counted.actors,
      events: counted.events,
      top: counted.actors > 0 ? await grouped(where, params, TOP_MATCHES) : [],
      suggestions,
    };
    return { actors: listed, more, match };
  }

  async function getEvent(ref: number | string): Promise<StoredEvent> {
    const byPosition = typeof ref === 'number';
    if (byPosition && !Number.isSafeInteger(ref)) throw new LedgerError('INVALID_INPUT', words('errorWords.page.badPosition', { position: String(ref) }));
    const params = new SqlParams();
    const where = [...always, `${byPosition ? c.position : c.eventId} = ${params.add(byPosition ? ref : String(ref))}`];
    const rows = await session.query<EventRowObject>(`SELECT ${eventSelect} FROM ${e} ${whereSql(where)} LIMIT 1`, params.values);
    if (!rows[0]) throw noSuchEvent(ref, byPosition);
    return decode(rows[0]);
  }

  type ReplayRow = { p: number; v: number; t: string; d: string; ms: number; a: string | null; m?: string | null; k?: boolean | null };

  const toReplayEvent = (row: ReplayRow): ReplayEvent => {
    const event: ReplayEvent = { position: row.p, version: row.v, type: row.t, data: null, recordedAtMs: row.ms, actor: typeof row.a === 'string' ? row.a : null };
    if (row.k === true) event.skipped = true;
    // Short text cannot nest deeper than parseJsonText allows: parse it inline (as the SQLite reader does).
    if (typeof row.d === 'string' && row.d.length <= MAX_JSON_DEPTH) {
      try {
        event.data = JSON.parse(row.d);
      } catch (error) {
        event.decodeError = `data is not valid JSON (${(error as Error).message})`;
      }
      return event;
    }
    const parsed = parseJsonText(row.d);
    if (parsed.ok) event.data = parsed.value;
    else event.decodeError = `data is not valid JSON (${parsed.error})`;
    return event;
  };

  const toReplayEventWithMetadata = (row: ReplayRow): ReplayEvent => {
    const event = toReplayEvent(row);
    const metadata = parseJsonText(row.m);
    event.metadata = metadata.ok ? metadata.value : null;
    return event;
  };

  // The metadata is built only when asked for (user projections): for the built-ins' folds it would
  // be server work (Marten's is assembled from several columns) and bytes for nothing.
  const replayColumns = `(${c.position})::float8 AS p, (${c.version})::float8 AS v, ${c.type} AS t, ${c.dataText} AS d, (${c.recordedAtMs})::float8 AS ms, ${c.actor} AS a${
    c.skipped ? `, ${c.skipped} AS k` : ''
  }`;

  async function* replayChunks(streamId: string, fromVersion: number, toVersion: number, options: ReplayReadOptions = {}): AsyncGenerator<ReplayEvent[]> {
    if (fromVersion > toVersion) return;
    const params = new SqlParams();
    const where = streamWhere(streamId, Math.max(1, fromVersion), toVersion, params);
    const columns = options.withMetadata ? `${replayColumns}, ${c.metadataText} AS m` : replayColumns;
    const sql = `SELECT ${columns} FROM ${e} ${whereSql(where)} ORDER BY ${c.version}`;
    yield* mapped(chunks<ReplayRow>(sql, params.values, options, `Replaying '${streamId}'`), options.withMetadata ? toReplayEventWithMetadata : toReplayEvent);
  }

  async function versionAtTime(streamId: string, timeMs: number): Promise<number> {
    const params = new SqlParams();
    const where = [...streamWhere(streamId, 1, LAST_VERSION, params), `${c.recordedAtMs} <= ${params.add(timeMs)}`];
    // The highest such version, walking the (stream, version) index down from the end: a time near
    // the stream's end (the usual time travel) stops after a few rows instead of reading them all.
    const version = await scalar<number | null>(`SELECT (${c.version})::float8 AS x FROM ${e} ${whereSql(where)} ORDER BY ${c.version} DESC LIMIT 1`, params.values);
    if (version === null || version === undefined) {
      await requireStream(streamId);
      return 0;
    }
    return version;
  }

  async function stats(): Promise<StoreStats> {
    const where = whereSql(always);
    const [types, ends, categories] = await Promise.all([
      // One pass over the table: counts per type with their time range.
      session.query<{ type: string; n: number; lo: number; hi: number }>(
        `SELECT ${c.type} AS type, count(*)::float8 AS n, min(${c.recordedAtMs})::float8 AS lo, max(${c.recordedAtMs})::float8 AS hi FROM ${e} ${where} GROUP BY 1 ORDER BY 2 DESC, 1`,
      ),
      // Position ends from the primary key's two ends.
      session.query<{ first: number | null; last: number | null }>(
        `SELECT (SELECT (${c.position})::float8 FROM ${e} ${where} ORDER BY ${c.position} ASC LIMIT 1) AS first, (SELECT (${c.position})::float8 FROM ${e} ${where} ORDER BY ${c.position} DESC LIMIT 1) AS last`,
      ),
      streams.categories(),
    ]);
    const events = types.reduce((sum, t) => sum + t.n, 0);
    const lo = types.length ? Math.min(...types.map((t) => t.lo)) : null;
    const hi = types.length ? Math.max(...types.map((t) => t.hi)) : null;
    return {
      format: l.format,
      schemaVersion: 0,
      events,
      streams: categories.reduce((sum, cat) => sum + cat.streams, 0),
      firstPosition: ends[0]?.first ?? null,
      lastPosition: ends[0]?.last ?? null,
      firstRecordedAt: lo === null ? null : toIsoTime(lo),
      lastRecordedAt: hi === null ? null : toIsoTime(hi),
      types: types.map((t) => ({ type: t.type, count: t.n })),
      categories,
      chainHead: null,
    };
  }

  async function changeToken(): Promise<string> {
    const rows = await session.query<Record<string, unknown>>(l.changeTokenSql);
    const first = rows[0] ? Object.values(rows[0])[0] : null;
    return String(first);
  }

  const reader: PgReader = {
    info,
    stats,
    // pgStreams runs its queries on the session it was made with: a cancellable list gets a view of
    // the session whose queries carry the caller's signal (cheap: a few closures).
    listStreams: (query, options) => (options?.signal ? createPgStreams(withSignal(session, options), l) : streams).list(query),
    getStream: (streamId) => streams.get(streamId),
    readStream,
    iterateStream,
    readAll,
    iterateAll,
    histogram,
    hourCounts,
    actors,
    getEvent,
    iterateRaw,
    countEvents,
    replayChunks,
    versionAtTime,
    changeToken,
    estimate: (query) => estimateLogQuery(session, l, query),
    listTables: tables.listTables,
    readTableRow: tables.readTableRow,
    close: () => session.close(),
  };
  searchHandles.set(reader, { session, layout: l });
  return reader;
}
