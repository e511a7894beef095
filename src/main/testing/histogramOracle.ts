// Test oracle for histograms: the answer counted in plain JS from the events themselves, to check
// every path (scan, event_type_hours, the viewer's hour cache) against one independent count.
import type { Histogram, HistogramQuery } from '../../shared/types.ts';
import { timeRangeOf } from '../store/logFilter.ts';
import { bucketGrid, HOUR_MS } from '../store/paging.ts';

export interface OracleEvent {
  type: string;
  recordedAt: number;
}

/** Deterministic pseudo-random events over ~40 days from t0, out of position order now and then. */
export function sampleTimedEvents(t0: number, count = 3000, types = ['Added', 'Removed', 'Paid']): OracleEvent[] {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, (_, i) => ({ type: types[Math.floor(next() * types.length)], recordedAt: t0 + Math.floor(i * 1150 * 1000 + next() * 7 * HOUR_MS) }));
}

export function expectedHistogram(events: OracleEvent[], query: HistogramQuery, buckets: number) {
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

/** A histogram's non-zero cells as "bucket|type" → count, to compare with expectedHistogram. */
export function histogramCells(h: Histogram): Map<string, number> {
  const out = new Map<string, number>();
  h.buckets.forEach((b, i) => b.counts.forEach((n, t) => n > 0 && out.set(`${i}|${h.types[t]}`, n)));
  return out;
}

/** Queries that exercise whole hours, cut hours, date-only ends and slices finer than an hour (for events from 2026-03-01). */
export const HISTOGRAM_QUERIES: [string, HistogramQuery, number][] = [
  ['the whole store', {}, 120],
  ['one type', { types: ['Paid'] }, 120],
  ['two types, a range cut inside hours', { types: ['Added', 'Paid'], fromTime: '2026-03-05T10:17:23.456Z', toTime: '2026-03-30T07:45:00.001Z' }, 60],
  ['a range from a time only', { fromTime: '2026-03-20T13:30:00Z' }, 200],
  ['a date-only end (excluded)', { toTime: '2026-03-21' }, 100],
  ['slices finer than an hour', { fromTime: '2026-03-10T03:10:00Z', toTime: '2026-03-11T01:00:00Z' }, 120],
  ['a range inside one hour', { fromTime: '2026-03-12T05:10:00Z', toTime: '2026-03-12T05:50:00Z' }, 10],
];
