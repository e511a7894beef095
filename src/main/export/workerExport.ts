// Runs an event export on the export worker (exportWorker.ts): reading and encoding run there, so a
// long export never delays an answer to the UI. This thread creates and checks the partial file,
// hashes each buffer the worker hands over as it comes (well under a millisecond for 4 MiB) and has
// it written at its offset on the thread pool (never waiting on the disk itself), then hands the
// buffer back; it reports progress, fsyncs on the thread pool, and renames the file into place at
// the end. A cancel terminates the worker and removes the partial file once no write is in flight.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { MessageChannel, Worker } from 'node:worker_threads';
import { CancelledError, errorFromInfo, LedgerError } from '../errors.ts';
import type { ErrorCode } from '../../shared/result.ts';
import type { EventScope } from '../store/eventStore.ts';
import type { EventFormat } from './eventFormats.ts';
import type { ExportTask, ExportWorkerMessage } from './exportWorker.ts';
import { BACKGROUND_SYNC_AT, PartialFile, WORKER_BUFFER_BYTES } from './fileWriter.ts';
import { workerEntry } from '../workerEntry.ts';
import { cannotWrite } from '../fileErrors.ts';
import { words } from '../../shared/errorWords/index.ts';

// Variables, not literals in new URL(): a bundler would otherwise copy the bare .ts as an asset.
// Built, exportEvents.ts is part of out/main/index.js and the worker is out/main/exportWorker.js.
const WORKER_MODULES = ['./exportWorker.ts', './exportWorker.js'];


/** The worker could not start here (no module, or it failed before it said anything): export on this thread instead. */
export class ExportWorkerUnavailable extends Error {}

export interface WorkerExportRequest {
  file: string;
  scope: EventScope;
  format: EventFormat;
  out: string;
  chunk: number;
  signal?: AbortSignal;
  onProgress?: (progress: { done: number; total: number }) => void;
  /** The worker's module (tests give one that fails). */
  module?: URL | null;
}

export interface WorkerExportResult {
  path: string;
  events: number;
  bytes: number;
  sha256: string;
  firstPosition: number | null;
  lastPosition: number | null;
}

export function exportOnWorker(request: WorkerExportRequest): Promise<WorkerExportResult> {
  const entry = request.module === undefined ? workerEntry(WORKER_MODULES, import.meta.url) : request.module;
  if (!entry) return Promise.reject(new ExportWorkerUnavailable('no export worker module here'));
  const { signal } = request;
  if (signal?.aborted) return Promise.reject(new CancelledError('Export'));
  const partial = new PartialFile(request.out);
  const channel = new MessageChannel();
  const returned = new Int32Array(new SharedArrayBuffer(4));
  const task: ExportTask = {
    exportWorker: true,
    file: request.file,
    scope: request.scope,
    format: request.format,
    chunk: request.chunk,
    buffers: channel.port2,
    returned,
  };
  let worker: Worker;
  try {
    // A young generation of 32 MB: the worker's garbage is all short-lived (a page of rows, its lines);
    // V8's default let the process grow ~40 MB more for no measurable gain (GC ~250 ms either way on 1.1M).
    worker = new Worker(entry, { workerData: task, transferList: [channel.port2], resourceLimits: { maxYoungGenerationSizeMb: 32 } });
  } catch (error) {
    channel.port1.close();
    partial.abort();
    return Promise.reject(new ExportWorkerUnavailable((error as Error).message));
  }
  const hash = createHash('sha256');
  let written = 0;
  let heard = false;
  let total = 0;
  /** Writes and syncs on the thread pool not yet back: the file is closed only once there are none. */
  let inFlight = 0;
  let whenIdle: (() => void) | null = null;
  let unsynced = 0;
  let syncing = false;
  let writeError: Error | null = null;
  const settleOne = () => {
    inFlight--;
    if (inFlight === 0 && whenIdle) whenIdle();
  };
  const idle = () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => (whenIdle = resolve)));
  const ioError = (error: Error) => cannotWrite(partial.target, error);
  return new Promise<WorkerExportResult>((resolve, reject) => {
    let settled = false;
    /** Ends the worker and waits for the writes in flight, then settles: nothing touches the file after. */
    const finish = (outcome: () => Promise<WorkerExportResult | Error> | WorkerExportResult | Error) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      channel.port1.close();
      void worker
        .terminate()
        .catch(() => undefined)
        .then(idle)
        .then(outcome)
        .catch((error: Error) => error)
        .then((value) => {
          if (value instanceof Error) {
            partial.abort();
            reject(value);
          } else resolve(value);
        });
    };
    const onAbort = () => finish(() => new CancelledError('Export'));
    /** The caller's progress callback; one that throws ends the export with its error, as on this thread. */
    const report = (done: number) => {
      try {
        request.onProgress?.({ done, total });
      } catch (error) {
        finish(() => (error instanceof Error ? error : new Error(String(error))));
      }
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    /** Writes `length` bytes at `position`, a partial write continued; the buffer goes back once written. */
    const writeAt = (view: Uint8Array, position: number, done: () => void) => {
      fs.write(partial.fd, view, 0, view.length, position, (error, count) => {
        if (error || settled) {
          if (error) {
            writeError ??= error;
            finish(() => ioError(error));
          }
          settleOne();
          return;
        }
        if (count < view.length) {
          writeAt(view.subarray(count), position + count, done);
          return;
        }
        done();
        settleOne();
      });
    };
    worker.on('message', (message: ExportWorkerMessage) => {
      if (settled) return;
      heard = true;
      switch (message.kind) {
        case 'bytes': {
          const view = new Uint8Array(message.buffer, message.offset, message.length);
          hash.update(view);
          const position = written;
          written += message.length;
          inFlight++;
          writeAt(view, position, () => {
            // The worker's own buffers go back to be encoded into again; a one-off is dropped.
            if (message.buffer.byteLength === WORKER_BUFFER_BYTES && !settled) {
              channel.port1.postMessage(message.buffer, [message.buffer]);
              Atomics.add(returned, 0, 1);
              Atomics.notify(returned, 0);
            }
            unsynced += message.length;
            // The kernel starts writing to disk meanwhile, so the final fsync has little left (fileWriter.ts).
            if (unsynced >= BACKGROUND_SYNC_AT && !syncing && !settled) {
              syncing = true;
              unsynced = 0;
              inFlight++;
              fs.fdatasync(partial.fd, () => {
                syncing = false;
                settleOne();
              });
            }
          });
          return;
        }
        case 'total':
          total = message.total;
          report(0);
          return;
        case 'progress':
          report(message.done);
          return;
        case 'error':
          finish(() => errorFromInfo({ ...message, code: message.code as ErrorCode }));
          return;
        case 'done':
          finish(async () => {
            if (writeError) return ioError(writeError);
            if (signal?.aborted) return new CancelledError('Export');
            try {
              await new Promise<void>((resolveSync, rejectSync) => fs.fsync(partial.fd, (error) => (error ? rejectSync(error) : resolveSync())));
            } catch (error) {
              return ioError(error as Error);
            }
            if (signal?.aborted) return new CancelledError('Export');
            partial.commit();
            return { path: partial.target, events: message.events, bytes: written, sha256: hash.digest('hex'), firstPosition: message.firstPosition, lastPosition: message.lastPosition };
          });
          return;
      }
    });
    worker.on('error', (error) => {
      // Before its first word: the module did not load here (packaged differently); the caller exports on this thread.
      finish(() => (heard ? new LedgerError('INTERNAL', words('errorWords.export.stoppedBecause', { error: error.message })) : new ExportWorkerUnavailable(error.message)));
    });
    worker.on('exit', (code) => {
      finish(() => new LedgerError('INTERNAL', words('errorWords.export.stoppedExit', { code })));
    });
  });
}
