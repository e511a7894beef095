// The viewer's hour cache over a PostgreSQL store (Marten layout): counted by position with SQL
// on the server, the same answers as the store's own histogram and pages, files in the cache folder.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openMarten } from '../adapters/postgres/martenTestKit.ts';
import { generateMartenBulk } from '../testing/pgFixtures/marten.ts';
import { describePg } from '../testing/pgTest.ts';
import { tempDir } from '../testing/tempFiles.ts';
import { withClient } from '../testing/pgServer.ts';
import type { HistogramQuery } from '../../shared/types.ts';
import type { EventStoreReader } from './eventStore.ts';
import { HOUR_CACHE_FOLDER, openHourCache, type HourCache } from './hourCache.ts';

describePg('the hour cache on PostgreSQL', (pgx) => {
  let store: EventStoreReader;
  let cache: HourCache;
  const cacheDir = tempDir('hour-cache-pg');
  beforeAll(async () => {
    const url = await pgx.database('hour_cache_marten');
    await generateMartenBulk(url, { events: 30_000, streams: 60 });
    // Spread over ~47 days (the bulk fixture writes one event per ms), jittered out of order now and then.
    await withClient(url, (c) => c.query(`UPDATE mt_events SET timestamp = to_timestamp((${Date.UTC(2026, 0, 1)} + seq_id * 137000 + (seq_id * 7919 % 13) * 600000) / 1000.0)`));
    store = await openMarten(url);
    cache = (await openHourCache(store, { cacheDir, chunkPositions: 4000, extendInline: 0 }))!;
  }, 120_000);
  afterAll(async () => {
    await cache?.close();
    await store?.close();
  });

  it('answers partial while counting, then as the store does, and seeks pages from a time', async () => {
    expect(cache).not.toBeNull();
    expect((await cache.histogram({}, 100)).partial).toBeDefined();
    await cache.refresh();
    const stats = await store.stats();
    const first = Date.parse(stats.firstRecordedAt!);
    const last = Date.parse(stats.lastRecordedAt!);
    const at = (f: number) => new Date(first + (last - first) * f + 1234).toISOString();
    const cases: [HistogramQuery, number][] = [
      [{}, 100],
      [{ types: [stats.types[0].type] }, 50],
      [{ fromTime: at(0.2), toTime: at(0.7) }, 120],
      [{ fromTime: at(0.5), toTime: at(0.51) }, 120],
    ];
    for (const [query, buckets] of cases) {
      const viaCache = await cache.histogram(query, buckets);
      if (buckets === 100) expect(viaCache.bucketMs).toBeGreaterThanOrEqual(3_600_000); // whole hours: summed from the cache
      expect(viaCache.partial).toBeUndefined();
      expect(viaCache).toEqual(await store.histogram(query, buckets));
    }
    const page = { fromTime: at(0.8), limit: 40 };
    const sought = cache.seek(page);
    expect(sought.fromPosition).toBeGreaterThan(1);
    expect(await store.readAll(sought)).toEqual(await store.readAll(page));
    await cache.close();
    expect(fs.readdirSync(path.join(cacheDir, HOUR_CACHE_FOLDER))).toHaveLength(1);
  });
});
