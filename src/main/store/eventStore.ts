// The store interfaces. `EventStoreReader` is what every store offers, native or foreign, file or
// database (asynchronous); `LocalStoreReader` is the synchronous SQLite side it is built from, and
// `EventStore` adds the append path of our own format.
import type {
  Histogram,
  HistogramQuery,
  ListStreamsQuery,
  Page,
  QueryEstimate,
  TableInfo,
  ReadAllQuery,
  ReadStreamQuery,
  StoreInfo,
  StoreStats,
  StoredEvent,
  StreamSummary,
} from '../../shared/types.ts';
import type { ActorSummary, ActorsQuery } from '../../shared/actorFilter.ts';
import type { ExpectedVersion } from '../errors.ts';
import type { ReadPlan } from './readPlans.ts';
import type { HourCountsChunk } from './hourCounts.ts';

/** The lean shape the replay engine folds over: no metadata parse, no ISO time formatting. */
export interface ReplayEvent {
  position: number;
  version: number;
  type: string;
  data: unknown;
  recordedAtMs: number;
  actor: string | null;
  /** Set when the stored data is not valid JSON; `data` is then null. */
  decodeError?: string;
  /** The event's metadata (parsed JSON, null when none or not JSON): only when the replay asked for it. */
  metadata?: unknown;
  /** The store marks the event skipped (Marten's is_skipped): folds leave it out unless asked to include it. */
  skipped?: boolean;
}

/** An event with its stored data and metadata as text, for exports that must not re-encode. */
export interface RawEvent {
  position: number;
  eventId: string;
  streamId: string;
  version: number;
  type: string;
  recordedAt: string;
  dataText: string;
  metadataText: string;
  hash: string | null;
}

/** What an export or a verification walks: one stream's version range, or the global log. */
export type EventScope =
  | { kind: 'stream'; streamId: string; fromVersion?: number; toVersion?: number }
  | ({ kind: 'all'; toPosition?: number } & Omit<ReadAllQuery, 'limit'>);

/** Passed to long reads: aborting it stops the read (and, for database stores, the server query). */
export interface ReadOptions {
  signal?: AbortSignal;
}

export interface ReplayReadOptions extends ReadOptions {
  /** Fill ReplayEvent.metadata (user projections see metadata; the built-ins do not need it). */
  withMetadata?: boolean;
}

/**
 * What every store offers, native or foreign, local file or database: asynchronous end to end.
 * Long reads come as async iterables of chunks (a few thousand rows per await), so a fold awaits
 * once per chunk, not per event, and a slow server never blocks the main process.
 * Errors are LedgerErrors (rejections), never stack traces.
 */
export interface EventStoreReader {
  readonly info: StoreInfo;
  stats(): Promise<StoreStats>;
  listStreams(query?: ListStreamsQuery, options?: ReadOptions): Promise<Page<StreamSummary>>;
  getStream(streamId: string): Promise<StreamSummary | null>;
  /** `next` is the fromVersion (forward) or toVersion (backward) of the following page. */
  readStream(streamId: string, query?: ReadStreamQuery): Promise<Page<StoredEvent, number>>;
  iterateStream(streamId: string, query?: Omit<ReadStreamQuery, 'limit'>, options?: ReadOptions): AsyncIterable<StoredEvent[]>;
  /** `next` is the fromPosition of the following page. */
  readAll(query?: ReadAllQuery, options?: ReadOptions): Promise<Page<StoredEvent, number>>;
  iterateAll(query?: Omit<ReadAllQuery, 'limit'>, options?: ReadOptions): AsyncIterable<StoredEvent[]>;
  /** Event counts per type in `buckets` equal time slices of the filtered range. */
  histogram(query: HistogramQuery, buckets: number, options?: ReadOptions): Promise<Histogram>;
  /** The store's actors with counts, and how an actor filter matches (suggestions ignoring case). */
  actors(query?: ActorsQuery, options?: ReadOptions): Promise<ActorSummary>;
  /** By global position (number) or event id (string); NOT_FOUND when absent. */
  getEvent(ref: number | string): Promise<StoredEvent>;
  /** Events in scope with their stored text (no JSON parse), in stream or position order. */
  iterateRaw(scope: EventScope, options?: ReadOptions): AsyncIterable<RawEvent[]>;
  /** How many events `scope` covers (exact; used for progress). */
  countEvents(scope: EventScope, options?: ReadOptions): Promise<number>;
  /** Events of one stream in version order, from..to inclusive, in chunks, for folding. */
  replayChunks(streamId: string, fromVersion: number, toVersion: number, options?: ReplayReadOptions): AsyncIterable<ReplayEvent[]>;
  /** The highest version recorded at or before `timeMs`; 0 when none was. */
  versionAtTime(streamId: string, timeMs: number): Promise<number>;
  /**
   * The live-tail signal: changes whenever the store may hold events it did not before (SQLite's
   * PRAGMA data_version; a database's own watermark). Cheap enough to poll twice a second.
   */
  changeToken(): Promise<string>;
  /**
   * Optional: the planner's estimate of a global-log filter, without running it (database stores
   * only). The UI asks before a filter that would read a whole big table, and says so.
   */
  estimate?(query: Omit<ReadAllQuery, 'limit' | 'fromPosition'>): Promise<QueryEstimate>;
  /**
   * Optional: the store's other tables (read models kept beside the events), for drift checks.
   * Read-only like everything else; the events table itself may be left out.
   */
  listTables?(options?: ReadOptions): Promise<TableInfo[]>;
  /**
   * Optional: one row of such a table by its key column, with the chosen columns; a column holding
   * JSON text comes parsed. Null when no row has that key. Unknown tables or columns are INVALID_INPUT.
   */
  readTableRow?(table: string, keyColumn: string, key: string, columns: string[], options?: ReadOptions): Promise<Record<string, unknown> | null>;
  /**
   * Optional: events per type and hour and the zone map of the positions from..to (hourCounts.ts),
   * what the viewer's hour cache is built from; on a read worker for SQLite stores.
   */
  hourCounts?(from: number, to: number, options?: ReadOptions): Promise<HourCountsChunk>;
  /** Optional: whether the store keeps its own hour counts (event_type_hours), so histograms are cheap without the viewer's cache. */
  keepsHourCounts?(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * The synchronous reader of a local SQLite file (better-sqlite3 is synchronous): what our own
 * store and the Emmett SQLite adapter implement. `toAsyncReader` turns it into an EventStoreReader.
 */
export interface LocalStoreReader {
  readonly info: StoreInfo;
  stats(): StoreStats;
  listStreams(query?: ListStreamsQuery): Page<StreamSummary>;
  getStream(streamId: string): StreamSummary | null;
  readStream(streamId: string, query?: ReadStreamQuery): Page<StoredEvent, number>;
  iterateStream(streamId: string, query?: Omit<ReadStreamQuery, 'limit'>): IterableIterator<StoredEvent>;
  readAll(query?: ReadAllQuery): Page<StoredEvent, number>;
  iterateAll(query?: Omit<ReadAllQuery, 'limit'>): IterableIterator<StoredEvent>;
  histogram(query: HistogramQuery, buckets: number): Histogram;
  actors(query?: ActorsQuery): ActorSummary;
  getEvent(ref: number | string): StoredEvent;
  iterateRaw(scope: EventScope): IterableIterator<RawEvent>;
  countEvents(scope: EventScope): number;
  replayEvents(streamId: string, fromVersion: number, toVersion: number, options?: { withMetadata?: boolean }): IterableIterator<ReplayEvent>;
  /** The same events in arrays of up to a few thousand. */
  replayChunks?(streamId: string, fromVersion: number, toVersion: number, options?: { withMetadata?: boolean }): IterableIterator<ReplayEvent[]>;
  listTables?(): TableInfo[];
  readTableRow?(table: string, keyColumn: string, key: string, columns: string[]): Record<string, unknown> | null;
  versionAtTime(streamId: string, timeMs: number): number;
  /**
   * Optional: the long whole-store reads as plans of SQL steps (readPlans.ts), so the async reader
   * can run them on a worker's own read-only connection instead of the thread that answers the UI.
   */
  readPlans?: LocalReadPlans;
  /** Changes whenever another connection commits (PRAGMA data_version). */
  dataVersion(): number;
  close(): void;
}

/** The plans behind a local reader's histogram, actors and countEvents (the same SQL, wherever it runs). */
export interface LocalReadPlans {
  /** The SQLite file those plans read (a private snapshot's path when the store is read from one); null in memory. */
  file: string | null;
  histogram(query: HistogramQuery, buckets: number): ReadPlan<Histogram>;
  actors(query?: ActorsQuery): ReadPlan<ActorSummary>;
  countEvents(scope: EventScope): ReadPlan<number>;
  /** Optional: the hour cache's reads (hourCounts.ts). */
  hourCounts?(from: number, to: number): ReadPlan<HourCountsChunk>;
  /** Optional: whether the store keeps event_type_hours. */
  keepsHourCounts?(): ReadPlan<boolean>;
}

export interface NewEvent {
  /** Optional caller-chosen id (idempotency key); a UUIDv7 is generated when absent. */
  eventId?: string;
  type: string;
  data?: unknown;
  metadata?: Record<string, unknown>;
  /** Defaults to now. Epoch ms, Date or ISO-8601. */
  recordedAt?: number | string | Date;
}

export interface AppendOptions {
  expectedVersion?: ExpectedVersion;
}

export interface AppendResult {
  streamId: string;
  /** Global positions of the given events, in order (the original ones for idempotent repeats). */
  positions: number[];
  /** The stream's version after the append: pass it as the next expectedVersion. */
  nextExpectedVersion: number;
  appended: number;
  /** Events already stored with identical content, skipped. */
  duplicates: number;
}

export interface AppendBatch {
  streamId: string;
  events: NewEvent[];
  expectedVersion?: ExpectedVersion;
}

export interface EventStore extends LocalStoreReader {
  append(streamId: string, events: NewEvent[], options?: AppendOptions): AppendResult;
  /** Several streams in one transaction: all batches land or none does. */
  appendMany(batches: AppendBatch[]): AppendResult[];
}
