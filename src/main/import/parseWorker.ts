// The import's parse worker: reads the input file, parses, maps, validates and encodes every record
// (recordPipeline.ts) and sends the results to the importing thread in packed chunks, so that thread
// only hashes and inserts. Parsing and encoding were about half of an import's time; on two cores
// they now run beside the inserts. Flow control: at most MAX_IN_FLIGHT chunks are unacknowledged,
// so memory stays flat however big the file is. See parsedRecords.ts for the other side.
import { parentPort, workerData } from 'node:worker_threads';
import { toErrorInfo } from '../errors.ts';
import type { EventStoreReader } from '../store/eventStore.ts';
import { createRecordPipeline } from './recordPipeline.ts';
import { csvRecords, jsonArrayRecords, ndjsonRecords, storeRecords, type SourceRecord } from './sources.ts';
import { CHUNK_RECORDS, MAX_IN_FLIGHT, packOutcome, type ParseTask, type WorkerMessage, newChunk } from './parsedChunks.ts';

const task = workerData as ParseTask;
const port = parentPort!;
let inFlight = 0;
let wake: (() => void) | null = null;
port.on('message', () => {
  inFlight--;
  wake?.();
  wake = null;
});

const post = (message: WorkerMessage) => port.postMessage(message);

async function run(): Promise<void> {
  let copied: EventStoreReader | null = null;
  if (task.format === 'store') {
    try {
      copied = await openCopied(task);
    } catch {
      // The importing thread holds the source open already and reads it there instead: a database
      // may allow its role one connection, where this second one is refused.
      post({ kind: 'readHere' });
      return;
    }
  }
  const source: AsyncIterable<SourceRecord> =
    copied ? copiedRecords(copied) : task.format === 'csv' ? csvRecords(task.input) : task.format === 'json' ? jsonArrayRecords(task.input) : ndjsonRecords(task.input);
  const pipeline = createRecordPipeline({ mapping: task.mapping, textual: task.format === 'csv', now: task.now });
  let chunk = newChunk();
  const send = async (bytes: number) => {
    chunk.bytes = bytes;
    chunk.records = pipeline.counts.records;
    post({ kind: 'chunk', chunk });
    chunk = newChunk();
    inFlight++;
    while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
  };
  let bytes = 0;
  for await (const item of source) {
    bytes = item.bytes;
    packOutcome(chunk, pipeline.process(item));
    if (chunk.count >= CHUNK_RECORDS) await send(bytes);
  }
  if (chunk.count > 0) await send(bytes);
  post({ kind: 'done', counts: pipeline.counts });
}

/**
 * A store being copied, read through a reader of this worker's own (read-only, as the importing
 * thread opened it to check it): its reads and the exact parse of every event's JSON run here,
 * beside the inserts, as a file's do.
 */
async function openCopied(task: ParseTask): Promise<EventStoreReader> {
  const { openStoreTarget } = await import('../adapters/openStoreTarget.ts');
  return openStoreTarget(task.input, { table: task.table, map: task.tableMap });
}

/** The copy's records; its reader is closed however the read ends (a cancel ends this thread). */
async function* copiedRecords(reader: EventStoreReader): AsyncIterable<SourceRecord> {
  try {
    yield* storeRecords(reader);
  } finally {
    await reader.close();
  }
}

run().catch((error) => {
  const info = toErrorInfo(error);
  post({ kind: 'error', code: info.code, message: info.message, details: info.details, words: info.words });
});
