// The WHERE clause of a global-log query (type, stream prefix, time range, actor, correlation and
// causation ids, position range), for any store whose columns can be named as SQL expressions.
import type { ReadAllQuery } from '../../shared/types.ts';
import { positiveInt } from './limits.ts';
import { parseActorFilter, type ActorFilter } from '../../shared/actorFilter.ts';
import { LedgerError } from '../errors.ts';
import { parseTimeRange, type TimeRange } from '../../shared/timeRange.ts';

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
  const { fromMs, toMs, toExclusive } = timeRangeOf(query);
  if (fromMs !== null) {
    where.push(`${columns.time} >= @fromTime`);
    params.fromTime = fromMs;
  }
  if (toMs !== null) {
    // A date-only end is the start of the next day, excluded; a date-time end is included.
    where.push(`${columns.time} ${toExclusive ? '<' : '<='} @toTime`);
    params.toTime = toMs;
  }
  const actor = query.actor === undefined ? null : parseActorFilter(query.actor);
  if (actor) {
    const clause = actorClause(actor, columns.actor);
    where.push(...clause.where);
    Object.assign(params, clause.params);
  }
  for (const key of ['correlationId', 'causationId'] as const) {
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

/** The exact instant range of a query's fromTime / toTime; INVALID_INPUT with the reason otherwise. */
export function timeRangeOf(query: Pick<LogQuery, 'fromTime' | 'toTime'>): TimeRange {
  const result = parseTimeRange(query.fromTime, query.toTime);
  if (!result.ok) throw new LedgerError('INVALID_INPUT', result.message, { field: result.which === 'to' ? 'toTime' : 'fromTime' });
  return result.range;
}

/**
 * SQL for an actor filter on `column`. Exact and prefix compare with = and a range, so the actor
 * index serves them; a pattern adds GLOB (case-sensitive like the rest) behind its literal prefix.
 */
export function actorClause(filter: ActorFilter, column: string): { where: string[]; params: Record<string, unknown> } {
  if (filter.kind === 'exact') return { where: [`${column} = @actor`], params: { actor: filter.actor } };
  const where = [`${column} >= @actorPrefix AND ${column} < @actorPrefixEnd`];
  const params: Record<string, unknown> = { actorPrefix: filter.prefix, actorPrefixEnd: filter.prefix + MAX_CHAR };
  if (filter.kind === 'pattern') {
    where.push(`${column} GLOB @actorGlob`);
    params.actorGlob = filter.glob;
  }
  return { where, params };
}
