import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { toAsyncReader } from '../store/asyncReader.ts';
import type { EventScope, EventStoreReader } from '../store/eventStore.ts';
import { openStore } from '../store/openStore.ts';
import { tempDir } from '../testing/tempFiles.ts';
import { EVENT_FORMATS, eventJson, eventJsonOfRow } from './eventFormats.ts';
import { exportEvents } from './exportEvents.ts';
import { exportOnWorker, ExportWorkerUnavailable } from './workerExport.ts';
import { isCompactJson } from './embeddableJson.ts';
import { createMasker } from '../masking/masker.ts';
import type { RawRow } from '../store/reads.ts';

const partials = (dir: string) => fs.readdirSync(dir).filter((n) => n.includes('.partial'));

/**
 * How long the event loop was held while `work` ran: the time past 20 ms of every wait between
 * two runs of a 2 ms timer, summed (the last stretch up to the answer included).
 */
async function heldTime(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let held = 0;
  const gap = (now: number) => {
    held += Math.max(0, now - last - 20);
    last = now;
  };
  const timer = setInterval(() => gap(performance.now()), 2);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  gap(performance.now());
  return held;
}

/** Stored texts our append path would never write, set on rows of a copy with plain SQL. */
const ODD_DATA: [number, string][] = [
  [1, '{"big":12345678901234567890123,"neg":-0,"exp":1e400,"frac":0.1000000000000000055511151231257827,"tiny":5e-324}'],
  [2, '{"u":"日本語 😀 é ß","esc":"\\"q\\" \\\\ \\n \\t \\u0000 \\u2028","ls":"\u2028\u2029"}'],
  [3, '{"a":{"b":{"c":{"d":{"e":[1,[2,[3,{"f":null}]]]}}}}}'],
  [4, '{\n  "spread": 1,\r\n  "n": [1,\n 2]\n}'],
  [5, '{broken'],
  [6, '42'],
  [7, '"just a string"'],
  [8, '{"lone":"\\ud800","pair":"\\ud83d\\ude00"}'],
  [9, `{"long":"${'x'.repeat(20_000)}"}`],
  [10, ''],
  [11, '{"a":1}  '],
  [12, '[]'],
];

describe('the export worker', () => {
  const dir = tempDir('export-worker');
  const odd = path.join(dir, 'odd.db');
  const big = path.join(dir, 'big.db');
  let oddStore: EventStoreReader;
  let bigStore: EventStoreReader;

  beforeAll(() => {
    const writer = openStore(odd, { readonly: false, create: true });
    for (let i = 0; i < 40; i++) {
      writer.append(i % 5 === 0 ? 'Straße-😀' : `order-${i % 3}`, [
        { type: i % 7 === 0 ? 'Odd\tType"' : 'ItemAdded', data: { sku: `S${i}`, note: 'comma, "quote"\nnewline', n: i, nested: { deep: [i, 'é'] } }, metadata: { actor: i % 2 ? '=cmd()' : 'alice', correlationId: `c${i}` }, recordedAt: 1_767_225_600_000 + i * 1234 },
      ]);
    }
    writer.close();
    const db = new Database(odd);
    const setData = db.prepare('UPDATE events SET data = ? WHERE position = ?');
    for (const [position, text] of ODD_DATA) setData.run(text, position);
    db.prepare("UPDATE events SET data = x'7b2278223a317d' WHERE position = 13").run(); // a BLOB that is JSON
    db.prepare("UPDATE events SET data = x'ff00fe' WHERE position = 14").run(); // a BLOB that is not UTF-8
    db.prepare("UPDATE events SET metadata = '[1,2' WHERE position = 15").run();
    db.prepare("UPDATE events SET metadata = '{\"actor\":12345678901234567890}' WHERE position = 16").run();
    db.prepare("UPDATE events SET recorded_at = 'yesterday' WHERE position = 17").run();
    db.prepare('UPDATE events SET recorded_at = 1.5 WHERE position = 18').run();
    db.prepare('UPDATE events SET recorded_at = 9e15 WHERE position = 19').run();
    db.prepare('UPDATE events SET recorded_at = -1 WHERE position = 20').run();
    db.prepare("UPDATE events SET event_id = 'id\"\n\u0001' WHERE position = 21").run();
    db.prepare("UPDATE events SET hash = x'' WHERE position = 22").run();
    db.close();
    oddStore = toAsyncReader(openStore(odd));

    // Enough bytes (~20 MB) for the worker to run out of buffers and wait for hashed ones to come back.
    const bigWriter = openStore(big, { readonly: false, create: true });
    const filler = 'ü'.repeat(2000);
    for (let batch = 0; batch < 10; batch++) {
      bigWriter.append(
        `stream-${batch}`,
        Array.from({ length: 500 }, (_, i) => ({ type: 'Filled', data: { i, text: filler }, metadata: { actor: `u${i}` }, recordedAt: 1_767_225_600_000 + batch * 500_000 + i * 1000 })),
      );
    }
    bigWriter.close();
    bigStore = toAsyncReader(openStore(big));
  });
  afterAll(async () => {
    await oddStore.close();
    await bigStore.close();
  });

  it('encodes a stored row exactly as eventJson encodes its RawEvent, odd rows included', () => {
    const db = new Database(odd, { readonly: true });
    const rows = db
      .prepare('SELECT position, event_id, stream_id, version, type, recorded_at, data, metadata, iif(hash IS NULL, NULL, lower(hex(hash))) FROM events ORDER BY position')
      .raw(true)
      .all() as RawRow[];
    db.close();
    const local = openStore(odd);
    const events = [...local.iterateRaw({ kind: 'all' })];
    local.close();
    expect(rows.map(eventJsonOfRow)).toEqual(events.map(eventJson));
    // The odd rows really are odd (some are not JSON at all), and the others take the fast path.
    expect(events.filter((e) => eventJson(e).includes('"decodeError"')).length).toBeGreaterThanOrEqual(4);
    expect(events.filter((e) => isCompactJson(e.dataText) && isCompactJson(e.metadataText)).length).toBeGreaterThanOrEqual(20);
  });

  for (const format of EVENT_FORMATS) {
    it(`writes the same ${format} bytes, hash and counts as the export on this thread, reading nothing here`, async () => {
      const here = await exportEvents(oddStore, { scope: { kind: 'all' }, format, out: path.join(dir, `here.${format}`), thread: 'here' });
      const iterateRaw = vi.spyOn(oddStore, 'iterateRaw');
      const progress: [number, number][] = [];
      const worker = await exportEvents(oddStore, { scope: { kind: 'all' }, format, out: path.join(dir, `worker.${format}`), chunk: 7, onProgress: (p) => progress.push([p.done, p.total]) });
      expect(iterateRaw).not.toHaveBeenCalled();
      iterateRaw.mockRestore();
      const expected = fs.readFileSync(here.path);
      expect(fs.readFileSync(worker.path).equals(expected)).toBe(true);
      expect({ ...worker, path: null }).toEqual({ ...here, path: null });
      expect(worker.sha256).toBe(createHash('sha256').update(expected).digest('hex'));
      expect(progress).toEqual([[0, 40], [7, 40], [14, 40], [21, 40], [28, 40], [35, 40], [40, 40]]);
      expect(partials(dir)).toEqual([]);
    });
  }

  it('masks on this thread: with masking rules the events are read and masked here; a masker without rules leaves it to the worker', async () => {
    const secret = randomBytes(32);
    const iterateRaw = vi.spyOn(oddStore, 'iterateRaw');
    const empty = await exportEvents(oddStore, { scope: { kind: 'all' }, format: 'ndjson', out: path.join(dir, 'unmasked.ndjson'), masker: createMasker({ rules: [], secret }) });
    expect(iterateRaw).not.toHaveBeenCalled();
    const masked = await exportEvents(oddStore, { scope: { kind: 'all' }, format: 'ndjson', out: path.join(dir, 'masked.ndjson'), masker: createMasker({ rules: [{ kind: 'path', path: 'data.sku' }], secret }) });
    expect(iterateRaw).toHaveBeenCalled();
    iterateRaw.mockRestore();
    const plain = await exportEvents(oddStore, { scope: { kind: 'all' }, format: 'ndjson', out: path.join(dir, 'plain.ndjson'), thread: 'here' });
    expect(empty.sha256).toBe(plain.sha256);
    expect(fs.readFileSync(masked.path, 'utf8')).not.toContain('"sku":"S39"');
    expect(fs.readFileSync(plain.path, 'utf8')).toContain('"sku":"S39"');
  });

  it('exports a stream range and an empty scope as this thread does', async () => {
    const scopes: EventScope[] = [{ kind: 'stream', streamId: 'Straße-😀', fromVersion: 2, toVersion: 6 }, { kind: 'all', types: ['Nope'] }, { kind: 'all', fromPosition: 9, toPosition: 30 }];
    for (const scope of scopes) {
      for (const format of EVENT_FORMATS) {
        const here = await exportEvents(oddStore, { scope, format, out: path.join(dir, `scope-here.${format}`), thread: 'here' });
        const worker = await exportEvents(oddStore, { scope, format, out: path.join(dir, `scope-worker.${format}`) });
        expect(fs.readFileSync(worker.path).equals(fs.readFileSync(here.path)), `${JSON.stringify(scope)} ${format}`).toBe(true);
        expect({ ...worker, path: null }).toEqual({ ...here, path: null });
      }
    }
  });

  it('keeps memory flat over many buffers: a 20 MB export is whole and its hash right', async () => {
    const here = await exportEvents(bigStore, { scope: { kind: 'all' }, format: 'ndjson', out: path.join(dir, 'big-here.ndjson'), thread: 'here' });
    const worker = await exportEvents(bigStore, { scope: { kind: 'all' }, format: 'ndjson', out: path.join(dir, 'big-worker.ndjson') });
    expect(worker.bytes).toBeGreaterThan(20_000_000);
    expect(worker.sha256).toBe(here.sha256);
    expect(fs.readFileSync(worker.path).equals(fs.readFileSync(here.path))).toBe(true);
    fs.rmSync(worker.path);
    fs.rmSync(here.path);
  });

  it('leaves this thread free while it runs: the event loop never waits long (it waited for the whole export before)', async () => {
    const started = performance.now();
    const held = await heldTime(() => exportEvents(bigStore, { scope: { kind: 'all' }, format: 'ndjson', out: path.join(dir, 'free.ndjson') }));
    const took = performance.now() - started;
    // Before, the export ran here and yielded every 5000 events: after all 5000 of these (~20 MB),
    // so the loop was held about as long as the export took. (Relative: a loaded machine slows
    // both, and a collection of this thread's own garbage may pause it once.)
    expect(took).toBeGreaterThan(100);
    expect(held).toBeLessThan(took / 2);
  });

  it('cancels on the worker: no file and no partial file are left', async () => {
    const out = path.join(dir, 'cancelled.ndjson');
    const controller = new AbortController();
    const promise = exportEvents(bigStore, { scope: { kind: 'all' }, format: 'ndjson', out, chunk: 100, signal: controller.signal, onProgress: (p) => p.done >= 100 && controller.abort() });
    await expect(promise).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(fs.existsSync(out)).toBe(false);
    expect(partials(dir)).toEqual([]);
  });

  it('ends with the error of a progress callback that throws, as on this thread, leaving nothing behind', async () => {
    const out = path.join(dir, 'progress-throws.ndjson');
    const failing = () => {
      throw new Error('the window went away');
    };
    await expect(exportEvents(bigStore, { scope: { kind: 'all' }, format: 'ndjson', out, chunk: 100, onProgress: (p) => p.done > 0 && failing() })).rejects.toThrow('the window went away');
    expect(fs.existsSync(out)).toBe(false);
    expect(partials(dir)).toEqual([]);
  });

  it("says what went wrong in the worker in the store's words, and leaves no partial file", async () => {
    const out = path.join(dir, 'missing.ndjson');
    await expect(exportEvents(oddStore, { scope: { kind: 'stream', streamId: 'no-such-stream' }, format: 'ndjson', out })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(fs.existsSync(out)).toBe(false);
    expect(partials(dir)).toEqual([]);
  });

  it('reports a worker that cannot start as unavailable (the export then runs on this thread), leaving nothing behind', async () => {
    const broken = path.join(dir, 'broken-worker.mjs');
    fs.writeFileSync(broken, 'throw new Error("cannot load here");\n');
    const out = path.join(dir, 'unavailable.ndjson');
    await expect(exportOnWorker({ file: odd, scope: { kind: 'all' }, format: 'ndjson', out, chunk: 5000, module: new URL(`file://${broken}`) })).rejects.toBeInstanceOf(ExportWorkerUnavailable);
    expect(fs.existsSync(out)).toBe(false);
    expect(partials(dir)).toEqual([]);
  });

  it('refuses to export over the audited store itself, before any worker starts', async () => {
    await expect(exportEvents(oddStore, { scope: { kind: 'all' }, format: 'ndjson', out: odd })).rejects.toMatchObject({ code: 'IO_ERROR' });
  });
});
