import { beforeAll, describe, expect, it } from 'vitest';
import { tempStore } from '../testing/tempFiles.ts';
import { toAsyncReader } from './asyncReader.ts';
import type { EventStore } from './eventStore.ts';
import { sqliteHandleOf } from './sqliteHandle.ts';
import { expectedHistogram, HISTOGRAM_QUERIES, histogramCells, sampleTimedEvents } from '../testing/histogramOracle.ts';

const T0 = Date.parse('2026-03-01T00:00:00Z');

/** Fills event_type_hours from the events, as the append path of schema v2 keeps it. */
function fillHourTable(store: EventStore): void {
  const db = sqliteHandleOf(store)!;
  db.exec(`CREATE TABLE IF NOT EXISTS event_type_hours (type TEXT NOT NULL, hour INTEGER NOT NULL, event_count INTEGER NOT NULL, PRIMARY KEY (type, hour)) WITHOUT ROWID;
    DELETE FROM event_type_hours;
    INSERT INTO event_type_hours SELECT type, recorded_at / 3600000, count(*) FROM events GROUP BY 1, 2;`);
}

const QUERIES = HISTOGRAM_QUERIES;

describe('histogram from event_type_hours', () => {
  const events = sampleTimedEvents(T0);
  let withTable: EventStore;
  let without: EventStore;
  beforeAll(() => {
    withTable = tempStore();
    without = tempStore();
    for (const store of [withTable, without]) {
      for (let i = 0; i < events.length; i += 100) store.append(`s-${i / 100}`, events.slice(i, i + 100));
    }
    fillHourTable(withTable);
    sqliteHandleOf(without)!.exec('DROP TABLE IF EXISTS event_type_hours');
  });

  it.each(QUERIES)('answers %s exactly as counting every event does, with and without the table', (_, query, buckets) => {
    const want = expectedHistogram(events, query, buckets);
    for (const store of [withTable, without]) {
      const h = store.histogram(query, buckets);
      expect(h.total).toBe(want.total);
      expect([h.from, h.to, h.bucketMs]).toEqual([want.from, want.to, want.bucketMs]);
      expect(histogramCells(h)).toEqual(want.counts);
    }
  });

  it('reads the table, not the events, for whole hours (a count changed in the table shows)', () => {
    const db = sqliteHandleOf(withTable)!;
    const [type, hour] = db.prepare('SELECT type, hour FROM event_type_hours ORDER BY hour LIMIT 1 OFFSET 40').raw().get() as [string, number];
    db.prepare('UPDATE event_type_hours SET event_count = event_count + 1000 WHERE type = ? AND hour = ?').run(type, hour);
    try {
      expect(withTable.histogram({}, 120).total).toBe(events.length + 1000);
      expect(without.histogram({}, 120).total).toBe(events.length);
      // A filter the table cannot answer (an actor, a stream prefix) still counts the events.
      expect(withTable.histogram({ streamPrefix: 's-' }, 120).total).toBe(events.length);
    } finally {
      fillHourTable(withTable);
    }
  });

  it('checks the first and last hours against the events: a table row with no events behind it is not plotted', () => {
    const db = sqliteHandleOf(withTable)!;
    const [firstHour] = db.prepare('SELECT min(hour) FROM event_type_hours').raw().get() as [number];
    db.prepare('INSERT INTO event_type_hours VALUES (?, ?, ?), (?, ?, ?)').run('Added', firstHour - 50, 7, 'Paid', firstHour - 20, 3);
    try {
      const want = expectedHistogram(events, {}, 120);
      const h = withTable.histogram({}, 120);
      expect([h.from, h.to, h.total]).toEqual([want.from, want.to, want.total]);
      expect(histogramCells(h)).toEqual(want.counts);
    } finally {
      fillHourTable(withTable);
    }
  });

  it('gives the same answer on the read worker', async () => {
    const reader = toAsyncReader(withTable);
    const [name, query, buckets] = QUERIES[2];
    expect(name).toMatch(/cut inside/);
    const want = expectedHistogram(events, query, buckets);
    const h = await reader.histogram(query, buckets);
    expect(h.total).toBe(want.total);
    expect(histogramCells(h)).toEqual(want.counts);
  });
});
