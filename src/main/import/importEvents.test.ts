import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeDemoStore } from '../demo/generateDemo.ts';
import { exportEvents } from '../export/exportEvents.ts';
import { openForViewing } from '../adapters/openForViewing.ts';
import { canonicalJson } from '../store/canonicalJson.ts';
import { openStore } from '../store/openStore.ts';
import { tempDir } from '../testing/tempFiles.ts';
import { importEvents } from './importEvents.ts';
import { jsonArrayRecords } from './sources.ts';
import { writeEmmettFile } from '../testing/emmettFile.ts';
import { toAsyncReader } from '../store/asyncReader.ts';
import { collect } from '../store/asyncReader.ts';

const dir = tempDir('import');
const file = (name: string, content?: string) => {
  const full = path.join(dir, name);
  if (content !== undefined) fs.writeFileSync(full, content);
  return full;
};
const ndjson = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
/** Every stored column that the hash chain covers, per event, from a store file. */
const storedEvents = async (store: string) => {
  const reader = openForViewing(store);
  const events = await collect(reader.iterateRaw({ kind: 'all' }));
  await reader.close();
  return events;
};

describe('import: round trips', () => {
  const demo = path.join(dir, 'demo.db');
  beforeAll(() => void writeDemoStore(demo, { streams: 25, events: 1200, longStreams: 1, longEvents: 300, seed: 'import' }));

  for (const format of ['ndjson', 'json', 'csv'] as const) {
    it(`export → import as ${format.toUpperCase()} reproduces identical events and chain hashes`, async () => {
      const exported = path.join(dir, `roundtrip.${format}`);
      await exportEvents(toAsyncReader(openStore(demo)), { scope: { kind: 'all' }, format, out: exported });
      const progress: number[] = [];
      const report = await importEvents({ input: exported, out: path.join(dir, `roundtrip-${format}.db`), onProgress: (p) => progress.push(p.done) });
      expect(report).toMatchObject({ format, records: 1500, events: 1500, duplicates: 0, skippedCount: 0, streams: 26, timeDefaulted: 0, renumberedStreams: 0 });
      expect(await storedEvents(report.out)).toEqual(await storedEvents(demo));
      expect(report.chainHead).toBe(openStore(demo).stats().chainHead);
      expect(progress.at(-1)).toBe(fs.statSync(exported).size);
    });
  }
});

describe('import: recognised layouts and mappings', () => {
  it('reads EventStoreDB-style exports (0-based eventNumber) and renumbers from 1', async () => {
    const input = file('esdb.ndjson', ndjson([
      { eventStreamId: 'order-1', eventNumber: 0, eventType: 'Placed', eventId: 'e-0', data: { total: 5 }, metadata: { actor: 'ann' }, created: '2026-02-01T10:00:00.000Z' },
      { eventStreamId: 'order-1', eventNumber: 1, eventType: 'Paid', eventId: 'e-1', data: { amount: 5 }, metadata: {}, created: '2026-02-01T10:05:00.000Z' },
    ]));
    const report = await importEvents({ input, out: file('esdb.db') });
    expect(report).toMatchObject({ events: 2, renumberedStreams: 1 });
    const events = (await openForViewing(report.out).readStream('order-1')).items;
    expect(events.map((e) => [e.version, e.type, e.eventId, e.recordedAt])).toEqual([
      [1, 'Placed', 'e-0', '2026-02-01T10:00:00.000Z'],
      [2, 'Paid', 'e-1', '2026-02-01T10:05:00.000Z'],
    ]);
  });

  it("reads Emmett's read format, where stream and id live in metadata", async () => {
    const input = file('emmett.json', JSON.stringify([
      { type: 'ProductItemAdded', data: { productId: 'p1' }, metadata: { streamName: 'shopping_cart-1', messageId: 'm-1', streamPosition: '1' } },
      { type: 'ProductItemAdded', data: { productId: 'p2' }, metadata: { streamName: 'shopping_cart-1', messageId: 'm-2', streamPosition: '2' } },
    ]));
    const report = await importEvents({ input, out: file('emmett-read.db') });
    expect(report).toMatchObject({ format: 'json', events: 2, timeDefaulted: 2 });
    expect(await openForViewing(report.out).getEvent('m-2')).toMatchObject({ streamId: 'shopping_cart-1', version: 2 });
  });

  it('imports CSV with an explicit mapping; unmapped columns become the data', async () => {
    const input = file('custom.csv', 'aggregate,kind,amount,when,who\r\nacct-1,Deposit,"1,000",2026-03-01 09:00:00,ann\r\nacct-1,Withdrawal,25,2026-03-02 09:00:00,bob\r\n');
    const report = await importEvents({ input, out: file('custom.db'), mapping: { streamId: 'aggregate', type: 'kind', time: 'when', actor: 'who' } });
    const [first] = (await openForViewing(report.out).readStream('acct-1')).items;
    expect(first).toMatchObject({ type: 'Deposit', data: { amount: '1,000' }, metadata: { actor: 'ann' }, recordedAt: '2026-03-01T09:00:00.000Z' });
  });

  it('derives versions when absent and dedupes repeated events by id', async () => {
    const row = { stream: 'counter-1', type: 'increment', id: 'same', data: { amount: 1 }, time: 1 };
    const input = file('dups.ndjson', ndjson([row, { ...row, id: 'other' }, row]));
    const report = await importEvents({ input, out: file('dups.db') });
    expect(report).toMatchObject({ records: 3, events: 2, duplicates: 1 });
    expect((await openForViewing(report.out).readStream('counter-1')).items.map((e) => e.version)).toEqual([1, 2]);
  });
});

describe('import: bad input', () => {
  const mixed = [
    '{"stream":"a-1","type":"T","data":{}}',
    '{"stream":"a-1","type":"T",data}',
    '{"stream":"a-1","data":{}}',
    '[1,2]',
    '{"stream":"b-1","type":"T","version":1}',
    '{"stream":"b-1","type":"T","version":3}',
    '{"stream":"c-1","type":"T","time":"last tuesday"}',
    '{"stream":"a-1","type":"T","id":"x1","data":{"n":1}}',
    '{"stream":"a-1","type":"T","id":"x1","data":{"n":2}}',
  ].join('\n');

  it('lists every bad record with line and field, and writes nothing', async () => {
    const out = file('bad.db');
    const failure = await importEvents({ input: file('bad.ndjson', mixed), out }).catch((e) => e);
    expect(failure).toMatchObject({ code: 'BAD_DATA' });
    // Line 9 (a reused id with other content) is only found while writing, which stops at the first error.
    expect(failure.message).toMatch(/^5 of 9 records are invalid, so nothing was imported \(first: line 2: not valid JSON/);
    expect(failure.details.badRecords.map((b: { line: number; field: string | null }) => [b.line, b.field])).toEqual([
      [2, null],
      [3, 'type'],
      [4, null],
      [6, 'version'],
      [7, 'time'],
    ]);
    expect(failure.details.badRecords[3].message).toMatch(/version: 3 for stream 'b-1' skips ahead; expected 2/);
    // The advice suits the import screen and the CLI alike: no command-line syntax like type=<column>.
    expect(failure.details.badRecords[1].message).toBe('type: missing (no field of the record is recognised as the type; choose its source field in the field mapping)');
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('bad.db'))).toEqual([]);
  });

  it('with skipBad, imports the rest and saves a report beside the store', async () => {
    const report = await importEvents({ input: file('bad2.ndjson', mixed), out: file('skipped.db'), skipBad: true });
    expect(report.events).toBe(3);
    expect(report.skipped.map((s) => s.line)).toEqual([2, 3, 4, 6, 7, 9]);
    expect(report.skipped.find((s) => s.line === 7)).toMatchObject({ field: 'time' });
    expect(report.skipped.find((s) => s.line === 9)).toMatchObject({ field: 'eventId', message: expect.stringMatching(/already stored .* with different content/) });
    expect(JSON.parse(fs.readFileSync(report.reportPath!, 'utf8')).skippedCount).toBe(6);
  });

  it('reports CSV rows with the wrong number of fields and broken quoting by line', async () => {
    const failure = await importEvents({ input: file('bad.csv', 'stream,type,data\na-1,T,{}\na-1,T\n'), out: file('badcsv.db') }).catch((e) => e);
    expect(failure.details.badRecords).toMatchObject([{ line: 3, field: null, message: 'has 2 fields, the header has 3' }]);
    const broken = await importEvents({ input: file('broken.csv', 'stream,type,data\na-1,T,"{unclosed\n'), out: file('broken.db') }).catch((e) => e);
    expect(broken.message).toMatch(/^Line \d+: the CSV cannot be read/);
    expect(fs.existsSync(file('broken.db'))).toBe(false);
  });

  it('refuses to write into an existing file and stops cleanly when cancelled', async () => {
    const existing = file('existing.db', 'audited');
    await expect(importEvents({ input: file('one.ndjson', '{"stream":"a-1","type":"T"}\n'), out: existing })).rejects.toThrow(/already exists/);
    expect(fs.readFileSync(existing, 'utf8')).toBe('audited');
    const rows = Array.from({ length: 20_000 }, (_, i) => ({ stream: `s-${i % 50}`, type: 'T', data: { i } }));
    const controller = new AbortController();
    const cancelled = importEvents({ input: file('many.ndjson', ndjson(rows)), out: file('cancelled.db'), signal: controller.signal, onProgress: () => controller.abort() });
    await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('cancelled.db'))).toEqual([]);
  });

  it('frames JSON array elements exactly, strings and nesting included, and rejects what is not an array', async () => {
    const tricky = [{ stream: 's-1', type: 'T', data: { text: 'a ] , [ { } " \\" \\\\', nested: [[1, [2]], { x: ']' }] } }, { stream: 's-1', type: 'U' }];
    const text = '\uFEFF [\n' + tricky.map((t) => JSON.stringify(t, null, 1)).join(' ,\n') + '\n] \n';
    const records = [];
    for await (const r of jsonArrayRecords(file('tricky.json', text))) records.push(r);
    expect(records.map((r) => r.record)).toEqual(tricky);
    const secondStart = text.indexOf('{\n "stream": "s-1",\n "type": "U"');
    expect(records.map((r) => r.line)).toEqual([2, text.slice(0, secondStart).split('\n').length]);
    // Thrown on the parse worker: the words cross to this thread with the message (said in the reader's language).
    await expect(importEvents({ input: file('object.json', '{"events": []}'), out: file('o.db'), format: 'json' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: "Line 1: a JSON import must be an array of events ([ … ]); found '{'.",
      words: { key: 'errorWords.import.jsonNotArray', facts: { line: 1, found: '{' } },
    });
    await expect(importEvents({ input: file('open.json', '[{"stream":"a"}, '), out: file('p.db') })).rejects.toThrow(/not closed/);
  });
});

describe('import: a verified copy of an Emmett store', () => {
  it('copies every event of a file written by Emmett into a store with a hash chain', async () => {
    const emmettFile = path.join(dir, 'emmett.sqlite');
    await writeEmmettFile(emmettFile, [
      ['cart-9', [{ type: 'ItemAdded', data: { sku: 'A', name: 'A', unitPrice: 1, quantity: 2 } }, { type: 'ItemRemoved', data: { sku: 'A' } }]],
      ['counter-9', [{ type: 'increment', data: { amount: 3 } }]],
    ]);
    const report = await importEvents({ input: emmettFile, out: path.join(dir, 'verified.db') });
    expect(report).toMatchObject({ format: 'store', events: 3, skippedCount: 0 });
    expect(report.chainHead).toMatch(/^[0-9a-f]{64}$/);
    const source = await storedEvents(emmettFile);
    const copy = await storedEvents(report.out);
    expect(copy.map((e) => [e.eventId, e.streamId, e.version, e.type, e.dataText, e.recordedAt])).toEqual(
      source.map((e) => [e.eventId, e.streamId, e.version, e.type, canonicalJson(JSON.parse(e.dataText)), e.recordedAt]),
    );
  });
});
