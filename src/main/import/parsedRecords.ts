// The importing thread's side of the parse worker (parseWorker.ts): starts it, receives its packed
// chunks as record outcomes, acknowledges each one as it is taken (the worker parses at most a few
// chunks ahead), and terminates it when the import stops early (cancel, error). Where the worker's
// module file is not there to run (the app's bundled main process), there is no worker and the
// import parses on its own thread with the same pipeline.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CancelledError, LedgerError } from '../errors.ts';
import { unpackChunk, type ParseTask, type WorkerMessage } from './parsedChunks.ts';
import type { PipelineCounts, RecordOutcome } from './recordPipeline.ts';

export interface ParsedBatch {
  outcomes: RecordOutcome[];
  /** Input bytes read so far. */
  bytes: number;
  records: number;
}

export interface ParsedStream {
  batches: AsyncIterable<ParsedBatch>;
  /** The pipeline's counts, once every batch was taken. */
  counts(): PipelineCounts;
}

// A variable, not a literal in new URL(): a bundler would otherwise copy the bare .ts as an asset.
const WORKER_MODULE = './parseWorker.ts';

/** The worker's module file, or null where it cannot run (bundled, or not a file URL). */
function workerEntry(): URL | null {
  try {
    const url = new URL(WORKER_MODULE, import.meta.url);
    return url.protocol === 'file:' && fs.existsSync(fileURLToPath(url)) ? url : null;
  } catch {
    return null;
  }
}

export function startParseWorker(task: ParseTask, signal?: AbortSignal): ParsedStream | null {
  const entry = workerEntry();
  if (!entry) return null;
  let worker: Worker;
  try {
    // A small young generation: the worker's garbage is all short-lived (a record's parse), and
    // V8's default let its heap float ~60 MB higher for nothing.
    worker = new Worker(entry, { workerData: task, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
  } catch {
    return null;
  }
  const queue: WorkerMessage[] = [];
  let failure: Error | null = null;
  let exited = false;
  let notify: (() => void) | null = null;
  let counts: PipelineCounts | null = null;
  const poke = () => {
    notify?.();
    notify = null;
  };
  worker.on('message', (message: WorkerMessage) => {
    queue.push(message);
    poke();
  });
  worker.on('error', (error) => {
    failure ??= new LedgerError('INTERNAL', `The import's parse worker failed: ${error.message}`);
    poke();
  });
  worker.on('exit', () => {
    exited = true;
    poke();
  });
  const onAbort = () => {
    failure ??= new CancelledError('Import');
    void worker.terminate();
    poke();
  };
  signal?.addEventListener('abort', onAbort, { once: true });

  async function* batches(): AsyncIterable<ParsedBatch> {
    try {
      for (;;) {
        if (failure) throw failure;
        const message = queue.shift();
        if (!message) {
          if (exited) throw new LedgerError('INTERNAL', 'The import’s parse worker stopped before the end of the file.');
          await new Promise<void>((resolve) => (notify = resolve));
          continue;
        }
        if (message.kind === 'error') throw new LedgerError(message.code, message.message, message.details);
        if (message.kind === 'done') {
          counts = message.counts;
          return;
        }
        worker.postMessage('ack');
        yield { outcomes: unpackChunk(message.chunk), bytes: message.chunk.bytes, records: message.chunk.records };
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      await worker.terminate();
    }
  }

  return {
    batches: batches(),
    counts: () => {
      if (!counts) throw new LedgerError('INTERNAL', 'The import’s parse worker has not finished.');
      return counts;
    },
  };
}
