import type { ErrorWords } from './errorWords/index.ts';

// Errors cross process boundaries (IPC, the loopback bridge, CLI --json) as values with stable codes,
// never as thrown strings: the renderer branches on `code`, people read `message`.

export const ERROR_CODES = [
  'INVALID_INPUT', // arguments failed validation (bad types, out of range, malformed cursor)
  'NOT_FOUND', // stream, event or file does not exist
  'CONCURRENCY', // expectedVersion did not match the stream's version
  'DUPLICATE_EVENT_ID', // same event id re-appended with different content
  'FILE_NOT_FOUND',
  'EMPTY_FILE',
  'NOT_SQLITE', // file is not an SQLite database at all
  'CORRUPT', // SQLite file is truncated or damaged
  'NOT_AN_EVENT_STORE', // valid SQLite with a schema we do not recognise
  'UNSUPPORTED_VERSION', // our schema, but written by a newer version of the tool
  'READ_ONLY', // a write was attempted on a store opened read-only
  'NO_STORE_OPEN',
  'CANCELLED',
  'BAD_DATA', // an event's stored payload cannot be decoded
  'IO_ERROR',
  'UNSUPPORTED', // the operation does not exist in this mode (e.g. a native file dialog in browser mode)
  'FORBIDDEN', // an IPC call from a frame or origin that is not the app's own
  'CONNECTION_FAILED', // a database server cannot be reached, or closed the connection (details.reason says which)
  'AUTH_FAILED', // the database server refused the user or password
  'PERMISSION_DENIED', // the database role lacks a grant (the message names the GRANT needed)
  'TIMEOUT', // the server stopped a query at the session's statement timeout
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  code: ErrorCode;
  /** Main's English sentence: what --json, logs and a reader without `words` show. */
  message: string;
  details?: Record<string, unknown>;
  /** The same sentence as facts and words (shared/errorWords), for a reader in another language. */
  words?: ErrorWords;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, details?: Record<string, unknown>): Result<never> => ({
  ok: false,
  error: details ? { code, message, details } : { code, message },
});
