// The store's actors with their event counts, and how an actor filter matched (with suggestions
// ignoring case when it matched nothing): the timeline's actor suggestions and its "did you mean".
// Shared by every reader: each says which table and actor expression to count over.
import type Database from 'better-sqlite3';
import { describeActorFilter, parseActorFilter, type ActorCount, type ActorFilter, type ActorMatch, type ActorSummary, type ActorsQuery } from '../../shared/actorFilter.ts';
import { pageLimit } from './limits.ts';
import { actorClause } from './logFilter.ts';

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

export function createActorCounts(db: Database.Database, source: ActorSource) {
  // Unicode-aware case folding (SQLite's lower() folds ASCII only); registering it again is harmless.
  db.function('ledger_fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? text.toLowerCase() : text));
  const base = [...(source.always ?? []), `${source.actor} IS NOT NULL`];
  const grouped = (where: string[], params: Record<string, unknown>, limit: number): ActorCount[] =>
    (
      db
        .prepare(`SELECT ${source.actor} AS actor, count(*) AS n FROM ${source.table} WHERE ${[...base, ...where].join(' AND ')} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT @limit`)
        .raw(true)
        .all({ ...params, limit }) as [string, number][]
    ).map(([actor, count]) => ({ actor: String(actor), count }));

  function ignoringCase(filter: ActorFilter): ActorCount[] {
    const folded = `ledger_fold(${source.actor})`;
    const text = filter.kind === 'exact' ? filter.actor : filter.prefix;
    const fold = text.toLowerCase();
    if (filter.kind === 'pattern') return grouped([`${folded} GLOB @glob`], { glob: filter.glob.toLowerCase() }, SUGGESTIONS);
    const range = [`${folded} >= @low AND ${folded} < @high`];
    const rangeParams = { low: fold, high: fold + '\u{10FFFF}' };
    if (filter.kind === 'prefix') return grouped(range, rangeParams, SUGGESTIONS);
    const same = grouped([`${folded} = @fold`], { fold }, SUGGESTIONS);
    // "support" names no actor: offer the actors it starts (support:ken, support:amy).
    return same.length > 0 ? same : grouped(range, rangeParams, SUGGESTIONS);
  }

  function match(filter: ActorFilter): ActorMatch {
    const { where, params } = actorClause(filter, source.actor);
    const [actors, events] = db
      .prepare(`SELECT count(*), coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM ${source.table} WHERE ${[...base, ...where].join(' AND ')} GROUP BY ${source.actor})`)
      .raw(true)
      .get(params) as [number, number];
    return {
      text: filter.text,
      kind: filter.kind,
      description: describeActorFilter(filter),
      actors,
      events,
      top: actors > 0 ? grouped(where, params, TOP_MATCHES) : [],
      suggestions: actors === 0 ? ignoringCase(filter) : [],
    };
  }

  return function actorSummary(query: ActorsQuery = {}): ActorSummary {
    const limit = pageLimit(query.limit, 200);
    const listed = grouped([], {}, limit + 1);
    const more = listed.length > limit;
    if (more) listed.pop();
    const filter = query.actor === undefined ? null : parseActorFilter(query.actor);
    return { actors: listed, more, match: filter ? match(filter) : null };
  };
}
