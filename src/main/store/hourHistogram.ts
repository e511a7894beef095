// A histogram answered from event counts per type and hour instead of the events themselves: the
// store's own pre-aggregated table (event_type_hours, schema v2) or the viewer's hour cache
// (hourCache.ts). Slices of an hour or more are unions of whole hours (paging.ts bucketGrid), so
// they are sums of hour counts; only what hours cannot say is asked of the events, exactly: the
// hour a time range cuts into, the first and last event's time, and slices finer than an hour.
// Written as a generator of questions so the same rules run as SQL steps on a read worker
// (the table) or against a cache in memory (the viewer's), with the same answer as a full scan.
import type { Histogram } from '../../shared/types.ts';
import { bucketGrid, emptyHistogram, histogramFromCounts, HOUR_MS } from './paging.ts';

/**
 * Events of one type recorded in one hour (hour = floor(epoch ms / 3,600,000)): [type, hour, count,
 * min time, max time], the times when known. A tuple, so a cache can hand out its own rows unchanged.
 */
export type HourGroup = [type: string, hour: number, count: number, min?: number, max?: number];

/** Exact counts per type of the events in a time range, with the first and last time among them. */
export interface TimeSpanCounts {
  counts: Map<string, number>;
  min: number | null;
  max: number | null;
}

export type HourQuestion =
  /** The hour groups from `fromHour` to `toHour` (inclusive; null = unbounded) of `types` (null = all). */
  | { kind: 'groups'; fromHour: number | null; toHour: number | null; types: string[] | null }
  /** Exact counts of the events in [lo, hi) of `types`. */
  | { kind: 'exact'; lo: number; hi: number; types: string[] | null }
  /** The exact histogram of the events in [min, max] of `types` in `buckets` (slices finer than an hour). */
  | { kind: 'fine'; min: number; max: number; types: string[] | null; buckets: number };

export type HourPlan = Generator<HourQuestion, Histogram, unknown>;

/** The half-open time range [lo, hi) of a query (null = unbounded). */
export interface HalfOpenRange {
  lo: number | null;
  hi: number | null;
}

export function halfOpen(fromMs: number | null, toMs: number | null, toExclusive: boolean): HalfOpenRange {
  return { lo: fromMs, hi: toMs === null ? null : toExclusive ? toMs : toMs + 1 };
}

const hourOf = (ms: number) => Math.floor(ms / HOUR_MS);

export interface HourPlanOptions {
  /**
   * Take the hours a range cuts into as they are, without asking for their exact counts (a first
   * answer while the hour cache is still being built, flagged partial anyway).
   */
  approximateEdges?: boolean;
}

/** The histogram of the events of `types` in `range`, from hour groups plus the exact questions above. */
export function* hourHistogram(range: HalfOpenRange, types: string[] | null, buckets: number, options: HourPlanOptions = {}): HourPlan {
  const { lo, hi } = range;
  if (lo !== null && hi !== null && lo >= hi) return emptyHistogram();
  const fromHour = lo === null ? null : hourOf(lo);
  const toHour = hi === null ? null : hourOf(hi - 1);
  const groups = (yield { kind: 'groups', fromHour, toHour, types }) as HourGroup[];

  const hours = new Map<number, HourGroup[]>();
  for (const group of groups) {
    if (group[2] <= 0) continue;
    const list = hours.get(group[1]);
    if (list) list.push(group);
    else hours.set(group[1], [group]);
  }
  /** Replaces an hour's groups by the exact counts of its part inside [lo, hi). */
  function* exactHour(hour: number): Generator<HourQuestion, void, unknown> {
    const start = Math.max(hour * HOUR_MS, lo ?? -Infinity);
    const end = Math.min((hour + 1) * HOUR_MS, hi ?? Infinity);
    const span = (yield { kind: 'exact', lo: start, hi: end, types }) as TimeSpanCounts;
    const exact: HourGroup[] = [];
    for (const [type, count] of span.counts) if (count > 0) exact.push([type, hour, count, span.min ?? undefined, span.max ?? undefined]);
    if (exact.length > 0) hours.set(hour, exact);
    else hours.delete(hour);
    exactHours.add(hour);
  }
  const exactHours = new Set<number>();
  const inside = (g: HourGroup) => g[3] !== undefined && g[4] !== undefined && (lo === null || g[3] >= lo) && (hi === null || g[4] < hi);
  // The hours the range cuts into: whole groups when their known times lie inside, exact otherwise.
  for (const [cut, hour] of [
    [lo !== null && lo % HOUR_MS !== 0, fromHour],
    [hi !== null && hi % HOUR_MS !== 0, toHour],
  ] as const) {
    if (!cut || hour === null || exactHours.has(hour)) continue;
    const list = hours.get(hour);
    if (!list || list.every(inside) || options.approximateEdges) continue;
    yield* exactHour(hour);
  }
  if (hours.size === 0) return emptyHistogram();

  // The first and last event's times: known from the groups' own min / max, or asked for (again
  // while an hour turns out empty: a table that disagrees with its events must not break the plot).
  const ordered = () => [...hours.keys()].sort((a, b) => a - b);
  let sorted = ordered();
  while (sorted.length > 0 && !exactHours.has(sorted[0]) && hours.get(sorted[0])!.some((g) => g[3] === undefined)) {
    yield* exactHour(sorted[0]);
    sorted = ordered();
  }
  while (sorted.length > 0 && !exactHours.has(sorted[sorted.length - 1]) && hours.get(sorted[sorted.length - 1])!.some((g) => g[4] === undefined)) {
    yield* exactHour(sorted[sorted.length - 1]);
    sorted = ordered();
  }
  if (sorted.length === 0) return emptyHistogram();
  const firstGroups = hours.get(sorted[0])!;
  const lastGroups = hours.get(sorted[sorted.length - 1])!;
  const clamp = (ms: number) => Math.min(Math.max(ms, lo ?? -Infinity), hi === null ? Infinity : hi - 1);
  const min = clamp(Math.min(...firstGroups.map((g) => g[3] as number)));
  const max = clamp(Math.max(...lastGroups.map((g) => g[4] as number)));

  const grid = bucketGrid(min, max, buckets);
  if (grid.bucketMs < HOUR_MS) return (yield { kind: 'fine', min, max, types, buckets }) as Histogram;
  const rows: [number, string, number][] = [];
  let total = 0;
  for (const [hour, list] of hours) {
    const bucket = Math.floor((hour * HOUR_MS - grid.origin) / grid.bucketMs);
    for (const group of list) {
      rows.push([bucket, group[0], group[2]]);
      total += group[2];
    }
  }
  return histogramFromCounts(min, max, grid.bucketMs, rows, total, grid.origin);
}

/** Drives an hour plan with an asynchronous answerer (the viewer's cache). */
export async function runHourPlan(plan: HourPlan, answer: (question: HourQuestion) => Promise<unknown> | unknown): Promise<Histogram> {
  let next = plan.next();
  while (!next.done) next = plan.next(await answer(next.value));
  return next.value;
}
