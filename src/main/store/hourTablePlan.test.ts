import { beforeAll, describe, expect, it } from 'vitest';
import type { Histogram, HistogramQuery } from '../../shared/types.ts';
import { tempStore } from '../testing/tempFiles.ts';
import { toAsyncReader } from './asyncReader.ts';
import type { EventStore } from './eventStore.ts';
import { bucketGrid, HOUR_MS } from './paging.ts';
import { sqliteHandleOf } from './sqliteHandle.ts';
import { timeRangeOf } from './logFilter.ts';

const T0 = Date.parse('2026-03-01T00:00:00Z');
const TYPES = ['Added', 'Removed', 'Paid'];

/** Deterministic pseudo-random times over ~40 days, out of position order now and then. */
function sampleEvents(): { type: string; recordedAt: number }[] {
  let seed = 7;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: 3000 }, (_, i) => ({ type: TYPES[Math.floor(next() * 3)], recordedAt: T0 + Math.floor(i * 1150 * 1000 + next() * 7 * HOUR_MS) }));
}

/** The oracle: the same histogram counted in plain JS from the events themselves. */
function expected(events: { type: string; recordedAt: number }[], query: HistogramQuery, buckets: number) {
  const { fromMs, toMs, toExclusive } = timeRangeOf(query);
  const kept = events.filter(
    (e) => (!query.types?.length || query.types.includes(e.type)) && (fromMs === null || e.recordedAt >= fromMs) && (toMs === null || (toExclusive ? e.recordedAt < toMs : e.recordedAt <= toMs)),
  );
  const times = kept.map((e) => e.recordedAt);
  const min = Math.min(...times);
  const max = Math.max(...times);
  const { origin, bucketMs } = bucketGrid(min, max, buckets);
  const counts = new Map<string, number>();
  for (const e of kept) {
    const key = `${Math.floor((e.recordedAt - origin) / bucketMs)}|${e.type}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return { total: kept.length, from: new Date(min).toISOString(), to: new Date(max).toISOString(), bucketMs, counts };
}

function flatten(h: Histogram): Map<string, number> {
  const out = new Map<string, number>();
  h.buckets.forEach((b, i) => b.counts.forEach((n, t) => n > 0 && out.set(`${i}|${h.types[t]}`, n)));
  return out;
}

/** Fills event_type_hours from the events, as the append path of schema v2 keeps it. */
function fillHourTable(store: EventStore): void {
  const db = sqliteHandleOf(store)!;
  db.exec(`CREATE TABLE IF NOT EXISTS event_type_hours (type TEXT NOT NULL, hour INTEGER NOT NULL, event_count INTEGER NOT NULL, PRIMARY KEY (type, hour)) WITHOUT ROWID;
    DELETE FROM event_type_hours;
    INSERT INTO event_type_hours SELECT type, recorded_at / 3600000, count(*) FROM events GROUP BY 1, 2;`);
}

const QUERIES: [string, HistogramQuery, number][] = [
  ['the whole store', {}, 120],
  ['one type', { types: ['Paid'] }, 120],
  ['two types, a range cut inside hours', { types: ['Added', 'Paid'], fromTime: '2026-03-05T10:17:23.456Z', toTime: '2026-03-30T07:45:00.001Z' }, 60],
  ['a range from a time only', { fromTime: '2026-03-20T13:30:00Z' }, 200],
  ['a date-only end (excluded)', { toTime: '2026-03-21' }, 100],
  ['slices finer than an hour', { fromTime: '2026-03-10T03:10:00Z', toTime: '2026-03-11T01:00:00Z' }, 120],
  ['a range inside one hour', { fromTime: '2026-03-12T05:10:00Z', toTime: '2026-03-12T05:50:00Z' }, 10],
];

describe('histogram from event_type_hours', () => {
  const events = sampleEvents();
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
    const want = expected(events, query, buckets);
    for (const store of [withTable, without]) {
      const h = store.histogram(query, buckets);
      expect(h.total).toBe(want.total);
      expect([h.from, h.to, h.bucketMs]).toEqual([want.from, want.to, want.bucketMs]);
      expect(flatten(h)).toEqual(want.counts);
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

  it('gives the same answer on the read worker', async () => {
    const reader = toAsyncReader(withTable);
    const [name, query, buckets] = QUERIES[2];
    expect(name).toMatch(/cut inside/);
    const want = expected(events, query, buckets);
    const h = await reader.histogram(query, buckets);
    expect(h.total).toBe(want.total);
    expect(flatten(h)).toEqual(want.counts);
  });
});
