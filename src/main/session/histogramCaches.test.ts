// The timeline's histogram and pages from a time through the handlers, with the open store's hour
// cache: answers from the store's own events, kept in the cache folder, never beside the store.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { writeDemoStore } from '../demo/generateDemo.ts';
import { createEventHandlers } from '../ipc/handlers/eventHandlers.ts';
import { fileFingerprint, tempDir } from '../testing/tempFiles.ts';
import { createHistogramCaches } from './histogramCaches.ts';
import { createSession } from './session.ts';
import { HOUR_CACHE_FOLDER } from '../store/hourCache.ts';

it('answers the timeline from the hour cache exactly as the store does, and seeks pages from a time', async () => {
  const dir = tempDir('histogram-caches');
  const file = path.join(dir, 'store.db');
  writeDemoStore(file, { streams: 40, events: 12_000, longStreams: 0, longEvents: 2, seed: 'histogram-caches' });
  // A schema-1 file (no event_type_hours): the hour cache is what answers its histograms.
  const downgrade = new Database(file);
  downgrade.exec('DROP TABLE event_type_hours; PRAGMA user_version = 1');
  downgrade.close();
  const cacheDir = path.join(dir, 'cache');
  const session = createSession({ paths: { config: path.join(dir, 'config'), cache: cacheDir, exports: path.join(dir, 'exports') }, tailIntervalMs: 0 });
  const histograms = createHistogramCaches({ session, cacheDir });
  const cached = createEventHandlers({ session, histograms });
  const plain = createEventHandlers({ session });
  try {
    await session.open(file);
    const before = fileFingerprint(file);
    const stats = session.current()!.stats;
    for (const query of [{}, { types: [stats.types[0].type] }, { fromTime: '2026-03-01T10:30:00Z', toTime: '2026-07-01' }]) {
      const viaCache = await cached['events/histogram']({ ...query, buckets: 90 });
      expect(viaCache.partial).toBeUndefined(); // a small store is counted before the first answer
      expect(viaCache).toEqual(await plain['events/histogram']({ ...query, buckets: 90 }));
    }
    const middle = new Date((Date.parse(stats.firstRecordedAt!) + Date.parse(stats.lastRecordedAt!)) / 2).toISOString();
    for (const query of [{ fromTime: middle, limit: 100 }, { fromTime: middle, types: [stats.types[1].type], limit: 50 }]) {
      expect(await cached['events/list'](query)).toEqual(await plain['events/list'](query));
    }
    expect(fileFingerprint(file)).toEqual(before);
    await histograms.close();
    expect(fs.readdirSync(path.join(cacheDir, HOUR_CACHE_FOLDER))).toHaveLength(1);
    expect(fs.readdirSync(dir).filter((name) => name.startsWith('store.db'))).toEqual(['store.db']);
    expect((await histograms.clear()).bytes).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(cacheDir, HOUR_CACHE_FOLDER))).toBe(false);
  } finally {
    await session.close();
  }
});
