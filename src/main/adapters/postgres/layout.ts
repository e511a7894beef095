// What the PostgreSQL reader needs to know about one layout (Marten, Emmett PostgreSQL, Message DB,
// a mapped table): where the events are and a SQL expression for each logical field. One generic
// reader (pgReader.ts) turns a layout into every query of the reader contract, so each layout is a
// description, not a second implementation. All SQL here is read-only SELECT text built from
// identifiers the detection step found in the catalog (quoted with quoteIdent), never from user text.
import type { StoreFormat, StoreLayoutFacts } from '../../../shared/types.ts';

/** A SQL expression over the events table's alias `e` (or the streams table's alias `s`). */
export type SqlExpr = string;

export interface PgEventColumns {
  /** Global position, unique and increasing in commit-agnostic sequence order (bigint). */
  position: SqlExpr;
  streamId: SqlExpr;
  /** The viewer's 1-based version (e.g. `e.position + 1` for Message DB's 0-based positions). */
  version: SqlExpr;
  /** The source's own stream position when it differs from `version` (Message DB), else absent. */
  sourceVersion?: SqlExpr;
  type: SqlExpr;
  /** Event data as JSON text (`e.data::text`). */
  dataText: SqlExpr;
  /** Metadata as JSON object text, folding in columns like correlation_id (`jsonb_build_object(…)::text`). */
  metadataText: SqlExpr;
  /** Epoch milliseconds (`(extract(epoch from e.timestamp) * 1000)::float8`). */
  recordedAtMs: SqlExpr;
  /** Unique event id as text; falls back to the position when the layout has none. */
  eventId: SqlExpr;
  /** For filters; null-valued expressions (`NULL::text`) when the layout has no such field. */
  actor: SqlExpr;
  correlationId: SqlExpr;
  causationId: SqlExpr;
  /**
   * A boolean: the store marks the event skipped (Marten's is_skipped, where the store has it).
   * Replays flag such events; absent when the layout has no such column.
   */
  skipped?: SqlExpr;
}

export interface PgStreamColumns {
  /** Qualified, quoted streams table, aliased `s` by the reader. */
  table: string;
  streamId: SqlExpr;
  /** Join condition between `s` and `e` (the stream's events). */
  joinEvents: SqlExpr;
  archived?: SqlExpr;
}

export interface PgLayout {
  format: StoreFormat;
  /** Qualified, quoted events table, aliased `e` by the reader. */
  eventsTable: string;
  columns: PgEventColumns;
  /** Rows that are events of the audited system (e.g. `e.type <> 'tombstone'`); ANDed into every query. */
  eventFilter?: SqlExpr;
  /** The optional streams table (summaries are derived from events when absent). */
  streams?: PgStreamColumns;
  /** Global read order; defaults to `columns.position`. Emmett: `e.transaction_id, e.global_position`. */
  globalOrder?: SqlExpr[];
  /**
   * The live-tail watermark: a scalar SELECT that changes whenever committed events may have
   * appeared, including ones that commit late with lower positions (Marten's high-water mark,
   * Emmett's transaction ids). The reader re-reads a safety window besides.
   */
  changeTokenSql: string;
  /** Shown in the store facts. */
  facts: StoreLayoutFacts;
  /**
   * The store's own tables (events, streams, its bookkeeping): the read-model listing leaves them
   * out, and lists the tables of their schema besides those of the search path.
   */
  ownTables?: { schema: string; isOwn(table: string): boolean };
}

/** Quotes an identifier for SQL (double quotes, doubled inside). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function qualified(schema: string, table: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(table)}`;
}
