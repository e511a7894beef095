// The asynchronous reader contract over a synchronous SQLite reader. better-sqlite3 answers from
// the local file without I/O waits, so each method runs synchronously and long reads are handed
// out in chunks: a fold or an export awaits once per CHUNK events, not once per event, which keeps
// SQLite's speed while every caller is written for stores that really are asynchronous.
// ReadOptions of the short one-shot reads (readAll, listStreams) are ignored here: a local
// synchronous query cannot be interrupted and finishes before a cancel could arrive.
// The long whole-store reads (histogram, actors, a count of the global log) of a reader that offers
// them as plans run on a read worker instead (readWorker.ts): its own read-only connection to the
// same file, so the thread that answers the UI stays free; a signal cancels them there.
import { CancelledError } from '../errors.ts';
import type { EventStoreReader, LocalStoreReader, ReadOptions, ReplayEvent, ReplayReadOptions } from './eventStore.ts';
import { inlineExecutor, runPlan, type ReadPlan } from './readPlans.ts';
import { createSqliteReadWorker, ReadWorkerUnavailable, type SqliteReadWorker } from './readWorker.ts';
import { registerSqliteHandle, sqliteHandleOf } from './sqliteHandle.ts';

/** Events per chunk: large enough that the await per chunk is noise, small enough to stay responsive. */
export const CHUNK = 2000;

/** Groups an iterator's items into arrays of `size`, checking `signal` between chunks. */
export async function* chunked<T>(items: () => Iterator<T>, options: ReadOptions = {}, size = CHUNK, what = 'The read'): AsyncGenerator<T[]> {
  if (options.signal?.aborted) throw new CancelledError(what);
  const iterator = items();
  try {
    for (;;) {
      const chunk: T[] = [];
      for (let i = 0; i < size; i++) {
        const step = iterator.next();
        if (step.done) {
          if (chunk.length > 0) yield chunk;
          return;
        }
        chunk.push(step.value);
      }
      yield chunk;
      if (options.signal?.aborted) throw new CancelledError(what);
    }
  } finally {
    iterator.return?.();
  }
}

async function* replayChunksOf(local: LocalStoreReader, streamId: string, from: number, to: number, options: ReplayReadOptions): AsyncGenerator<ReplayEvent[]> {
  // Only what the local reader needs: the metadata is read when (and only when) it was asked for.
  const localOptions = options.withMetadata ? { withMetadata: true } : undefined;
  if (!local.replayChunks) {
    yield* chunked(() => local.replayEvents(streamId, from, to, localOptions), options, CHUNK, `Replaying '${streamId}'`);
    return;
  }
  if (options.signal?.aborted) throw new CancelledError(`Replaying '${streamId}'`);
  const iterator = local.replayChunks(streamId, from, to, localOptions);
  try {
    for (;;) {
      const step = iterator.next();
      if (step.done) return;
      yield step.value;
      if (options.signal?.aborted) throw new CancelledError(`Replaying '${streamId}'`);
    }
  } finally {
    iterator.return?.();
  }
}

/** A one-shot read that was cancelled before it started does not start. */
async function unlessAborted<T>(options: ReadOptions | undefined, read: () => T): Promise<T> {
  if (options?.signal?.aborted) throw new CancelledError('The read');
  return read();
}

const wrappers = new WeakMap<LocalStoreReader, EventStoreReader>();

export interface AsyncReaderOptions {
  /**
   * Where the long whole-store reads run. 'worker' (default): on a read worker when the local
   * reader offers them as plans and reads a file; 'inline': on the reader's own connection (the
   * behaviour before workers; benches compare the two). A reader in memory always runs inline.
   */
  longReads?: 'worker' | 'inline';
}

/** The EventStoreReader for a local reader (one wrapper per reader, so identity checks hold; options count on the first call). */
export function toAsyncReader(local: LocalStoreReader, options: AsyncReaderOptions = {}): EventStoreReader {
  const existing = wrappers.get(local);
  if (existing) return existing;
  const plans = options.longReads === 'inline' ? undefined : local.readPlans;
  const file = plans?.file ?? null;
  let worker: SqliteReadWorker | null = null;
  /** A long read on the worker; inline when there is no file to open or no worker can start here. */
  const longRead = async <T>(readOptions: ReadOptions | undefined, plan: () => ReadPlan<T>, inline: () => T): Promise<T> => {
    if (readOptions?.signal?.aborted) throw new CancelledError('The read');
    if (!file) return inline();
    worker ??= createSqliteReadWorker(file);
    try {
      return await worker.run(plan(), readOptions?.signal);
    } catch (error) {
      if (error instanceof ReadWorkerUnavailable) return inline();
      throw error;
    }
  };
  const reader: EventStoreReader = {
    get info() {
      return local.info;
    },
    stats: async () => local.stats(),
    listStreams: (query, options) => unlessAborted(options, () => local.listStreams(query)),
    getStream: async (streamId) => local.getStream(streamId),
    readStream: async (streamId, query) => local.readStream(streamId, query),
    iterateStream: (streamId, query, options) => chunked(() => local.iterateStream(streamId, query), options),
    readAll: (query, options) => unlessAborted(options, () => local.readAll(query)),
    iterateAll: (query, options) => chunked(() => local.iterateAll(query), options),
    histogram: (query, buckets, options) =>
      longRead(options, () => plans!.histogram(query, buckets), () => local.histogram(query, buckets)),
    actors: (query, options) => longRead(options, () => plans!.actors(query), () => local.actors(query)),
    getEvent: async (ref) => local.getEvent(ref),
    iterateRaw: (scope, options) => chunked(() => local.iterateRaw(scope), options, CHUNK, 'The export'),
    // A stream's count is two lookups; the global log's may walk an index: on the worker.
    countEvents: (scope, options) =>
      scope.kind === 'stream' ? unlessAborted(options, () => local.countEvents(scope)) : longRead(options, () => plans!.countEvents(scope), () => local.countEvents(scope)),
    replayChunks: (streamId, from, to, options = {}) => replayChunksOf(local, streamId, from, to, options),
    versionAtTime: async (streamId, timeMs) => local.versionAtTime(streamId, timeMs),
    changeToken: async () => String(local.dataVersion()),
    close: async () => {
      const stopping = worker?.close();
      if (!local.info.readonly && stopping) {
        // A writable store's connection must be the last one to close: SQLite checkpoints the WAL
        // and deletes it only on the last close, and the worker's read-only connection cannot. Closed
        // first, the store left a -wal (and -shm) beside itself with frames not yet in the file.
        try {
          await stopping;
        } finally {
          local.close();
        }
        return;
      }
      // A read-only reader: both at once, as before workers, so the reader is closed when close()
      // returns its promise. The worker's thread ends when its statement returns (a private
      // snapshot's folder may be removed meanwhile: POSIX keeps an open file readable).
      local.close();
      await stopping;
    },
  };
  // The hour cache's reads (hourCounts.ts), where the local reader offers them: on the worker, or
  // inline on the reader's own connection when it has no file (a store in memory).
  const localPlans = local.readPlans;
  const handle = sqliteHandleOf(local);
  if (localPlans && (file || handle)) {
    const inline = <T>(plan: () => ReadPlan<T>) => () => {
      if (!handle) throw new ReadWorkerUnavailable('no connection to run the read on');
      return runPlan(plan(), inlineExecutor(handle));
    };
    if (localPlans.hourCounts) {
      const hourCounts = localPlans.hourCounts.bind(localPlans);
      reader.hourCounts = (from, to, options) => longRead(options, () => hourCounts(from, to), inline(() => hourCounts(from, to)));
    }
    if (localPlans.keepsHourCounts) {
      const keeps = localPlans.keepsHourCounts.bind(localPlans);
      // One lookup in sqlite_schema: on this connection when there is one (no worker to wake for it).
      reader.keepsHourCounts = async () => (handle ? inline(keeps)() : longRead(undefined, keeps, inline(keeps)));
    }
  }
  // The read-model tables, where the local reader keeps them (both SQLite readers do).
  if (local.listTables) {
    const listTables = local.listTables.bind(local);
    reader.listTables = (options) => unlessAborted(options, listTables);
  }
  if (local.readTableRow) {
    const readTableRow = local.readTableRow.bind(local);
    reader.readTableRow = (table, keyColumn, key, columns, options) => unlessAborted(options, () => readTableRow(table, keyColumn, key, columns));
  }
  const db = sqliteHandleOf(local);
  if (db) registerSqliteHandle(reader, db);
  wrappers.set(local, reader);
  return reader;
}

/** Collects an async iterable of chunks into one array (tests, small reads). */
export async function collect<T>(chunks: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const chunk of chunks) for (const item of chunk) out.push(item);
  return out;
}
