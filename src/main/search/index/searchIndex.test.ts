import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openForViewing } from '../../adapters/openForViewing.ts';
import { toAsyncReader } from '../../store/asyncReader.ts';
import type { EventStore, EventStoreReader, NewEvent, RawEvent } from '../../store/eventStore.ts';
import { fileFingerprint, tempDir, tempStore } from '../../testing/tempFiles.ts';
import { foldedIncludes } from './fold.ts';
import { clearSearchIndexes } from './indexFiles.ts';
import { EVENTS_PER_BLOCK, openSearchIndex } from './searchIndex.ts';

const WORDS = ['张三', '李四买了', 'Straße', 'STRASSE', 'İstanbul', 'ıspanak', 'ΟΔΥΣΣΕΥΣ', 'Ünïcödé', '😀😁🎉', 'café', 'SKU-0046', 'x"y', 'NEAR(a b)', "o'brien", 'AND', 'a*b', 'guido@example.com', 'ǅemal', 'ﬃ'];

/** A small pseudo-random generator, so a failing seed reproduces. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function fillStore(store: EventStore, count: number, seed = 1): void {
  const rnd = random(seed);
  const pick = <T,>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  for (let i = 0; i < count; i++) {
    const words = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(WORDS));
    const event: NewEvent = {
      type: pick(['ItemAdded', 'İtemRemoved', 'Σημείωση', '注文']),
      data: { note: words.join(' '), n: i, nested: { list: [pick(WORDS), Math.floor(rnd() * 1000)] } },
      metadata: { actor: `user:${pick(['Zoë', 'ALI', 'dž', '王'])}`, source: pick(['iOS', 'web']) },
    };
    store.append(`${pick(['cart', 'Kunde', '顧客'])}-${Math.floor(rnd() * 20)}`, [event]);
  }
}

async function allRaw(reader: EventStoreReader): Promise<RawEvent[]> {
  const out: RawEvent[] = [];
  for await (const chunk of reader.iterateRaw({ kind: 'all' })) out.push(...chunk);
  return out;
}

/** The engine's view: a term matches when it is a folded substring of data, metadata, stream id or type. */
const oracle = (events: RawEvent[], terms: string[], includes = foldedIncludes) =>
  events.filter((e) => terms.every((t) => [e.dataText, e.metadataText, e.streamId, e.type].some((f) => includes(f, t)))).map((e) => e.position);

function randomTerms(events: RawEvent[], rnd: () => number): string[] {
  const e = events[Math.floor(rnd() * events.length)];
  const field = [e.dataText, e.metadataText, e.streamId, e.type][Math.floor(rnd() * 4)];
  const chars = [...field];
  const length = 3 + Math.floor(rnd() * 10);
  const start = Math.floor(rnd() * Math.max(1, chars.length - length));
  const term = chars.slice(start, start + length).map((c) => (rnd() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join('');
  return rnd() < 0.3 ? [term, randomTerms(events, rnd)[0]] : [term];
}

describe('the search index', () => {
  const dir = tempDir('search-index');
  const store = tempStore(dir);
  fillStore(store, 3000);
  const reader = toAsyncReader(store);

  it.each([1, 5, 16])('never misses a match (%i events per document): candidates contain every event a folded substring search finds, for many random terms', async (eventsPerBlock) => {
    const cacheDir = tempDir('search-cache');
    const index = await openSearchIndex(reader, { cacheDir, eventsPerBlock });
    expect(index.status().state).toBe('none');
    expect(await index.candidates(['SKU-0046'])).toBeNull();
    const built = await index.build();
    expect(built.events).toBe(3000);
    expect(index.status()).toMatchObject({ state: 'ready', events: 3000, indexedUpTo: (await reader.stats()).lastPosition });
    const events = await allRaw(reader);
    const rnd = random(42);
    let narrowed = 0;
    for (let i = 0; i < 400; i++) {
      const terms = randomTerms(events, rnd);
      const found = await index.candidates(terms);
      const truth = oracle(events, terms);
      if (terms.some((t) => [...t].length < 3)) continue;
      if (found === null) {
        // only a term the index cannot take (a lone surrogate from slicing) may come back null
        expect(terms.some((t) => /[\uD800-\uDFFF]/.test(t.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '')))).toBe(true);
        continue;
      }
      const set = new Set(found);
      expect(truth.filter((p) => !set.has(p)), JSON.stringify(terms)).toEqual([]);
      // and plain toLowerCase on both sides (a simpler engine) is covered as well
      const plain = oracle(events, terms, (h, t) => h.toLowerCase().includes(t.toLowerCase()));
      expect(plain.filter((p) => !set.has(p)), JSON.stringify(terms)).toEqual([]);
      if (found.length < events.length) narrowed++;
    }
    expect(narrowed).toBeGreaterThan(200); // the index really narrows, it is not "everything"
    if (eventsPerBlock === 1) expect(await index.candidates(['李四买了'])).toEqual(oracle(events, ['李四买了']));
    await index.close();
  });

  it('covers scripts and case: CJK, emoji, Turkish, German, Greek final sigma, escaped JSON', async () => {
    const cacheDir = tempDir('search-cache');
    const index = await openSearchIndex(reader, { cacheDir });
    await index.build();
    const events = await allRaw(reader);
    for (const term of ['李四买', '四买了', '😀😁🎉', 'İSTANBUL', 'i̇stanbul', 'ıSPANAK', 'ıspanak', 'strasse', 'STRAßE', 'οδυσσευσ', 'ΟΔΥΣΣΕΥΣ', 'υσσ', 'ÜNÏCÖDÉ', 'CAFÉ', '顧客-1', 'σημ', 'ǆemal', 'ǅEMAL', 'ZOË', 'user:王']) {
      const answer = await index.candidates([term]);
      expect(answer, term).not.toBeNull();
      const found = new Set(answer);
      const truth = oracle(events, [term]);
      expect(truth.length + found.size, term).toBeGreaterThan(0);
      expect(truth.filter((p) => !found.has(p)), term).toEqual([]);
    }
    // The hits are the matching events' blocks, no more: at most EVENTS_PER_BLOCK per true match.
    const hits = (await index.candidates(['李四买了']))!;
    const truth = oracle(events, ['李四买了']);
    expect(hits.length).toBeLessThan(events.length);
    expect(hits.length).toBeLessThanOrEqual(truth.length * EVENTS_PER_BLOCK);
    expect(hits).toEqual([...hits].sort((x, y) => x - y));
    await index.close();
  });

  it('says null for terms under three characters, counted in characters (an emoji pair is two)', async () => {
    const index = await openSearchIndex(reader, { cacheDir: tempDir('search-cache') });
    await index.build();
    for (const terms of [['张三'], ['ab'], ['😀😁'], ['SKU-0046', 'ab'], [], ['\uD83D\uDE00\uD83D']]) expect(await index.candidates(terms), JSON.stringify(terms)).toBeNull();
    expect(await index.candidates(['😀😁🎉'])).not.toBeNull();
    await index.close();
  });

  it('treats FTS5 syntax and SQL in a term as text', async () => {
    const index = await openSearchIndex(reader, { cacheDir: tempDir('search-cache') });
    await index.build();
    const events = await allRaw(reader);
    for (const term of ['x"y', 'NEAR(a', 'a*b', '"', '"""', 'AND', 'a OR b', "'); DROP TABLE meta;--", '^abc', 'col:abc', '{}()*', 'x'.repeat(100_000)]) {
      const found = await index.candidates([term]);
      if ([...term].length < 3) expect(found).toBeNull();
      else {
        const set = new Set(found);
        expect(oracle(events, [term]).filter((p) => !set.has(p)), term.slice(0, 30)).toEqual([]);
      }
    }
    expect((await index.candidates(['NEAR(a']))!.length).toBeGreaterThan(0);
    await index.close();
  });

  it('finds text with NUL characters and escapes, stored or decoded', async () => {
    const own = tempStore(tempDir('search-store'));
    const [a] = own.append('nul-1', [{ type: 'Odd', data: { s: 'left\u0000right', name: 'José' } }]).positions;
    own.append('nul-2', [{ type: 'Odd', data: { s: 'plain' } }]);
    const ownReader = toAsyncReader(own);
    const index = await openSearchIndex(ownReader, { cacheDir: tempDir('search-cache') });
    await index.build();
    const events = await allRaw(ownReader);
    for (const term of ['t\u0000r', 'left', 'right', 'JOSÉ', '\\u00']) {
      const found = await index.candidates([term]);
      expect(found, JSON.stringify(term)).not.toBeNull();
      expect(oracle(events, [term]).filter((p) => !found!.includes(p)), JSON.stringify(term)).toEqual([]);
    }
    expect(await index.candidates(['t\u0000r'])).toEqual([a, a + 1]); // both events share one block
    await index.close();
  });
});

describe('the index file', () => {
  it('leaves the audited store and its folder byte-identical', async () => {
    const storeDir = tempDir('search-store');
    const writer = tempStore(storeDir);
    fillStore(writer, 500);
    writer.close();
    const file = writer.info.path;
    const before = { files: fs.readdirSync(storeDir).sort(), print: fileFingerprint(file) };
    const reader = openForViewing(file);
    const cacheDir = tempDir('search-cache');
    const index = await openSearchIndex(reader, { cacheDir });
    await index.build();
    await index.candidates(['SKU-0046']);
    await index.update();
    await index.close();
    await reader.close();
    expect({ files: fs.readdirSync(storeDir).sort(), print: fileFingerprint(file) }).toEqual(before);
    expect(fs.readdirSync(path.join(cacheDir, 'search'))).toHaveLength(1);
  });

  it('is reused while the store is unchanged and discarded when the file changed', async () => {
    const dir = tempDir('search-store');
    const store = tempStore(dir);
    fillStore(store, 300);
    const reader = toAsyncReader(store);
    const cacheDir = tempDir('search-cache');
    let index = await openSearchIndex(reader, { cacheDir });
    await index.build();
    await index.close();
    const [first] = fs.readdirSync(path.join(cacheDir, 'search'));
    index = await openSearchIndex(reader, { cacheDir });
    expect(index.status()).toMatchObject({ state: 'ready', events: 300 });
    expect(await index.candidates(['SKU-0046'])).not.toBeNull();
    await index.close();

    fillStore(store, 5, 9); // the file grows: size, mtime and chain head change
    index = await openSearchIndex(reader, { cacheDir });
    expect(index.status().state).toBe('none');
    expect(await index.candidates(['SKU-0046'])).toBeNull();
    expect(fs.readdirSync(path.join(cacheDir, 'search'))).not.toContain(first);
    await index.build();
    expect(index.status().events).toBe(305);
    expect(fs.readdirSync(path.join(cacheDir, 'search'))).toHaveLength(1);
    await index.close();
  });

  it('indexes appended events on update()', async () => {
    const store = tempStore(tempDir('search-store'));
    fillStore(store, 200);
    const reader = toAsyncReader(store);
    const cacheDir = tempDir('search-cache');
    const index = await openSearchIndex(reader, { cacheDir });
    await index.build();
    const before = index.indexedUpTo();
    const [position] = store.append('late-1', [{ type: 'Noted', data: { text: 'Zebrafish Überall' } }]).positions;
    expect(await index.candidates(['zebrafish'])).toEqual([]);
    expect(index.indexedUpTo()).toBe(before);
    expect(await index.update()).toEqual({ events: 1 });
    expect(index.indexedUpTo()).toBe(position);
    expect(index.status()).toMatchObject({ state: 'ready', events: 201 });
    expect(await index.candidates(['ZEBRAFISH', 'überall'])).toEqual([position]);
    expect(await index.update()).toEqual({ events: 0 });
    await index.close();
    // The grown file is the same store: reopening finds the index that followed it.
    const reopened = await openSearchIndex(reader, { cacheDir });
    expect(reopened.status()).toMatchObject({ state: 'ready', events: 201, indexedUpTo: position });
    expect(await reopened.candidates(['zebrafish'])).toEqual([position]);
    await reopened.close();
  });

  it('a cancelled build leaves nothing that claims to be ready', async () => {
    const store = tempStore(tempDir('search-store'));
    fillStore(store, 9000);
    const reader = toAsyncReader(store);
    const cacheDir = tempDir('search-cache');
    const index = await openSearchIndex(reader, { cacheDir });
    const abort = new AbortController();
    const progress: number[] = [];
    const run = index.build({ signal: abort.signal, onProgress: (done, total) => {
      progress.push(done);
      expect(total).toBe(9000);
      if (done >= 4000) abort.abort();
    } });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(progress.at(-1)).toBeLessThan(9000);
    expect(index.status().state).toBe('none');
    expect(await index.candidates(['SKU-0046'])).toBeNull();
    expect(fs.readdirSync(path.join(cacheDir, 'search'))).toEqual([]);
    await index.close();
    const again = await openSearchIndex(reader, { cacheDir });
    expect(again.status().state).toBe('none');
    await again.build();
    expect(again.status().state).toBe('ready');
    await again.close();
  });

  it('clearSearchIndexes removes every index', async () => {
    const store = tempStore(tempDir('search-store'));
    fillStore(store, 100);
    const cacheDir = tempDir('search-cache');
    const index = await openSearchIndex(toAsyncReader(store), { cacheDir });
    const { bytes } = await index.build();
    await index.close();
    expect(clearSearchIndexes(cacheDir)).toBe(bytes);
    expect(fs.existsSync(path.join(cacheDir, 'search'))).toBe(false);
    expect(clearSearchIndexes(cacheDir)).toBe(0);
    const reopened = await openSearchIndex(toAsyncReader(store), { cacheDir });
    expect(reopened.status().state).toBe('none');
    await reopened.close();
  });
});
