// The parse worker (parseWorker.ts / parsedRecords.ts) against the same pipeline on the importing
// thread: identical stores, reports and errors, and a cancel that stops the worker.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dumpStore } from '../testing/storeDump.ts';
import { tempDir } from '../testing/tempFiles.ts';
import { importEvents, type ImportReport } from './importEvents.ts';
import { CHUNK_RECORDS, newChunk, packOutcome, unpackChunk } from './parsedChunks.ts';
import type { RecordOutcome } from './recordPipeline.ts';
import { startParseWorker } from './parsedRecords.ts';

const dir = tempDir('import-worker');
const write = (name: string, content: string) => {
  const full = path.join(dir, name);
  fs.writeFileSync(full, content);
  return full;
};

const comparable = (r: ImportReport) => ({ ...r, out: undefined, seconds: undefined, storeBytes: undefined, bytesPerEvent: undefined, reportPath: r.reportPath === null ? null : 'set' });

/** 5,000 records over 40 streams with bad lines, a duplicate id, a version gap, 0-based versions and a stream with no versions. */
function messyFile(): string {
  const lines: string[] = [];
  for (let i = 0; i < 5000; i++) {
    const stream = `cart-${i % 40}`;
    const version = Math.floor(i / 40); // 0-based: renumbered from 1
    const record: Record<string, unknown> = { streamId: stream, version, type: i % 3 ? 'ItemAdded' : 'Paid', eventId: `e-${i}`, data: { i, nested: { b: [1, 2.5, 'x'], a: null } }, metadata: { actor: `user:${i % 7}`, correlationId: `c-${i % 11}` }, recordedAt: new Date(1_767_600_000_000 + i * 61_000).toISOString() };
    if (i % 997 === 5) lines.push('{not json');
    if (i === 1234) record.eventId = 'e-1233'; // same id as an earlier event, other content
    if (i === 3000) record.type = '';
    lines.push(JSON.stringify(record));
  }
  for (let i = 0; i < 30; i++) lines.push(JSON.stringify({ streamId: 'loose', eventId: `loose-${i}`, type: 'Note', data: { i }, recordedAt: 1_767_700_000_000 + i }));
  return write('messy.ndjson', lines.join('\n') + '\n');
}

describe('the import parse worker', () => {
  it('packs and unpacks outcomes without changing them (nulls, empty strings, bad records in order)', () => {
    const outcomes: RecordOutcome[] = [
      { kind: 'event', line: 1, streamId: 's', expected: 'any', event: { eventId: 'a', callerChoseId: false, type: 't', data: '{}', metadata: '{"x":""}', recordedAtMs: -5, actor: null, correlationId: '', causationId: 'ü😀' } },
      { kind: 'bad', line: 2, field: 'version', message: 'no' },
      { kind: 'event', line: 3, streamId: '', expected: 0, event: { eventId: 'b', callerChoseId: true, type: 'u', data: '[1]', metadata: '{}', recordedAtMs: 1.5e12, actor: 'x', correlationId: null, causationId: null } },
    ];
    const chunk = newChunk();
    for (const o of outcomes) packOutcome(chunk, o);
    expect(unpackChunk(structuredClone(chunk))).toEqual(outcomes);
  });

  it('builds the same store and report as parsing on the importing thread', async () => {
    const input = messyFile();
    const here = await importEvents({ input, out: path.join(dir, 'here.db'), skipBad: true, parseOnWorker: false });
    const worker = await importEvents({ input, out: path.join(dir, 'worker.db'), skipBad: true });
    expect(here.skippedCount).toBeGreaterThan(6);
    expect(here.events).toBeGreaterThan(4000);
    expect(comparable(worker)).toEqual(comparable(here));
    expect(dumpStore(worker.out)).toEqual(dumpStore(here.out));
    // The report says what the new file weighs per event.
    expect(worker.storeBytes).toBe(fs.statSync(worker.out).size);
    expect(worker.bytesPerEvent).toBe(Math.round(worker.storeBytes / worker.events));
  });

  it('reports a file that cannot be read the same way (an error raised on the worker)', async () => {
    const input = write('repeated.csv', 'streamId,type,type\na,b,c\n');
    const errorOf = (parseOnWorker: boolean) => importEvents({ input, out: path.join(dir, `repeated-${parseOnWorker}.db`), parseOnWorker }).then(() => null, (e) => ({ code: e.code, message: e.message }));
    const onWorker = await errorOf(true);
    expect(onWorker).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/repeats a column name/) });
    expect(onWorker).toEqual(await errorOf(false));
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('repeated-'))).toEqual([]);
  });

  it('stops the worker when the import is cancelled, and leaves no file', async () => {
    const lines = Array.from({ length: 40 * CHUNK_RECORDS }, (_, i) => JSON.stringify({ streamId: `s-${i % 50}`, type: 'T', data: { i } })).join('\n');
    const input = write('big.ndjson', lines + '\n');
    const controller = new AbortController();
    const out = path.join(dir, 'cancelled.db');
    const run = importEvents({ input, out, signal: controller.signal, onProgress: () => controller.abort() });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.includes('cancelled'))).toEqual([]);
  });

  it('parses on the importing thread instead when the worker cannot start', async () => {
    const input = write('fallback.ndjson', '{"streamId":"a","type":"T","eventId":"x"}\n');
    const broken = write('broken-worker.mjs', "throw new Error('cannot load here');\n");
    let fellBack = false;
    const here = () => {
      fellBack = true;
      return { batches: (async function* () { yield { outcomes: [{ kind: 'bad' as const, line: 1, field: null, message: 'parsed here' }], bytes: 1, records: 1 }; })(), counts: () => ({ records: 1, timeDefaulted: 0, renumberedStreams: 0 }) };
    };
    const parsed = startParseWorker({ input, format: 'ndjson', mapping: {}, now: 0 }, undefined, here, pathToFileURL(broken));
    const outcomes = [];
    for await (const batch of parsed!.batches) outcomes.push(...batch.outcomes);
    expect(fellBack).toBe(true);
    expect(outcomes).toEqual([{ kind: 'bad', line: 1, field: null, message: 'parsed here' }]);
    expect(parsed!.counts().records).toBe(1);
  });

  it('runs where its module file is (source checkouts: CLI, tests, bench)', async () => {
    const input = write('small.ndjson', '{"streamId":"a","type":"T"}\n');
    const parsed = startParseWorker({ input, format: 'ndjson', mapping: {}, now: 0 });
    expect(parsed).not.toBeNull();
    const outcomes = [];
    for await (const batch of parsed!.batches) outcomes.push(...batch.outcomes);
    expect(outcomes).toMatchObject([{ kind: 'event', line: 1, streamId: 'a', expected: 'any' }]);
    expect(parsed!.counts()).toEqual({ records: 1, timeDefaulted: 1, renumberedStreams: 0 });
  });
});
