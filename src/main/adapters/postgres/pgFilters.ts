// The WHERE clauses of the PostgreSQL reader, built from a layout's SQL expressions with every
// value passed as a parameter ($1, $2 …). Same semantics as the SQLite stores (store/logFilter.ts):
// time ranges through shared/timeRange.ts, actor filters through shared/actorFilter.ts.
import { parseActorFilter, type ActorFilter } from '../../../shared/actorFilter.ts';
import { positiveInt } from '../../store/limits.ts';
import { timeRangeOf, type LogQuery } from '../../store/logFilter.ts';
import type { PgLayout, SqlExpr } from './layout.ts';
import type { PgLayoutHints } from './pgLayoutHints.ts';

/** Collects parameter values; `add` returns the placeholder. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export type HintedLayout = PgLayout & { hints?: PgLayoutHints };

/** `e`'s stream is the one named by the text parameter `param` (index-friendly when the layout says how). */
export function eventsOfStream(layout: HintedLayout, param: string): SqlExpr {
  return layout.hints?.eventsOfStream?.(param) ?? `${layout.columns.streamId} = ${param}`;
}

/** Conditions every row meets: the layout's own (e.g. no tombstones). */
export function alwaysWhere(layout: PgLayout): string[] {
  return layout.eventFilter ? [`(${layout.eventFilter})`] : [];
}

/** LIKE pattern of an actor glob (SQLite GLOB with `[c]` for a literal c): `*` → `%`, the rest literal. */
export function globToLike(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    let c = glob[i];
    if (c === '*') {
      out += '%';
      continue;
    }
    if (c === '[' && glob[i + 2] === ']') {
      c = glob[i + 1];
      i += 2;
    }
    out += c === '%' || c === '_' || c === '\\' ? `\\${c}` : c;
  }
  return out;
}

const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** An actor filter on `column`: exact with =, prefix with starts_with, a pattern with LIKE (all case-sensitive). */
export function actorWhere(filter: ActorFilter, column: SqlExpr, params: SqlParams): string[] {
  if (filter.kind === 'exact') return [`${column} = ${params.add(filter.actor)}`];
  const where = [`starts_with(${column}, ${params.add(filter.prefix)})`];
  if (filter.kind === 'pattern') where.push(`${column} LIKE ${params.add(globToLike(filter.glob))}`);
  return where;
}

/** The same filter ignoring case (lower() on both sides): for "did you mean" suggestions. */
export function actorWhereIgnoringCase(filter: ActorFilter, column: SqlExpr, params: SqlParams, startsWith: boolean): string[] {
  const folded = `lower(${column})`;
  if (filter.kind === 'pattern') return [`${folded} LIKE lower(${params.add(globToLike(filter.glob))})`];
  const text = filter.kind === 'exact' ? filter.actor : filter.prefix;
  if (filter.kind === 'prefix' || startsWith) return [`${folded} LIKE lower(${params.add(likeLiteral(text) + '%')})`];
  return [`${folded} = lower(${params.add(text)})`];
}

/** WHERE clauses of a global-log query over alias `e`. */
export function logWhere(layout: PgLayout, query: LogQuery, params: SqlParams): string[] {
  const c = layout.columns;
  const where = alwaysWhere(layout);
  // No lower bound unless asked: a mapped table's positions may start at 0.
  if (query.fromPosition !== undefined) {
    const from = params.add(positiveInt(query.fromPosition, 'fromPosition', 1));
    if (layout.globalOrder) {
      // Positions do not follow the read order here (Emmett reads by transaction, then position): a
      // page resumes at the row with that position, in read order, not at every higher position.
      const key = layout.globalOrder.join(', ');
      const at = [...alwaysWhere(layout), `${c.position} >= ${from}`].join(' AND ');
      where.push(`(${key}) >= (SELECT ${key} FROM ${layout.eventsTable} e WHERE ${at} ORDER BY ${c.position} LIMIT 1)`);
    } else where.push(`${c.position} >= ${from}`);
  }
  if (query.types && query.types.length > 0) where.push(`${c.type} = ANY(${params.add(query.types)}::text[])`);
  if (query.streamPrefix) where.push(`starts_with(${c.streamId}, ${params.add(query.streamPrefix)})`);
  const { fromMs, toMs, toExclusive } = timeRangeOf(query);
  if (fromMs !== null) where.push(`${c.recordedAtMs} >= ${params.add(fromMs)}`);
  // A date-only end is the start of the next day, excluded; a date-time end is included.
  if (toMs !== null) where.push(`${c.recordedAtMs} ${toExclusive ? '<' : '<='} ${params.add(toMs)}`);
  const actor = query.actor === undefined ? null : parseActorFilter(query.actor);
  if (actor) where.push(...actorWhere(actor, c.actor, params));
  if (query.correlationId !== undefined) where.push(`${c.correlationId} = ${params.add(query.correlationId)}`);
  if (query.causationId !== undefined) where.push(`${c.causationId} = ${params.add(query.causationId)}`);
  if (query.toPosition !== undefined) where.push(`${c.position} <= ${params.add(positiveInt(query.toPosition, 'toPosition', 0))}`);
  return where;
}

export const whereSql = (where: string[]) => (where.length > 0 ? `WHERE ${where.join(' AND ')}` : '');
