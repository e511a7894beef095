// Journey: find a cart stream by search, open it, read an event, step with j/k.
import { expect, test } from './fixtures.ts';
import { StreamPage } from './pages/StreamPage.ts';
import { StreamsPage } from './pages/StreamsPage.ts';
import { withStore } from './support/store.ts';

test('finds a cart stream by search and opens its events', async ({ ledger }) => {
  const streams = new StreamsPage(ledger.page);
  await streams.open();
  await ledger.screenshot('streams');

  const matching = (needle: string) =>
    withStore(ledger.storeFile, (db) =>
      (db.prepare('SELECT DISTINCT stream_id AS id FROM events WHERE instr(stream_id, ?) > 0 ORDER BY id').all(needle) as { id: string }[]).map((r) => r.id),
    );
  // A broad search: the count covers every match, not just the rows on screen.
  await streams.searchFor('cart-0000');
  await expect(streams.count).toHaveText(`${matching('cart-0000').length} streams match`);

  // A narrow one: every match is on screen.
  await streams.searchFor('cart-00006');
  const expected = matching('cart-00006');
  await expect.poll(async () => (await streams.visibleIds()).sort()).toEqual(expected);

  // Starts-with search.
  await streams.searchFor('cart-00001', 'prefix');
  await expect.poll(async () => (await streams.visibleIds()).sort()).toEqual(matching('cart-00001').filter((id) => id.startsWith('cart-00001')));

  const target = 'cart-000010';
  await streams.openStream(target);

  const stream = new StreamPage(ledger.page);
  await stream.expectStream(target);
  await expect(stream.title).toHaveText(target);
  await stream.select(1);
  await expect(stream.detailType()).toHaveText('CartOpened');
  await expect(stream.detail.getByTestId('event-data')).toContainText('customerId');
  await expect(stream.detail.getByTestId('event-metadata')).toContainText('correlationId');
  await expect(stream.detail.getByTestId('related-events')).toBeVisible();

  // j / k step through events and keep the URL in step.
  await ledger.page.locator('body').press('j');
  await stream.expectSelected(2);
  await ledger.page.locator('body').press('j');
  await ledger.page.locator('body').press('k');
  await stream.expectSelected(2);
  expect(await stream.shell.hash()).toBe(`#/stream/${encodeURIComponent(target)}@2`);
  await ledger.screenshot('stream');
});

test('a category filter and sort by size list the long cart stream first', async ({ ledger }) => {
  const streams = new StreamsPage(ledger.page);
  await streams.open();
  await streams.category.selectOption('cart');
  await streams.sort.selectOption('count');
  await expect(streams.rows.first()).toHaveAttribute('data-stream-id', 'cart-wholesale-001');
  const ids = await streams.visibleIds();
  expect(ids.every((id) => id.startsWith('cart-'))).toBe(true);
});
