// Journey: import — a CSV whose column names differ is mapped field by field in the UI (the preview
// follows), imported into a new store, and opened; its events are what the file said. A file with bad
// lines fails with every line, field and problem listed and creates no file; with "skip bad lines"
// the good ones are imported and the report beside the new store lists the skipped ones.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures.ts';
import { ImportPage } from './pages/ImportPage.ts';
import { StartPage } from './pages/StartPage.ts';
import { withStore } from './support/store.ts';

const ORDERS = `aggregate,kind,seq,at,body_json,who
order-1,OrderPlaced,1,2026-02-01T10:00:00Z,"{""total"":120,""items"":2}",user:ada
order-1,OrderPaid,2,2026-02-01T10:05:00Z,"{""amount"":120}",user:ada
order-2,OrderPlaced,1,2026-02-02T09:00:00Z,"{""total"":35,""items"":1}",user:bob
order-1,OrderShipped,3,2026-02-03T08:00:00Z,"{""carrier"":""DHL""}",user:carol
order-2,OrderCancelled,2,2026-02-04T12:00:00Z,"{""reason"":""changed mind""}",user:bob
`;

const BAD = `streamId,type,data,time
order-1,OrderPlaced,"{""total"":1}",2026-02-01T10:00:00Z
order-1,,"{""total"":2}",2026-02-01T10:01:00Z
order-2,OrderPlaced,"{""total"":3",2026-02-01T10:02:00Z
order-2,OrderPaid,"{""amount"":3}",not-a-time
order-3,OrderPlaced,"{""total"":4}",2026-02-01T10:04:00Z
`;

function folderWith(name: string, text: string): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-import-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return { dir, file };
}

test('a CSV with its own column names is mapped in the UI, imported into a new store and opened', async ({ ledger }) => {
  const { dir, file } = folderWith('orders.csv', ORDERS);
  const importer = new ImportPage(ledger.page);
  await importer.open();
  await importer.preview(file);
  await expect(importer.detectedFormat).toHaveAttribute('data-format', 'csv');
  await expect(importer.fields).toHaveText(/aggregate.*kind.*seq.*at.*body_json.*who/);
  // Nothing is recognised: the required targets are missing and every sample row says why.
  await expect(importer.missing).toContainText('stream id and event type');
  await expect(importer.mappingRow('streamId')).toHaveAttribute('data-status', 'missing');
  await expect(importer.sampleRow(2)).toHaveAttribute('data-ok', 'false');
  await expect(importer.sampleRow(2)).toContainText('choose its source field in the field mapping');
  await expect(importer.sampleRow(2)).not.toContainText('=<column>');
  await expect(importer.start).toBeDisabled();

  await importer.map('streamId', 'aggregate');
  await importer.map('type', 'kind');
  await importer.map('version', 'seq');
  await importer.map('time', 'at');
  await importer.map('data', 'body_json');
  await importer.map('actor', 'who');
  await expect(importer.missing).toHaveCount(0);
  await expect(importer.sampleRow(2)).toHaveAttribute('data-ok', 'true');
  await expect(importer.sampleRow(2)).toContainText('order-1');
  await expect(importer.sampleRow(5)).toContainText('OrderShipped');
  await expect(importer.sampleRow(5)).toContainText('{"carrier":"DHL"}');
  // The new store is suggested beside the input.
  await expect(importer.out).toHaveValue(path.join(dir, 'orders.ledger.db'));
  await ledger.screenshot('import-mapped');

  const out = path.join(dir, 'orders.ledger.db');
  await importer.run(out);
  await expect(importer.result).toBeVisible();
  await expect(importer.result.getByTestId('import-result-events')).toHaveText('5 events');
  await expect(importer.result.getByTestId('import-result-skipped-count')).toHaveText('none');
  const truth = withStore(out, (db) => ({
    events: db.prepare('SELECT stream_id AS streamId, version, type, data, actor, recorded_at AS at FROM events ORDER BY position').all() as {
      streamId: string;
      version: number;
      type: string;
      data: string;
      actor: string;
      at: number;
    }[],
    head: db.prepare('SELECT lower(hex(head_hash)) FROM ledger_head').pluck().get() as string,
  }));
  expect(truth.events.map((e) => [e.streamId, e.version, e.type, JSON.parse(e.data), e.actor])).toEqual([
    ['order-1', 1, 'OrderPlaced', { total: 120, items: 2 }, 'user:ada'],
    ['order-1', 2, 'OrderPaid', { amount: 120 }, 'user:ada'],
    ['order-2', 1, 'OrderPlaced', { total: 35, items: 1 }, 'user:bob'],
    ['order-1', 3, 'OrderShipped', { carrier: 'DHL' }, 'user:carol'],
    ['order-2', 2, 'OrderCancelled', { reason: 'changed mind' }, 'user:bob'],
  ]);
  expect(truth.events[0].at).toBe(Date.parse('2026-02-01T10:00:00Z'));
  await expect(importer.result.getByTestId('import-result-chain-head')).toContainText(truth.head);
  await ledger.screenshot('import-done');

  await importer.result.getByTestId('import-result-open').click();
  const start = new StartPage(ledger.page);
  await expect(start.shell.storeName).toHaveText('orders.ledger.db');
  await expect(start.fact('events')).toHaveText('5');
  await expect(start.fact('chain-head')).toContainText(truth.head);
});

test('bad lines are listed with line, field and problem and nothing is written; skipping them writes a report', async ({ ledger }) => {
  const { dir, file } = folderWith('bad.csv', BAD);
  const importer = new ImportPage(ledger.page);
  await importer.open();
  await importer.preview(file);
  await expect(importer.sampleRow(3)).toHaveAttribute('data-field', 'type');

  const out = path.join(dir, 'bad.ledger.db');
  const before = fs.readdirSync(dir).sort();
  await importer.run(out);
  await expect(importer.failed).toBeVisible();
  await expect(importer.failed).toContainText('3 of 5 records are invalid');
  await expect(importer.failed).toContainText('Nothing was written');
  const listed = await importer.lines(importer.badLines);
  expect(listed.map((l) => [l.line, l.field])).toEqual([
    [3, 'type'],
    [4, 'data'],
    [5, 'time'],
  ]);
  expect(listed[1].text).toContain('not valid JSON');
  expect(listed[2].text).toContain("'not-a-time' is not a valid time");
  // Nothing written: the folder holds exactly what it held.
  expect(fs.readdirSync(dir).sort()).toEqual(before);
  await ledger.screenshot('import-failed');

  await importer.run(out, { skipBad: true });
  await expect(importer.result).toBeVisible();
  await expect(importer.result.getByTestId('import-result-events')).toHaveText('2 events');
  await expect(importer.result.getByTestId('import-result-skipped-count')).toHaveText('3 bad lines');
  expect((await importer.lines(importer.skippedLines)).map((l) => [l.line, l.field])).toEqual([
    [3, 'type'],
    [4, 'data'],
    [5, 'time'],
  ]);
  const reportPath = `${out}.import-report.json`;
  await expect(importer.result.getByTestId('import-result-report')).toContainText(reportPath);
  const report = JSON.parse(fs.readFileSync(reportPath, 'utf8')) as { skipped: { line: number; field: string; message: string }[] };
  expect(report.skipped.map((s) => s.line)).toEqual([3, 4, 5]);
  expect(withStore(out, (db) => db.prepare('SELECT stream_id FROM events ORDER BY position').pluck().all())).toEqual(['order-1', 'order-3']);
});
