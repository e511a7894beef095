// Typed errors thrown inside the main-process services. Every boundary (IPC wrapper, bridge, CLI)
// turns them into `Result` errors via `toErrorInfo`, so callers see a stable code and a clear message.
import type { ErrorCode, ErrorInfo } from '../shared/result.ts';

export class LedgerError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'LedgerError';
    this.code = code;
    this.details = details;
  }
}

export type ExpectedVersion = number | 'no_stream' | 'stream_exists' | 'any';

/** expectedVersion did not hold: someone else appended, or the stream (does not) exist. */
export class ConcurrencyError extends LedgerError {
  readonly streamId: string;
  readonly expected: ExpectedVersion;
  /** The stream's current version; 0 when the stream does not exist. */
  readonly actual: number;

  constructor(streamId: string, expected: ExpectedVersion, actual: number) {
    const shown = typeof expected === 'number' ? `version ${expected}` : `'${expected}'`;
    const now = actual === 0 ? 'does not exist' : `is at version ${actual}`;
    super('CONCURRENCY', `Stream '${streamId}' was expected at ${shown} but ${now}.`, { streamId, expected, actual });
    this.name = 'ConcurrencyError';
    this.streamId = streamId;
    this.expected = expected;
    this.actual = actual;
  }
}

export class CancelledError extends LedgerError {
  constructor(what = 'Operation') {
    super('CANCELLED', `${what} was cancelled.`);
    this.name = 'CancelledError';
  }
}

/** Converts anything thrown into a serialisable error with a stable code. */
/**
 * Removes the password from any database URL in a text (`postgres://user:secret@host` →
 * `postgres://user:***@host`, also after a path join collapsed `//`), and `password=` parameters.
 * Every error crossing IPC or reaching the terminal goes through here: a URL typed as a file name
 * must not echo its password in "No file at …".
 */
export function redactSecrets(text: string): string {
  return text.replace(/(postgres(?:ql)?:\/{0,2}[^:/@?#\s]*):[^@/?#\s]+@/gi, '$1:***@').replace(/([?&]password=)[^&\s]*/gi, '$1***');
}

function redactDetails(details: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(details, (_key, value) => (typeof value === 'string' ? redactSecrets(value) : value)));
}

export function toErrorInfo(error: unknown): ErrorInfo {
  const info = rawErrorInfo(error);
  const message = redactSecrets(info.message);
  return info.details ? { code: info.code, message, details: redactDetails(info.details) as ErrorInfo['details'] } : { code: info.code, message };
}

function rawErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof LedgerError) {
    return error.details ? { code: error.code, message: error.message, details: error.details } : { code: error.code, message: error.message };
  }
  const sqliteCode = (error as { code?: unknown })?.code;
  if (typeof sqliteCode === 'string' && sqliteCode.startsWith('SQLITE_')) return sqliteErrorInfo(sqliteCode, error as Error);
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: `Unexpected error: ${message}` };
}

function sqliteErrorInfo(code: string, error: Error): ErrorInfo {
  if (code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT_')) {
    return { code: 'CORRUPT', message: `The database file is damaged: ${error.message}.`, details: { sqlite: code } };
  }
  if (code === 'SQLITE_NOTADB') return { code: 'NOT_SQLITE', message: 'The file is not an SQLite database.', details: { sqlite: code } };
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY_')) {
    return { code: 'READ_ONLY', message: `The store is read-only: ${error.message}.`, details: { sqlite: code } };
  }
  if (code === 'SQLITE_CANTOPEN') return { code: 'IO_ERROR', message: `The file cannot be opened: ${error.message}.`, details: { sqlite: code } };
  return { code: 'INTERNAL', message: `SQLite error ${code}: ${error.message}`, details: { sqlite: code } };
}
