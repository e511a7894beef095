// The WHERE clause of a global-log query (type, stream prefix, time range, actor, correlation and
// causation ids, position range), for any store whose columns can be named as SQL expressions.
import type { ReadAllQuery } from '../../shared/types.ts';
import { positiveInt } from './limits.ts';
import { parseTime } from './time.ts';

/** Highest valid code point: `prefix + MAX_CHAR` bounds every string that starts with `prefix`. */
export const MAX_CHAR = '\u{10FFFF}';

export interface LogColumns {
  position: string;
  streamId: string;
  type: string;
  /** Epoch milliseconds. */
  time: string;
  actor: string;
  correlationId: string;
  causationId: string;
  /** Conditions every row must meet (e.g. "not archived"). */
  always?: string[];
}

export type LogQuery = Omit<ReadAllQuery, 'limit'> & { toPosition?: number };

export function logFilter(query: LogQuery, columns: LogColumns): { where: string[]; params: Record<string, unknown> } {
  const where = [...(columns.always ?? []), `${columns.position} >= @from`];
  const params: Record<string, unknown> = { from: positiveInt(query.fromPosition, 'fromPosition', 1) };
  if (query.types && query.types.length > 0) {
    where.push(`${columns.type} IN (SELECT value FROM json_each(@types))`);
    params.types = JSON.stringify(query.types);
  }
  if (query.streamPrefix) {
    where.push(`${columns.streamId} >= @prefix AND ${columns.streamId} < @prefixEnd`);
    params.prefix = query.streamPrefix;
    params.prefixEnd = query.streamPrefix + MAX_CHAR;
  }
  if (query.fromTime !== undefined) {
    where.push(`${columns.time} >= @fromTime`);
    params.fromTime = parseTime(query.fromTime, 'start time');
  }
  if (query.toTime !== undefined) {
    where.push(`${columns.time} <= @toTime`);
    params.toTime = parseTime(query.toTime, 'end time');
  }
  for (const key of ['actor', 'correlationId', 'causationId'] as const) {
    if (query[key] !== undefined) {
      where.push(`${columns[key]} = @${key}`);
      params[key] = query[key];
    }
  }
  if (query.toPosition !== undefined) {
    where.push(`${columns.position} <= @toPosition`);
    params.toPosition = positiveInt(query.toPosition, 'toPosition', 0);
  }
  return { where, params };
}
