// The oracle: for many random search trees, searchTree's total, items and facets equal a
// brute-force filter over every row of the file, written here independently of evaluate.ts /
// sqliteSql.ts (it reads the raw table, and takes actor / correlation / causation from the indexed
// columns). Both engines are checked: the native SQLite path, and the generic path (the same
// store behind a plain reader without the SQLite handle).
import Database from 'better-sqlite3';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JsonPath, SearchNode, SearchTerm, TextMatch } from '../../shared/search.ts';
import { generateDemo } from '../demo/generateDemo.ts';
import { createRng, type Rng } from '../demo/prng.ts';
import { toAsyncReader } from '../store/asyncReader.ts';
import type { EventStore, EventStoreReader } from '../store/eventStore.ts';
import { tempDir } from '../testing/tempFiles.ts';
import { openStore } from '../store/openStore.ts';
import { searchTree } from './search.ts';
import { randomTree, type TreeOptions, type Vocabulary } from '../testing/searchTrees.ts';

interface Row {
  position: number;
  event_id: string;
  stream_id: string;
  version: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: number;
  actor: string | null;
  correlation_id: string | null;
  causation_id: string | null;
}

// ---- the oracle: obviously right, slow -------------------------------------------------------
const lower = (s: string) => s.toLowerCase();
function globMatches(glob: string, value: string): boolean {
  // Split on unescaped stars into literal pieces; the value must start with the first piece, end
  // with the last and hold the others in order between.
  const pieces: string[] = [''];
  for (let i = 0; i < glob.length; i++) {
    if (glob[i] === '\\' && glob[i + 1] === '*') {
      pieces[pieces.length - 1] += '*';
      i++;
    } else if (glob[i] === '*') pieces.push('');
    else pieces[pieces.length - 1] += glob[i];
  }
  if (pieces.length === 1) return value === pieces[0];
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  if (!value.startsWith(first) || value.length < first.length + last.length || !value.endsWith(last)) return false;
  let at = first.length;
  const end = value.length - last.length;
  for (const piece of pieces.slice(1, -1)) {
    const found = value.indexOf(piece, at);
    if (found === -1 || found + piece.length > end) return false;
    at = found + piece.length;
  }
  return true;
}
function oracleText(m: TextMatch, value: string | null): boolean {
  if (value === null) return false;
  if (m.kind === 'exact') return m.text === value;
  if (m.kind === 'contains') return lower(value).includes(lower(m.text));
  return globMatches(m.glob, value);
}
function json(text: string): { ok: boolean; value?: unknown } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
function reach(value: unknown, steps: JsonPath['steps']): unknown[] {
  if (steps.length === 0) return [value];
  const [step, ...rest] = steps;
  if (step.kind === 'anyElement') return Array.isArray(value) ? value.flatMap((v) => reach(v, rest)) : [];
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.prototype.hasOwnProperty.call(value, step.key)) return [];
  return reach((value as Record<string, unknown>)[step.key], rest);
}
function oracleTerm(t: SearchTerm, r: Row): boolean {
  const cat = r.stream_id.indexOf('-') > 0 ? r.stream_id.slice(0, r.stream_id.indexOf('-')) : '';
  switch (t.kind) {
    case 'text':
      return [r.data, r.metadata, r.stream_id, r.type].some((s) => lower(s).includes(lower(t.text)));
    case 'type':
      return oracleText(t.match, r.type);
    case 'stream':
      return oracleText(t.match, r.stream_id);
    case 'category':
      return oracleText(t.match, cat);
    case 'actor':
      return oracleText(t.match, r.actor);
    case 'correlation':
      return oracleText(t.match, r.correlation_id);
    case 'causation':
      return oracleText(t.match, r.causation_id);
    case 'id':
      return oracleText(t.match, r.event_id);
    case 'position':
    case 'version': {
      const v = t.kind === 'position' ? r.position : r.version;
      return (t.range.from === undefined || v >= t.range.from) && (t.range.to === undefined || v <= t.range.to);
    }
    case 'time':
      return (t.fromMs === undefined || r.recorded_at >= t.fromMs) && (t.toMs === undefined || (t.toExclusive ? r.recorded_at < t.toMs : r.recorded_at <= t.toMs));
    case 'has':
    case 'path': {
      const doc = json(t.path.root === 'data' ? r.data : r.metadata);
      if (!doc.ok) return false;
      const values = reach(doc.value, t.path.steps);
      if (t.kind === 'has') return values.length > 0;
      const want = t.value;
      return values.some((v) => {
        if (want.kind === 'number') {
          if (typeof v !== 'number') return false;
          return { '=': v === want.value, '>': v > want.value, '>=': v >= want.value, '<': v < want.value, '<=': v <= want.value }[t.op];
        }
        if (t.op !== '=') return false;
        const text = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' || v === null ? JSON.stringify(v) : null;
        return oracleText(want.match, text);
      });
    }
  }
}
function oracle(node: SearchNode | null, r: Row): boolean {
  if (!node) return true;
  if (node.kind === 'term') return oracleTerm(node.term, r);
  if (node.kind === 'and') return node.nodes.every((n) => oracle(n, r));
  if (node.kind === 'or') return node.nodes.some((n) => oracle(n, r));
  return !oracle(node.node, r);
}
function counts(values: string[], limit: number, byValue = false) {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  const list = [...m].map(([value, count]) => ({ value, count }));
  if (byValue) return list.sort((a, b) => (a.value < b.value ? -1 : 1));
  return list.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)).slice(0, limit);
}
function oracleFacets(rows: Row[]) {
  return {
    types: counts(rows.map((r) => r.type), 50),
    categories: counts(rows.map((r) => (r.stream_id.indexOf('-') > 0 ? r.stream_id.slice(0, r.stream_id.indexOf('-')) : '')), 50),
    actors: counts(rows.flatMap((r) => (r.actor === null ? [] : [r.actor])), 50),
    months: counts(rows.map((r) => new Date(r.recorded_at).toISOString().slice(0, 7)), 0, true),
  };
}

/** Terms where folding, LIKE and SQL quoting differ most: each is also tried alone, on both engines. */
const SEED_WORDS = ['k sign', 'n k', 'K', 'İ', 'i\u0307st', 'i', 'é', 'ärger', 'STRASSE', 'ß', '张', '张三', '李四 和', '🛒', '🛒🛒', '%', '_', '\\', "'", '"', '\u0000', 'nul\u0000in', '*', '[a-z]', 'near(', 'null', 'true', '1'];

// ---- random trees from the store's own vocabulary ---------------------------------------------
function vocabularyOf(rows: Row[], rng: Rng): Vocabulary {
  const words = new Set<string>([...SEED_WORDS, 'a', 'é', '张', '张三', '🛒', '%', '_', '\\', "'", '"', '\u0000', 'K', 'sku-00', 'ß', 'SS', 'İ', 'null', 'k sign', 'n k', 'i\u0307st', 'i', '李四 和', '🛒🛒']);
  const paths = new Map<string, { path: JsonPath; values: unknown[] }>();
  const walk = (root: 'data' | 'metadata', value: unknown, steps: JsonPath['steps']) => {
    if (steps.length > 0) {
      const key = root + JSON.stringify(steps);
      const entry = paths.get(key) ?? { path: { root, steps: [...steps] }, values: [] };
      if (entry.values.length < 20) entry.values.push(value);
      paths.set(key, entry);
    }
    if (steps.length > 4) return;
    if (Array.isArray(value)) for (const v of value.slice(0, 3)) walk(root, v, [...steps, { kind: 'anyElement' }]);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(root, v, [...steps, { kind: 'key', key: k }]);
  };
  for (let i = 0; i < 200; i++) {
    const r = rows[Math.floor(rng.next() * rows.length)];
    const text = [r.data, r.metadata, r.stream_id, r.type][Math.floor(rng.next() * 4)];
    const start = Math.floor(rng.next() * text.length);
    const piece = [...text.slice(start, start + 1 + Math.floor(rng.next() * 8))].join('');
    words.add(rng.chance(0.3) ? piece.toUpperCase() : piece);
    const d = json(r.data);
    if (d.ok) walk('data', d.value, []);
    const m = json(r.metadata);
    if (m.ok) walk('metadata', m.value, []);
  }
  const distinct = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => x !== null))];
  return {
    words: [...words],
    types: distinct(rows.map((r) => r.type)),
    streams: distinct(rows.map((r) => r.stream_id)),
    actors: distinct(rows.map((r) => r.actor)),
    ids: rows.slice(0, 50).map((r) => r.event_id),
    paths: [...paths.values()],
    maxPosition: rows.length,
    times: rows.map((r) => r.recorded_at),
  };
}
const TREES: TreeOptions = { kinds: ['text', 'text', 'text', 'type', 'stream', 'category', 'actor', 'correlation', 'id', 'position', 'version', 'time', 'path', 'path', 'path', 'has'] };

// ---- stores ------------------------------------------------------------------------------------
const HOSTILE_TEXTS = ["'; DROP TABLE events; --", '100% off_now', 'back\\slash', 'nul\u0000inside', '张三', '李四 和 张三丰', '🛒🛒 emoji', 'Ärger ÄRGER ärger', 'straße STRASSE', 'İstanbul', 'Kelvin \u212a sign', '"quoted"', 'NEAR(a b)', '*', '[a-z]'];

function writeHostile(store: EventStore) {
  const rng = createRng('hostile');
  for (let i = 0; i < 300; i++) {
    const stream = rng.pick(['order-张三', 'cart-🛒-1', 'cart-x', "odd-'quote", 'plain', 'k-Kelvin', '-lead']);
    const text = rng.pick(HOSTILE_TEXTS);
    store.append(stream, [
      {
        type: rng.pick(['ItemAdded', 'Ärger', '注文', 'Odd_Type%']),
        data: {
          note: text,
          total: Math.floor(rng.next() * 20000) / (rng.chance(0.3) ? 100 : 1),
          flag: rng.chance(0.5),
          nothing: null,
          items: rng.chance(0.7) ? [{ sku: `SKU-${Math.floor(rng.next() * 50)}`, qty: Math.floor(rng.next() * 5) }, { sku: text, tags: ['a', text, 3] }] : [],
          'we"ird key': text,
          'dotted.key': 1,
          nested: { deep: { list: [[1, 2], [text]] } },
        },
        metadata: { actor: rng.pick(['user:张三', 'support:ken', 'user:Ada', 'user:ada', 'sys\u0000tem']), correlationId: `c-${i % 7}`, source: rng.pick(['ios', 'web', text]) },
        recordedAt: Date.UTC(2026, 0, 1) + i * 3_600_000 * 7,
      },
    ]);
  }
}

function plainReader(reader: EventStoreReader): EventStoreReader {
  return Object.create(reader) as EventStoreReader;
}

describe.each([
  ['demo store', 'demo'],
  ['hostile store (CJK, emoji, SQL, NUL, odd keys, a row that is not JSON)', 'hostile'],
])('search equals the brute-force oracle on a %s', (_title, kind) => {
  let native: EventStoreReader;
  let generic: EventStoreReader;
  let rows: Row[];
  let vocabulary: Vocabulary;

  beforeAll(() => {
    const file = path.join(tempDir('search-oracle'), `${kind}.db`);
    const store = openStore(file, { readonly: false, create: true });
    if (kind === 'demo') generateDemo(store, { streams: 40, events: 2500, longStreams: 1, longEvents: 400, seed: 'oracle' });
    else {
      writeHostile(store);
      const raw = new Database(file);
      raw.prepare("UPDATE events SET data = 'not json {张三 %' WHERE position IN (5, 77)").run();
      raw.close();
    }
    native = toAsyncReader(store);
    generic = plainReader(native);
    const raw = new Database(file, { readonly: true });
    rows = raw.prepare('SELECT * FROM events ORDER BY position').all() as Row[];
    raw.close();
    vocabulary = vocabularyOf(rows, createRng(`vocabulary-${kind}`));
    return () => store.close();
  });

  for (const engine of ['sqlite', 'generic'] as const) {
    it(`${engine} path: 150 random trees give the oracle's total, items and facets`, async () => {
      const rng = createRng(`trees-${kind}-${engine}`);
      const reader = engine === 'sqlite' ? native : generic;
      let nonEmpty = 0;
      for (let i = 0; i < 150; i++) {
        const tree = randomTree(rng, vocabulary, TREES);
        const expected = rows.filter((r) => oracle(tree, r));
        const result = await searchTree(reader, tree, { q: '', limit: 1000, facets: true });
        const context = JSON.stringify(tree);
        expect(result.total, context).toBe(expected.length);
        expect(result.items.map((e) => e.position), context).toEqual(expected.slice(0, 1000).map((r) => r.position));
        expect(result.facets, context).toEqual(oracleFacets(expected));
        expect(result.histogram?.total, context).toBe(expected.length);
        expect(result.plan).toBe(engine === 'sqlite' ? 'sql' : 'scan');
        if (expected.length > 0 && expected.length < rows.length) nonEmpty++;
      }
      // The generator must produce telling queries, not only "nothing" or "everything".
      expect(nonEmpty).toBeGreaterThan(40);
    });
  }

  it('every seed word, as free text and as a contains-match on every path, equals the oracle on both engines', async () => {
    for (const word of SEED_WORDS) {
      const trees: SearchNode[] = [{ kind: 'term', term: { kind: 'text', text: word }, span: [0, 0] }];
      for (const { path: p } of vocabulary.paths.slice(0, 12)) {
        trees.push({ kind: 'term', term: { kind: 'path', path: p, op: '=', value: { kind: 'text', match: { kind: 'contains', text: word } } }, span: [0, 0] });
      }
      for (const tree of trees) {
        const expected = rows.filter((r) => oracle(tree, r)).map((r) => r.position);
        for (const reader of [native, generic]) {
          const result = await searchTree(reader, tree, { q: '', limit: 1000 });
          expect(result.items.map((e) => e.position), JSON.stringify(tree)).toEqual(expected.slice(0, 1000));
          expect(result.total).toBe(expected.length);
        }
      }
    }
  });

  it('both paths agree with the oracle when paging (every match once, in order)', async () => {
    const rng = createRng(`paging-${kind}`);
    for (let i = 0; i < 12; i++) {
      const tree = randomTree(rng, vocabulary, TREES);
      const expected = rows.filter((r) => oracle(tree, r)).map((r) => r.position);
      for (const reader of [native, generic]) {
        const seen: number[] = [];
        let after: string | null = null;
        let pages = 0;
        do {
          const page = await searchTree(reader, tree, { q: '', limit: Math.max(7, Math.ceil(expected.length / 12)), after });
          expect(page.total).toBe(expected.length);
          seen.push(...page.items.map((e) => e.position));
          after = page.next;
          expect(++pages).toBeLessThan(1000);
        } while (after);
        expect(seen).toEqual(expected);
      }
    }
  });

  if (kind === 'hostile') {
    it('says how many events have data that is not JSON, on both paths', async () => {
      for (const reader of [native, generic]) {
        const result = await searchTree(reader, null, { q: '' });
        expect(result.blindSpots).toHaveLength(1);
        expect(result.blindSpots[0]).toMatch(/^2 events have data that is not valid JSON/);
      }
    });
  }
});
