import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistogramQuery } from '../../shared/types.ts';
import { openForViewing } from '../adapters/openForViewing.ts';
import { generateDemo } from '../demo/generateDemo.ts';
import { writeEmmettFile } from '../testing/emmettFile.ts';
import { fileFingerprint, tempDir } from '../testing/tempFiles.ts';
import { toAsyncReader } from './asyncReader.ts';
import type { EventStoreReader } from './eventStore.ts';
import { openStore } from './openStore.ts';
import { getRow, histogramPlan } from './readPlans.ts';
import { createSqliteReadWorker } from './readWorker.ts';

const dir = tempDir('read-worker');
const file = path.join(dir, 'generated.db');
const readers: EventStoreReader[] = [];
/** A fresh viewing reader on `at`, long reads on a worker (the default) or inline (as before workers). */
const open = (at: string, longReads: 'worker' | 'inline' = 'worker') => {
  const reader = toAsyncReader(openStore(at, { readonly: true }), { longReads });
  readers.push(reader);
  return reader;
};

beforeAll(() => {
  // Big enough that a whole-store histogram is real work: 120,000 events over 300 streams and two long ones.
  const store = openStore(file, { readonly: false, create: true, bulkLoad: true });
  try {
    generateDemo(store, { streams: 300, events: 60_000, longStreams: 2, longEvents: 30_000, spanDays: 90 });
  } finally {
    store.close();
  }
}, 120_000);
afterAll(async () => {
  for (const reader of readers) await reader.close();
});

const QUERIES: HistogramQuery[] = [
  {},
  { types: ['ItemAdded', 'CartCheckedOut'] },
  { streamPrefix: 'cart-' },
  { fromTime: '2026-02-01', toTime: '2026-03-01' },
  { actor: 'support:*' },
  { types: ['ItemAdded'], streamPrefix: 'cart-', fromTime: '2026-01-20T00:00:00Z', toTime: '2026-03-15', actor: 'user:*' },
];

describe('read worker', () => {
  it('answers histogram, actors and the global count exactly as the inline reads do', async () => {
    const onWorker = open(file);
    const inline = open(file, 'inline');
    for (const query of QUERIES) {
      for (const buckets of [1, 37, 120]) expect(await onWorker.histogram(query, buckets)).toEqual(await inline.histogram(query, buckets));
      expect(await onWorker.countEvents({ kind: 'all', ...query })).toBe(await inline.countEvents({ kind: 'all', ...query }));
    }
    expect((await onWorker.histogram({}, 120)).total).toBe(120_000);
    expect(await onWorker.countEvents({ kind: 'all', fromPosition: 50_001 })).toBe(70_000);
    for (const actors of [{}, { limit: 3 }, { actor: 'support:*' }, { actor: 'SUPPORT:' }, { actor: 'nobody' }]) {
      expect(await onWorker.actors(actors)).toEqual(await inline.actors(actors));
    }
    expect((await onWorker.actors({ actor: 'support:*' })).match?.actors).toBeGreaterThan(0);
  });

  it('leaves the thread free: a streams page asked for while a histogram runs answers before it', async () => {
    const store = open(file);
    const order: string[] = [];
    const histogram = store.histogram({}, 120).then(() => order.push('histogram'));
    const page = store.listStreams({ limit: 50 }).then(() => order.push('streams page'));
    const timeline = store.readAll({ limit: 50 }).then(() => order.push('timeline page'));
    await Promise.all([histogram, page, timeline]);
    expect(order).toEqual(['streams page', 'timeline page', 'histogram']);
  });

  it('inline (before workers) the histogram held the thread: the page asked for meanwhile came after it', async () => {
    const store = open(file, 'inline');
    const order: string[] = [];
    const histogram = store.histogram({}, 120).then(() => order.push('histogram'));
    const page = store.listStreams({ limit: 50 }).then(() => order.push('streams page'));
    await Promise.all([histogram, page]);
    expect(order).toEqual(['histogram', 'streams page']);
  });

  it('cancels a running histogram (CANCELLED) and answers the next one on a fresh worker', async () => {
    const store = open(file);
    const controller = new AbortController();
    const cancelled = store.histogram({}, 120, { signal: controller.signal });
    const queued = store.actors({}, { signal: controller.signal }); // waits behind it, cancelled too
    controller.abort();
    await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(queued).rejects.toMatchObject({ code: 'CANCELLED' });
    expect((await store.histogram({ types: ['CartOpened'] }, 10)).total).toBeGreaterThan(0);
    await expect(store.histogram({}, 10, { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('runs reads only, and says in words when it cannot open the file', async () => {
    const before = fileFingerprint(file);
    const worker = createSqliteReadWorker(file);
    try {
      await expect(worker.run(getRow('DELETE FROM events'))).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/not a read; it was refused/) });
      await expect(worker.run(getRow("PRAGMA journal_mode = WAL"))).rejects.toMatchObject({ code: 'INTERNAL' });
      expect(await worker.run(getRow<[number]>('SELECT count(*) FROM events'))).toEqual([120_000]);
    } finally {
      await worker.close();
    }
    expect(fileFingerprint(file)).toEqual(before);
    const missing = createSqliteReadWorker(path.join(dir, 'gone.db'));
    try {
      await expect(missing.run(histogramPlan({ table: 'events', time: 'recorded_at', type: 'type' }, '1', {}, 10))).rejects.toMatchObject({
        code: 'IO_ERROR',
        message: expect.stringMatching(/cannot be opened/),
        // SQLite's failure said as words on the worker, which cross back with the message.
        words: { key: 'errorWords.sqlite.cannotOpen' },
      });
    } finally {
      await missing.close();
    }
  });

  it('cancels what is still waiting when the store closes', async () => {
    const store = toAsyncReader(openStore(file, { readonly: true }));
    const pending = expect(store.histogram({}, 120)).rejects.toMatchObject({ code: 'CANCELLED' });
    await store.close();
    await pending;
  });

  it('reads a private snapshot where the store is read from one (a WAL-mode file), the same answers as inline', async () => {
    const wal = path.join(dir, 'wal.db');
    fs.copyFileSync(file, wal);
    const db = new Database(wal);
    db.pragma('journal_mode = WAL');
    db.close();
    const onWorker = open(wal);
    expect(onWorker.info.access).toBe('snapshot');
    const inline = open(wal, 'inline');
    expect(await onWorker.histogram(QUERIES[5], 50)).toEqual(await inline.histogram(QUERIES[5], 50));
    expect(await onWorker.actors({ actor: 'support' })).toEqual(await inline.actors({ actor: 'support' }));
    expect(fs.existsSync(`${wal}-wal`) || fs.existsSync(`${wal}-shm`)).toBe(false);
  });

  it('runs an Emmett store’s histogram and actors on the worker with the same answers', async () => {
    const emmett = path.join(dir, 'emmett.db');
    await writeEmmettFile(emmett, [
      ['cart-1', [{ type: 'CartOpened', data: {}, metadata: { actor: 'alice' } }, { type: 'ItemAdded', data: { sku: 'a' }, metadata: { actor: 'Bob' } }]],
      ['account-1', [{ type: 'AccountOpened', data: {}, metadata: { actor: 'bob' } }]],
    ]);
    const onWorker = openForViewing(emmett);
    readers.push(onWorker);
    const local = openForViewing(emmett);
    readers.push(local);
    for (const query of [{}, { streamPrefix: 'cart-' }, { actor: 'bob' }]) {
      const histogram = await onWorker.histogram(query, 5);
      expect(histogram.total).toBeGreaterThan(0);
      expect(await onWorker.countEvents({ kind: 'all', ...query })).toBe(histogram.total);
    }
    expect((await onWorker.actors({ actor: 'BOB' })).match).toMatchObject({ actors: 0, suggestions: [{ actor: 'Bob', count: 1 }, { actor: 'bob', count: 1 }] });
    expect(await onWorker.actors()).toEqual(await local.actors());
  });

  it('a writable store read on a worker closes last, so its WAL is checkpointed and removed (no -wal left beside the file)', async () => {
    const at = path.join(tempDir('read-worker-wal'), 'writable.db');
    const store = openStore(at, { readonly: false, create: true });
    store.appendMany([{ streamId: 'cart-1', events: [{ type: 'ItemAdded', data: { sku: 'a' } }] }]);
    const reader = toAsyncReader(store);
    expect((await reader.histogram({}, 10)).total).toBe(1); // starts the worker and its read-only connection
    store.appendMany([{ streamId: 'cart-1', events: [{ type: 'ItemAdded', data: { sku: 'b' } }] }]);
    await reader.close();
    expect(fs.readdirSync(path.dirname(at)).sort()).toEqual(['writable.db']);
    const reopened = openStore(at, { readonly: true });
    try {
      expect(reopened.stats().events).toBe(2);
    } finally {
      reopened.close();
    }
  });
});
