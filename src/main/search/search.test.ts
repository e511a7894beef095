// searchStore end to end on a small demo store: parse problems as typed errors, literal searches,
// hostile queries, cancellation, cursors, and the accelerator contract (every candidate checked,
// events past the index scanned) with a fake index.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchRequest } from '../../shared/search.ts';
import { generateDemo } from '../demo/generateDemo.ts';
import { LedgerError } from '../errors.ts';
import { toAsyncReader } from '../store/asyncReader.ts';
import type { EventStoreReader } from '../store/eventStore.ts';
import { openStore } from '../store/openStore.ts';
import { SQL_LOOKING } from '../testing/hostileCorpus.ts';
import { fileFingerprint, tempDir } from '../testing/tempFiles.ts';
import { searchStore } from './search.ts';
import type { SearchAccelerator } from './types.ts';

let file: string;
let dir: string;
let native: EventStoreReader;
let generic: EventStoreReader;

beforeAll(() => {
  dir = tempDir('search');
  file = path.join(dir, 'demo.db');
  const writer = openStore(file, { readonly: false, create: true });
  generateDemo(writer, { streams: 30, events: 2000, longStreams: 0, seed: 'search-test' });
  writer.close();
  const store = openStore(file);
  native = toAsyncReader(store);
  generic = Object.create(native) as EventStoreReader;
  return () => store.close();
});

const both = () => [
  ['sqlite', native],
  ['generic', generic],
] as const;

async function rejection(promise: Promise<unknown>): Promise<LedgerError> {
  try {
    await promise;
  } catch (error) {
    return error as LedgerError;
  }
  throw new Error('expected a rejection');
}

describe('searchStore', () => {
  it('answers a parsed query the same on both paths, with facets and a histogram', async () => {
    const request: SearchRequest = { q: 'type:ItemAdded data.quantity>=2', facets: true, limit: 5 };
    const [a, b] = [await searchStore(native, request), await searchStore(generic, request)];
    expect(a.total).toBeGreaterThan(5);
    expect(a.items.every((e) => e.type === 'ItemAdded' && (e.data as { quantity: number }).quantity >= 2)).toBe(true);
    expect({ ...b, plan: 'x' }).toEqual({ ...a, plan: 'x' });
    expect(a.facets?.types).toEqual([{ value: 'ItemAdded', count: a.total }]);
    expect(a.histogram?.buckets.reduce((n, bucket) => n + bucket.counts.reduce((x, y) => x + y, 0), 0)).toBe(a.total);
  });

  it('gives a query that does not parse as INVALID_INPUT carrying the problem, and searches it literally when asked', async () => {
    for (const [, reader] of both()) {
      const error = await rejection(searchStore(reader, { q: '(type:ItemAdded OR' }));
      expect(error).toBeInstanceOf(LedgerError);
      expect(error.code).toBe('INVALID_INPUT');
      const problem = (error.details as { problem: { at: number; message: string } }).problem;
      expect(problem.at).toBeGreaterThan(0);
      expect(problem.message).toMatch(/OR/);
      const literal = await searchStore(reader, { q: '(type:ItemAdded OR', literal: true });
      expect(literal.total).toBe(0);
    }
  });

  it('treats hostile queries as text: never an exception other than a parse problem, the file unchanged, nothing beside it', async () => {
    const before = fileFingerprint(file);
    const listing = fs.readdirSync(dir).sort();
    const queries = [...SQL_LOOKING, 'NEAR(a b)', '"unterminated', 'a*b*', '\\', '%_%', 'data.x:"%"', 'x'.repeat(100_000), '张三 🛒', '-(-(-x))', 'type:*'];
    for (const [, reader] of both()) {
      for (const q of queries) {
        for (const literal of [false, true]) {
          try {
            const result = await searchStore(reader, { q, literal, facets: true });
            expect(result.total).toBeGreaterThanOrEqual(0);
          } catch (error) {
            expect((error as LedgerError).code).toBe('INVALID_INPUT');
            expect(literal).toBe(false);
          }
        }
      }
      // A literal '%' or '_' is a character to find, not a LIKE wildcard.
      expect((await searchStore(reader, { q: '%', literal: true })).total).toBe(0);
    }
    expect(fileFingerprint(file)).toEqual(before);
    expect(fs.readdirSync(dir).sort()).toEqual(listing);
  });

  it('refuses a cursor that is not one of its own, in words', async () => {
    for (const [, reader] of both()) {
      const error = await rejection(searchStore(reader, { q: 'cart', after: "'; DROP TABLE events; --" }));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toMatch(/next page/);
    }
  });

  it('stops when cancelled: before it starts on both paths, and between chunks of the generic scan', async () => {
    for (const [, reader] of both()) {
      const controller = new AbortController();
      controller.abort();
      expect((await rejection(searchStore(reader, { q: 'cart' }, { signal: controller.signal }))).code).toBe('CANCELLED');
    }
    const controller = new AbortController();
    let calls = 0;
    const error = await rejection(
      searchStore(generic, { q: 'cart' }, { signal: controller.signal, onProgress: () => (++calls === 1 ? controller.abort() : undefined) }),
    );
    expect(error.code).toBe('CANCELLED');
    expect(calls).toBe(1);
  });
});

describe('the accelerator contract (a fake index)', () => {
  // Candidates: every true match at or below indexedUpTo plus noise; nothing above it (not indexed).
  async function fakeIndex(reader: EventStoreReader, upTo: number, asked: string[][]): Promise<SearchAccelerator> {
    return {
      indexedUpTo: () => upTo,
      candidates: async (texts) => {
        asked.push(texts);
        const truth = await searchStore(generic, { q: texts.map((t) => JSON.stringify(t)).join(' '), limit: 1000 });
        const positions = truth.items.map((e) => e.position).filter((p) => p <= upTo);
        for (let p = 1; p <= upTo; p += 13) positions.push(p); // false candidates the engine must reject
        void reader;
        return positions;
      },
    };
  }

  for (const name of ['sqlite', 'generic'] as const) {
    it(`${name}: the same results with the index as without, candidates checked and the tail scanned`, async () => {
      const reader = name === 'sqlite' ? native : generic;
      const asked: string[][] = [];
      const accelerator = await fakeIndex(reader, 1200, asked);
      for (const q of ['cart', 'ItemAdded -type:ItemAdded', 'SKU-00 type:ItemAdded', 'ada OR ken', 'ok']) {
        const plain = await searchStore(reader, { q, limit: 1000, facets: true });
        const fast = await searchStore(reader, { q, limit: 1000, facets: true }, { accelerator });
        expect({ ...fast, plan: '' }, q).toEqual({ ...plain, plan: '', blindSpots: fast.blindSpots });
      }
      // Only AND-ed free-text terms of 3+ characters are asked for; OR, NOT and short terms are not.
      expect(asked).toEqual([['cart'], ['ItemAdded'], ['SKU-00']]);
      const used = await searchStore(reader, { q: 'cart' }, { accelerator });
      expect(used.plan).toMatch(/^index/);
    });
  }

  it('sets the index aside when its candidates are most of a large store (checking them would cost more than the scan)', async () => {
    const plain = await searchStore(native, { q: 'cart' });
    const fake = (count: number): SearchAccelerator => ({ indexedUpTo: () => 100_000, candidates: async () => Array.from({ length: count }, (_, i) => i + 1) });
    const most = await searchStore(native, { q: 'cart' }, { accelerator: fake(60_000) });
    expect(most.plan).toBe('sql');
    expect(most.total).toBe(plain.total);
    expect((await searchStore(native, { q: 'cart' }, { accelerator: fake(40_000) })).plan).toBe('index+sql');
  });

  it('falls back to the plain path when the index cannot narrow (null)', async () => {
    const accelerator: SearchAccelerator = { indexedUpTo: () => 0, candidates: async () => null };
    const result = await searchStore(native, { q: 'cart' }, { accelerator });
    expect(result.plan).toBe('sql');
  });
});
