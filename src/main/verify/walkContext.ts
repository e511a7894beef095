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

/** What one synchronous slice of a pass (a page read and its checks) aims to stay under, in ms. */
export const SLICE_MS = 8;

/**
 * Page sizes for a keyset pass that keep each slice near SLICE_MS: halved after a slow page (a cold
 * disk, a busy machine), doubled after quick ones, between `min` and `max` rows. The size decides
 * only where the pass yields; what it finds does not depend on it.
 */
export function createPageSizer(max: number, min = 64): { readonly size: number; took(ms: number): void } {
  let size = Math.max(min, Math.min(max, 1000));
  return {
    get size() {
      return size;
    },
    took(ms) {
      if (ms > SLICE_MS) size = Math.max(min, size >> 1);
      else if (ms < SLICE_MS / 2) size = Math.min(max, size * 2);
    },
  };
}

/** SQLite reports a damaged page while reading: SQLITE_CORRUPT and friends, or NOTADB mid-file. */
export function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_IOERR'));
}

export const hex = (value: unknown): string => (Buffer.isBuffer(value) || value instanceof Uint8Array ? Buffer.from(value).toString('hex') : '');
