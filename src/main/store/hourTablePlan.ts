// The histogram of a store of ours that keeps event_type_hours (schema v2: events per type and
// hour, kept by the append path): hour groups from that table, the few exact questions of
// hourHistogram.ts from the events through events_by_time. Whole-store at 10M events: a few
// thousand rows of the table instead of a scan of every event.
import type { Histogram, HistogramQuery } from '../../shared/types.ts';
import { hourHistogram, halfOpen, type HourGroup, type TimeSpanCounts } from './hourHistogram.ts';
import { timeRangeOf } from './logFilter.ts';
import { allRows, getRow, type ReadPlan } from './readPlans.ts';

export const HOUR_TABLE = 'event_type_hours';

/** Whether the hour table can answer the query: it knows types and times, nothing else. */
export function hourTableServes(query: HistogramQuery & { fromPosition?: number; toPosition?: number }): boolean {
  return !query.streamPrefix && query.actor === undefined && query.correlationId === undefined && query.causationId === undefined && query.fromPosition === undefined && query.toPosition === undefined;
}

/** Feature detection: v1 stores (and a bulk load before its end) have no such table. */
export function* hasHourTable(): ReadPlan<boolean> {
  return (yield* getRow("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?", HOUR_TABLE)) !== undefined;
}

const typesOf = (query: HistogramQuery) => (query.types && query.types.length > 0 ? query.types : null);

/**
 * The histogram from the hour table. `fine` is the exact plan for [min, max] (slices under an
 * hour). The exact counts read events_by_time; `+type` keeps SQLite off events_by_type there,
 * which would walk every event of the type instead of one hour of events.
 */
export function* hourTableHistogramPlan(
  query: HistogramQuery,
  buckets: number,
  fine: (min: number, max: number, types: string[] | null, buckets: number) => ReadPlan<Histogram>,
): ReadPlan<Histogram> {
  const { fromMs, toMs, toExclusive } = timeRangeOf(query);
  const plan = hourHistogram(halfOpen(fromMs, toMs, toExclusive), typesOf(query), buckets);
  let next = plan.next();
  while (!next.done) {
    const question = next.value;
    let answer: unknown;
    if (question.kind === 'groups') {
      const where = ['1'];
      const params: Record<string, unknown> = {};
      if (question.fromHour !== null) {
        where.push('hour >= @fromHour');
        params.fromHour = question.fromHour;
      }
      if (question.toHour !== null) {
        where.push('hour <= @toHour');
        params.toHour = question.toHour;
      }
      if (question.types) {
        where.push('type IN (SELECT value FROM json_each(@types))');
        params.types = JSON.stringify(question.types);
      }
      const rows = yield* allRows<[string, number, number]>(`SELECT type, hour, event_count FROM ${HOUR_TABLE} WHERE ${where.join(' AND ')}`, params);
      answer = rows.map(([type, hour, count]): HourGroup => [type, hour, count]);
    } else if (question.kind === 'exact') {
      const params: Record<string, unknown> = { lo: question.lo, hi: question.hi };
      let typeClause = '';
      if (question.types) {
        typeClause = ' AND +type IN (SELECT value FROM json_each(@types))';
        params.types = JSON.stringify(question.types);
      }
      const rows = yield* allRows<[string, number, number, number]>(
        `SELECT type, count(*), min(recorded_at), max(recorded_at) FROM events WHERE recorded_at >= @lo AND recorded_at < @hi${typeClause} GROUP BY type`,
        params,
      );
      const span: TimeSpanCounts = { counts: new Map(), min: null, max: null };
      for (const [type, count, min, max] of rows) {
        span.counts.set(type, count);
        span.min = span.min === null ? min : Math.min(span.min, min);
        span.max = span.max === null ? max : Math.max(span.max, max);
      }
      answer = span;
    } else {
      answer = yield* fine(question.min, question.max, question.types, question.buckets);
    }
    next = plan.next(answer);
  }
  return next.value;
}
