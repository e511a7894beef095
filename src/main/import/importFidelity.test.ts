// Issue 9 item 17: an import must store what its source said, byte for byte, so the hash chain
// certifies the source's values — not -0 → 0, 1e-400 → 0, 12345678901234567890 → 12345678901234567000,
// nor the last of two duplicate keys.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../cli/testing.ts';
import { openForViewing } from '../adapters/openForViewing.ts';
import { exportEvents } from '../export/exportEvents.ts';
import { openStore } from '../store/openStore.ts';
import { corpusData, corpusJsonArray, corpusMetadata, corpusNdjson } from '../testing/numberCorpus.ts';
import { tempDir } from '../testing/tempFiles.ts';
import { verify } from '../verify/verify.ts';
import { importEvents } from './importEvents.ts';
import { toAsyncReader } from '../store/asyncReader.ts';
import { collect } from '../store/asyncReader.ts';

const dir = tempDir('import-fidelity');
const file = (name: string, content?: string) => {
  const full = path.join(dir, name);
  if (content !== undefined) fs.writeFileSync(full, content);
  return full;
};
const storedEvents = async (store: string) => {
  const reader = openForViewing(store);
  const events = await collect(reader.iterateRaw({ kind: 'all' }));
  await reader.close();
  return events;
};
const COUNT = 20;

describe('import keeps numbers exactly as written', () => {
  for (const [format, source] of [
    ['ndjson', corpusNdjson(COUNT)],
    ['json', corpusJsonArray(COUNT)],
  ] as const) {
    it(`${format.toUpperCase()}: import → store → export is byte-exact, and the chain verifies`, async () => {
      const report = await importEvents({ input: file(`corpus.${format}`, source), out: file(`corpus-${format}.db`) });
      expect(report).toMatchObject({ events: COUNT, skippedCount: 0 });
      const events = await storedEvents(report.out);
      events.forEach((e, i) => {
        expect(e.dataText).toBe(corpusData(i));
        expect(e.metadataText).toBe(corpusMetadata(i));
      });
      expect((await verify(report.out)).ok).toBe(true);

      for (const out of ['ndjson', 'json', 'csv'] as const) {
        const exported = file(`corpus-${format}-out.${out}`);
        await exportEvents(toAsyncReader(openStore(report.out)), { scope: { kind: 'all' }, format: out, out: exported });
        const text = fs.readFileSync(exported, 'utf8');
        if (out !== 'csv') for (let i = 0; i < COUNT; i++) expect(text).toContain(`"data":${corpusData(i)},"metadata":${corpusMetadata(i)},`);
        // And back: the re-imported store holds the same bytes under the same chain hashes.
        const again = await importEvents({ input: exported, out: file(`corpus-${format}-again-${out}.db`) });
        expect(await storedEvents(again.out)).toEqual(events);
      }
      // A verified copy of the store (the 'store' import path) keeps them too.
      const copy = await importEvents({ input: report.out, format: 'store', out: file(`corpus-${format}-copy.db`) });
      expect(await storedEvents(copy.out)).toEqual(events);
    });
  }
});

it('an actor written as a big integer is copied to the actor column as written, and verify agrees', async () => {
  const input = file('actor.ndjson', '{"streamId":"s","type":"T","data":{},"metadata":{"actor":12345678901234567890,"correlationId":-0}}\n');
  const report = await importEvents({ input, out: file('actor.db') });
  const reader = openForViewing(report.out);
  try {
    expect((await reader.readAll({ actor: '12345678901234567890' })).items).toHaveLength(1);
  } finally {
    await reader.close();
  }
  expect(await verify(report.out)).toMatchObject({ ok: true });
});

it('ledger events --json writes data and metadata as stored', async () => {
  const report = await importEvents({ input: file('cli.ndjson', corpusNdjson(COUNT)), out: file('cli.db') });
  const lines = (await cli('events', report.out, '--all', '--json')).stdout.trimEnd().split('\n');
  expect(lines).toHaveLength(COUNT);
  lines.forEach((line, i) => expect(line).toContain(`"data":${corpusData(i)},"metadata":${corpusMetadata(i)}`));
  const page = (await cli('events', report.out, '--stream', 'numbers-0', '--json')).stdout;
  expect(page).toContain('12345678901234567890');
  expect(page).not.toContain('12345678901234567000');
  expect(page).not.toContain('numbersAsWritten');
});

describe('duplicate keys are a data problem', () => {
  const good = (i: number) => `{"streamId":"s","type":"T","data":{"amount":${i}}}`;
  const lines = [good(1), '{"streamId":"s","type":"T","data":{"amount":10,"amount":1000}}', good(3), '{"streamId":"s","type":"T","data":{"x":1},"data":{"x":2}}'];

  it('NDJSON: refuses the import naming the line and the key; skip-bad imports the rest', async () => {
    const input = file('dup.ndjson', lines.join('\n') + '\n');
    await expect(importEvents({ input, out: file('dup.db') })).rejects.toMatchObject({ code: 'BAD_DATA', message: expect.stringContaining('line 2: the key "amount" appears twice in the object at data') });
    expect(fs.existsSync(file('dup.db'))).toBe(false);
    const report = await importEvents({ input, out: file('dup-skipped.db'), skipBad: true });
    expect(report).toMatchObject({ events: 2, skippedCount: 2 });
    expect(report.skipped.map((s) => [s.line, s.message])).toEqual([
      [2, 'the key "amount" appears twice in the object at data, and JSON readers keep only one of the two values'],
      [4, 'the key "data" appears twice in the top-level object, and JSON readers keep only one of the two values'],
    ]);
  });

  it('JSON array and CSV JSON columns: the same', async () => {
    const array = await importEvents({ input: file('dup.json', `[\n${lines.join(',\n')}\n]\n`), out: file('dup-json.db'), skipBad: true });
    expect(array.skipped.map((s) => s.line)).toEqual([3, 5]); // the array opens on line 1
    const csv = 'streamId,type,data\ns,T,"{""a"":1}"\ns,T,"{""a"":1,""a"":2}"\n';
    const report = await importEvents({ input: file('dup.csv', csv), out: file('dup-csv.db'), skipBad: true });
    expect(report.skipped).toMatchObject([{ line: 3, field: 'data', message: 'data: the key "a" appears twice in the top-level object, and JSON readers keep only one of the two values' }]);
  });
});
