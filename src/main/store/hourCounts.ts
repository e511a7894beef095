// What the viewer's hour cache (hourCache.ts) reads from a store, one range of positions at a time:
// events per type and hour (with the first and last time among them) and, per block of ZONE_SIZE
// positions, the first and last time recorded there (a zone map: a page from a time starts at the
// first block that can hold it instead of walking every event before it). One GROUP BY over the
// range, on a read worker for SQLite stores; the same SQL shape for PostgreSQL (pgReader.ts).
import { allRows, getRow, type ReadPlan } from './readPlans.ts';

/** Positions per zone-map block: a page from a time walks at most one block of events it skips. */
export const ZONE_SIZE = 4096;

export interface HourCountsChunk {
  /** [type, hour, count, min time, max time] of the events in the range. */
  groups: [string, number, number, number, number][];
  /** [block (= floor(position / ZONE_SIZE)), min time, max time, events] of the range's events. */
  zones: [number, number, number, number][];
  /** The highest position seen in the range (null when it held none). */
  lastPosition: number | null;
  /** The first position above the range, or null when the store ends there (sparse positions skip gaps). */
  next: number | null;
}

export interface HourCountsSource {
  table: string;
  position: string;
  /** Epoch ms (an integer expression). */
  time: string;
  type: string;
  always?: string[];
}

/** floor(ms / 3,600,000) for any sign (SQLite's integer division truncates toward zero). */
const hourSql = (time: string) => `((${time}) / 3600000 - ((${time}) < 0 AND (${time}) % 3600000 != 0))`;

export function* hourCountsPlan(source: HourCountsSource, from: number, to: number): ReadPlan<HourCountsChunk> {
  const where = [...(source.always ?? []), `${source.position} >= @from`, `${source.position} <= @to`].join(' AND ');
  const rows = yield* allRows<[number, string, number, number, number, number, number]>(
    `SELECT ${source.position} / ${ZONE_SIZE} AS zone, ${source.type}, ${hourSql(source.time)} AS hour, count(*), min(${source.time}), max(${source.time}), max(${source.position}) FROM ${source.table} WHERE ${where} GROUP BY zone, ${source.type}, hour`,
    { from, to },
  );
  const nextRow = yield* getRow<[number | null]>(`SELECT min(${source.position}) FROM ${source.table} WHERE ${[...(source.always ?? []), `${source.position} > @to`].join(' AND ')}`, { to });
  return assembleChunk(rows, nextRow?.[0] ?? null);
}

/** Folds (zone, type, hour, count, min, max, max position) rows into a chunk. */
export function assembleChunk(rows: [number, string, number, number, number, number, number][], next: number | null): HourCountsChunk {
  const groups = new Map<string, [string, number, number, number, number]>();
  const zones = new Map<number, [number, number, number, number]>();
  let lastPosition: number | null = null;
  for (const [zone, type, hour, count, min, max, top] of rows) {
    const key = `${hour}\u0000${type}`;
    const group = groups.get(key);
    if (group) {
      group[2] += count;
      group[3] = Math.min(group[3], min);
      group[4] = Math.max(group[4], max);
    } else groups.set(key, [String(type), hour, count, min, max]);
    const block = zones.get(zone);
    if (block) {
      block[1] = Math.min(block[1], min);
      block[2] = Math.max(block[2], max);
      block[3] += count;
    } else zones.set(zone, [zone, min, max, count]);
    lastPosition = lastPosition === null ? top : Math.max(lastPosition, top);
  }
  return { groups: [...groups.values()], zones: [...zones.values()], lastPosition, next };
}
