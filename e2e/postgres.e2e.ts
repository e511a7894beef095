// Journey: a PostgreSQL store through the connection form — test the connection (layout, read-only),
// open it as a USAGE + SELECT role, see Marten in the store facts, browse its streams, read a
// stream, diff two versions, export the stream (every line checked against the database rows), and
// find the connection among the recent ones without its password. The server and the Marten store
// come from global setup (support/postgresStore.ts); without a server the journeys skip with why.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type LedgerSession } from './fixtures.ts';
import { DiffPage } from './pages/DiffPage.ts';
import { ExportPanel } from './pages/ExportPanel.ts';
import { StartPage } from './pages/StartPage.ts';
import { StreamPage } from './pages/StreamPage.ts';
import { StreamsPage } from './pages/StreamsPage.ts';
import { PG_ARCHIVED, PG_EVENT_COUNT, PG_STREAMS, PG_TOMBSTONES, martenRows, pgFixture, type PgFixture } from './support/postgresStore.ts';
import { cliJson } from './support/store.ts';

const CART = 'cart-pg-1';

function fixtureOrSkip(): PgFixture {
  const found = pgFixture();
  if (!found.fixture) console.log(`[e2e] postgres journey skipped: ${found.reason}`);
  test.skip(!found.fixture, found.reason ?? '');
  return found.fixture!;
}

/** Start screen → the connection form filled as the read-only role → Test connection → Open. */
async function connect(ledger: LedgerSession, db: PgFixture): Promise<StartPage> {
  const start = new StartPage(ledger.page);
  await start.open();
  await start.fillConnection({ host: db.host, port: db.port, database: db.database, user: db.user, password: db.password, remember: 'without-password' });
  await start.testConnection();
  await expect(start.connectionMessage().getByTestId('connection-ok')).toBeVisible();
  await expect(start.connectionResult('layout')).toHaveText('Marten in schema public');
  await expect(start.connectionResult('readonly')).toHaveText('read-only');
  await expect(start.connectionResult('server')).toContainText(/^PostgreSQL \d+/);
  await ledger.screenshot('postgres-test-connection');
  await start.openConnection();
  await expect(start.connection.getByTestId('connection-error')).toHaveCount(0);
  await expect(start.fact('format')).toContainText('Marten');
  return start;
}

test('a Marten database opens through the connection form, browses, diffs and exports', async ({ ledger }) => {
  const db = fixtureOrSkip();
  const { page } = ledger;
  const start = await connect(ledger, db);

  // The store facts: the layout and the role, what a database store has and does not have.
  await expect(start.fact('format')).toContainText(`read-only session as ${db.user}`);
  await expect(start.fact('events')).toHaveText(String(PG_EVENT_COUNT));
  await expect(start.fact('streams')).toHaveText(String(PG_STREAMS.length));
  await expect(start.fact('integrity')).toContainText('no hash chain');
  await expect(start.fact('path')).toHaveAttribute('data-kind', 'database');
  await expect(start.fact('path')).not.toContainText(db.password);
  await expect(start.shell.readOnlyBadge).toBeVisible();
  await ledger.screenshot('postgres-facts');

  // Streams: every stream once (the tombstone stream is not one of them), the archived one included.
  const streams = new StreamsPage(page);
  await streams.open();
  await expect(streams.rows).toHaveCount(PG_STREAMS.length);
  expect((await streams.visibleIds()).sort()).toEqual(PG_STREAMS.map((s) => s.streamId).sort());
  await expect(streams.row(PG_ARCHIVED)).toBeVisible();

  // A stream and its events, in order, as Marten stored them.
  await streams.openStream(CART);
  const stream = new StreamPage(page);
  await stream.expectStream(CART);
  const cart = PG_STREAMS.find((s) => s.streamId === CART)!.events;
  await expect(stream.rows).toHaveCount(cart.length);
  await stream.select(4);
  await expect(stream.detailType()).toHaveText('ItemRemoved');
  await expect(stream.detail.getByTestId('event-data')).toContainText('"A"');
  await ledger.screenshot('postgres-stream');

  // Diff two versions: the same changes the CLI reports for the same database.
  await stream.tab('diff');
  const diff = new DiffPage(page);
  await diff.pick(2, 5);
  const truth = cliJson<{ changes: { path: string; kind: string }[] }>(['diff', db.adminUrl, '--stream', CART, '--from', '2', '--to', '5']);
  const paths = (kind: string) => truth.changes.filter((c) => c.kind === kind).map((c) => c.path);
  expect(paths('removed').length).toBeGreaterThan(0);
  expect(await diff.paths('removed')).toEqual(paths('removed'));
  expect(await diff.paths('added')).toEqual(paths('added'));
  expect(await diff.paths('changed')).toEqual(paths('changed'));
  await expect(diff.between).toHaveCount(3);
  await ledger.screenshot('postgres-diff');

  // Export the stream: each line is a row of mt_events (seq_id, id, version, type, data).
  await stream.open(CART);
  const panel = new ExportPanel(ledger);
  await panel.openFrom();
  await panel.choose('export-what-events');
  await panel.choose('export-scope-stream');
  await panel.choose('export-format-ndjson');
  const file = await panel.run(`${CART}.ndjson`);
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));
  const rows = await martenRows(db.adminUrl, CART);
  expect(rows).toHaveLength(cart.length);
  expect(lines.map((l) => ({ position: l.position, eventId: l.eventId, version: l.version, type: l.type, data: l.data }))).toEqual(rows);
  const manifest = JSON.parse(fs.readFileSync(await panel.manifest(file), 'utf8')) as { events: { count: number }; query: { kind: string; streamId: string } };
  expect(manifest.events.count).toBe(rows.length);
  expect(manifest.query).toMatchObject({ kind: 'stream', streamId: CART });
  await panel.close();

  // The recent connection: listed by user@host:port/db, with no password anywhere.
  await start.open();
  const recent = start.recentConnection(`${db.user}@${db.host}:${db.port}/${db.database}`);
  await expect(recent).toBeVisible();
  await expect(recent).toContainText('no saved password');
  await expect(recent).not.toContainText(db.password);
  await expect(start.connection).not.toContainText(db.password);
  const remembered = path.join(ledger.home, 'config', 'connections.json');
  if (fs.existsSync(remembered)) expect(fs.readFileSync(remembered, 'utf8')).not.toContain(db.password);
  await ledger.screenshot('postgres-recent');
});

test('the store facts name the Marten layout, its notes and the hidden tombstones', async ({ ledger }) => {
  const db = fixtureOrSkip();
  const start = await connect(ledger, db);
  await expect(start.layoutFact('layout')).toHaveText('Marten');
  await expect(start.layoutFact('tables')).toContainText('public.mt_events');
  await expect(start.hiddenRows()).toHaveCount(1);
  await expect(start.hiddenRows().first()).toHaveAttribute('data-count', String(PG_TOMBSTONES));
  await expect(start.layoutNotes().first()).toBeVisible();
  await expect(start.layoutFact('notes')).toContainText(/writer's clock|tombstone/i);
  await ledger.screenshot('postgres-layout-facts');
});
