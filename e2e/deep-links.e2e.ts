// Journey: deep links and the keyboard — every screen can be reached by its URL, `/` focuses the
// screen's search, j/k step through rows, [ ] step versions, unknown links explain themselves.
import { expect, test } from './fixtures.ts';
import { links } from './pages/AppShell.ts';
import { DiffPage } from './pages/DiffPage.ts';
import { StatePage } from './pages/StatePage.ts';
import { StreamPage } from './pages/StreamPage.ts';
import { StreamsPage } from './pages/StreamsPage.ts';
import { TimelinePage } from './pages/TimelinePage.ts';

const STREAM = 'cart-wholesale-001';

test('deep links open each screen at the linked place; the keyboard moves through them', async ({ ledger }) => {
  const { page } = ledger;
  const stream = new StreamPage(page);

  // Far into a long stream: the row is scrolled into view and selected.
  await stream.open(STREAM, 2500);
  await stream.expectSelected(2500);
  await expect(stream.row(2500)).toBeInViewport();
  await page.locator('body').press('k');
  await stream.expectSelected(2499);

  const state = new StatePage(page);
  await state.open(STREAM, 1200);
  await state.expectVersion(1200);
  await page.locator('body').press(']');
  await state.expectVersion(1201);
  await page.locator('body').press('[');
  await page.locator('body').press('[');
  await state.expectVersion(1199);

  const diff = new DiffPage(page);
  await diff.open(STREAM, 10, 20);
  await expect(diff.between).toHaveCount(10);
  // Reversed ranges are put in order rather than refused.
  await diff.shell.goto(links.diff(STREAM, 20, 10));
  await diff.expectRange(10, 20);

  // `/` focuses the search of the screen in view.
  const streams = new StreamsPage(page);
  await streams.open();
  await page.locator('body').press('/');
  await expect(streams.search).toBeFocused();
  await page.keyboard.type('account-0001');
  await expect.poll(() => streams.shell.hash()).toContain('q=account-0001');
  await page.keyboard.press('Escape');
  await expect(streams.search).not.toBeFocused();
  await expect(streams.search).toHaveValue('account-0001');
  await expect(streams.rows.first()).toHaveAttribute('data-stream-id', /account-0001/);
  await page.locator('body').press('j');
  await expect(streams.rows.nth(1)).toHaveAttribute('aria-selected', 'true');

  const timeline = new TimelinePage(page);
  await timeline.shell.goto('#/timeline?type=CartCheckedOut&prefix=cart-');
  await expect(timeline.rows.first()).toBeVisible();
  await page.locator('body').press('j');
  await expect(page.getByTestId('event-detail')).toBeVisible();
  await expect(page.getByTestId('event-detail-type')).toHaveText('CartCheckedOut');

  // A version the stream does not have is named as missing, not quietly replaced by the last one.
  await state.shell.goto(links.state(STREAM, 99_999));
  await expect(page.getByTestId('version-missing-message')).toHaveText(new RegExp(`^Version 99,999 does not exist: ${STREAM} has [\\d,]+ events\\.$`));
  await expect(page.getByTestId('state-view')).toHaveCount(0);
  await page.getByTestId('version-missing-last').click();
  await expect(page.getByTestId('state-view')).toBeVisible();
  await diff.shell.goto(links.diff(STREAM, 10, 99_999));
  await expect(page.getByTestId('version-missing-message')).toContainText('Version 99,999 does not exist');

  // Help and unknown links.
  await page.locator('body').press('?');
  await expect(page.getByTestId('shortcuts-help')).toBeVisible();
  await page.keyboard.press('Escape');
  await stream.shell.goto('#/no/such/screen');
  await expect(page.getByTestId('unknown-route')).toBeVisible();
  await stream.shell.goto(links.stream('no-such-stream', 3));
  await expect(page.getByTestId('stream-error')).toContainText('There is no stream');
  await stream.shell.expectNoCrash();
});
