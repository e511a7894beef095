// A worker thread with its own read-only connection to a store file, for the long whole-store reads
// (histogram, actor counts, filtered counts) that took seconds on big stores and blocked every other
// answer while they ran (a streams page waited 7.4 s behind a 10M-event histogram). The reads are
// plans (readPlans.ts): this thread builds the SQL and assembles the answer, the worker only runs
// the statements. The worker is given as source text (not a file) so it survives bundling, and
// requires better-sqlite3 by the path resolved here (as integrityCheck.ts does).
//  - started on first use, one plan at a time (the others wait in order), unref'd while idle;
//  - read-only twice over: opened `readonly` + `query_only`, and a statement that is not a read is
//    refused before it runs;
//  - a cancelled plan terminates the worker (SQLite cannot be interrupted from outside the
//    thread); the next plan starts a fresh one. close() terminates it for good.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { words, type ErrorWords } from '../../shared/errorWords/index.ts';
import { CancelledError, LedgerError, toErrorInfo } from '../errors.ts';
import type { ReadPlan, SqlStep } from './readPlans.ts';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
const statements = new Map();
function statementFor(sql) {
  let statement = statements.get(sql);
  if (statement) return statement;
  if (!db) {
    db = new Database(workerData.file, { readonly: true, fileMustExist: true });
    db.pragma('query_only = 1');
    db.pragma('busy_timeout = 5000');
    db.function('ledger_fold', { deterministic: true }, (text) => (typeof text === 'string' ? text.toLowerCase() : text));
  }
  statement = db.prepare(sql);
  if (!statement.readonly || !statement.reader) {
    throw Object.assign(new Error('a read worker runs reads only'), { code: 'LEDGER_NOT_A_READ' });
  }
  statement.raw(true);
  if (statements.size >= 256) statements.clear();
  statements.set(sql, statement);
  return statement;
}
parentPort.on('message', (step) => {
  try {
    const statement = statementFor(step.sql);
    const rows = step.mode === 'get' ? statement.get(...step.args) : statement.all(...step.args);
    parentPort.postMessage({ id: step.id, ok: true, rows });
  } catch (error) {
    parentPort.postMessage({ id: step.id, ok: false, code: error && error.code, message: String(error && error.message) });
  }
});
`;

/** The worker could not be started here (the caller then runs the plan on its own connection). */
export class ReadWorkerUnavailable extends Error {}

export interface SqliteReadWorker {
  /** Runs `plan` on the worker; `signal` cancels it (CANCELLED), queued or running. */
  run<T>(plan: ReadPlan<T>, signal?: AbortSignal): Promise<T>;
  /** Whether a worker thread is running now (tests). */
  readonly started: boolean;
  /** Stops the worker; plans still waiting or running are cancelled. */
  close(): Promise<void>;
}

interface Job {
  start: () => void;
  cancel: (error: Error) => void;
}

type Reply = { id: number; ok: true; rows: unknown } | { id: number; ok: false; code?: unknown; message: string };

/** A worker's error in people's words, with the code every boundary understands (errors.ts). */
function replyError(reply: { code?: unknown; message: string }): LedgerError {
  if (reply.code === 'LEDGER_NOT_A_READ') return new LedgerError('INTERNAL', 'A background read tried to run a statement that is not a read; it was refused.');
  const info = toErrorInfo(Object.assign(new Error(reply.message), { code: reply.code }));
  return new LedgerError(info.code, info.words ?? info.message, info.details);
}

export function createSqliteReadWorker(file: string): SqliteReadWorker {
  let worker: Worker | null = null;
  let waiting: { id: number; resolve: (rows: unknown) => void; reject: (error: Error) => void } | null = null;
  let nextId = 0;
  let closed = false;
  let running: Job | null = null;
  const queue: Job[] = [];

  function start(): Worker {
    let started: Worker;
    try {
      const driver = createRequire(import.meta.url).resolve('better-sqlite3');
      started = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file } });
    } catch (error) {
      throw new ReadWorkerUnavailable((error as Error).message);
    }
    started.unref();
    started.on('message', (reply: Reply) => {
      if (worker !== started || !waiting || waiting.id !== reply.id) return;
      const pending = waiting;
      waiting = null;
      started.unref();
      if (reply.ok) pending.resolve(reply.rows);
      else pending.reject(replyError(reply));
    });
    const lost = (why: ErrorWords) => {
      if (worker !== started) return; // terminated on purpose
      worker = null;
      const pending = waiting;
      waiting = null;
      pending?.reject(new LedgerError('INTERNAL', why));
    };
    started.on('error', (error) => lost(words('errorWords.readWorker.stoppedBecause', { error: error.message })));
    started.on('exit', (code) => lost(words('errorWords.readWorker.stoppedExit', { code })));
    return started;
  }

  /** Ends the running worker (a cancel or close): its statement cannot be interrupted otherwise. */
  function stop(error: Error): void {
    const ended = worker;
    worker = null;
    const pending = waiting;
    waiting = null;
    if (ended) void ended.terminate();
    pending?.reject(error);
  }

  function step(sql: SqlStep): Promise<unknown> {
    worker ??= start();
    const current = worker;
    return new Promise((resolve, reject) => {
      waiting = { id: ++nextId, resolve, reject };
      current.ref();
      current.postMessage({ id: nextId, mode: sql.mode, sql: sql.sql, args: sql.args });
    });
  }

  function pump(): void {
    if (running || closed) return;
    const job = queue.shift();
    if (!job) return;
    running = job;
    job.start();
  }

  return {
    get started() {
      return worker !== null;
    },
    run<T>(plan: ReadPlan<T>, signal?: AbortSignal): Promise<T> {
      if (closed) return Promise.reject(new CancelledError('The read (the store was closed)'));
      if (signal?.aborted) return Promise.reject(new CancelledError('The read'));
      return new Promise<T>((resolve, reject) => {
        let done = false;
        const finish = (settle: () => void) => {
          if (done) return;
          done = true;
          signal?.removeEventListener('abort', onAbort);
          if (running === job) running = null;
          else queue.splice(queue.indexOf(job), 1);
          settle();
          pump();
        };
        const job: Job = {
          start: async () => {
            try {
              let next = plan.next();
              while (!next.done) {
                const rows = await step(next.value);
                if (done) return;
                next = plan.next(rows);
              }
              const value = next.value;
              finish(() => resolve(value));
            } catch (error) {
              finish(() => reject(error));
            }
          },
          cancel: (error) => finish(() => reject(error)),
        };
        const onAbort = () => {
          const cancelled = new CancelledError('The read');
          if (running === job) stop(cancelled);
          job.cancel(cancelled);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        queue.push(job);
        pump();
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      const error = new CancelledError('The read (the store was closed)');
      for (const job of [...queue]) job.cancel(error);
      const ended = worker;
      worker = null;
      const pending = waiting;
      waiting = null;
      pending?.reject(error);
      running?.cancel(error);
      if (ended) await ended.terminate();
    },
  };
}
