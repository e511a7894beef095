// Journey: export — a stream as NDJSON whose lines are the store's events, a version range as CSV,
// a diff as a readable HTML report, and a filtered slice of the global log. The file is written by
// main (download in browser mode, save path in Electron).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures.ts';
import { ExportPanel } from './pages/ExportPanel.ts';
import { StreamPage } from './pages/StreamPage.ts';
import { TimelinePage } from './pages/TimelinePage.ts';
import { cliNdjson, findRemoveThenAdd, withStore } from './support/store.ts';

const STREAM = 'cart-000001';

test('exports a stream to NDJSON and every line matches the store', async ({ ledger }) => {
  const stream = new StreamPage(ledger.page);
  await stream.open(STREAM);
  const panel = new ExportPanel(ledger);
  await panel.openFrom();
  await panel.choose('export-what-events');
  await panel.choose('export-scope-stream');
  await panel.choose('export-format-ndjson');
  await ledger.screenshot('export');
  const file = await panel.run(`${STREAM}.ndjson`);
  await expect(panel.dialog.getByTestId('export-result')).toContainText('events');

  const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
  const truth = cliNdjson<Record<string, unknown>>(['events', ledger.storeFile, '--stream', STREAM, '--all']);
  expect(lines.length).toBe(truth.length);
  lines.forEach((line, i) => expect(JSON.parse(line)).toEqual(truth[i]));

  // The manifest beside the file: the file's sha256 (also shown), the query and the chain head.
  const sha256 = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  await expect(panel.dialog.getByTestId('export-result')).toContainText(`sha256 ${sha256}`);
  const manifest = JSON.parse(fs.readFileSync(await panel.manifest(file), 'utf8')) as {
    files: { path: string; sha256: string }[];
    query: { kind: string; streamId: string };
    store: { chainHead: string };
    events: { count: number };
  };
  // (the name is the one the app wrote: in browser mode the download was saved under another)
  expect(manifest.files[0]).toEqual(expect.objectContaining({ sha256 }));
  // Then the viewer's own evidence: this store's activity excerpt and its case notes.
  expect(manifest.files.slice(1).map((f) => f.path)).toEqual([expect.stringMatching(/activity\.jsonl$/), expect.stringMatching(/notes\.json$/)]);
  if (ledger.electron) expect(manifest.files[0].path).toBe(path.basename(file));
  expect(manifest.query).toMatchObject({ kind: 'stream', streamId: STREAM });
  expect(manifest.events.count).toBe(truth.length);
  expect(manifest.store.chainHead).toBe(withStore(ledger.storeFile, (db) => db.prepare('SELECT lower(hex(head_hash)) FROM ledger_head').pluck().get()));
  await ledger.screenshot('export-manifest');
  await panel.close();
});

test('exports a version range as CSV and a diff as an HTML report', async ({ ledger }) => {
  const { streamId, from, to } = findRemoveThenAdd(ledger.storeFile);
  const stream = new StreamPage(ledger.page);
  await stream.open(streamId);
  const panel = new ExportPanel(ledger);
  await panel.openFrom();
  await panel.choose('export-scope-range');
  await panel.fill('export-from', 2);
  await panel.fill('export-to', 4);
  await panel.choose('export-format-csv');
  const csv = fs.readFileSync(await panel.run('range.csv'), 'utf8').trim().split('\n');
  expect(csv[0]).toContain('position');
  expect(csv.length).toBe(1 + 3);
  await panel.close();

  await stream.shell.goto(`#/diff/${encodeURIComponent(streamId)}/${from}..${to}`);
  await panel.openFrom('diff-export');
  await panel.choose('export-format-html');
  const html = fs.readFileSync(await panel.run('diff.html'), 'utf8');
  expect(html).toMatch(/<html/i);
  expect(html).toContain('removed');
  expect(html).toContain('added');
});

test('exports a filtered slice of the global log from the timeline', async ({ ledger }) => {
  const timeline = new TimelinePage(ledger.page);
  await timeline.open();
  await timeline.chooseTypes(['ItemRemoved']);
  await timeline.filter({ prefix: 'cart-0' });
  const panel = new ExportPanel(ledger);
  await panel.openFrom('timeline-export');
  await expect(panel.dialog).toContainText('Global log: events where type ItemRemoved');
  await panel.dialog.getByTestId('export-from-position').fill('1000');
  await panel.dialog.getByTestId('export-to-position').fill('3000');
  const lines = fs.readFileSync(await panel.run('slice.ndjson'), 'utf8').split('\n').filter((l) => l !== '');
  const expected = withStore(ledger.storeFile, (db) =>
    (db.prepare("SELECT position FROM events WHERE type = 'ItemRemoved' AND stream_id LIKE 'cart-0%' AND position BETWEEN 1000 AND 3000 ORDER BY position").all() as { position: number }[]).map(
      (r) => r.position,
    ),
  );
  expect(lines.map((l) => (JSON.parse(l) as { position: number }).position)).toEqual(expected);
});
