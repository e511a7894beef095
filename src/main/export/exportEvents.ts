// Streams events in scope to a file in NDJSON, JSON or CSV with constant memory: rows come from
// keyset pages, text goes out in 1 MiB writes. Reports progress and is cancelled through an
// AbortSignal. A native store's export runs on the export worker (workerExport.ts: its own
// read-only connection), so the thread that answers the UI only hashes and reports; with a masker
// or a transform (they live on this thread), or for other stores, it runs here in slices of a few
// milliseconds between which the event loop answers IPC and a cancel can arrive.
import { words } from '../../shared/errorWords/index.ts';
import { CancelledError, LedgerError } from '../errors.ts';
import type { EventScope, EventStoreReader, RawEvent } from '../store/eventStore.ts';
import { sqliteHandleOf } from '../store/sqliteHandle.ts';
import { EVENT_FORMATS, framing, type EventFormat } from './eventFormats.ts';
import { AtomicFileWriter } from './fileWriter.ts';
import type { Masker } from '../masking/masker.ts';
import { exportOnWorker, ExportWorkerUnavailable } from './workerExport.ts';

export interface ExportProgress {
  done: number;
  total: number;
}

export interface ExportEventsOptions {
  scope: EventScope;
  format: EventFormat;
  out: string;
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
  /** Events between progress reports / event-loop yields. */
  chunk?: number;
  /** Masking (masking/): each event goes through it before it is encoded. A fast path that skips per-event encoding must not run with one. */
  masker?: Masker;
  /**
   * Applied to every event before it is encoded (masking hooks in here). Any faster path added
   * later (lines assembled elsewhere) must step aside when a transform is given: the transform runs
   * per event, on the event as stored.
   */
  transformEvent?: (event: RawEvent) => RawEvent;
  /**
   * 'worker' (default): a native store file is exported on the export worker when neither a masker
   * nor a transform is given; 'here': on this thread (the bench's before, and the tests' reference).
   */
  thread?: 'worker' | 'here';
}

export interface ExportEventsResult {
  path: string;
  format: EventFormat;
  scope: EventScope;
  events: number;
  bytes: number;
  sha256: string;
  firstPosition: number | null;
  lastPosition: number | null;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Longest run of work on this thread between two yields to the event loop. */
const SLICE_MS = 8;

/** The store file a worker can read the events from: a native store's own file (not one in memory). */
function nativeStoreFile(store: EventStoreReader): string | null {
  const db = sqliteHandleOf(store);
  return db && !db.memory && db.name ? db.name : null;
}

export async function exportEvents(store: EventStoreReader, options: ExportEventsOptions): Promise<ExportEventsResult> {
  const { scope, format, signal } = options;
  if (!EVENT_FORMATS.includes(format)) throw new LedgerError('INVALID_INPUT', words('errorWords.export.unknownFormat', { format: String(format), formats: { list: [...EVENT_FORMATS] } }));
  const chunk = options.chunk ?? 5000;
  // A masker without rules changes nothing (maskRawEvent returns the event): the worker may export.
  const masking = options.masker?.active === true;
  const file = options.thread === 'here' || masking || options.transformEvent ? null : nativeStoreFile(store);
  if (file) {
    try {
      // The worker counts the events too (progress starts at its count).
      const result = await exportOnWorker({ file, scope, format, out: options.out, chunk, signal, onProgress: options.onProgress });
      options.onProgress?.({ done: result.events, total: result.events });
      return { path: result.path, format, scope, events: result.events, bytes: result.bytes, sha256: result.sha256, firstPosition: result.firstPosition, lastPosition: result.lastPosition };
    } catch (error) {
      if (!(error instanceof ExportWorkerUnavailable)) throw error;
      // No worker here: the same export on this thread.
    }
  }
  const total = await store.countEvents(scope, { signal });
  return exportHere(store, options, total, chunk);
}

async function exportHere(store: EventStoreReader, options: ExportEventsOptions, total: number, chunk: number): Promise<ExportEventsResult> {
  const { scope, format, signal, masker } = options;
  const { header, encode, separator, footer } = framing(format);
  const writer = new AtomicFileWriter(options.out);
  let events = 0;
  let firstPosition: number | null = null;
  let lastPosition: number | null = null;
  try {
    writer.write(header);
    options.onProgress?.({ done: 0, total });
    const transform = options.transformEvent;
    let sliceStart = performance.now();
    for await (const batch of store.iterateRaw(scope, { signal })) {
      for (const stored of batch) {
        const event = transform ? transform(stored) : stored;
        if (events > 0) writer.write(separator);
        writer.write(encode(masker ? masker.maskRawEvent(event) : event));
        firstPosition ??= event.position;
        lastPosition = event.position;
        events++;
        if (events % chunk === 0) {
          options.onProgress?.({ done: events, total });
          if (signal?.aborted) throw new CancelledError('Export');
        }
        // The clock after every event: one masked or transformed event may take long by itself.
        if (performance.now() - sliceStart >= SLICE_MS) {
          await yieldToEventLoop();
          if (signal?.aborted) throw new CancelledError('Export');
          sliceStart = performance.now();
        }
      }
    }
    if (events > 0) writer.write(footer);
    else if (format === 'json') writer.write(']\n');
    if (signal?.aborted) throw new CancelledError('Export');
    const file = writer.commit();
    options.onProgress?.({ done: events, total: events });
    return { path: file.path, format, scope, events, bytes: file.bytes, sha256: file.sha256, firstPosition, lastPosition };
  } catch (error) {
    writer.abort();
    throw error;
  }
}
