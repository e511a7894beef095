import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedHistogram, HISTOGRAM_QUERIES, histogramCells, sampleTimedEvents, type OracleEvent } from '../testing/histogramOracle.ts';
import { fileFingerprint, tempDir } from '../testing/tempFiles.ts';
import { toAsyncReader } from './asyncReader.ts';
import type { EventStore, EventStoreReader } from './eventStore.ts';
import { HOUR_CACHE_FOLDER, openHourCache, type HourCache } from './hourCache.ts';
import { openStore } from './openStore.ts';
import { sqliteHandleOf } from './sqliteHandle.ts';
import Database from 'better-sqlite3';
import { openForViewing } from '../adapters/openForViewing.ts';
import { writeEmmettFile, type EmmettBatch } from '../testing/emmettFile.ts';

const T0 = Date.parse('2026-03-01T00:00:00Z');

/** A v1 store of `events` (no event_type_hours: the viewer's cache is what makes histograms cheap). */
function writeStore(file: string, events: OracleEvent[]): EventStore {
  const store = openStore(file, { readonly: false, create: true });
  for (let i = 0; i < events.length; i += 100) store.append(`s-${i / 100}`, events.slice(i, i + 100));
  // A schema-1 file: without the table and saying so (a writable open migrates it, as for any v1 store).
  sqliteHandleOf(store)!.exec('DROP TABLE IF EXISTS event_type_hours; PRAGMA user_version = 1');
  return store;
}

/** The reader with a count of the hour reads it answered. */
function counting(reader: EventStoreReader): EventStoreReader & { reads: number } {
  const wrapped = Object.create(reader) as EventStoreReader & { reads: number };
  wrapped.reads = 0;
  wrapped.hourCounts = (from, to, options) => {
    wrapped.reads++;
    return reader.hourCounts!(from, to, options);
  };
  return wrapped;
}

describe('the viewer’s hour cache', () => {
  const dir = tempDir('hour-cache');
  const storeDir = path.join(dir, 'stores');
  const cacheDir = path.join(dir, 'cache');
  const file = path.join(storeDir, 'audited.db');
  const events = sampleTimedEvents(T0);
  let store: EventStore;
  let reader: EventStoreReader & { reads: number };
  let cache: HourCache;
  beforeAll(async () => {
    fs.mkdirSync(storeDir, { recursive: true });
    store = writeStore(file, events);
    reader = counting(toAsyncReader(store));
    cache = (await openHourCache(reader, { cacheDir, chunkPositions: 500, extendInline: 0 }))!;
  });
  afterAll(async () => {
    await cache?.close();
    store?.close();
  });

  it('answers at once while it counts, flagged partial, then exactly', async () => {
    const first = await cache.histogram({}, 120);
    expect(first.partial).toBeDefined();
    expect(first.partial!.events).toBe(events.length);
    expect(first.total).toBeLessThan(events.length);
    await cache.refresh();
    expect(cache.status()).toMatchObject({ state: 'ready', counted: events.length });
    expect(reader.reads).toBe(Math.ceil(events.length / 500));
  });

  it.each(HISTOGRAM_QUERIES)('answers %s as counting every event does', async (_, query, buckets) => {
    const want = expectedHistogram(events, query, buckets);
    const h = await cache.histogram(query, buckets);
    expect(h.partial).toBeUndefined();
    expect(h.total).toBe(want.total);
    expect([h.from, h.to, h.bucketMs]).toEqual([want.from, want.to, want.bucketMs]);
    expect(histogramCells(h)).toEqual(want.counts);
  });

  it('leaves filters the hours cannot answer to the store', async () => {
    const h = await cache.histogram({ streamPrefix: 's-1' }, 50);
    const viaStore = await reader.histogram({ streamPrefix: 's-1' }, 50);
    expect(h).toEqual(viaStore);
  });

  it('seeks a page from a time past the blocks before it, with the same page', async () => {
    // Enough events that whole blocks of positions lie before the times asked for.
    const big = path.join(storeDir, 'big.db');
    const many = sampleTimedEvents(T0, 20_000);
    const bigStore = writeStore(big, many);
    const bigReader = toAsyncReader(bigStore);
    const bigCache = (await openHourCache(bigReader, { cacheDir, chunkPositions: 5000 }))!;
    try {
      await bigCache.refresh();
      for (const query of [
        { fromTime: '2026-05-01T00:00:00Z', limit: 50 },
        { fromTime: '2026-06-15T12:00:00Z', types: ['Paid'], limit: 50 },
        { fromTime: '2026-04-02T00:00:00Z', toTime: '2026-04-03T00:00:00Z', limit: 100 },
        { fromTime: '2027-01-01T00:00:00Z', limit: 10 },
        { toTime: '2026-03-02T00:00:00Z', fromPosition: 5, limit: 10 },
      ]) {
        const sought = bigCache.seek(query);
        expect(await bigReader.readAll(sought)).toEqual(await bigReader.readAll(query));
        if (query.fromTime === '2026-05-01T00:00:00Z') expect(sought.fromPosition).toBeGreaterThan(4000);
      }
      expect(bigCache.seek({ limit: 5 })).toEqual({ limit: 5 });
    } finally {
      await bigCache.close();
      await bigReader.close();
    }
  });

  it('counts appended events by position before answering, exactly', async () => {
    const more = sampleTimedEvents(T0 + 50 * 86_400_000, 300);
    // Appended by this tool's writer (which keeps the hour table), the file then left as schema 1.
    const db = sqliteHandleOf(store)!;
    db.exec('CREATE TABLE event_type_hours (type TEXT NOT NULL, hour INTEGER NOT NULL, event_count INTEGER NOT NULL, PRIMARY KEY (type, hour)) WITHOUT ROWID');
    store.append('appended', more);
    db.exec('DROP TABLE event_type_hours');
    const all = [...events, ...more];
    const before = reader.reads;
    const tailCache = (await openHourCache(reader, { cacheDir, chunkPositions: 500 }))!; // reopens the file written above
    try {
      expect(tailCache.status().counted).toBe(events.length);
      const h = await tailCache.histogram({}, 120);
      const want = expectedHistogram(all, {}, 120);
      expect(h.partial).toBeUndefined();
      expect(h.total).toBe(all.length);
      expect(histogramCells(h)).toEqual(want.counts);
      expect(reader.reads - before).toBe(1); // the tail only
    } finally {
      await tailCache.close();
    }
  });

  it('waits for a count someone else started when little is left, so a small store answers exactly', async () => {
    const small = sampleTimedEvents(T0, 300);
    const smallStore = writeStore(path.join(tempDir('hour-cache-small'), 'small.db'), small);
    // Hour reads that take a while, as on a busy machine or a remote database.
    const slow = Object.create(toAsyncReader(smallStore)) as EventStoreReader;
    const inner = slow.hourCounts!.bind(slow);
    slow.hourCounts = async (from, to, options) => (await new Promise((r) => setTimeout(r, 50)), inner(from, to, options));
    const smallCache = (await openHourCache(slow, { cacheDir: path.join(dir, 'small-cache'), chunkPositions: 100 }))!;
    try {
      void smallCache.refresh(); // the timeline's first page from a time starts the count in the background
      expect(smallCache.status().state).toBe('building');
      const h = await smallCache.histogram({}, 120);
      expect(h.partial).toBeUndefined();
      expect(h.total).toBe(small.length);
      expect(histogramCells(h)).toEqual(expectedHistogram(small, {}, 120).counts);
    } finally {
      await smallCache.close();
      smallStore.close();
    }
  });

  it('a count that ends while the histogram asks how far the store goes is taken as done', async () => {
    const small = sampleTimedEvents(T0, 300);
    const smallStore = writeStore(path.join(tempDir('hour-cache-race'), 'small.db'), small);
    // The store's stats are slow (a remote database), its hour reads quick: the count ends first.
    const slowStats = Object.create(toAsyncReader(smallStore)) as EventStoreReader;
    const stats = slowStats.stats.bind(slowStats);
    slowStats.stats = async () => (await new Promise((r) => setTimeout(r, 400)), stats());
    const raceCache = (await openHourCache(slowStats, { cacheDir: path.join(dir, 'race-cache') }))!;
    try {
      void raceCache.refresh();
      const h = await raceCache.histogram({}, 120);
      expect(h.partial).toBeUndefined();
      expect(h.total).toBe(small.length);
    } finally {
      await raceCache.close();
      smallStore.close();
    }
  });

  it('keeps its files in the cache folder, never beside the audited store, and writes nothing to it', async () => {
    const fingerprint = fileFingerprint(file);
    await cache.close();
    expect(fs.readdirSync(storeDir).filter((name) => !/-(wal|shm)$/.test(name)).sort()).toEqual(['audited.db', 'big.db']);
    expect(fs.readdirSync(path.join(cacheDir, HOUR_CACHE_FOLDER)).length).toBeGreaterThan(0);
    expect(fileFingerprint(file)).toEqual(fingerprint);
  });

  it('never reuses the counts of a file rewritten under the same name', async () => {
    const other = sampleTimedEvents(T0 + 100 * 86_400_000, 700, ['Other']);
    const staging = path.join(dir, 'staging.db');
    writeStore(staging, other).close();
    await reader.close(); // its read worker too
    // The old file's WAL must not outlive it (a worker's connection may still be closing): a stale
    // WAL beside the new file would be read as the new file's.
    for (const suffix of ['-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    fs.renameSync(staging, file);
    store = openStore(file, { readonly: false });
    const rewritten = toAsyncReader(store);
    const fresh = (await openHourCache(rewritten, { cacheDir }))!;
    try {
      expect(fresh.status()).toMatchObject({ state: 'empty', counted: 0 });
      const h = await fresh.histogram({}, 30);
      expect(h.types).toEqual(['Other']);
      expect(histogramCells(h)).toEqual(expectedHistogram(other, {}, 30).counts);
    } finally {
      await fresh.close();
    }
  });
});

describe('the viewer’s hour cache on an Emmett SQLite store', () => {
  it('answers as the store does and seeks pages from a time (created is text: no index)', async () => {
    const dir = tempDir('hour-cache-emmett');
    const file = path.join(dir, 'emmett.db');
    const events = sampleTimedEvents(T0, 9000); // more than a zone-map block (4,096 positions)
    const batches: EmmettBatch[] = [];
    for (let i = 0; i < events.length; i += 300) batches.push([`cart-${i / 300}`, events.slice(i, i + 300).map((e) => ({ type: e.type, data: { at: e.recordedAt } }))]);
    await writeEmmettFile(file, batches);
    // Emmett stamps `created` itself: the fixture spreads it over the sample's times afterwards.
    const fixture = new Database(file);
    fixture.prepare("UPDATE emt_messages SET created = strftime('%Y-%m-%d %H:%M:%f', json_extract(message_data, '$.at') / 1000.0, 'unixepoch')").run();
    fixture.close();
    const store = await openForViewing(file);
    const cache = (await openHourCache(store, { cacheDir: path.join(dir, 'cache'), chunkPositions: 700 }))!;
    try {
      expect(store.info.format).toBe('emmett');
      await cache.refresh();
      for (const [, query, buckets] of HISTOGRAM_QUERIES) {
        const viaCache = await cache.histogram(query, buckets);
        expect(viaCache).toEqual(await store.histogram(query, buckets));
        expect(viaCache.total).toBe(expectedHistogram(events, query, buckets).total);
      }
      const page = { fromTime: '2026-05-25T00:00:00Z', limit: 30 };
      expect(cache.seek(page).fromPosition).toBeGreaterThan(1);
      expect(await store.readAll(cache.seek(page))).toEqual(await store.readAll(page));
    } finally {
      await cache.close();
      await store.close();
    }
  });
});
