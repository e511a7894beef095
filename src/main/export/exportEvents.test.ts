import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createReplayEngine } from '../replay/replayEngine.ts';
import type { EventStore } from '../store/eventStore.ts';
import { openStore } from '../store/openStore.ts';
import { tempDir } from '../testing/tempFiles.ts';
import { createJobRegistry } from '../jobs/jobRegistry.ts';
import { csvCell } from './eventFormats.ts';
import { exportEvents } from './exportEvents.ts';
import { diffHtml, exportDiffHtml, exportState } from './reports.ts';
import { toAsyncReader } from '../store/asyncReader.ts';

describe('exportEvents', () => {
  const dir = tempDir('export');
  let store: EventStore;
  beforeAll(async () => {
    const writer = openStore(path.join(dir, 's.db'), { readonly: false, create: true });
    for (let i = 0; i < 12; i++) {
      writer.append(`cart-${i % 3}`, [
        { type: 'ItemAdded', data: { sku: `S${i}`, note: 'comma, "quote"\nnewline', n: i }, metadata: { actor: i % 2 ? '=cmd()' : 'alice', correlationId: `c${i}` }, recordedAt: 1_767_225_600_000 + i * 1000 },
      ]);
    }
    writer.close();
    store = openStore(path.join(dir, 's.db'));
  });

  it('runs transformEvent on every event, in order, before encoding (the masking hook)', async () => {
    const out = path.join(dir, 'transformed.ndjson');
    const seen: number[] = [];
    await exportEvents(toAsyncReader(store), {
      scope: { kind: 'all' },
      format: 'ndjson',
      out,
      transformEvent: (e) => {
        seen.push(e.position);
        return { ...e, dataText: JSON.stringify({ masked: e.position }) };
      },
    });
    const lines = fs.readFileSync(out, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(lines.map((l) => l.data)).toEqual(seen.map((position) => ({ masked: position })));
    expect(lines[0].metadata).toMatchObject({ actor: 'alice' });
  });

  it('writes NDJSON whose lines match the store exactly, with data as stored', async () => {
    const out = path.join(dir, 'all.ndjson');
    const progress: number[] = [];
    const result = await exportEvents(toAsyncReader(store), { scope: { kind: 'all' }, format: 'ndjson', out, chunk: 5, onProgress: (p) => progress.push(p.done) });
    const lines = fs.readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(12);
    const stored = [...store.iterateAll()];
    lines.forEach((line, i) => {
      const parsed = JSON.parse(line);
      expect(parsed).toEqual({ ...stored[i] });
    });
    expect(result).toMatchObject({ events: 12, firstPosition: 1, lastPosition: 12, format: 'ndjson' });
    expect(result.sha256).toBe(createHash('sha256').update(fs.readFileSync(out)).digest('hex'));
    expect(progress).toEqual([0, 5, 10, 12]);
    expect(fs.readdirSync(path.dirname(out)).filter((n) => n.includes('.partial'))).toEqual([]);
  });

  it('exports one stream version range as a JSON array', async () => {
    const out = path.join(dir, 'cart-1.json');
    const result = await exportEvents(toAsyncReader(store), { scope: { kind: 'stream', streamId: 'cart-1', fromVersion: 2, toVersion: 3 }, format: 'json', out });
    const events = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(events.map((e: { streamId: string; version: number }) => `${e.streamId}@${e.version}`)).toEqual(['cart-1@2', 'cart-1@3']);
    expect(result.events).toBe(2);
    await exportEvents(toAsyncReader(store), { scope: { kind: 'all', types: ['Nope'] }, format: 'json', out: path.join(dir, 'empty.json') });
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'empty.json'), 'utf8'))).toEqual([]);
  });

  it('writes RFC 4180 CSV and defuses spreadsheet formulas in text cells', async () => {
    const out = path.join(dir, 'all.csv');
    await exportEvents(toAsyncReader(store), { scope: { kind: 'all', toPosition: 2 }, format: 'csv', out });
    const text = fs.readFileSync(out, 'utf8');
    expect(text.split('\r\n')[0]).toBe('position,eventId,streamId,version,type,recordedAt,actor,correlationId,causationId,data,metadata,hash');
    expect(text).toContain(`,'=cmd(),c1,,`);
    expect(text).toContain('"{""n"":0,""note"":""comma, \\""quote\\""\\nnewline"",""sku"":""S0""}"');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('+1')).toBe("'+1");
  });

  it('with a transform (masking), runs on this thread in short slices: the event loop is never held long', async () => {
    // Held: the longest wait between two runs of a 2 ms timer. The longest, not a sum of every
    // stretch: on a busy CI machine the scheduler pauses this process now and then, and such pauses
    // can add up to more than one slice of work. Before, the 180 ms went in one piece.
    let last = performance.now();
    let held = 0;
    const gap = (now: number) => {
      held = Math.max(held, now - last);
      last = now;
    };
    const timer = setInterval(() => gap(performance.now()), 2);
    const spin = (ms: number) => {
      const until = performance.now() + ms;
      while (performance.now() < until);
    };
    // 12 events of 15 ms each: 180 ms of work, which before went in one piece (a yield every 5000 events).
    const result = await exportEvents(toAsyncReader(store), { scope: { kind: 'all' }, format: 'ndjson', out: path.join(dir, 'sliced.ndjson'), transformEvent: (e) => (spin(15), e) });
    clearInterval(timer);
    gap(performance.now()); // the last stretch, up to the answer
    expect(result.events).toBe(12);
    expect(held).toBeLessThan(100);
  });

  it('cancels cleanly: no file and no partial file are left', async () => {
    const out = path.join(dir, 'cancelled.ndjson');
    const controller = new AbortController();
    const promise = exportEvents(toAsyncReader(store), { scope: { kind: 'all' }, format: 'ndjson', out, chunk: 2, signal: controller.signal, onProgress: (p) => p.done >= 4 && controller.abort() });
    // "Export was cancelled.", with its words for a reader in another language.
    await expect(promise).rejects.toMatchObject({ code: 'CANCELLED', message: 'Export was cancelled.', words: { key: 'errorWords.cancel.was', facts: { what: { key: 'errorWords.cancel.export' } } } });
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(path.dirname(out)).filter((n) => n.includes('.partial'))).toEqual([]);
  });

  it('exports a row whose stored data is not JSON as text with a decodeError, never invalid NDJSON', async () => {
    const damagedPath = path.join(dir, 'damaged.db');
    fs.copyFileSync(path.join(dir, 's.db'), damagedPath);
    const db = new Database(damagedPath);
    db.prepare("UPDATE events SET data = '{broken' WHERE position = 3").run();
    db.close();
    const damaged = openStore(damagedPath);
    const out = path.join(dir, 'damaged.ndjson');
    await exportEvents(toAsyncReader(damaged), { scope: { kind: 'all' }, format: 'ndjson', out });
    const third = JSON.parse(fs.readFileSync(out, 'utf8').split('\n')[2]);
    expect(third).toMatchObject({ position: 3, data: '{broken', decodeError: expect.stringMatching(/data is not valid JSON/) });
    damaged.close();
  });

  it('keeps every NDJSON line one line when stored JSON is valid but spread over lines', async () => {
    const spreadPath = path.join(dir, 'spread.db');
    fs.copyFileSync(path.join(dir, 's.db'), spreadPath);
    const db = new Database(spreadPath);
    db.prepare(`UPDATE events SET data = '{\n  "sku": "S4",\r\n  "n": [1,\n 2]\n}' WHERE position = 5`).run();
    db.close();
    const spread = openStore(spreadPath);
    const out = path.join(dir, 'spread.ndjson');
    await exportEvents(toAsyncReader(spread), { scope: { kind: 'all' }, format: 'ndjson', out });
    const lines = fs.readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(12);
    expect(JSON.parse(lines[4])).toMatchObject({ position: 5, data: { sku: 'S4', n: [1, 2] } });
    expect(JSON.parse(lines[4]).decodeError).toBeUndefined();
    spread.close();
  });

  it('runs as a cancellable job with progress updates', async () => {
    const jobs = createJobRegistry();
    const updates: string[] = [];
    jobs.subscribe((j) => updates.push(`${j.status}:${j.done}/${j.total}`));
    const job = jobs.start('export', 'Export all', (ctx) =>
      exportEvents(toAsyncReader(store), { scope: { kind: 'all' }, format: 'ndjson', out: path.join(dir, 'job.ndjson'), chunk: 3, signal: ctx.signal, onProgress: (p) => ctx.progress(p.done, p.total) }),
    );
    const final = await jobs.wait(job.id);
    expect(final.status).toBe('succeeded');
    expect(jobs.result<{ events: number }>(job.id)?.events).toBe(12);
    expect(updates[0]).toBe('running:0/0');
    expect(updates.at(-1)).toBe('succeeded:12/12');
  });

  it('exports the state as JSON and a diff as an escaped HTML report', async () => {
    const engine = createReplayEngine(toAsyncReader(store));
    const state = await engine.stateAt('cart-1', { version: 4 });
    exportState(state, path.join(dir, 'state.json'));
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'state.json'), 'utf8')).version).toBe(4);
    const diff = await engine.diff('cart-1', 0, 4, { projection: 'generic' });
    const html = diffHtml({ ...diff, streamId: '<script>alert(1)</script>' }, new Date(0));
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('version 0 → 4');
    exportDiffHtml(diff, path.join(dir, 'diff.html'));
    expect(fs.readFileSync(path.join(dir, 'diff.html'), 'utf8')).toMatch(/<tr class="added">/);
  });
});
