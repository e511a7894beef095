// Journey: an auditor in India reads the timeline in UTC (the default), switches the header's clock
// to local time, and every time on screen moves by +05:30 and says so, with UTC one hover away; the
// choice survives a reload and `?tz=utc` in a link wins over it. The expected texts are computed
// from the store's own recorded_at, not from the app.
import { expect, test } from './fixtures.ts';
import { AppShell } from './pages/AppShell.ts';
import { TimelinePage } from './pages/TimelinePage.ts';
import { TimeZoneSwitch } from './pages/TimeZoneSwitch.ts';
import { withStore } from './support/store.ts';

test.use({ timeZone: 'Asia/Kolkata' });

const KOLKATA_MS = (5 * 60 + 30) * 60_000; // no daylight saving in India: a fixed +05:30
const utcText = (ms: number) => new Date(ms).toISOString().replace('T', ' ');
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const kolkataText = (ms: number) => `${new Date(ms + KOLKATA_MS).toISOString().slice(0, 23).replace('T', ' ')} +05:30`;

test('times read in UTC by default and in local time after the switch, zone always named', async ({ ledger }) => {
  const { page } = ledger;
  const shell = new AppShell(page);
  const clock = new TimeZoneSwitch(page);
  const timeline = new TimelinePage(page);
  await shell.ready();
  const first = withStore(ledger.storeFile, (db) => db.prepare('SELECT recorded_at AS at FROM events ORDER BY position LIMIT 1').get() as { at: number });

  await timeline.open();
  await clock.expectMode('utc');
  const time = timeline.rows.first().locator('.time');
  await expect(time).toHaveText(utcText(first.at));
  // Chromium's ICU may name the zone by its older alias, Asia/Calcutta.
  const zone = '(Asia/Kolkata|Asia/Calcutta)';
  await expect(time).toHaveAttribute('title', new RegExp(`^Local time \\(${zone}\\): ${escape(kolkataText(first.at))}$`));
  await expect(clock.select.locator('option[value="local"]')).toHaveText('Local');
  await expect(clock.select).toHaveAttribute('title', new RegExp(`in your zone, ${zone} \\(UTC\\+05:30\\)`));
  await expect(page.getByRole('columnheader', { name: 'Recorded (UTC)' })).toBeVisible();

  await clock.choose('local');
  await expect(time).toHaveText(kolkataText(first.at));
  await expect(time).toHaveAttribute('title', `UTC: ${utcText(first.at)}`);
  await expect(page.getByRole('columnheader', { name: 'Recorded (local)' })).toBeVisible();
  await timeline.rows.first().click();
  await expect(page.getByTestId('event-detail-recorded')).toHaveText(kolkataText(first.at));
  await ledger.screenshot('time-zone-local');

  // Remembered across a reload; a link that says ?tz=utc is read in UTC.
  await page.reload();
  await clock.expectMode('local');
  await expect(timeline.rows.first().locator('.time')).toHaveText(kolkataText(first.at));
  const link = new URL(page.url());
  link.searchParams.set('tz', 'utc');
  await page.goto(link.toString());
  await clock.expectMode('utc');
  await expect(timeline.rows.first().locator('.time')).toHaveText(utcText(first.at));
});
