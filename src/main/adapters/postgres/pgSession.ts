// The contract between the PostgreSQL reader and its connection (implemented in connection.ts):
// read-only sessions, parameterized queries, server-side cursors in chunks, and cancellation that
// stops the backend query (pg_cancel_backend), not just the promise.
import type { ReadOptions } from '../../store/eventStore.ts';

export interface PgSession {
  /** The URL without its password, for display (`postgres://auditor@db.example:5432/shop`). */
  readonly displayUrl: string;
  /** One query, all rows; rejects with a LedgerError (typed, in people's words). */
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[], options?: ReadOptions): Promise<Row[]>;
  /**
   * A server-side cursor read in chunks of `chunkSize` rows: memory stays flat at any table size.
   * Breaking out of the loop or aborting `signal` closes the cursor and cancels the backend query.
   */
  cursor<Row = Record<string, unknown>>(sql: string, params?: unknown[], options?: ReadOptions & { chunkSize?: number }): AsyncIterable<Row[]>;
  close(): Promise<void>;
}
