// The search rows: a selective free-text query, a structured type + data query, the facets of a
// broad query, and the raw LIKE floor the scan path is compared with. The term is chosen from the
// dataset itself (a payment id: one event), so the rows mean the same on every size. Each runs in
// a fresh process after one warm-up search (the page cache is warm, as the figures are).
import Database from 'better-sqlite3';
import { searchStore } from '../../src/main/search/search.ts';
import { toAsyncReader } from '../../src/main/store/asyncReader.ts';
import { openStore } from '../../src/main/store/openStore.ts';
import type { Measurement } from './types.ts';

export interface SearchParams {
  file: string;
  kind: 'selective' | 'structured' | 'facets';
}

/** A payment id of the dataset (one event), read with plain SQL. */
function selectiveTerm(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("SELECT json_extract(data, '$.paymentId') FROM events WHERE type = 'CartCheckedOut' ORDER BY position LIMIT 1 OFFSET 100").pluck().get() as string;
  } finally {
    db.close();
  }
}

/** The 50th largest checkout total: the structured query's threshold (about 50 hits on any size). */
function structuredThreshold(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("SELECT json_extract(data, '$.total') AS t FROM events WHERE type = 'CartCheckedOut' ORDER BY t DESC LIMIT 1 OFFSET 49").pluck().get() as number;
  } finally {
    db.close();
  }
}

function queryOf(p: SearchParams): { q: string; facets: boolean } {
  if (p.kind === 'selective') return { q: selectiveTerm(p.file), facets: false };
  if (p.kind === 'structured') return { q: `type:CartCheckedOut data.total>=${structuredThreshold(p.file)}`, facets: false };
  return { q: 'cart', facets: true };
}

export async function searchLedger(p: SearchParams): Promise<Measurement> {
  const request = queryOf(p);
  const local = openStore(p.file);
  const store = toAsyncReader(local);
  try {
    await searchStore(store, request);
    const started = performance.now();
    const result = await searchStore(store, request);
    const ms = performance.now() - started;
    return { ms, details: { q: request.q, total: result.total, plan: result.plan, items: result.items.length } };
  } finally {
    local.close();
  }
}

/** The floor: `SELECT count(*) … WHERE data LIKE ?` for the same term (data only, ASCII folding). */
export function searchFloor(p: SearchParams): Measurement {
  const term = selectiveTerm(p.file);
  const db = new Database(p.file, { readonly: true });
  try {
    const statement = db.prepare('SELECT count(*) FROM events WHERE data LIKE ?').pluck();
    statement.get(`%${term}%`);
    const started = performance.now();
    const total = statement.get(`%${term}%`) as number;
    return { ms: performance.now() - started, details: { total } };
  } finally {
    db.close();
  }
}
