// Journey: live tail — another process appends to the open store. While following (the default) the
// streams list, the open stream's events and the timeline take the new events in by themselves,
// keeping the selection and the scroll position; with following off, the header announces them
// without disturbing the screen, and a refresh shows them.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures.ts';
import { StartPage } from './pages/StartPage.ts';
import { StreamPage } from './pages/StreamPage.ts';
import { StreamsPage } from './pages/StreamsPage.ts';
import { TimelinePage } from './pages/TimelinePage.ts';
import { VerifyPage } from './pages/VerifyPage.ts';
import { DEMO_STORE } from './support/paths.ts';
import { streamVersion, withStore } from './support/store.ts';

const STREAM = 'counter-logins-0004';

function append(file: string, count: number, streamId = STREAM): void {
  execFileSync(process.execPath, [path.join(import.meta.dirname, 'support', 'appendEvents.ts'), file, streamId, 'increment', String(count)]);
}

async function openCopy(start: StartPage): Promise<string> {
  const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-live-')), 'live.db');
  fs.copyFileSync(DEMO_STORE, copy);
  await start.open();
  await start.openPath(copy);
  await expect(start.shell.storeName).toHaveText('live.db');
  return copy;
}

test('events appended by another process are announced and shown after a refresh', async ({ ledger }) => {
  const start = new StartPage(ledger.page);
  const copy = await openCopy(start);
  await start.shell.setFollowing(false);

  const before = streamVersion(copy, STREAM);
  const stream = new StreamPage(ledger.page);
  await stream.open(STREAM, before);
  await stream.expectSelected(before);

  append(copy, 2);
  const refresh = start.shell.liveRefresh;
  await expect(refresh).toHaveText(/\+2 new events/);
  // The screen stayed where it was.
  await stream.expectSelected(before);
  await expect(stream.row(before + 1)).toHaveCount(0);

  await refresh.click();
  await expect(refresh).toHaveCount(0);
  await stream.select(before + 2);
  await expect(stream.detail.getByTestId('event-data')).toContainText('appended 2');
});

test('following: the open stream, the streams list and the timeline take appended events in without a click', async ({ ledger }) => {
  const { page } = ledger;
  const start = new StartPage(page);
  const copy = await openCopy(start);
  await expect(start.shell.follow).toHaveAttribute('aria-pressed', 'true');
  const verify = new VerifyPage(page);
  await verify.open();
  await verify.run();
  await verify.expectUntouched();

  // The open stream: new rows appear; the selection and the scroll position stay.
  const before = streamVersion(copy, STREAM);
  const stream = new StreamPage(page);
  await stream.open(STREAM, before - 5);
  await stream.expectSelected(before - 5);
  const table = page.getByTestId('events-table');
  const scrolled = await table.evaluate((el) => el.scrollTop);
  append(copy, 2);
  await expect(stream.row(before + 2)).toBeVisible();
  await expect(page.getByTestId('stream-frame')).toContainText(`version ${before + 2}`);
  await stream.expectSelected(before - 5);
  expect(await table.evaluate((el) => el.scrollTop)).toBe(scrolled);
  await expect(start.shell.liveRefresh).toHaveCount(0);
  await stream.select(before + 2);
  await expect(stream.detail.getByTestId('event-data')).toContainText('appended 2');

  // The streams list: counts update, the busiest stream moves up, the selection follows it.
  const streams = new StreamsPage(page);
  await streams.open();
  await expect(streams.rows.first()).toHaveAttribute('data-stream-id', STREAM);
  // The list is one Tab stop: focused, its active (selected) row is the first.
  await page.getByRole('grid', { name: 'Streams' }).focus();
  await expect(streams.rows.first()).toHaveAttribute('aria-selected', 'true');
  const other = 'cart-000001';
  const otherCount = streamVersion(copy, other);
  append(copy, 3, other);
  await expect(streams.rows.first()).toHaveAttribute('data-stream-id', other);
  await expect(streams.row(other).locator('[role=gridcell]').nth(2)).toHaveText(String(otherCount + 3));
  await expect(streams.row(STREAM)).toHaveAttribute('aria-selected', 'true');

  // The timeline: the plot's total and the log grow.
  const timeline = new TimelinePage(page);
  await timeline.open();
  await timeline.filter({ prefix: STREAM });
  await timeline.expectTotal(before + 2);
  append(copy, 1);
  await timeline.expectTotal(before + 3);
  const last = withStore(copy, (db) => db.prepare('SELECT max(position) FROM events').pluck().get() as number);
  await page.getByTestId('timeline-list').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(timeline.rows.last()).toHaveAttribute('data-position', String(last));
  await ledger.screenshot('live-following');

  // The verdict from before says it does not cover what was appended since.
  await verify.open();
  await expect(page.getByTestId('verify-stale')).toHaveText('6 events appended since this verification: verify again to include them.');
  await start.shell.expectNoCrash();
});
