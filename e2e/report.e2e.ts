// Journey: a printable report — open "Report…" on a stream, choose a range and the versions whose
// states to show, create it, and find in the file the store's facts, the events with their ids and
// hashes, the states, every change attributed to its event, and a manifest with the report's sha256.
// In browser mode the report is then opened as a page: self-contained (nothing refused or loaded),
// the print hint shown on screen and hidden in print.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { reportChanges, reportEvents, reportFacts, reportSection } from '../src/main/report/reportParts.ts';
import { expect, test } from './fixtures.ts';
import { ReportPanel } from './pages/ReportPanel.ts';
import { StatePage } from './pages/StatePage.ts';
import { StreamPage } from './pages/StreamPage.ts';
import { cliNdjson, findRemoveThenAdd, withStore } from './support/store.ts';

test('creates a report of a stream range and it holds the events, states and attributed changes', async ({ ledger }) => {
  const { streamId, from, to } = findRemoveThenAdd(ledger.storeFile);
  const stream = new StreamPage(ledger.page);
  await stream.open(streamId);
  const panel = new ReportPanel(ledger);
  await panel.open();
  await panel.fill({ from, to, versions: `${from},${to}` });
  await ledger.screenshot('report-dialog');
  const file = await panel.run();
  const html = fs.readFileSync(file, 'utf8');

  const facts = reportFacts(html);
  const head = withStore(ledger.storeFile, (db) => db.prepare('SELECT lower(hex(head_hash)) FROM ledger_head').pluck().get());
  expect(facts.stream.streamId).toBe(streamId);
  expect(facts.range).toEqual({ fromVersion: from, toVersion: to });
  expect(facts.store.chainHead).toBe(head);
  expect(['verified', 'not-checked']).toContain(facts.integrity.status);
  expect(facts.states).toEqual([from, to]);

  // The events of the range, in order, with the store's ids and hashes.
  const truth = cliNdjson<{ eventId: string; position: number; version: number; hash: string }>(['events', ledger.storeFile, '--stream', streamId, '--all']).filter(
    (e) => e.version >= from && e.version <= to,
  );
  const listed = reportEvents(html);
  expect(listed.map((e) => e.eventId)).toEqual(truth.map((e) => e.eventId));
  truth.forEach((event, i) => expect(listed[i].block).toContain(event.hash));

  // Every change between the two states names the event of the range that made it.
  const changes = reportChanges(html);
  expect(changes.map((c) => c.kind)).toEqual(expect.arrayContaining(['removed', 'added']));
  const positions = new Set(truth.map((e) => e.position));
  for (const change of changes) expect(positions.has(change.position!)).toBe(true);
  expect(reportSection(html, 'states')).toContain(`data-version="${from}"`);

  // The manifest beside it records the report's sha256.
  const sha256 = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  await expect(panel.dialog.getByTestId('export-result')).toContainText(`sha256 ${sha256}`);
  await expect(panel.dialog.getByTestId('export-manifest')).toContainText('.manifest.json');
  await panel.close();

  if (ledger.electron) return;
  // Opened as a page: nothing loads but the file, no CSP refusal, and the print hint is screen-only.
  const page = await ledger.page.context().newPage();
  const problems: string[] = [];
  page.on('console', (message) => problems.push(message.text()));
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(file).href);
  await expect(page.locator('h1')).toContainText(streamId);
  await expect(page.locator('.print-hint')).toBeVisible();
  // The stylesheet applied (allowed by its hash): sections start on a new page when printed.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.print-hint')).toBeHidden();
  expect(await page.locator('#events').evaluate((el) => getComputedStyle(el).breakBefore)).toBe('page');
  expect(problems.filter((p) => /Content Security Policy|Refused/i.test(p))).toEqual([]);
  expect(requests).toEqual([pathToFileURL(file).href]);
  await ledger.screenshot('report-page');
  await page.close();
});

test('offers the version in view on the state screen, and says what to fix in a bad version list', async ({ ledger }) => {
  const { streamId, from } = findRemoveThenAdd(ledger.storeFile);
  const state = new StatePage(ledger.page);
  await state.open(streamId, from);
  const panel = new ReportPanel(ledger);
  await panel.open();
  await expect(panel.dialog.getByTestId('report-versions')).toHaveValue(String(from));
  await panel.fill({ versions: '2,x' });
  await panel.create.click();
  await expect(panel.error).toContainText('such as 3,17,40');
  await panel.fill({ versions: String(from) });
  const html = fs.readFileSync(await panel.run(), 'utf8');
  expect(reportFacts(html).states).toEqual([from]);
  // One state: the changes of the range up to it, from the state before the range.
  expect(reportFacts(html).diffs).toEqual([expect.objectContaining({ from: 0, to: from })]);
  await panel.close();
});

test.describe('in 简体中文', () => {
  test.use({ lang: 'zh-CN' });

  test('writes the report in the language the app speaks, its facts and data as stored', async ({ ledger }) => {
    const { streamId, from, to } = findRemoveThenAdd(ledger.storeFile);
    await new StreamPage(ledger.page).open(streamId);
    const panel = new ReportPanel(ledger);
    await panel.open();
    await panel.fill({ from, to, versions: `${from},${to}` });
    const html = fs.readFileSync(await panel.run(), 'utf8');
    expect(html).toContain('<html lang="zh-CN">');
    expect(reportSection(html, 'diffs')).toContain('<h2>4. 变化内容及造成变化的事件</h2>');
    expect(html).not.toContain('What changed, and which event did it');
    expect(reportFacts(html).stream.streamId).toBe(streamId);
    expect(reportChanges(html).map((c) => c.kind)).toEqual(expect.arrayContaining(['removed', 'added']));
    await panel.close();
  });
});
