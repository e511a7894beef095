// Data shapes shared by the main process, the bridge, the CLI and the renderer.
// Everything here is plain JSON so it crosses IPC and HTTP unchanged.
import type { ErrorWords } from './errorWords/index.ts';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** An event as read from a store. `recordedAt` is ISO-8601 UTC with milliseconds. */
export interface StoredEvent {
  position: number;
  eventId: string;
  streamId: string;
  /** 1-based version within the stream. */
  version: number;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  recordedAt: string;
  /** Hex sha256 of this event's link in the hash chain; null for stores without a chain. */
  hash: string | null;
  /** Set when the stored data or metadata is not valid JSON (the raw text is kept in `data`). */
  decodeError?: string;
  /**
   * Numbers stored as text a JS number cannot reproduce (12345678901234567890, -0, 1e-400, 1.0), by
   * JSON Pointer into data / metadata, so viewers show them as written. Absent when there are none.
   */
  numbersAsWritten?: { data?: Record<string, string>; metadata?: Record<string, string> };
  /**
   * The source system's own number for this event's place in its stream, when it differs from
   * `version` (Message DB counts from 0): auditors quote the source's number.
   */
  sourceVersion?: number;
}

export interface StreamSummary {
  streamId: string;
  category: string;
  version: number;
  eventCount: number;
  firstPosition: number;
  lastPosition: number;
  firstRecordedAt: string;
  lastRecordedAt: string;
  /** The source marks the stream archived (Marten's is_archived, Emmett's archived rows); still shown. */
  archived?: boolean;
}

/** One page of a keyset-paged read; pass `next` back as the cursor for the following page. */
export interface Page<T, C = string> {
  items: T[];
  next: C | null;
}

export type StreamSort = 'lastActivity' | 'id' | 'count';

export interface ListStreamsQuery {
  prefix?: string;
  category?: string;
  /** Case-insensitive substring of the stream id. */
  search?: string;
  sort?: StreamSort;
  after?: string | null;
  limit?: number;
}

export interface ReadStreamQuery {
  fromVersion?: number;
  toVersion?: number;
  direction?: 'forward' | 'backward';
  limit?: number;
}

export interface ReadAllQuery {
  /** First global position to return (inclusive); a page's `next` is the value for the following page. */
  fromPosition?: number;
  types?: string[];
  streamPrefix?: string;
  /** ISO time or epoch ms, inclusive. */
  fromTime?: string | number;
  /** ISO time or epoch ms, inclusive. */
  toTime?: string | number;
  actor?: string;
  correlationId?: string;
  causationId?: string;
  limit?: number;
}

export interface TypeCount {
  type: string;
  count: number;
}

export interface CategoryCount {
  category: string;
  streams: number;
  events: number;
}

/** SQLite files: 'ledger' (ours), 'emmett'. PostgreSQL databases: the rest. */
export type StoreFormat = 'ledger' | 'emmett' | 'marten' | 'emmett-postgres' | 'message-db' | 'postgres-table';

export interface StoreStats {
  format: StoreFormat;
  schemaVersion: number;
  events: number;
  streams: number;
  firstPosition: number | null;
  lastPosition: number | null;
  firstRecordedAt: string | null;
  lastRecordedAt: string | null;
  types: TypeCount[];
  categories: CategoryCount[];
  /** Hex hash of the last event in the chain; null for stores without a chain. */
  chainHead: string | null;
}

export interface StoreInfo {
  path: string;
  format: StoreFormat;
  /** Human description of the adapter in use, e.g. "Replay Ledger store (schema 1)": main's English. */
  adapter: string;
  /** The description as words, for each reader to say in its language (adapterText). */
  adapterWords?: ErrorWords;
  readonly: boolean;
  sizeBytes: number;
  hasIntegrityChain: boolean;
  /**
   * 'snapshot': a WAL-mode file read from a private copy (nothing beside the audited file changes,
   * but appends by a writer are seen only when the viewer re-opens it); 'direct' otherwise.
   */
  access?: 'direct' | 'snapshot';
  /** 'file' (SQLite) or 'postgres' (a database; `path` is then its URL without the password). */
  kind?: 'file' | 'postgres';
  /** For database stores: the layout found, the tables read and what the viewer does differently. */
  layout?: StoreLayoutFacts;
}

export interface StoreLayoutFacts {
  /** e.g. "Marten", "Emmett PostgreSQL", "Message DB", "Mapped table". */
  name: string;
  /** Qualified tables read, e.g. ["public.mt_events", "public.mt_streams"]. */
  tables: string[];
  /** Plain sentences shown in the store facts ("Marten's timestamp is the writer's clock, not commit time."). */
  notes: string[];
  /** The layout marks events skipped (Marten's is_skipped): replays leave them out unless asked to include them. */
  marksSkippedEvents?: boolean;
  /** Rows the source stores that are not events of the audited system (Marten tombstones), counted apart. */
  hiddenRows?: { what: string; count: number }[];
  /** What `recordedAt` means in this layout, shown beside an event's time. */
  timeMeaning?: string;
  /**
   * false when global positions need not increase in the layout's read order (Emmett reads by
   * transaction id, then position): they are still unique, but a lower one after a higher one is
   * no finding there.
   */
  positionsFollowReadOrder?: boolean;
}

/** Events over time by type, for the timeline plot. */
export interface Histogram {
  from: string | null;
  to: string | null;
  bucketMs: number;
  types: string[];
  /** One entry per bucket: start time and counts per type (same order as `types`). */
  buckets: { start: string; counts: number[] }[];
  total: number;
  /**
   * Present while the viewer is still counting a big store by hour (its first time): the answer
   * covers `counted` of the store's `events` and is approximate where a time range cuts an hour.
   * Ask again for the whole.
   */
  partial?: { counted: number; events: number };
}

export type HistogramQuery = Omit<ReadAllQuery, 'limit' | 'fromPosition'>;

/**
 * The database planner's view of a global-log filter, asked before running it (EXPLAIN, not
 * executed): how many rows it expects to match and which tables it would read end to end because
 * no index covers the filter. Only database stores have one (SQLite files are local and fast).
 */
export interface QueryEstimate {
  /** Rows the planner expects the filter to match. */
  matchingRows: number;
  /** Tables the plan reads whole (schema-qualified, e.g. "public.mt_events") with their estimated sizes. */
  wholeTableScans: { relation: string; rows: number }[];
  /** The plan's total cost (planner units). */
  cost: number;
}

/** A table of the store besides its events (a read model), for drift checks. */
export interface TableInfo {
  /** As the store names it; a PostgreSQL table with its schema ("public.orders"). */
  name: string;
  columns: { name: string; type: string }[];
  /** Approximate for databases (the planner's count); exact for SQLite files. */
  rows: number | null;
}
