// Runs an import on its own thread (importThread.ts): a file's parse, the inserts, the hash chain
// and the indexes built at the end all run there, so a long import never delays an answer to the
// UI (the index build alone holds a thread for seconds on a big file), and the memory it churns is
// the thread's, with a young generation of its own size. A copy of the app's open store reads that
// store's connection and stays on this thread, as does an import where the thread cannot start.
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { CancelledError, errorFromInfo, LedgerError } from '../errors.ts';
import { words } from '../../shared/errorWords/index.ts';
import { workerEntry } from '../workerEntry.ts';
import type { ImportOptions, ImportReport } from './importEvents.ts';
import type { ImportThreadCommand, ImportThreadMessage, ImportThreadTask } from './importThread.ts';

// Variables, not literals in new URL(): a bundler would otherwise copy the bare .ts as an asset.
// Built, this file is part of out/main/index.js and the thread is out/main/importThread.js.
const THREAD_MODULES = ['./importThread.ts', './importThread.js'];

/**
 * The young generation of the import's thread. Its garbage is short-lived (a batch's events, its
 * SQL parameters): on the main thread V8 let it grow to ~67 MB of a 300k-event import's heap.
 */
const YOUNG_GENERATION_MB = 16;

/** importEvents, on the import's thread where it can run; `module` is the thread's module (tests give one that fails). */
export async function importOnThread(options: ImportOptions, module: URL | null = workerEntry(THREAD_MODULES, import.meta.url)): Promise<ImportReport> {
  if (options.source || !module) return importEvents(options);
  const { signal, onProgress, source: _source, onWorkDir: _onWorkDir, ...plain } = options;
  if (signal?.aborted) return importEvents(options); // it says what was cancelled, as it always has
  let worker: Worker;
  try {
    worker = new Worker(module, { workerData: { importThread: true, options: plain } satisfies ImportThreadTask, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
  } catch {
    return importEvents(options);
  }
  return new Promise<ImportReport>((resolve, reject) => {
    let heard = false;
    let settled = false;
    let workDir: string | null = null;
    /** A progress callback's error: the thread is told to stop, and the import ends with this once it has. */
    let callerError: unknown = null;
    /** Ends the thread, then settles; a failure also removes the private folder, should the thread have left it. */
    const end = (outcome: () => void, failed = true) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      void worker
        .terminate()
        .catch(() => undefined)
        .then(() => {
          if (failed) removeWorkDir(workDir);
          outcome();
        });
    };
    const fail = (error: unknown) => end(() => reject(callerError ?? error));
    const command = (c: ImportThreadCommand) => worker.postMessage(c);
    // The thread's import sees the abort as the caller's signal and removes what it made.
    const onAbort = () => command({ kind: 'cancel' });
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: ImportThreadMessage) => {
      heard = true;
      switch (message.kind) {
        case 'started':
          return;
        case 'workDir':
          workDir = message.path;
          return;
        case 'progress':
          if (callerError) return;
          try {
            onProgress?.({ done: message.done, total: message.total, events: message.events });
          } catch (error) {
            // As on this thread: a progress callback that throws ends the import with its error.
            callerError = error;
            command({ kind: 'cancel' });
          }
          return;
        case 'done':
          return end(() => resolve(message.report), false);
        case 'error':
          return fail(message.code === 'CANCELLED' ? cancelled(message.message) : errorFromInfo(message));
      }
    });
    worker.on('error', (error) => {
      // Before its first word the thread could not load here (a packaging without it): import on this thread.
      if (!heard) return end(() => importEvents(options).then(resolve, reject), false);
      fail(new LedgerError('INTERNAL', words('errorWords.importRun.threadFailed', { error: error.message })));
    });
    worker.on('exit', (code) => fail(new LedgerError('INTERNAL', words('errorWords.importRun.threadStopped', { code }))));
  });
}

/** importEvents on this thread, loaded only then: the thread loads it for itself, and this thread has no need of its ~20 MB of modules. */
async function importEvents(options: ImportOptions): Promise<ImportReport> {
  return (await import('./importEvents.ts')).importEvents(options);
}

/** The thread's cancel as this thread's CancelledError: of "The copy" or of the "Import", as importEvents said. */
function cancelled(message: string): CancelledError {
  const copy = new CancelledError('The copy');
  return message === copy.message ? copy : new CancelledError('Import');
}

/** The private folder of a thread that stopped before it could remove it (never the target: that is published by rename at the end). */
function removeWorkDir(dir: string | null): void {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
