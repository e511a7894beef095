// What every verification pass shares: the connection, the finding sink, progress, cancellation,
// and the event-loop yield between pages (so IPC stays responsive and a cancel can arrive).
import type Database from 'better-sqlite3';
import { CancelledError } from '../errors.ts';
import type { FindingSink } from './findings.ts';

export interface WalkContext {
  db: Database.Database;
  sink: FindingSink;
  /** Adds work units to the progress count and reports it (throttled by the caller). */
  tick(units: number): void;
  /** Yields to the event loop, then throws CancelledError when the signal has fired. */
  pause(): Promise<void>;
}

export function createPause(signal: AbortSignal | undefined): () => Promise<void> {
  return async () => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (signal?.aborted) throw new CancelledError('Verification');
  };
}

/** SQLite reports a damaged page while reading: SQLITE_CORRUPT and friends, or NOTADB mid-file. */
export function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_IOERR'));
}

export const hex = (value: unknown): string => (Buffer.isBuffer(value) || value instanceof Uint8Array ? Buffer.from(value).toString('hex') : '');
