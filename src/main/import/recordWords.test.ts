// Each bad record of an import says what is wrong in the reader's language: the problem is words
// (shared/errorWords importWords' record.*) beside main's English, unchanged, from the parse worker
// and from this thread alike, in the import's report, in the error of a refused import, and in the
// preview. Field names, values and a JSON parser's own text stay as written.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { englishError, ERROR_WORDS, errorText, type ErrorWords } from '../../shared/errorWords/index.ts';
import { chineseOf } from '../../shared/testing/chineseOf.ts';
import { toErrorInfo } from '../errors.ts';
import { tempDir } from '../testing/tempFiles.ts';
import { importEvents, type BadRecord } from './importEvents.ts';
import { previewImport } from './previewImport.ts';

const zh = chineseOf(ERROR_WORDS['zh-CN']);
const dir = tempDir('import-record-words');

const LINES = [
  JSON.stringify({ streamId: 'acct-1', type: 'Opened', data: {} }),
  JSON.stringify({ type: 'NoStream', data: {} }), // 2: streamId missing
  JSON.stringify({ streamId: ['a'], type: 'T', data: {} }), // 3: streamId not text
  JSON.stringify({ streamId: 'acct-2', type: 'T', data: {}, metadata: [1] }), // 4: metadata not an object
  JSON.stringify({ streamId: 'acct-3', type: 'T', data: {}, version: 'two' }), // 5: version not whole
  JSON.stringify({ streamId: 'acct-1', type: 'T', data: {}, version: 5 }), // 6: acct-1 is at version 1: 5 skips ahead
  JSON.stringify({ streamId: 'acct-4', type: 'T', data: {}, time: 'yesterday' }), // 7: time not a time
  '[1, 2]', // 8: not an object
  JSON.stringify({ streamId: 'acct-5', type: 'T', data: {}, version: 1 }),
  JSON.stringify({ streamId: 'acct-5', type: 'T', data: {}, version: 3 }), // 10: skips ahead
  JSON.stringify({ streamId: 'acct-6', type: 'T', data: {}, time: '2026-02-30' }), // 11: an impossible date
];

const EXPECTED_KEYS: Record<number, string> = {
  2: 'errorWords.import.record.missing',
  3: 'errorWords.import.record.notText',
  4: 'errorWords.import.record.metadataNotObject',
  5: 'errorWords.import.record.versionNotWhole',
  6: 'errorWords.import.record.versionSkips',
  7: 'errorWords.import.record.field',
  8: 'errorWords.import.record.notObject',
  10: 'errorWords.import.record.versionSkips',
  11: 'errorWords.import.record.field',
};

/** The Chinese of a problem, with what is not ours (field names, values as written, ISO examples) taken out. */
const latinLeft = (text: string) => text.replace(/streamId|metadata|version|time|acct-\d|yesterday|two|ISO-8601|JSON|UTC|T\d\d:\d\d:\d\dZ|2026-02-30/g, '').match(/[A-Za-z]{3,}/g);

function expectWords(skipped: BadRecord[]): void {
  expect(skipped.map((b) => b.line)).toEqual(Object.keys(EXPECTED_KEYS).map(Number));
  for (const bad of skipped) {
    expect(bad.words?.key, `line ${bad.line}`).toBe(EXPECTED_KEYS[bad.line]);
    expect(englishError(bad.words as ErrorWords), `line ${bad.line}`).toBe(bad.message);
    const chinese = errorText(bad, zh);
    expect(chinese, `line ${bad.line}`).toMatch(/[\u4e00-\u9fff]/);
    expect(latinLeft(chinese), `line ${bad.line}: ${chinese}`).toBeNull();
  }
}

describe('an import’s bad records in the reader’s language', () => {
  const input = path.join(dir, 'mixed.ndjson');
  fs.writeFileSync(input, LINES.join('\n') + '\n');

  for (const parseOnWorker of [true, false]) {
    it(`says each problem as words, English unchanged (${parseOnWorker ? 'parse worker' : 'this thread'}), in the report and in a refused import`, async () => {
      const report = await importEvents({ input, out: path.join(dir, `skipped-${parseOnWorker}.db`), skipBad: true, parseOnWorker });
      expect(report.skipped.find((b) => b.line === 2)?.message).toBe('streamId: missing (no field of the record is recognised as the streamId; choose its source field in the field mapping)');
      expect(report.skipped.find((b) => b.line === 8)?.message).toBe('expected a JSON object, got an array');
      expect(report.skipped.find((b) => b.line === 10)?.message).toBe("version: 3 for stream 'acct-5' skips ahead; expected 2 (versions must be consecutive in file order)");
      expectWords(report.skipped);
      // The saved report keeps the words too.
      expectWords(JSON.parse(fs.readFileSync(report.reportPath!, 'utf8')).skipped);
      const refused = await importEvents({ input, out: path.join(dir, `refused-${parseOnWorker}.db`), parseOnWorker }).catch((error: unknown) => toErrorInfo(error));
      expectWords((refused as unknown as { details: { badRecords: BadRecord[] } }).details.badRecords);
    });
  }

  it('says a CSV row with the wrong number of fields, and the preview’s problems, the same way', async () => {
    const csv = path.join(dir, 'short.csv');
    fs.writeFileSync(csv, 'streamId,type,data\nacct-1,Opened,{}\nacct-1,Closed\n');
    const report = await importEvents({ input: csv, out: path.join(dir, 'csv.db'), skipBad: true });
    expect(report.skipped).toMatchObject([{ line: 3, message: 'has 2 fields, the header has 3', words: { key: 'errorWords.import.record.csvFields' } }]);
    expect(errorText(report.skipped[0], zh)).toBe('有 2 个字段，而表头有 3 个');
    const preview = await previewImport(input, {});
    const problems = preview.sample.filter((row) => row.error !== undefined);
    expect(problems.length).toBeGreaterThanOrEqual(5);
    for (const row of problems) {
      expect(row.words, `line ${row.line}`).toBeDefined();
      expect(englishError(row.words!)).toBe(row.error);
      expect(errorText({ message: row.error!, words: row.words }, zh)).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
