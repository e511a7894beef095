// Paging and aggregation shapes shared by every store reader (native and adapters), so each reader
// only says how to fetch rows and the page / iteration / histogram rules stay in one place.
import type { Histogram, Page, ReadAllQuery, ReadStreamQuery, StoredEvent } from '../../shared/types.ts';
import { toIsoTime } from './time.ts';

/** Rows fetched with LIMIT limit + 1 → the page's events and its keyset cursor (the next version or position). */
export function eventPage(items: StoredEvent[], limit: number, nextOf: (last: StoredEvent) => number): Page<StoredEvent, number> {
  const more = items.length > limit;
  if (more) items.pop();
  const last = items[items.length - 1];
  return { items, next: more && last ? nextOf(last) : null };
}

/** The keyset cursor after `last` when reading a stream forward or backward. */
export function nextVersion(direction: ReadStreamQuery['direction']): (last: StoredEvent) => number {
  return direction === 'backward' ? (last) => last.version - 1 : (last) => last.version + 1;
}

/** Follows readStream's pages lazily, `chunk` events at a time. */
export function* followStreamPages(
  readStream: (streamId: string, query: ReadStreamQuery) => Page<StoredEvent, number>,
  streamId: string,
  query: Omit<ReadStreamQuery, 'limit'>,
  chunk: number,
): IterableIterator<StoredEvent> {
  let cursor: ReadStreamQuery = { ...query, limit: chunk };
  for (;;) {
    const page = readStream(streamId, cursor);
    yield* page.items;
    if (page.next === null) return;
    cursor = query.direction === 'backward' ? { ...cursor, toVersion: page.next } : { ...cursor, fromVersion: page.next };
  }
}

/** Follows readAll's pages lazily, `chunk` events at a time. */
export function* followAllPages(readAll: (query: ReadAllQuery) => Page<StoredEvent, number>, query: Omit<ReadAllQuery, 'limit'>, chunk: number): IterableIterator<StoredEvent> {
  let cursor: ReadAllQuery = { ...query, limit: chunk };
  for (;;) {
    const page = readAll(cursor);
    yield* page.items;
    if (page.next === null) return;
    cursor = { ...cursor, fromPosition: page.next };
  }
}

/**
 * Reads rows in keyset chunks: `fetch(cursor)` returns at most `chunk` rows from `cursor` on, and
 * `after(last)` is the cursor that follows the chunk's last row. Ends at a short chunk, or when the
 * cursor passes `until` (an empty range costs no query).
 */
export function* keysetChunks<R>(fetch: (cursor: number) => R[], from: number, after: (last: R) => number, chunk: number, until = Infinity): IterableIterator<R[]> {
  for (let cursor = from; cursor <= until; ) {
    const rows = fetch(cursor);
    if (rows.length > 0) yield rows;
    if (rows.length < chunk) return;
    cursor = after(rows[rows.length - 1]);
  }
}

/** Width of one histogram slice: the range split into at most 1000 buckets, rounded up to whole seconds so edges read well. */
export function bucketWidth(min: number, max: number, buckets: number): number {
  const count = Math.max(1, Math.min(1000, Math.floor(buckets)));
  return Math.max(1000, Math.ceil((max - min + 1) / count / 1000) * 1000);
}

export const HOUR_MS = 3_600_000;

/** Where a histogram's slices start and how wide they are. */
export interface BucketGrid {
  origin: number;
  bucketMs: number;
}

/**
 * The slices of a histogram over [min, max]. Up to an hour wide they start at `min` and are whole
 * seconds (bucketWidth); wider, they are whole hours starting on an hour (UTC), so every slice is a
 * union of whole hours and pre-aggregated hour counts (event_type_hours, the viewer's hour cache)
 * answer it without reading the events. A scan gives the same slices, so both answers agree.
 */
export function bucketGrid(min: number, max: number, buckets: number): BucketGrid {
  const width = bucketWidth(min, max, buckets);
  if (width < HOUR_MS) return { origin: min, bucketMs: width };
  const bucketMs = Math.ceil(width / HOUR_MS) * HOUR_MS;
  const origin = Math.floor(min / HOUR_MS) * HOUR_MS;
  return { origin, bucketMs };
}

/** Assembles a histogram from (bucket index, type, count) rows over [min, max], slices from `origin` (default min). */
export function histogramFromCounts(min: number, max: number, bucketMs: number, rows: [number, string, number][], total: number, origin = min): Histogram {
  const types = [...new Set(rows.map((r) => r[1]))].sort();
  const typeIndex = new Map(types.map((t, i) => [t, i]));
  const slots = Math.floor((max - origin) / bucketMs) + 1;
  const out = Array.from({ length: slots }, (_, i) => ({ start: toIsoTime(origin + i * bucketMs), counts: new Array<number>(types.length).fill(0) }));
  for (const [bucket, type, n] of rows) out[bucket].counts[typeIndex.get(type) as number] += n;
  return { from: toIsoTime(min), to: toIsoTime(max), bucketMs, types, buckets: out, total };
}

export const emptyHistogram = (): Histogram => ({ from: null, to: null, bucketMs: 0, types: [], buckets: [], total: 0 });
