// The store's actors with their event counts, and how an actor filter matched (with suggestions
// ignoring case when it matched nothing): the timeline's actor suggestions and its "did you mean".
// Shared by every reader: each says which table and actor expression to count over. Written as a
// read plan (readPlans.ts), so it runs on the reader's connection or on a read worker alike.
import type Database from 'better-sqlite3';
import { describeActorFilter, parseActorFilter, type ActorCount, type ActorFilter, type ActorMatch, type ActorSummary, type ActorsQuery } from '../../shared/actorFilter.ts';
import { pageLimit } from './limits.ts';
import { actorClause } from './logFilter.ts';
import { allRows, foldText, getRow, inlineExecutor, runPlan, type ReadPlan } from './readPlans.ts';

const TOP_MATCHES = 10;
const SUGGESTIONS = 5;

export interface ActorSource {
  /** FROM clause, e.g. 'events' or 'emt_messages'. */
  table: string;
  /** SQL expression of the actor (text or NULL). */
  actor: string;
  /** Conditions every row must meet. */
  always?: string[];
}

/** The actor summary as a plan; the connection running it needs `ledger_fold` (foldText). */
export function* actorSummaryPlan(source: ActorSource, query: ActorsQuery = {}): ReadPlan<ActorSummary> {
  const base = [...(source.always ?? []), `${source.actor} IS NOT NULL`];
  function* grouped(where: string[], params: Record<string, unknown>, limit: number): ReadPlan<ActorCount[]> {
    const rows = yield* allRows<[string, number]>(
      `SELECT ${source.actor} AS actor, count(*) AS n FROM ${source.table} WHERE ${[...base, ...where].join(' AND ')} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT @limit`,
      { ...params, limit },
    );
    return rows.map(([actor, count]) => ({ actor: String(actor), count }));
  }

  function* ignoringCase(filter: ActorFilter): ReadPlan<ActorCount[]> {
    const folded = `ledger_fold(${source.actor})`;
    const text = filter.kind === 'exact' ? filter.actor : filter.prefix;
    const fold = text.toLowerCase();
    if (filter.kind === 'pattern') return yield* grouped([`${folded} GLOB @glob`], { glob: filter.glob.toLowerCase() }, SUGGESTIONS);
    const range = [`${folded} >= @low AND ${folded} < @high`];
    const rangeParams = { low: fold, high: fold + '\u{10FFFF}' };
    if (filter.kind === 'prefix') return yield* grouped(range, rangeParams, SUGGESTIONS);
    const same = yield* grouped([`${folded} = @fold`], { fold }, SUGGESTIONS);
    // "support" names no actor: offer the actors it starts (support:ken, support:amy).
    return same.length > 0 ? same : yield* grouped(range, rangeParams, SUGGESTIONS);
  }

  function* match(filter: ActorFilter): ReadPlan<ActorMatch> {
    const { where, params } = actorClause(filter, source.actor);
    const row = yield* getRow<[number, number]>(
      `SELECT count(*), coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM ${source.table} WHERE ${[...base, ...where].join(' AND ')} GROUP BY ${source.actor})`,
      params,
    );
    const [actors, events] = row ?? [0, 0];
    return {
      text: filter.text,
      kind: filter.kind,
      description: describeActorFilter(filter),
      actors,
      events,
      top: actors > 0 ? yield* grouped(where, params, TOP_MATCHES) : [],
      suggestions: actors === 0 ? yield* ignoringCase(filter) : [],
    };
  }

  const limit = pageLimit(query.limit, 200);
  const listed = yield* grouped([], {}, limit + 1);
  const more = listed.length > limit;
  if (more) listed.pop();
  const filter = query.actor === undefined ? null : parseActorFilter(query.actor);
  return { actors: listed, more, match: filter ? yield* match(filter) : null };
}

/** The actor summary on `db` itself (synchronous). */
export function createActorCounts(db: Database.Database, source: ActorSource) {
  // Registering the function again is harmless.
  db.function('ledger_fold', { deterministic: true }, foldText);
  const execute = inlineExecutor(db);
  return (query: ActorsQuery = {}): ActorSummary => runPlan(actorSummaryPlan(source, query), execute);
}
