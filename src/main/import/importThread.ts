// The import's own thread (workerImport.ts starts it): runs importEvents there (the file's parse on
// its parse worker, the inserts, the chain and the indexes built at the end), so the thread that
// answers the UI does none of it, and says what happens as messages: the private folder the new
// store is built in (to remove if the thread dies), progress, the report or the error. A cancel
// arrives as a message and aborts the import as the caller's signal would, so it cleans up itself.
import { parentPort, workerData } from 'node:worker_threads';
import { toErrorInfo } from '../errors.ts';
import type { ErrorInfo } from '../../shared/result.ts';
import { importEvents, type ImportOptions, type ImportReport } from './importEvents.ts';

/** What can cross to the thread: no open store, no callbacks, no signal. */
export type ThreadImportOptions = Omit<ImportOptions, 'source' | 'signal' | 'onProgress' | 'onWorkDir'>;

export interface ImportThreadTask {
  importThread: true;
  options: ThreadImportOptions;
}

export type ImportThreadMessage =
  | { kind: 'started' }
  | { kind: 'workDir'; path: string }
  | { kind: 'progress'; done: number; total: number; events: number }
  | { kind: 'done'; report: ImportReport }
  | ({ kind: 'error' } & ErrorInfo);

export type ImportThreadCommand = { kind: 'cancel' };

// Only as the worker workerImport.ts starts (never when imported elsewhere, e.g. by a test runner's thread).
if (parentPort && (workerData as Partial<ImportThreadTask> | null)?.importThread === true) {
  const port = parentPort;
  const task = workerData as ImportThreadTask;
  const controller = new AbortController();
  port.on('message', (command: ImportThreadCommand) => {
    if (command.kind === 'cancel') controller.abort();
  });
  const say = (message: ImportThreadMessage) => port.postMessage(message);
  say({ kind: 'started' });
  importEvents({
    ...task.options,
    signal: controller.signal,
    onProgress: (p) => say({ kind: 'progress', ...p }),
    onWorkDir: (dir) => say({ kind: 'workDir', path: dir }),
  }).then(
    (report) => say({ kind: 'done', report }),
    (error) => say({ kind: 'error', ...toErrorInfo(error) }),
  );
  // The caller ends this thread once it has the last message (the port keeps it alive until then).
}
