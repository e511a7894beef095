// The export worker (workerExport.ts starts it): reads the events of a scope on its own read-only
// connection to the store file and encodes them as the main thread would (eventFormats.ts), so the
// thread that answers the UI does none of it. Each full 4 MiB buffer goes to the main thread
// (transferred, not copied), which hashes it and has it written on the thread pool, then sends it
// back to be encoded into again: hashing and writing run beside the encoding instead of after it,
// and this thread never waits on the disk.
import Database from 'better-sqlite3';
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { toErrorInfo } from '../errors.ts';
import type { EventScope } from '../store/eventStore.ts';
import { createReads } from '../store/reads.ts';
import { framing, rowEncoder, type EventFormat } from './eventFormats.ts';
import { Utf8Chunks, WORKER_BUFFER_BYTES } from './fileWriter.ts';
import type { ErrorWords } from '../../shared/errorWords/index.ts';

export interface ExportTask {
  exportWorker: true;
  /** The store file the main thread's connection reads (a private snapshot included). */
  file: string;
  scope: EventScope;
  format: EventFormat;
  /** Events between progress reports. */
  chunk: number;
  /** Where hashed and written buffers come back (their ArrayBuffers). */
  buffers: MessagePort;
  /** [0] goes up each time a buffer is sent back, so a worker waiting for one wakes. */
  returned: Int32Array;
}

export type ExportWorkerMessage =
  | { kind: 'bytes'; buffer: ArrayBuffer; offset: number; length: number }
  | { kind: 'total'; total: number }
  | { kind: 'progress'; done: number }
  | { kind: 'done'; events: number; firstPosition: number | null; lastPosition: number | null }
  | { kind: 'error'; code: string; message: string; details?: Record<string, unknown>; words?: ErrorWords };

/** Buffers in flight between the threads at most (32 MiB): flat memory whatever the store's size, and room for a slow disk to catch up. */
const MAX_BUFFERS = 8;
/** Rows per read: fewer rows alive at each young-generation collection than the readers' 2000. */
const PAGE_ROWS = 500;


function runExport(task: ExportTask, port: MessagePort): void {
  const db = new Database(task.file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('query_only = 1');
    db.pragma('busy_timeout = 5000');
    const reads = createReads(db);
    // Counted here, not by the caller: on this connection, and no read worker started for it.
    port.postMessage({ kind: 'total', total: reads.countEvents(task.scope) } satisfies ExportWorkerMessage);
    let allocated = 1;
    /** A buffer to write into next: one sent back, a new one while fewer than MAX_BUFFERS exist, else wait for one. */
    const nextBuffer = (): Buffer => {
      for (;;) {
        const seen = Atomics.load(task.returned, 0);
        const back = receiveMessageOnPort(task.buffers);
        if (back) return Buffer.from(back.message as ArrayBuffer);
        if (allocated < MAX_BUFFERS) {
          allocated++;
          return Buffer.allocUnsafeSlow(WORKER_BUFFER_BYTES);
        }
        Atomics.wait(task.returned, 0, seen, 1000);
      }
    };
    const writer = new Utf8Chunks((bytes, reusable) => {
      // A whole ArrayBuffer of our own is transferred; anything else (never expected) is copied.
      const own = reusable || (bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.length);
      const sent = own ? bytes : Buffer.from(bytes);
      const buffer = sent.buffer as ArrayBuffer;
      port.postMessage({ kind: 'bytes', buffer, offset: sent.byteOffset, length: sent.length } satisfies ExportWorkerMessage, [buffer]);
      return reusable ? nextBuffer() : undefined;
    }, Buffer.allocUnsafeSlow(WORKER_BUFFER_BYTES));
    const { header, separator, footer } = framing(task.format);
    const encode = rowEncoder(task.format);
    let events = 0;
    let firstPosition: number | null = null;
    let lastPosition: number | null = null;
    writer.write(header);
    for (const rows of reads.iterateRawRows(task.scope, PAGE_ROWS)) {
      for (const row of rows) {
        if (events > 0) writer.write(separator);
        writer.write(encode(row));
        firstPosition ??= row[0];
        lastPosition = row[0];
        events++;
        if (events % task.chunk === 0) port.postMessage({ kind: 'progress', done: events } satisfies ExportWorkerMessage);
      }
    }
    if (events > 0) writer.write(footer);
    else if (task.format === 'json') writer.write(']\n');
    writer.flush();
    port.postMessage({ kind: 'done', events, firstPosition, lastPosition } satisfies ExportWorkerMessage);
  } finally {
    db.close();
  }
}

// Only as the worker workerExport.ts starts (never when imported elsewhere, e.g. in a test runner's thread).
if (parentPort && (workerData as { exportWorker?: boolean } | null)?.exportWorker === true) {
  const port = parentPort;
  try {
    runExport(workerData as ExportTask, port);
  } catch (error) {
    const info = toErrorInfo(error);
    port.postMessage({ kind: 'error', code: info.code, message: info.message, ...(info.details ? { details: info.details } : {}), ...(info.words ? { words: info.words } : {}) } satisfies ExportWorkerMessage);
  }
}
