// Journey: a filter that reads a whole table of a PostgreSQL store is announced before it runs
// (the planner's estimate: which table, about how many rows, no index), runs after "Run it", and a
// read held up at the server shows its time with Cancel, which stops it and goes back to the results
// shown before. The fixture is small, so the warning threshold is lowered for the test (localStorage).
import pg from 'pg';
import { expect, test, type LedgerSession } from './fixtures.ts';
import { StartPage } from './pages/StartPage.ts';
import { TimelinePage } from './pages/TimelinePage.ts';
import { PG_EVENT_COUNT, PG_STREAMS, pgFixture, type PgFixture } from './support/postgresStore.ts';

function fixtureOrSkip(): PgFixture {
  const found = pgFixture();
  if (!found.fixture) console.log(`[e2e] postgres scan journey skipped: ${found.reason}`);
  test.skip(!found.fixture, found.reason ?? '');
  return found.fixture!;
}

async function connect(ledger: LedgerSession, db: PgFixture): Promise<void> {
  const start = new StartPage(ledger.page);
  await start.open();
  await start.fillConnection({ host: db.host, port: db.port, database: db.database, user: db.user, password: db.password, remember: 'without-password' });
  await start.openConnection();
  await expect(start.fact('format')).toContainText('Marten');
}

const eventsBy = (actor: string) => PG_STREAMS.flatMap((s) => s.events).filter((e) => e.metadata?.actor === actor).length;

test('a whole-table filter is announced before it runs, and a held-up read can be cancelled', async ({ ledger }) => {
  const db = fixtureOrSkip();
  const { page } = ledger;
  const admin = new pg.Client({ connectionString: db.adminUrl });
  await admin.connect();
  try {
    // The planner's table size (what a running server's autovacuum keeps up to date).
    await admin.query('ANALYZE mt_events');
    const reltuples = Math.round((await admin.query<{ n: number }>(`SELECT reltuples::float8 AS n FROM pg_class WHERE oid = 'public.mt_events'::regclass`)).rows[0].n);
    await page.setViewportSize({ width: 1280, height: 800 });
    await connect(ledger, db);
    await page.evaluate(() => localStorage.setItem('replay-ledger.scanWarnRows', '1'));

    const timeline = new TimelinePage(page);
    await timeline.open();
    await timeline.expectTotal(PG_EVENT_COUNT); // no filter: nothing to announce
    await expect(timeline.scanNotice()).toHaveCount(0);

    // An actor filter: Marten has no index for it. Said before running; the previous results stay.
    await timeline.filter({ actor: 'alice' });
    await expect(timeline.scanNotice()).toBeVisible();
    await expect(timeline.scanNotice()).toHaveAttribute('role', 'alert');
    await expect(timeline.scanNotice()).toContainText(
      `This filter reads all of public.mt_events (about ${reltuples} rows): no index covers it, so it may take a while.`,
    );
    await expect(timeline.rows).toHaveCount(PG_EVENT_COUNT);
    await timeline.expectTotal(PG_EVENT_COUNT);
    // The choice has the keyboard, and the notice fits a 1280 px window.
    await expect(timeline.scanNotice().getByRole('button', { name: 'Run it' })).toBeFocused();
    const box = await timeline.scanNotice().boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(1280);
    await expect(timeline.scanNotice().getByRole('button', { name: 'Change the filter' })).toBeInViewport();
    await ledger.screenshot('postgres-scan-notice');
    await timeline.changeScanFilter();
    await expect(timeline.actor).toBeFocused();
    await timeline.runScan();
    await timeline.expectTotal(eventsBy('alice'));
    await expect(timeline.rows).toHaveCount(eventsBy('alice'));

    // A read held up at the server (a writer's lock): "Reading… N s", Cancel, back to alice's events.
    await timeline.filter({ actor: 'bob' });
    await expect(timeline.scanNotice()).toBeVisible();
    await admin.query('BEGIN');
    await admin.query('LOCK TABLE mt_events IN ACCESS EXCLUSIVE MODE');
    await page.keyboard.press('Enter'); // "Run it" has the focus
    await expect(timeline.scanNotice()).toHaveCount(0);
    await expect(timeline.reading()).toHaveAttribute('role', 'status');
    await expect(timeline.reading()).toContainText(/Reading… \d+ s/, { timeout: 10_000 });
    await ledger.screenshot('postgres-scan-reading');
    await timeline.cancelRead();
    await expect(timeline.cancelledNote()).toContainText("Cancelled: actor is exactly 'bob' was not read.");
    await expect(timeline.actor).toHaveValue('alice');
    await admin.query('COMMIT');
    await timeline.expectTotal(eventsBy('alice'));
    await expect(timeline.rows).toHaveCount(eventsBy('alice'));
    await expect(timeline.reading()).toHaveCount(0);

    // Run it again: agreed to already, so no second notice.
    await timeline.runAgain();
    await expect(timeline.actor).toHaveValue('bob');
    await timeline.expectTotal(eventsBy('bob'));
    await expect(timeline.scanNotice()).toHaveCount(0);

    // Asking the planner waits for the lock too: the same Cancel, and the filter does not run.
    await admin.query('BEGIN');
    await admin.query('LOCK TABLE mt_events IN ACCESS EXCLUSIVE MODE');
    await timeline.filter({ actor: 'carol' });
    await timeline.cancelRead();
    await expect(timeline.cancelledNote()).toContainText("Cancelled: actor is exactly 'carol' was not read.");
    await expect(timeline.actor).toHaveValue('bob');
    await admin.query('COMMIT');
    await expect(timeline.scanNotice()).toHaveCount(0);
    await timeline.expectTotal(eventsBy('bob'));
    await expect(timeline.rows).toHaveCount(eventsBy('bob'));
  } finally {
    await admin.query('ROLLBACK').catch(() => {});
    await admin.end();
  }
});
