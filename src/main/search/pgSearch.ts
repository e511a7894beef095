// The PostgreSQL path: the tree compiled to one WHERE over the layout's expressions (pgSql.ts),
// the page read by keyset on the position in the layout's read order, the exact total counted with
// the same WHERE, facets and histogram from the matching rows' columns (streamed through a cursor,
// accumulated as the other paths do). Read-only SELECTs, every one carrying the caller's signal
// (aborting cancels the backend query). Where SQL cannot be exact (pgSql.ts says why) the generic
// scan runs instead and the plan says so.
import type { SearchResult } from '../../shared/search.ts';
import type { PgLayout, SqlExpr } from '../adapters/postgres/layout.ts';
import { alwaysWhere, SqlParams, whereSql } from '../adapters/postgres/pgFilters.ts';
import type { PgSession } from '../adapters/postgres/pgSession.ts';
import { CancelledError } from '../errors.ts';
import type { EventStoreReader } from '../store/eventStore.ts';
import { CHUNK } from '../store/asyncReader.ts';
import { FacetAccumulator } from './facets.ts';
import { searchGeneric, type GenericSearchInput } from './genericSearch.ts';
import { compilePgWhere, PgUnsupported, type PgJsonExprs } from './pgSql.ts';
import type { SearchOptions } from './types.ts';
import { searchResult } from './result.ts';

export interface PgSearchHandle {
  session: PgSession;
  layout: PgLayout;
}

/**
 * The jsonb form of a layout's text expression when it is one of a jsonb / json column (always
 * valid JSON, so no event is a blind spot and no cast can fail), else null.
 */
async function jsonOf(session: PgSession, layout: PgLayout, text: SqlExpr, options: SearchOptions): Promise<SqlExpr | null> {
  const nullable = /^coalesce\((.+)::text, '(null|\{\})'\)$/s.exec(text);
  const plain = nullable ? null : /^(.+)::text$/s.exec(text);
  const inner = nullable?.[1] ?? plain?.[1];
  if (!inner) {
    // Marten's metadata is built as JSON text from jsonb headers and text columns (to_json).
    if (layout.format === 'marten' && (text === `'{}'` || text.startsWith("concat('{'"))) return `(${text})::jsonb`;
    return null;
  }
  const rows = await session.query<{ t: string }>(`SELECT pg_typeof(${inner})::text AS t FROM (SELECT 1) one LEFT JOIN ${layout.eventsTable} e ON false`, [], { signal: options.signal });
  const type = rows[0]?.t;
  if (type !== 'jsonb' && type !== 'json') return null;
  const json = type === 'json' ? `(${inner})::jsonb` : `(${inner})`;
  return nullable ? `coalesce(${json}, '${nullable[2]}'::jsonb)` : json;
}

const jsonCache = new WeakMap<PgLayout, PgJsonExprs>();
async function jsonExprs(handle: PgSearchHandle, options: SearchOptions): Promise<PgJsonExprs> {
  let json = jsonCache.get(handle.layout);
  if (!json) {
    const c = handle.layout.columns;
    json = { data: await jsonOf(handle.session, handle.layout, c.dataText, options), metadata: await jsonOf(handle.session, handle.layout, c.metadataText, options) };
    jsonCache.set(handle.layout, json);
  }
  return json;
}

/**
 * Whether some event's text holds U+0130 or U+212A (toLowerCase folds them into ASCII, lower() may
 * not). Read once per reader, then only for positions past what was read, less a window for
 * appends that commit late with lower positions (Marten, Emmett); once found it stays found.
 */
const ODD_WINDOW = 100_000;
const oddCache = new WeakMap<EventStoreReader, { upTo: number; odd: boolean }>();
async function hasOddRows(store: EventStoreReader, handle: PgSearchHandle, options: SearchOptions): Promise<boolean> {
  const known = oddCache.get(store) ?? { upTo: 0, odd: false };
  if (known.odd) return true;
  const c = handle.layout.columns;
  const params = new SqlParams();
  const chars = params.add('[\u0130\u212a]');
  const odd = [c.dataText, c.metadataText, c.streamId, c.type].map((x) => `${x} ~ ${chars}`).join(' OR ');
  const where = [...alwaysWhere(handle.layout)];
  if (known.upTo > 0) where.push(`${c.position} > ${params.add(Math.max(0, known.upTo - ODD_WINDOW))}::bigint`);
  const [row] = await handle.session.query<{ hi: number | null; odd: boolean | null }>(
    `SELECT max(${c.position})::float8 AS hi, bool_or(${odd}) AS odd FROM ${handle.layout.eventsTable} e ${whereSql(where)}`,
    params.values,
    { signal: options.signal },
  );
  const next = { upTo: Math.max(known.upTo, row?.hi ?? 0), odd: row?.odd === true };
  oddCache.set(store, next);
  return next.odd;
}

/**
 * `sql` with only the parameters it names, renumbered ($3 $7 → $1 $2): PostgreSQL refuses unused
 * ones, and a compiled term may leave some (a path walked, then found unable to match).
 */
export function rebind(sql: string, values: unknown[]): [string, unknown[]] {
  const used = new Map<number, number>();
  const out: unknown[] = [];
  const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
    const index = Number(n);
    let mapped = used.get(index);
    if (mapped === undefined) {
      out.push(values[index - 1]);
      mapped = out.length;
      used.set(index, mapped);
    }
    return `$${mapped}`;
  });
  return [text, out];
}

async function fallback(store: EventStoreReader, input: GenericSearchInput, options: SearchOptions, reason: string): Promise<SearchResult> {
  const result = await searchGeneric(store, input, options);
  return { ...result, plan: `${result.plan} (not sql: ${reason})` };
}

export async function searchPostgres(store: EventStoreReader, handle: PgSearchHandle, input: GenericSearchInput, options: SearchOptions): Promise<SearchResult> {
  const signal = options.signal;
  const check = () => {
    if (signal?.aborted) throw new CancelledError('The search');
  };
  check();
  const { session, layout } = handle;
  const json = await jsonExprs(handle, options);
  // Blind spots: text that is not JSON. Only layouts whose data is a json / jsonb column run here.
  if (!json.data) return fallback(store, input, options, "this layout's data may not be JSON, and only a scan can count what is not");
  const params = new SqlParams();
  let compiled;
  try {
    compiled = compilePgWhere(layout, json, input.node, params);
  } catch (error) {
    if (error instanceof PgUnsupported) return fallback(store, input, options, error.message);
    throw error;
  }
  const c = layout.columns;
  const e = `${layout.eventsTable} e`;
  const base = [...alwaysWhere(layout), compiled.sql];
  if (compiled.foldsIK && (await hasOddRows(store, handle, options))) {
    return fallback(store, input, options, 'some events hold U+0130 or U+212A, which PostgreSQL\'s lower() folds differently from the search');
  }
  if (compiled.uncertain.length > 0) {
    const [sql, values] = rebind(`SELECT 1 FROM ${e} ${whereSql([...alwaysWhere(layout), `(${compiled.uncertain.join(' OR ')})`])} LIMIT 1`, params.values);
    const probe = await session.query(sql, values, { signal });
    if (probe.length > 0) return fallback(store, input, options, 'a number in the store is spelled differently by PostgreSQL and JavaScript');
  }
  check();

  // One query, not chunks the engine can count: progress is its start and its end.
  const expected = options.onProgress ? await store.countEvents({ kind: 'all' }, { signal }) : 0;
  options.onProgress?.(0, expected);
  const order = (layout.globalOrder ?? [c.position]).join(', ');
  let page: number[] = [];
  let total: number;
  let facets: FacetAccumulator | null = null;
  if (input.request.facets) {
    // Facets read every match anyway: one ordered pass gives the page too (as the generic scan does).
    facets = new FacetAccumulator();
    const actor = json.metadata ? `(${json.metadata}) ->> 'actor'` : 'NULL::text';
    const sql = `SELECT (${c.position})::float8 AS p, ${c.type} AS t, ${c.streamId} AS s, ${actor} AS a, (${c.recordedAtMs})::float8 AS ms FROM ${e} ${whereSql(base)} ORDER BY ${order}`;
    for await (const chunk of session.cursor<{ p: number; t: string; s: string; a: string | null; ms: number }>(...rebind(sql, params.values), { signal, chunkSize: CHUNK })) {
      for (const r of chunk) {
        if (r.p > input.after && page.length <= input.limit) page.push(r.p);
        facets.add({ type: r.t, streamId: r.s, actor: r.a, recordedAtMs: r.ms });
      }
      check();
    }
    total = facets.count;
  } else {
    const pageParams = new SqlParams();
    pageParams.values.push(...params.values);
    const after = pageParams.add(input.after);
    const pageSql = `SELECT (${c.position})::float8 AS p FROM ${e} ${whereSql([...base, `${c.position} > ${after}::bigint`])} ORDER BY ${order} LIMIT ${pageParams.add(input.limit + 1)}`;
    page = (await session.query<{ p: number }>(...rebind(pageSql, pageParams.values), { signal })).map((r) => r.p);
    if (page.length <= input.limit && input.after === 0) total = page.length; // the page query read every match
    else {
      const [counted] = await session.query<{ n: number }>(...rebind(`SELECT count(*)::float8 AS n FROM ${e} ${whereSql(base)}`, params.values), { signal });
      total = counted.n;
    }
  }
  check();
  const more = page.length > input.limit;
  if (more) page.pop();
  const items = [];
  for (const position of page) items.push(await store.getEvent(position));
  check();

  options.onProgress?.(expected, expected);
  // SQL runs only where data is a json/jsonb column: no event there can be other than JSON.
  return searchResult({ total, items, more, invalid: 0, plan: 'sql', facets });
}
