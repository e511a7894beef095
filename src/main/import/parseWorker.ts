// The import's parse worker: reads the input file, parses, maps, validates and encodes every record
// (recordPipeline.ts) and sends the results to the importing thread in packed chunks, so that thread
// only hashes and inserts. Parsing and encoding were about half of an import's time; on two cores
// they now run beside the inserts. Flow control: at most MAX_IN_FLIGHT chunks are unacknowledged,
// so memory stays flat however big the file is. See parsedRecords.ts for the other side.
import { parentPort, workerData } from 'node:worker_threads';
import { toErrorInfo } from '../errors.ts';
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
  const source: AsyncIterable<SourceRecord> =
    task.format === 'store' ? copiedRecords(task) : task.format === 'csv' ? csvRecords(task.input) : task.format === 'json' ? jsonArrayRecords(task.input) : ndjsonRecords(task.input);
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
 * beside the inserts, as a file's do. Closed however the read ends; a cancel ends this thread.
 */
async function* copiedRecords(task: ParseTask): AsyncIterable<SourceRecord> {
  const { openStoreTarget } = await import('../adapters/openStoreTarget.ts');
  const reader = await openStoreTarget(task.input, { table: task.table, map: task.tableMap });
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
