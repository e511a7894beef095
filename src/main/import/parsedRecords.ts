// The importing thread's side of the parse worker (parseWorker.ts): starts it, receives its packed
// chunks as record outcomes, acknowledges each one as it is taken (the worker parses at most a few
// chunks ahead), and terminates it when the import stops early (cancel, error). Where the worker's
// module is not there to run, there is no worker and the import parses on its own thread with the
// same pipeline. From source (CLI, tests, bench) the module is parseWorker.ts; in the app's bundle
// it is parseWorker.js beside the main bundle (an entry of its own in electron.vite.config.ts).
import { Worker } from 'node:worker_threads';
import { words } from '../../shared/errorWords/index.ts';
import { CancelledError, errorFromInfo, LedgerError } from '../errors.ts';
import { unpackChunk, type ParseTask, type WorkerMessage } from './parsedChunks.ts';
import type { PipelineCounts, RecordOutcome } from './recordPipeline.ts';
import { workerEntry } from '../workerEntry.ts';

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

// Variables, not literals in new URL(): a bundler would otherwise copy the bare .ts as an asset.
const WORKER_MODULES = ['./parseWorker.ts', './parseWorker.js'];


/**
 * `fallback` parses on this thread instead when the worker fails to start (its 'error' event before
 * its first message: a module it cannot load where the app is packaged differently). `module` is
 * the worker's module (tests give one that fails).
 */
export function startParseWorker(task: ParseTask, signal?: AbortSignal, fallback?: () => ParsedStream, module: URL | null = workerEntry(WORKER_MODULES, import.meta.url)): ParsedStream | null {
  const entry = module;
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
  let heard = false;
  let startFailed = false;
  let replacement: ParsedStream | null = null;
  const poke = () => {
    notify?.();
    notify = null;
  };
  worker.on('message', (message: WorkerMessage) => {
    heard = true;
    queue.push(message);
    poke();
  });
  worker.on('error', (error) => {
    if (!heard && !failure) startFailed = true;
    failure ??= new LedgerError('INTERNAL', words('errorWords.importRun.workerFailed', { error: error.message }));
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
        if (failure && startFailed && fallback && !signal?.aborted) {
          await worker.terminate();
          replacement = fallback();
          yield* replacement.batches;
          return;
        }
        if (failure) throw failure;
        const message = queue.shift();
        if (!message) {
          if (exited) throw new LedgerError('INTERNAL', words('errorWords.importRun.workerStopped', {}));
          await new Promise<void>((resolve) => (notify = resolve));
          continue;
        }
        if (message.kind === 'error') throw errorFromInfo(message);
        if (message.kind === 'readHere') {
          // The worker could not open the copy's source (this thread has it open): as a worker that
          // could not start, the loop's first check parses here instead.
          startFailed = true;
          failure ??= new LedgerError('INTERNAL', words('errorWords.importRun.workerFailed', { error: 'the copy’s source could not be opened on the parse worker' }));
          continue;
        }
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
      if (replacement) return replacement.counts();
      if (!counts) throw new LedgerError('INTERNAL', 'The import’s parse worker has not finished.');
      return counts;
    },
  };
}
