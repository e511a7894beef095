// Runs an event export on the export worker (exportWorker.ts): this thread creates and checks the
// partial file, hashes the bytes the worker has written as they come (each a sub-millisecond slice),
// reports progress, and renames the file into place at the end; reading, encoding and writing run on
// the worker, so a long export never delays an answer to the UI. A cancel terminates the worker and
// removes the partial file once the worker has stopped (never before: it writes to that descriptor).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import { CancelledError, LedgerError } from '../errors.ts';
import type { ErrorCode } from '../../shared/result.ts';
import type { EventScope } from '../store/eventStore.ts';
import type { EventFormat } from './eventFormats.ts';
import type { ExportTask, ExportWorkerMessage } from './exportWorker.ts';
import { PartialFile, WORKER_BUFFER_BYTES } from './fileWriter.ts';

// Variables, not literals in new URL(): a bundler would otherwise copy the bare .ts as an asset.
// Built, exportEvents.ts is part of out/main/index.js and the worker is out/main/exportWorker.js.
const WORKER_MODULES = ['./exportWorker.ts', './exportWorker.js'];

/** The worker's module file, or null where there is none (not a file URL, or not built). */
function workerEntry(): URL | null {
  for (const module of WORKER_MODULES) {
    try {
      const url = new URL(module, import.meta.url);
      if (url.protocol === 'file:' && fs.existsSync(fileURLToPath(url))) return url;
    } catch {
      // not a file URL: no worker
    }
  }
  return null;
}

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
  const entry = request.module === undefined ? workerEntry() : request.module;
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
    fd: partial.fd,
    partialPath: partial.path,
    buffers: channel.port2,
    returned,
  };
  let worker: Worker;
  try {
    worker = new Worker(entry, { workerData: task, transferList: [channel.port2], resourceLimits: { maxYoungGenerationSizeMb: 32 } });
  } catch (error) {
    channel.port1.close();
    partial.abort();
    return Promise.reject(new ExportWorkerUnavailable((error as Error).message));
  }
  const hash = createHash('sha256');
  let hashed = 0;
  let heard = false;
  let total = 0;
  return new Promise<WorkerExportResult>((resolve, reject) => {
    let settled = false;
    /** Ends the worker, then settles: the partial file is closed only once nothing writes to it. */
    const finish = (outcome: () => WorkerExportResult | Error) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      channel.port1.close();
      const stopped = worker.terminate().catch(() => undefined);
      void stopped.then(() => {
        let value: WorkerExportResult | Error;
        try {
          value = outcome();
        } catch (error) {
          value = error as Error;
        }
        if (value instanceof Error) {
          partial.abort();
          reject(value);
        } else resolve(value);
      });
    };
    const onAbort = () => finish(() => new CancelledError('Export'));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: ExportWorkerMessage) => {
      if (settled) return;
      heard = true;
      switch (message.kind) {
        case 'bytes': {
          hash.update(new Uint8Array(message.buffer, message.offset, message.length));
          hashed += message.length;
          // The writer's own buffers go back to be written into again; a one-off is dropped.
          if (message.buffer.byteLength === WORKER_BUFFER_BYTES) {
            channel.port1.postMessage(message.buffer, [message.buffer]);
            Atomics.add(returned, 0, 1);
            Atomics.notify(returned, 0);
          }
          return;
        }
        case 'total':
          total = message.total;
          request.onProgress?.({ done: 0, total });
          return;
        case 'progress':
          request.onProgress?.({ done: message.done, total });
          return;
        case 'error':
          finish(() => new LedgerError(message.code as ErrorCode, message.message, message.details));
          return;
        case 'done':
          finish(() => {
            if (signal?.aborted) return new CancelledError('Export');
            if (hashed !== message.bytes) return new LedgerError('INTERNAL', `The export worker wrote ${message.bytes} bytes but handed over ${hashed}; the export was not kept.`);
            partial.commit();
            return { path: partial.target, events: message.events, bytes: message.bytes, sha256: hash.digest('hex'), firstPosition: message.firstPosition, lastPosition: message.lastPosition };
          });
          return;
      }
    });
    worker.on('error', (error) => {
      // Before its first word: the module did not load here (packaged differently); the caller exports on this thread.
      finish(() => (heard ? new LedgerError('INTERNAL', `The export stopped unexpectedly (${error.message}); try again.`) : new ExportWorkerUnavailable(error.message)));
    });
    worker.on('exit', (code) => {
      finish(() => new LedgerError('INTERNAL', `The export stopped unexpectedly (exit code ${code}); try again.`));
    });
  });
}
