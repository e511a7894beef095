// The PostgreSQL side of the e2e suite: global setup starts one throwaway server (or uses
// LEDGER_TEST_PG_URL), writes a Marten store into it from Marten's documented DDL (with tombstones,
// a hole and an archived stream) and a USAGE + SELECT role, and leaves what a journey needs in a
// JSON file. Where no server can start, the file holds the reason and the journey skips with it.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { appendMarten, archiveMartenStream, createMartenSchema, writeMartenHole, writeMartenTombstones } from '../../src/main/testing/pgFixtures/marten.ts';
import { createReadonlyRole } from '../../src/main/testing/pgRoles.ts';
import { startPgServer } from '../../src/main/testing/pgServer.ts';
import { FIXTURE_DIR } from './paths.ts';

export const PG_FIXTURE_FILE = path.join(FIXTURE_DIR, 'postgres.json');
export const PG_DATABASE = 'ledger_e2e_marten';

export interface PgFixture {
  /** Superuser URL of the Marten database (for the test's own checks, never typed into the app). */
  adminUrl: string;
  /** The read-only role, as a person types it into the connection form. */
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
}

type PgFixtureOrReason = { fixture: PgFixture; reason?: undefined } | { fixture?: undefined; reason: string };

type Event = { type: string; data: Record<string, unknown>; metadata?: Record<string, unknown> };

/** The streams written, in order, one batch (transaction) per event, an hour apart on the writer's clock. */
export const PG_STREAMS: { streamId: string; events: Event[] }[] = [
  {
    streamId: 'cart-pg-1',
    events: [
      { type: 'CartOpened', data: { customerId: 'cust-7' }, metadata: { actor: 'alice', correlationId: 'corr-pg-1' } },
      { type: 'ItemAdded', data: { sku: 'A', name: 'Apple', unitPrice: 100, quantity: 1 }, metadata: { actor: 'alice', correlationId: 'corr-pg-1' } },
      { type: 'ItemAdded', data: { sku: 'B', name: 'Bread', unitPrice: 250, quantity: 2 }, metadata: { actor: 'alice' } },
      { type: 'ItemRemoved', data: { sku: 'A' }, metadata: { actor: 'bob' } },
      { type: 'ItemQuantityChanged', data: { sku: 'B', quantity: 5 }, metadata: { actor: 'bob' } },
      { type: 'CartCheckedOut', data: { paymentId: 'pay-9' }, metadata: { actor: 'carol' } },
    ],
  },
  { streamId: 'account-pg-1', events: [{ type: 'AccountOpened', data: { owner: 'ada', currency: 'EUR', initialDeposit: 1000 } }, { type: 'MoneyDeposited', data: { amount: 50 } }] },
  { streamId: 'counter-pg-1', events: [{ type: 'increment', data: { amount: 5 } }, { type: 'increment', data: { amount: 10 } }] },
];
export const PG_ARCHIVED = 'counter-pg-1';
export const PG_TOMBSTONES = 2;
export const PG_EVENT_COUNT = PG_STREAMS.reduce((n, s) => n + s.events.length, 0);

async function writeMartenFixture(url: string): Promise<void> {
  await createMartenSchema(url, {});
  let hour = 0;
  for (const stream of PG_STREAMS) {
    for (const event of stream.events) {
      await appendMarten(url, {}, [{ streamId: stream.streamId, events: [event], timestamp: new Date(Date.UTC(2026, 2, 1, 9 + hour++)) }]);
      // A failed append in the middle of the cart: one plain hole, then tombstones in later gaps.
      if (stream.streamId === 'cart-pg-1' && hour === 3) await writeMartenHole(url, {}, stream.streamId);
    }
  }
  await writeMartenTombstones(url, {}, 'account-pg-1', PG_TOMBSTONES);
  await archiveMartenStream(url, {}, PG_ARCHIVED);
}

/** Global setup: server, database, fixture, role. Returns the teardown (stops the server). */
export async function setUpPostgres(): Promise<() => Promise<void>> {
  fs.mkdirSync(FIXTURE_DIR, { recursive: true });
  const started = await startPgServer();
  if (!started.server) {
    fs.writeFileSync(PG_FIXTURE_FILE, JSON.stringify({ reason: started.reason }));
    console.log(`\n[e2e] PostgreSQL journeys: skipped — ${started.reason}\n`);
    return async () => {};
  }
  const { server } = started;
  try {
    const adminUrl = await server.createDatabase(PG_DATABASE);
    await writeMartenFixture(adminUrl);
    const role = new URL(await createReadonlyRole(adminUrl, { schemas: ['public'] }));
    const fixture: PgFixture = {
      adminUrl,
      host: role.hostname,
      port: Number(role.port || 5432),
      database: PG_DATABASE,
      user: decodeURIComponent(role.username),
      password: decodeURIComponent(role.password),
    };
    fs.writeFileSync(PG_FIXTURE_FILE, JSON.stringify({ fixture }));
    console.log(`\n[e2e] PostgreSQL journeys: Marten store in ${server.host}:${server.port}/${PG_DATABASE}\n`);
  } catch (error) {
    const reason = `the PostgreSQL fixture could not be written: ${(error as Error).message}`;
    fs.writeFileSync(PG_FIXTURE_FILE, JSON.stringify({ reason }));
    console.log(`\n[e2e] PostgreSQL journeys: skipped — ${reason}\n`);
  }
  return async () => {
    await server.stop();
    fs.rmSync(PG_FIXTURE_FILE, { force: true });
  };
}

/** For a journey: the fixture global setup wrote, or the reason there is none. */
export function pgFixture(): PgFixtureOrReason {
  try {
    return JSON.parse(fs.readFileSync(PG_FIXTURE_FILE, 'utf8')) as PgFixtureOrReason;
  } catch (error) {
    return { reason: `no PostgreSQL fixture (${(error as Error).message}): run through playwright.config.ts's global setup` };
  }
}

/** The rows of a stream as the database has them, in version order (the test's ground truth). */
export async function martenRows(adminUrl: string, streamId: string): Promise<{ position: number; eventId: string; version: number; type: string; data: unknown }[]> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const result = await client.query('SELECT seq_id::int AS position, id::text AS "eventId", version::int AS version, type, data FROM mt_events WHERE stream_id = $1 ORDER BY version', [streamId]);
    return result.rows;
  } finally {
    await client.end();
  }
}
