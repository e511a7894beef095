// Journey: the timeline — the global log filtered by type and stream prefix, with the plot's total
// and the listed events matching the store.
import { expect, test } from './fixtures.ts';
import { TimelinePage } from './pages/TimelinePage.ts';
import { withStore } from './support/store.ts';

test('filters the global log by type, stream prefix and time, in step with the store', async ({ ledger }) => {
  const timeline = new TimelinePage(ledger.page);
  await timeline.open();
  const all = withStore(ledger.storeFile, (db) => (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n);
  await timeline.expectTotal(all);
  await expect(timeline.rows.first()).toBeVisible();
  await ledger.screenshot('timeline');

  await timeline.chooseTypes(['ItemRemoved']);
  await timeline.filter({ prefix: 'cart-0' });
  const removed = withStore(ledger.storeFile, (db) =>
    db.prepare("SELECT position, stream_id AS streamId FROM events WHERE type = 'ItemRemoved' AND stream_id LIKE 'cart-0%' ORDER BY position").all() as { position: number; streamId: string }[],
  );
  await timeline.expectTotal(removed.length);
  await expect(timeline.rows.first()).toHaveAttribute('data-position', String(removed[0].position));
  const types = await timeline.columnValues(4);
  expect(types.length).toBeGreaterThan(0);
  expect(new Set(types)).toEqual(new Set(['ItemRemoved']));
  expect((await timeline.columnValues(2)).every((s) => s.startsWith('cart-0'))).toBe(true);

  // A time range narrows it further (inclusive bounds, UTC).
  const cut = withStore(ledger.storeFile, (db) =>
    db.prepare("SELECT recorded_at AS t FROM events WHERE type = 'ItemRemoved' AND stream_id LIKE 'cart-0%' ORDER BY position LIMIT 1 OFFSET 100").get() as { t: number },
  );
  const toIso = new Date(cut.t).toISOString();
  await timeline.filter({ to: toIso });
  const before = withStore(ledger.storeFile, (db) =>
    (db.prepare("SELECT count(*) AS n FROM events WHERE type = 'ItemRemoved' AND stream_id LIKE 'cart-0%' AND recorded_at <= ?").get(cut.t) as { n: number }).n,
  );
  await timeline.expectTotal(before);

  // Selecting a row shows the event with a link to its stream.
  await timeline.rows.first().click();
  await expect(ledger.page.getByTestId('event-detail')).toHaveAttribute('data-position', String(removed[0].position));
  await ledger.screenshot('timeline-filtered');

  // A start time that is not a date is explained once, in people's words, not by the plot and the list both.
  await timeline.shell.goto('#/timeline?from=next%20tuesday');
  await expect(ledger.page.getByTestId('error-view')).toHaveCount(1);
  await expect(ledger.page.getByTestId('error-view')).toContainText("The start time 'next tuesday' is not a valid time");
  await expect(ledger.page.getByTestId('timeline-error-above')).toBeVisible();
});

test('states the exact time range (a date-only end includes that day) and suggests actors ignoring case', async ({ ledger }) => {
  const timeline = new TimelinePage(ledger.page);
  await timeline.open();
  const { day, onDay } = withStore(ledger.storeFile, (db) => {
    const mid = db.prepare('SELECT recorded_at AS t FROM events ORDER BY position LIMIT 1 OFFSET (SELECT count(*) / 2 FROM events)').get() as { t: number };
    const start = Math.floor(mid.t / 86_400_000) * 86_400_000;
    const n = (db.prepare('SELECT count(*) AS n FROM events WHERE recorded_at >= ? AND recorded_at < ?').get(start, start + 86_400_000) as { n: number }).n;
    return { day: new Date(start).toISOString().slice(0, 10), onDay: n };
  });
  await timeline.filter({ from: day, to: day });
  await timeline.expectTotal(onDay);
  const next = new Date(Date.parse(day) + 86_400_000).toISOString().slice(0, 10);
  await expect(ledger.page.getByTestId('timeline-range')).toHaveText(`Showing ${day} 00:00:00 UTC to ${next} 00:00:00 UTC (exclusive)`);

  await timeline.filter({ from: '', to: '2026-02-30' });
  await expect(ledger.page.getByTestId('timeline-time-error')).toHaveText('To: 2026-02-30 is not a date: February 2026 has 28 days.');

  const actor = withStore(ledger.storeFile, (db) => (db.prepare('SELECT actor, count(*) AS n FROM events WHERE actor IS NOT NULL GROUP BY actor ORDER BY n DESC LIMIT 1').get() as { actor: string; n: number }));
  await timeline.filter({ to: '', actor: ` ${actor.actor.toUpperCase()} ` });
  await expect(ledger.page.getByTestId('timeline-actor-note')).toContainText(`No actor matches: actor is exactly '${actor.actor.toUpperCase()}'`);
  await ledger.page.getByTestId('timeline-actor-suggestion').filter({ hasText: actor.actor }).first().click();
  await timeline.expectTotal(actor.n);
  await expect(ledger.page.getByTestId('timeline-actor-note')).toContainText(`Where actor is exactly '${actor.actor}'`);
});
