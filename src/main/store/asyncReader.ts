// The asynchronous reader contract over a synchronous SQLite reader. better-sqlite3 answers from
// the local file without I/O waits, so each method runs synchronously and long reads are handed
// out in chunks: a fold or an export awaits once per CHUNK events, not once per event, which keeps
// SQLite's speed while every caller is written for stores that really are asynchronous.
// ReadOptions of the one-shot reads (readAll, listStreams, histogram, actors) are ignored here: a
// local synchronous query cannot be interrupted and finishes before a cancel could arrive.
import { CancelledError } from '../errors.ts';
import type { EventStoreReader, LocalStoreReader, ReadOptions, ReplayEvent, ReplayReadOptions } from './eventStore.ts';
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

/** The EventStoreReader for a local reader (one wrapper per reader, so identity checks hold). */
export function toAsyncReader(local: LocalStoreReader): EventStoreReader {
  const existing = wrappers.get(local);
  if (existing) return existing;
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
    histogram: (query, buckets, options) => unlessAborted(options, () => local.histogram(query, buckets)),
    actors: (query, options) => unlessAborted(options, () => local.actors(query)),
    getEvent: async (ref) => local.getEvent(ref),
    iterateRaw: (scope, options) => chunked(() => local.iterateRaw(scope), options, CHUNK, 'The export'),
    countEvents: async (scope) => local.countEvents(scope),
    replayChunks: (streamId, from, to, options = {}) => replayChunksOf(local, streamId, from, to, options),
    versionAtTime: async (streamId, timeMs) => local.versionAtTime(streamId, timeMs),
    changeToken: async () => String(local.dataVersion()),
    close: async () => local.close(),
  };
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
