// The store interfaces. `EventStoreReader` is what every store offers, native or foreign (adapters
// for other tools' files implement it too); `EventStore` adds the append path of our own format.
import type {
  Histogram,
  HistogramQuery,
  ListStreamsQuery,
  Page,
  ReadAllQuery,
  ReadStreamQuery,
  StoreInfo,
  StoreStats,
  StoredEvent,
  StreamSummary,
} from '../../shared/types.ts';
import type { ActorSummary, ActorsQuery } from '../../shared/actorFilter.ts';
import type { ExpectedVersion } from '../errors.ts';

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

export interface EventStoreReader {
  readonly info: StoreInfo;
  stats(): StoreStats;
  listStreams(query?: ListStreamsQuery): Page<StreamSummary>;
  getStream(streamId: string): StreamSummary | null;
  /** `next` is the fromVersion (forward) or toVersion (backward) of the following page. */
  readStream(streamId: string, query?: ReadStreamQuery): Page<StoredEvent, number>;
  iterateStream(streamId: string, query?: Omit<ReadStreamQuery, 'limit'>): IterableIterator<StoredEvent>;
  /** `next` is the fromPosition of the following page. */
  readAll(query?: ReadAllQuery): Page<StoredEvent, number>;
  iterateAll(query?: Omit<ReadAllQuery, 'limit'>): IterableIterator<StoredEvent>;
  /** Event counts per type in `buckets` equal time slices of the filtered range. */
  histogram(query: HistogramQuery, buckets: number): Histogram;
  /** The store's actors with counts, and how an actor filter matches (suggestions ignoring case). */
  actors(query?: ActorsQuery): ActorSummary;
  /** By global position (number) or event id (string); NOT_FOUND when absent. */
  getEvent(ref: number | string): StoredEvent;
  /** Events in scope with their stored text (no JSON parse), in stream or position order. */
  iterateRaw(scope: EventScope): IterableIterator<RawEvent>;
  /** How many events `scope` covers (exact; used for progress). */
  countEvents(scope: EventScope): number;
  /** Events of one stream in version order, from..to inclusive, for folding. */
  replayEvents(streamId: string, fromVersion: number, toVersion: number): IterableIterator<ReplayEvent>;
  /**
   * The same events in arrays of up to a few thousand: folds over long streams skip the per-event
   * iterator step. Optional; the replay engine falls back to replayEvents.
   */
  replayChunks?(streamId: string, fromVersion: number, toVersion: number): IterableIterator<ReplayEvent[]>;
  /** The highest version recorded at or before `timeMs`; 0 when none was. */
  versionAtTime(streamId: string, timeMs: number): number;
  /** Changes whenever another connection commits (PRAGMA data_version): the live-tail signal. */
  dataVersion(): number;
  close(): void;
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

export interface EventStore extends EventStoreReader {
  append(streamId: string, events: NewEvent[], options?: AppendOptions): AppendResult;
  /** Several streams in one transaction: all batches land or none does. */
  appendMany(batches: AppendBatch[]): AppendResult[];
}
