// The screens' reads against a real PostgreSQL server, through the IPC handlers: the planner's
// estimate before a filter runs (a whole-table scan where Marten has no index, none where one
// exists), and Cancel stopping the backend queries, not just the promises.
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMarten, readOnlyRoleUrl } from '../adapters/postgres/martenTestKit.ts';
import { createEventHandlers } from '../ipc/handlers/eventHandlers.ts';
import { createStreamHandlers } from '../ipc/handlers/streamHandlers.ts';
import type { JobRegistry } from '../jobs/jobRegistry.ts';
import { createMartenSchema, generateMartenBulk } from '../testing/pgFixtures/marten.ts';
import { describePg } from '../testing/pgTest.ts';
import { withClient } from '../testing/pgServer.ts';
import { tempDir } from '../testing/tempFiles.ts';
import { createSession, type Session } from './session.ts';
import { CONTRACT_DATA } from '../adapters/readerContract.ts';
import { parseTableMapping } from '../adapters/postgres/layouts/tableMapping.ts';
import { openPostgres } from '../adapters/postgres/openPostgres.ts';
import { parsePgTarget } from '../adapters/postgres/target.ts';
import { EVENTS_LOG_MAP, writeMappedTable } from '../testing/pgFixtures/mappedTable.ts';

const EVENTS = 300_000;
const paths = (dir: string) => ({ config: path.join(dir, 'config'), cache: path.join(dir, 'cache'), exports: path.join(dir, 'exports') });

const admin = withClient;

describePg('interactive reads on PostgreSQL', (pgx) => {
  let url = '';
  let auditorUrl = '';
  let session: Session;
  let events: ReturnType<typeof createEventHandlers>;
  let streams: ReturnType<typeof createStreamHandlers>;

  beforeAll(async () => {
    url = await pgx.database('reads_marten');
    // user_name 'user:0' … 'user:49' (the actor), three types evenly; ANALYZE as a running server's autovacuum would.
    await generateMartenBulk(url, { events: EVENTS, streams: 200 });
    await admin(url, (c) => c.query('ANALYZE'));
    auditorUrl = await readOnlyRoleUrl(url, 'public');
    session = createSession({ paths: paths(tempDir('reads-pg')), tailIntervalMs: 0 });
    await session.openWith(() => openMarten(auditorUrl));
    events = createEventHandlers({ session });
    streams = createStreamHandlers({ session, jobs: {} as JobRegistry });
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  it('says an actor filter reads the whole of public.mt_events (no index covers it), with its size', async () => {
    const estimate = await events['events/estimate']({ actor: 'user:7' });
    expect(estimate).not.toBeNull();
    const scan = estimate?.wholeTableScans.find((s) => s.relation === 'public.mt_events');
    expect(scan).toBeDefined();
    expect(scan?.rows).toBeGreaterThan(EVENTS * 0.9);
    expect(scan?.rows).toBeLessThan(EVENTS * 1.1);
    expect(estimate?.cost).toBeGreaterThan(0);
  });

  it('sizes a table that was never analyzed from the planner (reltuples is unknown there)', async () => {
    const fresh = await pgx.database('reads_unanalyzed');
    await writeMappedTable(fresh, CONTRACT_DATA);
    await admin(fresh, async (c) => {
      await c.query('ALTER TABLE audit.events_log SET (autovacuum_enabled = false)');
      await c.query(`INSERT INTO audit.events_log (aggregate_id, seq, event_type, payload) SELECT 'bulk-' || n, 1, 'Bulk', '{}' FROM generate_series(1, 40000) AS n`);
    });
    const never = await admin(fresh, async (c) => Number((await c.query(`SELECT reltuples FROM pg_class WHERE relname = 'events_log'`)).rows[0].reltuples));
    expect(never).toBeLessThan(0); // really never analyzed
    const { table, mapping } = parseTableMapping('audit.events_log', EVENTS_LOG_MAP);
    const { reader } = await openPostgres(parsePgTarget(fresh)!, { mapped: { table, mapping } });
    try {
      const estimate = await reader.estimate!({ types: ['NoSuchType'] });
      const scan = estimate.wholeTableScans.find((s) => s.relation === 'audit.events_log');
      // The planner guesses from pages and an assumed row width: the order of magnitude is what counts.
      expect(scan?.rows).toBeGreaterThan(40_000 / 4);
      expect(scan?.rows).toBeLessThan(40_000 * 4);
    } finally {
      await reader.close();
    }
  });

  it('follows the real plan: a type filter scans Marten’s events (no type index) until a DBA adds one', async () => {
    const before = await events['events/estimate']({ types: ['NoSuchType'] });
    expect(before?.wholeTableScans.map((s) => s.relation)).toContain('public.mt_events');
    const pkWalk = await events['events/estimate']({});
    // No filter and no LIMIT: the planner reads everything (the UI does not warn without a filter).
    expect(pkWalk?.wholeTableScans.map((s) => s.relation)).toContain('public.mt_events');
    await admin(url, async (c) => {
      await c.query('CREATE INDEX test_mt_events_type ON mt_events (type)');
      await c.query('ANALYZE mt_events');
    });
    try {
      const after = await events['events/estimate']({ types: ['NoSuchType'] });
      expect(after?.wholeTableScans).toEqual([]);
      expect(after?.matchingRows).toBeLessThan(100);
      // The actor is an expression over user_name and headers: still no index for it.
      expect((await events['events/estimate']({ actor: 'user:7' }))?.wholeTableScans.map((s) => s.relation)).toContain('public.mt_events');
    } finally {
      await admin(url, (c) => c.query('DROP INDEX test_mt_events_type'));
    }
  });

  it('reads/cancel stops the running events/list and streams/list at the server, promptly', async () => {
    const role = new URL(auditorUrl).username;
    const locker = new pg.Client({ connectionString: url });
    const watcher = new pg.Client({ connectionString: url });
    await Promise.all([locker.connect(), watcher.connect()]);
    const active = async () =>
      (await watcher.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = $1 AND state = 'active'`, [role])).rows[0].n;
    try {
      // The lock keeps both reads running at the server until something cancels them.
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE mt_events IN ACCESS EXCLUSIVE MODE');
      const list = Promise.resolve(events['events/list']({ actor: 'user:7', limit: 100 }));
      const streamList = Promise.resolve(streams['streams/list']({ search: 'bulk-1' }));
      list.catch(() => {});
      streamList.catch(() => {});
      for (let i = 0; i < 200 && (await active()) < 2; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await active()).toBe(2);
      const started = Date.now();
      expect(await events['reads/cancel'](undefined as never)).toEqual({ cancelled: 2 });
      await expect(list).rejects.toMatchObject({ code: 'CANCELLED' });
      await expect(streamList).rejects.toMatchObject({ code: 'CANCELLED' });
      expect(Date.now() - started).toBeLessThan(5000); // the lock holds them until cancelled
      for (let i = 0; i < 250 && (await active()) > 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await active()).toBe(0);
      await locker.query('COMMIT');
      // The next read runs normally (a fresh signal).
      const page = await events['events/list']({ actor: 'user:7', limit: 5 });
      expect(page.items.map((e) => e.metadata.actor)).toEqual(Array(5).fill('user:7'));
    } finally {
      await locker.query('ROLLBACK').catch(() => {});
      await locker.end();
      await watcher.end();
    }
  }, 30_000);

  it('opening another store cancels the old store’s reads at the server', async () => {
    const otherUrl = await pgx.database('reads_other');
    await createMartenSchema(otherUrl, {});
    const role = new URL(auditorUrl).username;
    const locker = new pg.Client({ connectionString: url });
    await locker.connect();
    const active = () => admin(url, async (c) => (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = $1 AND state = 'active'`, [role])).rows[0].n);
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE mt_events IN ACCESS EXCLUSIVE MODE');
      const list = Promise.resolve(events['events/list']({ limit: 10 }));
      list.catch(() => {});
      for (let i = 0; i < 200 && (await active()) < 1; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await active()).toBe(1);
      await session.openWith(() => openMarten(otherUrl));
      await expect(list).rejects.toMatchObject({ code: 'CANCELLED' });
      for (let i = 0; i < 250 && (await active()) > 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await active()).toBe(0);
    } finally {
      await locker.query('ROLLBACK').catch(() => {});
      await locker.end();
    }
  }, 30_000);
});

describe('interactive reads on a SQLite store', () => {
  it('has no estimate (no planner to ask) and nothing to cancel when idle', async () => {
    const dir = tempDir('reads-sqlite');
    const session = createSession({ paths: paths(dir), tailIntervalMs: 0, demoOptions: { streams: 3, events: 30, longStreams: 0 } });
    try {
      await session.openDemo();
      const events = createEventHandlers({ session });
      expect(await events['events/estimate']({ actor: 'alice' })).toBeNull();
      expect(await events['reads/cancel'](undefined as never)).toEqual({ cancelled: 0 });
      expect((await events['events/list']({ limit: 3 })).items).toHaveLength(3);
    } finally {
      await session.close();
    }
  }, 60_000);
});
