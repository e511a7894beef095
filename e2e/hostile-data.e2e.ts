// Journey: hostile data — stream ids with slashes, '@', '..', bidi overrides and control characters,
// HTML and SQL look-alikes, a 10 MB payload, 900-level nesting, 50,000-element arrays and an
// undecodable payload are all shown as text; deep links to such ids work; nothing freezes or throws.
import { expect, test } from './fixtures.ts';
import { links } from './pages/AppShell.ts';
import { StatePage } from './pages/StatePage.ts';
import { StreamPage } from './pages/StreamPage.ts';
import { StreamsPage } from './pages/StreamsPage.ts';
import { HOSTILE } from './support/hostileStore.ts';
import { HOSTILE_STORE } from './support/paths.ts';

test.use({ storeFile: HOSTILE_STORE });

test('hostile ids and payloads render as text, deep links reach them, nothing crashes', async ({ ledger }) => {
  const { page } = ledger;
  // Any dialog (alert from injected HTML) would be a failure.
  page.on('dialog', (dialog) => {
    throw new Error(`Unexpected dialog: ${dialog.message()}`);
  });

  const streams = new StreamsPage(page);
  await streams.open();
  await expect(streams.rows).toHaveCount(Object.keys(HOSTILE).length);
  // HTML in an id is text, not markup; control and bidi characters are shown as escapes.
  await expect(streams.row(HOSTILE.html)).toContainText('<img src=x onerror=alert(1)>');
  await expect(page.locator('img')).toHaveCount(0);
  await expect(streams.row(HOSTILE.bidi)).toContainText('rtl-\\u202eevil\\u202c-id');
  await expect(streams.row(HOSTILE.control)).toContainText('ctrl-\\u0007bell-\\u001b[31m-red');
  await ledger.screenshot('hostile-streams');

  // An id with '/', '@', '..', '?', '#' and '%' survives a deep link in both directions.
  const stream = new StreamPage(page);
  await stream.open(HOSTILE.slashes, 2);
  await stream.expectSelected(2);
  await expect(stream.title).toHaveText(HOSTILE.slashes);
  await expect(stream.detail.getByTestId('event-data')).toContainText('line one\\nline two\\ttabbed\\u0000nul');
  await stream.tab('diff');
  await expect(page.getByTestId('diff-view')).toBeVisible();
  expect(await stream.shell.hash()).toBe(links.diff(HOSTILE.slashes, 1, 2));

  // 10 MB string: clipped, with a way to see more.
  await stream.open(HOSTILE.big, 1);
  await expect(stream.detail.getByTestId('event-data')).toContainText('show 200,000 more of 10,485,760 characters');

  // 900 levels: opens level by level, or ten at a time with shift-click.
  await stream.open(HOSTILE.deep, 1);
  const data = stream.detail.getByTestId('event-data');
  await data.locator('.json-toggle').last().click({ modifiers: ['Shift'] });
  await expect(data).toContainText('level:13');

  // 50,000 elements: shown in chunks.
  await stream.open(HOSTILE.wide, 1);
  await stream.detail.getByTestId('event-data').locator('.json-toggle').last().click();
  await expect(stream.detail.getByTestId('event-data')).toContainText('Show 1,000 more of 50,000');

  // A payload that is not valid JSON is flagged, its raw text shown, and replay reports it.
  await stream.open(HOSTILE.broken, 2);
  await expect(page.getByTestId('decode-error')).toBeVisible();
  await expect(stream.detail.getByTestId('event-data')).toContainText('{\\"ok\\": tru');
  const state = new StatePage(page);
  await state.open(HOSTILE.broken, 2);
  await expect(page.getByTestId('state-warnings')).toContainText('1 event could not be applied');
  await ledger.screenshot('hostile-broken-state');
  await stream.shell.expectNoCrash();
});
