// The native SQLite path: the tree compiled to one WHERE clause (sqliteSql.ts), the page read by
// keyset on the position, the exact total counted in the same pass when the page is the last one,
// and facets aggregated from the matching rows' indexed columns. Read-only SELECTs throughout.
import type Database from 'better-sqlite3';
import type { SearchNode, SearchRequest, SearchResult } from '../../shared/search.ts';
import { CancelledError } from '../errors.ts';
import { EVENT_COLUMNS, decodeEventRow, type EventRow } from '../store/decode.ts';
import { FacetAccumulator } from './facets.ts';
import { compileWhere, activate } from './sqliteSql.ts';
import type { SearchOptions } from './types.ts';
import { searchResult } from './result.ts';

interface StoreFacts {
  upTo: number;
  /** Events whose data is not valid JSON. */
  invalid: number;
  /** Events whose data or metadata holds a NUL, U+0130 or U+212A (LIKE is not exact there). */
  odd: number[];
}
const factsCache = new WeakMap<Database.Database, StoreFacts>();

/**
 * What the compiler and the blind spots need to know about the rows, read once per connection and
 * then only for events appended since (an append-only log: earlier rows do not change under a reader).
 */
export function storeFacts(db: Database.Database): StoreFacts {
  const last = (db.prepare('SELECT max(position) FROM events').pluck().get() as number | null) ?? 0;
  let facts = factsCache.get(db);
  if (!facts || last < facts.upTo) facts = { upTo: 0, invalid: 0, odd: [] };
  if (last > facts.upTo) {
    const odd = (column: string) => `instr(${column}, char(0)) > 0 OR instr(${column}, '\u0130') > 0 OR instr(${column}, '\u212a') > 0`;
    const rows = db
      .prepare(`SELECT position, json_valid(data), (${odd('data')} OR ${odd('metadata')}) FROM events WHERE position > ? AND (NOT json_valid(data) OR ${odd('data')} OR ${odd('metadata')})`)
      .raw(true)
      .all(facts.upTo) as [number, number, number][];
    facts = {
      upTo: last,
      invalid: facts.invalid + rows.filter((r) => !r[1]).length,
      odd: [...facts.odd, ...rows.filter((r) => r[2]).map((r) => r[0])],
    };
    factsCache.set(db, facts);
  }
  return facts;
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

function checkSignal(options: SearchOptions): void {
  if (options.signal?.aborted) throw new CancelledError('The search');
}

export interface SqliteSearchInput {
  node: SearchNode | null;
  request: SearchRequest;
  after: number;
  limit: number;
  /** Candidate positions from an index and the position it reaches; rows above it are scanned. */
  candidates?: { positions: number[]; indexedUpTo: number } | null;
}

export async function searchSqlite(db: Database.Database, input: SqliteSearchInput, options: SearchOptions): Promise<SearchResult> {
  checkSignal(options);
  const facts = storeFacts(db);
  const compiled = compileWhere(db, input.node, facts.odd);
  const release = activate(compiled);
  try {
    let where = compiled.sql;
    const params: Record<string, unknown> = { ...compiled.params };
    let plan = 'sql';
    if (input.candidates) {
      params.cands = JSON.stringify(input.candidates.positions);
      params.indexedUpTo = input.candidates.indexedUpTo;
      // One IN list (candidates, then everything the index has not reached): SQLite drives the
      // search from it by rowid. An OR of the two would let it scan the whole table instead.
      where = `position IN (SELECT value FROM json_each(@cands) UNION ALL SELECT position FROM events WHERE position > @indexedUpTo) AND ${where}`;
      plan = 'index+sql';
    }
    const rows = db
      .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > @after AND ${where} ORDER BY position LIMIT @limit`)
      .raw(true)
      .all({ ...params, after: input.after, limit: input.limit + 1 }) as EventRow[];
    const more = rows.length > input.limit;
    if (more) rows.pop();
    const items = rows.map(decodeEventRow);
    await tick();
    checkSignal(options);

    let total: number;
    let facets: FacetAccumulator | null = null;
    if (input.request.facets) {
      facets = new FacetAccumulator();
      const scan = db.prepare(`SELECT type, stream_id, actor, recorded_at FROM events WHERE ${where}`).raw(true);
      for (const [type, streamId, actor, recordedAt] of scan.iterate(params) as IterableIterator<[string, string, string | null, number]>) {
        facets.add({ type, streamId, actor, recordedAtMs: recordedAt });
      }
      total = facets.count;
    } else if (!more && input.after === 0) {
      total = items.length; // the page query already read every match
    } else if (!more) {
      total = items.length + (db.prepare(`SELECT count(*) FROM events WHERE position <= @after AND ${where}`).pluck().get({ ...params, after: input.after }) as number);
    } else {
      total = db.prepare(`SELECT count(*) FROM events WHERE ${where}`).pluck().get(params) as number;
    }
    await tick();
    checkSignal(options);

    return searchResult({ total, items, more, invalid: facts.invalid, plan, facets });
  } finally {
    release();
  }
}

