// The PostgreSQL search path against the generic scan (itself proven against a brute-force oracle
// in search.oracle.test.ts): for many random trees over a Marten store (contract data plus hostile,
// CJK, emoji, odd numbers) and a Message DB store, searchPostgres answers exactly what searchGeneric
// answers over the same reader — total, items, next, facets, histogram. Also: hostile values are
// data, aborting cancels the backend query, and nothing is written.
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JsonPath, SearchNode } from '../../shared/search.ts';
import type { ContractEvent } from '../adapters/readerContract.ts';
import { CONTRACT_DATA } from '../adapters/readerContract.ts';
import { openMarten } from '../adapters/postgres/martenTestKit.ts';
import { emmettPostgresLayout } from '../adapters/postgres/layouts/emmettPostgres.ts';
import { messageDbLayout } from '../adapters/postgres/layouts/messageDb.ts';
import { pgSearchHandleOf } from '../adapters/postgres/pgReader.ts';
import { createRng, type Rng } from '../demo/prng.ts';
import { collect } from '../store/asyncReader.ts';
import type { EventStoreReader, RawEvent } from '../store/eventStore.ts';
import { appendMarten, generateMartenBulk, writeMartenStreams } from '../testing/pgFixtures/marten.ts';
import { openLayoutReader } from '../testing/pgFixtures/layoutRows.ts';
import { writeEmmettPostgres } from '../testing/pgFixtures/emmettPostgres.ts';
import { writeMessageDb } from '../testing/pgFixtures/messageDb.ts';
import { pgDump } from '../testing/pgServer.ts';
import { describePg } from '../testing/pgTest.ts';
import { searchGeneric, type GenericSearchInput } from './genericSearch.ts';
import { searchPostgres } from './pgSearch.ts';
import { searchTree } from './search.ts';
import { randomTree, type TreeOptions, type Vocabulary } from '../testing/searchTrees.ts';

const HOSTILE = ["'; DROP TABLE mt_events; --", '100% off_now', 'back\\slash', '张三', '李四 和 张三丰', '🛒🛒 emoji', 'Ärger ÄRGER ärger', 'straße STRASSE', '"quoted"', 'NEAR(a b)', '*', '[a-z]', "it's", '$1 ::text'];
const MONTHS = [Date.UTC(2025, 10, 3), Date.UTC(2025, 11, 31, 23, 59), Date.UTC(2026, 0, 1), Date.UTC(2026, 1, 14, 12)];

/** Hostile and odd events: strings SQL would misread, arrays, nulls, booleans, odd keys, several months. */
function hostileBatches(rng: Rng): { streamId: string; events: (ContractEvent & { dataText?: string })[]; timestamp: Date }[] {
  const batches = [];
  for (let i = 0; i < 120; i++) {
    const text = rng.pick(HOSTILE);
    const streamId = rng.pick(['order-张三', 'cart-🛒-1', "odd-'quote", 'plain', '-lead', 'pay%-1', 'x_y-2']);
    const data: Record<string, unknown> = {
      note: text,
      n: rng.int(-5, 500),
      ok: rng.chance(0.5),
      gone: null,
      items: [{ sku: rng.pick(['A', 'B', '张']), qty: rng.int(1, 3) }, { sku: text, qty: rng.chance(0.5) ? 0.5 : null }],
      grid: [[1, 2], ['x', text]],
      "we'ird key": text,
      'a.b': rng.int(0, 3),
      '%': '_',
    };
    const metadata: Record<string, unknown> = { actor: rng.pick(['alice', 'bob', "o'brien", 'user:%_', '张三', 'BOB']), correlationId: rng.pick(['corr-1', 'corr-%', "c'2"]) };
    if (rng.chance(0.3)) metadata.causationId = rng.pick(['cause-1', 'cause_2']);
    const event: ContractEvent & { dataText?: string } = { type: rng.pick(['ItemAdded', 'Note', 'Odd Type', "Type'Q", '🛒Added']), data, metadata };
    // Numbers JS and PostgreSQL spell differently (1.50, 1e20, 1e-7): the SQL path must notice.
    if (i % 40 === 7) event.dataText = `{"odd": 1.50, "huge": 1e20, "tiny": 1e-7, "note": "spelled"}`;
    batches.push({ streamId, events: [event], timestamp: new Date(rng.pick(MONTHS) + i * 60_000) });
  }
  return batches;
}

// ---- random trees from the store's vocabulary (a small cousin of search.oracle.test.ts's) -------
const SEED_WORDS = ['张', '张三', '🛒', '%', '_', '\\', "'", '"', '\u0000', '*', 'null', 'true', '1', '0.5', 'é', 'ß', 'DROP', 'ärger', 'a', 'sku'];

function vocabularyOf(rows: RawEvent[], rng: Rng): Vocabulary {
  const words = new Set(SEED_WORDS);
  const paths = new Map<string, { path: JsonPath; values: unknown[] }>();
  const walk = (root: 'data' | 'metadata', value: unknown, steps: JsonPath['steps']) => {
    if (steps.length > 0) {
      const key = root + JSON.stringify(steps);
      const entry = paths.get(key) ?? { path: { root, steps: [...steps] }, values: [] };
      if (entry.values.length < 20) entry.values.push(value);
      paths.set(key, entry);
    }
    if (steps.length > 3) return;
    if (Array.isArray(value)) for (const v of value.slice(0, 3)) walk(root, v, [...steps, { kind: 'anyElement' }]);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(root, v, [...steps, { kind: 'key', key: k }]);
  };
  for (const r of rows) {
    walk('data', JSON.parse(r.dataText), []);
    walk('metadata', JSON.parse(r.metadataText), []);
  }
  for (let i = 0; i < 150; i++) {
    const r = rng.pick(rows);
    const text = rng.pick([r.dataText, r.metadataText, r.streamId, r.type]);
    const start = rng.int(0, Math.max(0, text.length - 1));
    const piece = [...text.slice(start, start + 1 + rng.int(0, 7))].join('');
    words.add(rng.chance(0.3) ? piece.toUpperCase() : piece);
  }
  const distinct = (xs: (string | null | undefined)[]) => [...new Set(xs.filter((x): x is string => typeof x === 'string'))];
  return {
    words: [...words],
    types: distinct(rows.map((r) => r.type)),
    streams: distinct(rows.map((r) => r.streamId)),
    actors: distinct(rows.map((r) => JSON.parse(r.metadataText).actor)),
    ids: distinct([...rows.slice(0, 20).map((r) => r.eventId), ...rows.map((r) => JSON.parse(r.metadataText).correlationId)]),
    paths: [...paths.values()],
    maxPosition: Math.max(...rows.map((r) => r.position)),
    times: rows.map((r) => Date.parse(r.recordedAt)),
  };
}
const TREES: TreeOptions = {
  kinds: ['text', 'text', 'type', 'stream', 'category', 'actor', 'correlation', 'causation', 'id', 'position', 'version', 'time', 'path', 'path', 'path', 'has'],
  extraIds: ['cause-1'],
  textComparisons: 0.1,
};

/** Runs `trees` random trees on both paths and expects equal answers; returns how many ran as SQL. */
async function compareRandomTrees(store: EventStoreReader, seed: string, trees: number): Promise<{ sql: number; matched: number }> {
  const rows = (await collect(store.iterateRaw({ kind: 'all' }))).flat();
  const rng = createRng(seed);
  const vocabulary = vocabularyOf(rows, rng);
  const handle = pgSearchHandleOf(store)!;
  let sql = 0;
  let matched = 0;
  for (let i = 0; i < trees; i++) {
    const node = randomTree(rng, vocabulary, TREES);
    const input: GenericSearchInput = {
      node,
      request: { q: '', facets: rng.chance(0.5) },
      after: rng.chance(0.3) ? rng.int(0, vocabulary.maxPosition) : 0,
      limit: rng.pick([1, 3, 50]),
    };
    const expected = await searchGeneric(store, input, {});
    const actual = await searchPostgres(store, handle, input, {});
    const what = JSON.stringify(node);
    expect({ ...actual, plan: undefined }, what).toEqual({ ...expected, plan: undefined });
    if (actual.plan === 'sql') sql++;
    else expect(actual.plan, what).toMatch(/^scan \(not sql: .+\)$/);
    if (expected.total > 0) matched++;
  }
  return { sql, matched };
}

describePg('PostgreSQL search (SQL on the server)', (ctx) => {
  let martenUrl: string;
  let marten: EventStoreReader;
  let dumpBefore: string;

  beforeAll(async () => {
    martenUrl = await ctx.database('pg_search_marten');
    await writeMartenStreams(martenUrl, {}, CONTRACT_DATA);
    await appendMarten(martenUrl, {}, hostileBatches(createRng('hostile')));
    marten = await openMarten(martenUrl);
    dumpBefore = pgDump(martenUrl);
  });
  afterAll(async () => {
    await marten?.close();
  });

  it('answers random trees exactly as the generic scan over a Marten store, mostly in SQL', async () => {
    const { sql, matched } = await compareRandomTrees(marten, 'marten-trees', 400);
    // The comparison means something only when most trees ran as SQL and many matched events.
    expect(sql).toBeGreaterThan(250);
    expect(matched).toBeGreaterThan(150);
  }, 120_000);

  it('routes PostgreSQL readers to SQL through searchStore, pages by the same cursor and treats hostile text as data', async () => {
    const progress: [number, number][] = [];
    const page1 = await searchTree(marten, { kind: 'term', term: { kind: 'text', text: "'; DROP TABLE mt_events; --" }, span: [0, 0] }, { q: '', limit: 5, facets: true }, { onProgress: (done, of) => progress.push([done, of]) });
    const events = await marten.countEvents({ kind: 'all' });
    expect(progress).toEqual([[0, events], [events, events]]);
    expect(page1.plan).toBe('sql');
    expect(page1.total).toBeGreaterThan(5);
    expect(page1.items.every((e) => JSON.stringify(e.data).includes('DROP TABLE'))).toBe(true);
    expect(page1.facets!.types.reduce((n, t) => n + t.count, 0)).toBe(page1.total);
    const page2 = await searchTree(marten, { kind: 'term', term: { kind: 'text', text: "'; DROP TABLE mt_events; --" }, span: [0, 0] }, { q: '', limit: 5, after: page1.next });
    expect(page2.items[0].position).toBeGreaterThan(page1.items.at(-1)!.position);
    for (const text of ['100%', '%', '_', 'off_', '\\', 'back\\slash', '"quoted"', '$1', '张三丰', '🛒🛒']) {
      const node: SearchNode = { kind: 'term', term: { kind: 'text', text }, span: [0, 0] };
      const sql = await searchTree(marten, node, { q: '' });
      const generic = await searchGeneric(marten, { node, request: { q: '' }, after: 0, limit: 50 }, {});
      expect(sql.plan, text).toBe('sql');
      expect(sql.total, text).toBe(generic.total);
      expect(sql.items.map((e) => e.position), text).toEqual(generic.items.map((e) => e.position));
    }
    // A pattern's % and _ are literal, its * is any text.
    const like = await searchTree(marten, { kind: 'term', term: { kind: 'actor', match: { kind: 'pattern', glob: 'user:%_' } }, span: [0, 0] }, { q: '' });
    expect(like.total).toBeGreaterThan(0);
    expect(like.items.every((e) => (e.metadata as { actor: string }).actor === 'user:%_')).toBe(true);
    // A NUL finds nothing (PostgreSQL text holds none), without an error.
    const nul = await searchTree(marten, { kind: 'term', term: { kind: 'text', text: 'a\u0000b' }, span: [0, 0] }, { q: '' });
    expect(nul).toMatchObject({ total: 0, plan: 'sql' });
  });

  it('keeps the sidecar index for free text (generic + index) and runs structured queries as SQL beside one', async () => {
    const all = (await collect(marten.iterateRaw({ kind: 'all' }))).flat();
    const hits = all.filter((r) => r.dataText.toLowerCase().includes('quoted')).map((r) => r.position);
    const last = all.at(-1)!.position;
    const accelerator = { candidates: async () => hits, indexedUpTo: () => last };
    const text = await searchTree(marten, { kind: 'term', term: { kind: 'text', text: 'quoted' }, span: [0, 0] }, { q: '' }, { accelerator });
    expect(text.plan).toBe('index+scan');
    expect(text.total).toBe(hits.length);
    const typed = await searchTree(marten, { kind: 'term', term: { kind: 'type', match: { kind: 'exact', text: 'Note' } }, span: [0, 0] }, { q: '' }, { accelerator });
    expect(typed.plan).toBe('sql');
    expect(typed.total).toBe(all.filter((r) => r.type === 'Note').length);
  });

  it('falls back to the generic scan, and says why, where SQL could not be exact', async () => {
    // 'é' folds in lower() by the locale's rules: not necessarily toLowerCase's.
    const accent = await searchTree(marten, { kind: 'term', term: { kind: 'text', text: 'Ä' }, span: [0, 0] }, { q: '' });
    expect(accent.plan).toMatch(/not sql: .*lower\(\)/);
    expect(accent.total).toBeGreaterThan(0);
    // 1.50 is "1.5" to JavaScript, as to float8 text: SQL answers it.
    const odd = await searchTree(marten, { kind: 'term', term: { kind: 'path', path: { root: 'data', steps: [{ kind: 'key', key: 'odd' }] }, op: '=', value: { kind: 'text', match: { kind: 'exact', text: '1.5' } } }, span: [0, 0] }, { q: '' });
    expect(odd).toMatchObject({ plan: 'sql', total: 3 });
    // 1e-7 is "1e-7" to JavaScript, "1e-07" to float8: the text match falls back.
    const tiny = await searchTree(marten, { kind: 'term', term: { kind: 'path', path: { root: 'data', steps: [{ kind: 'key', key: 'tiny' }] }, op: '=', value: { kind: 'text', match: { kind: 'exact', text: '1e-7' } } }, span: [0, 0] }, { q: '' });
    expect(tiny.plan).toMatch(/not sql: .*number/);
    expect(tiny.total).toBe(3);
    // Numbers compare as numbers in SQL, whatever their spelling.
    const huge = await searchTree(marten, { kind: 'term', term: { kind: 'path', path: { root: 'data', steps: [{ kind: 'key', key: 'huge' }] }, op: '>=', value: { kind: 'number', value: 1e20 } }, span: [0, 0] }, { q: '' });
    expect(huge).toMatchObject({ plan: 'sql', total: 3 });
  });

  it('falls back for i / k terms once an event holds İ or K (toLowerCase folds them into ASCII)', async () => {
    const url = await ctx.database('pg_search_odd');
    await writeMartenStreams(url, {}, [{ streamId: 'city-0', batches: [[{ type: 'Visited', data: { city: 'Istanbul' } }]] }]);
    const store = await openMarten(url);
    try {
      const plain = await searchTree(store, { kind: 'term', term: { kind: 'text', text: 'istanbul' }, span: [0, 0] }, { q: '' });
      expect(plain).toMatchObject({ plan: 'sql', total: 1 });
      // Appended after the first search: the next one notices them.
      await writeMartenStreams(url, {}, [{ streamId: 'city-1', batches: [[{ type: 'Visited', data: { city: 'İstanbul' } }, { type: 'Measured', data: { unit: '\u212a' } }]] }], false);
      const i = await searchTree(store, { kind: 'term', term: { kind: 'text', text: 'istanbul' }, span: [0, 0] }, { q: '' });
      expect(i.plan).toMatch(/not sql: .*U\+0130/);
      expect(i.total).toBe(1); // 'İstanbul'.toLowerCase() is 'i̇stanbul': 'istanbul' is not in it
      const dotted = await searchTree(store, { kind: 'term', term: { kind: 'text', text: 'i' }, span: [0, 0] }, { q: '' });
      expect(dotted.total).toBe(3); // "city" and "unit" hold an i, too
      const rest = await searchTree(store, { kind: 'term', term: { kind: 'text', text: 'stanbul' }, span: [0, 0] }, { q: '' });
      expect(rest).toMatchObject({ plan: 'sql', total: 2 });
      const k = await searchTree(store, { kind: 'term', term: { kind: 'text', text: 'k' }, span: [0, 0] }, { q: '' });
      expect(k.total).toBe(1);
      const other = await searchTree(store, { kind: 'term', term: { kind: 'text', text: 'measured' }, span: [0, 0] }, { q: '' });
      expect(other).toMatchObject({ plan: 'sql', total: 1 });
    } finally {
      await store.close();
    }
  });

  it('answers random trees exactly as the generic scan over a Message DB store', async () => {
    const url = await ctx.database('pg_search_mdb');
    const rng = createRng('mdb');
    const streams = new Map<string, ContractEvent[]>();
    for (const b of hostileBatches(rng).slice(0, 60)) {
      const id = b.streamId.replace(/^-/, 'lead-');
      streams.set(id, [...(streams.get(id) ?? []), ...b.events.filter((e) => !e.dataText)]);
    }
    await writeMessageDb(url, [...CONTRACT_DATA, ...[...streams].map(([streamId, events]) => ({ streamId, batches: [events] }))]);
    const store = await openLayoutReader(url, (s) => messageDbLayout(s), 'Message DB');
    try {
      const { sql, matched } = await compareRandomTrees(store, 'mdb-trees', 200);
      expect(sql).toBeGreaterThan(120);
      expect(matched).toBeGreaterThan(60);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('answers random trees exactly as the generic scan over an Emmett PostgreSQL store (read in transaction order)', async () => {
    const url = await ctx.database('pg_search_emmett');
    const streams = new Map<string, ContractEvent[]>();
    for (const b of hostileBatches(createRng('emmett')).slice(0, 40)) streams.set(b.streamId, [...(streams.get(b.streamId) ?? []), ...b.events.filter((e) => !e.dataText)]);
    await writeEmmettPostgres(url, [...CONTRACT_DATA, ...[...streams].map(([streamId, events]) => ({ streamId, batches: [events] }))]);
    const store = await openLayoutReader(url, (s) => emmettPostgresLayout(s, 'public'), 'Emmett PostgreSQL event store');
    try {
      const { sql, matched } = await compareRandomTrees(store, 'emmett-trees', 150);
      expect(sql).toBeGreaterThan(90);
      expect(matched).toBeGreaterThan(40);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('cancels the backend query when the search is aborted', async () => {
    const url = await ctx.database('pg_search_cancel');
    await generateMartenBulk(url, { events: 400_000, streams: 100 });
    const store = await openMarten(url);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const controller = new AbortController();
      // A free-text term found nowhere: the server reads every row.
      const node: SearchNode = { kind: 'and', nodes: [{ kind: 'term', term: { kind: 'text', text: 'nowhere-to-be-found' }, span: [0, 0] }, { kind: 'term', term: { kind: 'path', path: { root: 'data', steps: [{ kind: 'key', key: 'note' }] }, op: '=', value: { kind: 'text', match: { kind: 'contains', text: 'zz' } } }, span: [0, 0] }] };
      const running = searchTree(store, node, { q: '', facets: true }, { signal: controller.signal });
      const active = async () =>
        (await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND query LIKE '%strpos(lower(%' AND pid <> pg_backend_pid()`)).rows[0].n;
      let seen = 0;
      for (let i = 0; i < 500 && seen === 0; i++) {
        seen = await active();
        if (seen === 0) await new Promise((r) => setTimeout(r, 10));
      }
      expect(seen).toBeGreaterThan(0);
      controller.abort();
      await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
      // This database's backends only: other test files search the same server at the same time.
      // The cancel goes over a connection of its own, which a busy machine may be slow to open.
      let left = 1;
      for (let i = 0; i < 500 && left > 0; i++) {
        left = await active();
        if (left > 0) await new Promise((r) => setTimeout(r, 20));
      }
      expect(left).toBe(0);
    } finally {
      await admin.end();
      await store.close();
    }
  }, 120_000);

  it('wrote nothing (pg_dump before and after every search above is the same)', () => {
    expect(pgDump(martenUrl)).toBe(dumpBefore);
  });
});
