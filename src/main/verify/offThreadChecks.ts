// Verify's index-vs-table pass on a worker thread (checkWorker.ts), started beside the passes that
// still run here and replayed into the verification's sink at the point where the in-thread pass
// would have run, so the report is the same finding for finding, in the same order. A connection
// without a file (in-memory), a worker that cannot start, dies or fails runs the pass here instead,
// as before: the findings never depend on the worker.
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { CancelledError } from '../errors.ts';
import type { CheckAnswer, CheckTask } from './checkWorker.ts';
import { checkIndexes } from './indexChecks.ts';
import { checkTypeHoursBySql } from './typeHourChecks.ts';
import type { WalkContext } from './walkContext.ts';

/** From source (node runs the .ts) the worker is the .ts beside this file; in the bundle, its own entry (electron.vite.config.ts). */
const WORKER_URL = new URL(import.meta.url.endsWith('.ts') ? './checkWorker.ts' : './checkWorker.js', import.meta.url);

export interface IndexCheckRun {
  /** Where the pass runs: 'worker', or 'main' when no worker could take it. */
  readonly thread: 'worker' | 'main';
  /** The pass's outcome, its findings added to ctx.sink (as checkIndexes(ctx) would; a damaged page is thrown). */
  finish(ctx: WalkContext): Promise<{ divergent: Set<string> }>;
  /** Stops the worker (a later pass failed or was cancelled). */
  cancel(): void;
}

/** The same pass on the calling thread. */
async function runHere(check: CheckTask['check'], ctx: WalkContext): Promise<{ divergent: Set<string> }> {
  if (check === 'indexes') return checkIndexes(ctx);
  await checkTypeHoursBySql(ctx);
  return { divergent: new Set() };
}

export function startIndexCheck(db: Database.Database, options: { worker?: boolean; signal?: AbortSignal } = {}): IndexCheckRun {
  return startCheck(db, 'indexes', options);
}

/** Starts one of checkWorker.ts's passes on a worker (or, when none can take it, prepares it to run here). */
export function startCheck(db: Database.Database, check: CheckTask['check'], options: { worker?: boolean; signal?: AbortSignal } = {}): IndexCheckRun {
  const inline = (): IndexCheckRun => ({ thread: 'main', finish: (ctx) => runHere(check, ctx), cancel: () => {} });
  const file = db.name;
  if (options.worker === false || !file || db.memory || file === ':memory:') return inline();
  let worker: Worker;
  try {
    worker = new Worker(WORKER_URL, { workerData: { file, verifyCheckWorker: true }, resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 } });
  } catch {
    return inline();
  }
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    void worker.terminate();
  };
  const answer = new Promise<CheckAnswer | null>((resolve) => {
    worker.once('message', (message: CheckAnswer) => {
      resolve(message);
      stop();
    });
    worker.once('error', () => resolve(null));
    worker.once('exit', () => resolve(null));
  });
  worker.postMessage({ check } satisfies CheckTask);
  return {
    thread: 'worker',
    async finish(ctx) {
      // Waiting yields to the event loop, like the in-thread pass's pauses; a cancel still arrives.
      await ctx.pause();
      const { signal } = options;
      let onAbort = () => {};
      const aborted = new Promise<never>((_, reject) => {
        onAbort = () => reject(new CancelledError('Verification'));
        signal?.addEventListener('abort', onAbort, { once: true });
      });
      let reply: CheckAnswer | null;
      try {
        reply = signal?.aborted ? await Promise.reject(new CancelledError('Verification')) : await Promise.race([answer, aborted]);
      } finally {
        signal?.removeEventListener('abort', onAbort);
        stop();
      }
      if (!reply || !reply.ok) return runHere(check, ctx);
      for (const finding of reply.findings) ctx.sink.add(finding);
      for (const [kind, n] of reply.unkept) ctx.sink.countUnkept(kind, n);
      if (reply.failure) throw Object.assign(new Error(reply.failure.message), reply.failure.code ? { code: reply.failure.code } : {});
      return { divergent: new Set(reply.divergent) };
    },
    cancel: stop,
  };
}
