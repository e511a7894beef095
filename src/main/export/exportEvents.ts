// Streams events in scope to a file in NDJSON, JSON or CSV with constant memory: rows come from
// keyset pages, text goes out in 1 MiB writes. Reports progress, yields to the event loop between
// chunks (so IPC stays responsive and a cancel can arrive), and is cancelled through an AbortSignal.
import { CancelledError, LedgerError } from '../errors.ts';
import type { EventScope, EventStoreReader, RawEvent } from '../store/eventStore.ts';
import { EVENT_FORMATS, framing, type EventFormat } from './eventFormats.ts';
import { AtomicFileWriter } from './fileWriter.ts';
import type { Masker } from '../masking/masker.ts';

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

export async function exportEvents(store: EventStoreReader, options: ExportEventsOptions): Promise<ExportEventsResult> {
  const { scope, format, signal, masker } = options;
  if (!EVENT_FORMATS.includes(format)) throw new LedgerError('INVALID_INPUT', `Unknown export format '${String(format)}'; use ${EVENT_FORMATS.join(', ')}.`);
  const total = await store.countEvents(scope, { signal });
  const chunk = options.chunk ?? 5000;
  const { header, encode, separator, footer } = framing(format);
  const writer = new AtomicFileWriter(options.out);
  let events = 0;
  let firstPosition: number | null = null;
  let lastPosition: number | null = null;
  try {
    writer.write(header);
    options.onProgress?.({ done: 0, total });
    const transform = options.transformEvent;
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
          await yieldToEventLoop();
          if (signal?.aborted) throw new CancelledError('Export');
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
