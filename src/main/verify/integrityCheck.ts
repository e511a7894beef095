// SQLite's own PRAGMA integrity_check. It is one synchronous call that took 9.1 s on an 837 MB,
// 1.2M-event store (measured), far too long to block the main process, so by default it runs on a
// worker thread with its own read-only connection, in parallel with the chain walk, and a cancel
// terminates the worker. The worker is given as source text (not a file) so it survives bundling.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { CancelledError } from '../errors.ts';

export const MAX_INTEGRITY_MESSAGES = 100;

export interface IntegrityResult {
  ok: boolean;
  messages: string[];
}

export type IntegrityMode = 'worker' | 'inline' | 'skip';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let db;
try {
  const Database = require(workerData.driver);
  db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  db.pragma('query_only = 1');
  const messages = db.prepare('PRAGMA integrity_check(' + workerData.max + ')').pluck().all();
  parentPort.postMessage({ ok: true, messages });
} catch (error) {
  parentPort.postMessage({ ok: false, code: error && error.code, message: String(error && error.message) });
} finally {
  try { db && db.close(); } catch {}
}
`;

function toResult(messages: unknown[]): IntegrityResult {
  const texts = messages.map(String);
  return { ok: texts.length === 1 && texts[0] === 'ok', messages: texts.length === 1 && texts[0] === 'ok' ? [] : texts };
}

export function integrityCheckInline(db: Database.Database): IntegrityResult {
  try {
    return toResult(db.prepare(`PRAGMA integrity_check(${MAX_INTEGRITY_MESSAGES})`).pluck().all());
  } catch (error) {
    return { ok: false, messages: [(error as Error).message] };
  }
}

/**
 * Runs the check on `db`'s file from a worker thread. Falls back to the calling thread when the
 * connection has no file (in-memory) or a worker cannot start.
 */
export function integrityCheck(db: Database.Database, signal?: AbortSignal): Promise<IntegrityResult> {
  const file = db.name;
  if (!file || file === ':memory:' || db.memory) return Promise.resolve(integrityCheckInline(db));
  let worker: Worker;
  try {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file, max: MAX_INTEGRITY_MESSAGES } });
  } catch {
    return Promise.resolve(integrityCheckInline(db));
  }
  return new Promise<IntegrityResult>((resolve, reject) => {
    const onAbort = () => {
      void worker.terminate();
      reject(new CancelledError('Verification'));
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const settle = (fn: () => void) => {
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      fn();
    };
    worker.once('message', (message: { ok: boolean; messages?: unknown[]; message?: string }) =>
      settle(() => resolve(message.ok ? toResult(message.messages ?? []) : { ok: false, messages: [message.message ?? 'integrity_check failed'] })),
    );
    worker.once('error', () => settle(() => resolve(integrityCheckInline(db))));
  });
}
