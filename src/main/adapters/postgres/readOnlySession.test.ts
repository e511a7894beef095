// "Read-only by construction", proven: a full session through the app's own dispatch (connection
// form, browse, replay, diff, search, export, verify, live tail, close) as a role with nothing but
// USAGE + SELECT, against a Marten and an Emmett PostgreSQL database, with pg_dump before and after.
// The only writes between the dumps are the superuser's own live-tail append, so the dumps are
// compared phase by phase: before the session = just before that append, and just after that
// append = after the session closed. Every call must succeed, so the test cannot pass by failing early.
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { ConnectionTest, ExportResult, OpenedStore, StoreAppended } from '../../../shared/contract.ts';
import type { JobState } from '../../../shared/jobs.ts';
import type { BlameResult, DiffResult, FieldHistoryResult, StateAtResult } from '../../../shared/replay.ts';
import type { Result } from '../../../shared/result.ts';
import type { Histogram, Page, StoredEvent, StreamSummary } from '../../../shared/types.ts';
import type { VerifyReport } from '../../../shared/verify.ts';
import { createLedgerApp } from '../../composition.ts';
import { verifyExport } from '../../export/verifyExport.ts';
import { CONTRACT_DATA, type ContractEvent } from '../readerContract.ts';
import { appendMarten, archiveMartenStream, createMartenSchema, writeMartenHole, writeMartenTombstones } from '../../testing/pgFixtures/marten.ts';
import { archiveEmmettStream, writeEmmettPostgres } from '../../testing/pgFixtures/emmettPostgres.ts';
import { createReadonlyRole } from '../../testing/pgRoles.ts';
import { pgDump, withClient } from '../../testing/pgServer.ts';
import { describePg } from '../../testing/pgTest.ts';
import { tempDir } from '../../testing/tempFiles.ts';
import { browserTestHost } from '../../testing/testHost.ts';

const EVENTS = CONTRACT_DATA.flatMap((s) => s.batches.flat().map((e) => ({ ...e, streamId: s.streamId })));
const ARCHIVED = 'counter-1';
const TAIL_EVENT: ContractEvent = { type: 'MoneyDeposited', data: { amount: 7 }, metadata: { actor: 'dora' } };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Layout {
  name: string;
  /** What the connection test says, and the store facts' layout name. */
  detected: RegExp;
  layoutName: string;
  format: string;
  /** Writes CONTRACT_DATA (and the layout's oddities); returns rows the layout hides, by what. */
  write(url: string): Promise<{ hidden: Record<string, number> }>;
  /** The superuser's append during the live tail. */
  append(url: string, streamId: string, event: ContractEvent): Promise<void>;
  /** The stored rows of a stream, as the database has them: [version, type, data]. */
  rows(url: string, streamId: string): Promise<[number, string, unknown][]>;
}

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 2, 1, 9);

const marten: Layout = {
  name: 'Marten',
  detected: /^Marten in schema public$/,
  layoutName: 'Marten',
  format: 'marten',
  async write(url) {
    await createMartenSchema(url, {});
    let hour = 0;
    for (const stream of CONTRACT_DATA) {
      for (const events of stream.batches) {
        // The writer's clock, an hour apart: time filters below have unambiguous answers.
        await appendMarten(url, {}, [{ streamId: stream.streamId, events, timestamp: new Date(T0 + hour++ * HOUR) }]);
        if (stream.streamId === 'cart-1' && hour === 2) await writeMartenHole(url, {}, 'cart-1'); // a gap no tombstone fills
      }
    }
    await writeMartenTombstones(url, {}, 'account-1', 2);
    await archiveMartenStream(url, {}, ARCHIVED);
    return { hidden: { tombstone: 2 } };
  },
  async append(url, streamId, event) {
    await appendMarten(url, {}, [{ streamId, events: [event], timestamp: new Date(T0 + 100 * HOUR) }]);
  },
  rows: (url, streamId) =>
    withClient(url, async (client) =>
      (await client.query('SELECT version::int AS v, type, data FROM mt_events WHERE stream_id = $1 ORDER BY version', [streamId])).rows.map((r) => [r.v, r.type, r.data]),
    ),
};

const emmett: Layout = {
  name: 'Emmett PostgreSQL',
  detected: /^Emmett PostgreSQL in schema public$/,
  layoutName: 'Emmett PostgreSQL',
  format: 'emmett-postgres',
  async write(url) {
    for (const stream of CONTRACT_DATA) {
      for (const batch of stream.batches) {
        // Emmett stamps commit time itself: batches apart by more than a millisecond's rounding.
        await writeEmmettPostgres(url, [{ streamId: stream.streamId, batches: [batch] }]);
        await sleep(25);
      }
    }
    await archiveEmmettStream(url, ARCHIVED);
    return { hidden: {} };
  },
  append: (url, streamId, event) => writeEmmettPostgres(url, [{ streamId, batches: [[event]] }]),
  rows: (url, streamId) =>
    withClient(url, async (client) =>
      (
        await client.query(
          "SELECT stream_position::int AS v, message_type AS type, message_data AS data FROM emt_messages WHERE stream_id = $1 AND message_kind = 'E' ORDER BY stream_position",
          [streamId],
        )
      ).rows.map((r) => [r.v, r.type, r.data]),
    ),
};

function connectionOf(roleUrl: string) {
  const url = new URL(roleUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    database: decodeURIComponent(url.pathname.slice(1)),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  };
}

/** The role's connections to `database` right now, as the server sees them. */
async function roleConnections(adminUrl: string, database: string, role: string) {
  return withClient(adminUrl, async (client) =>
    (
      await client.query<{ application_name: string }>("SELECT application_name FROM pg_stat_activity WHERE datname = $1 AND usename = $2 AND backend_type = 'client backend'", [
        database,
        role,
      ])
    ).rows,
  );
}

describePg('a full session is read-only at the server', (pg) => {
  for (const layout of [marten, emmett]) {
    it(`${layout.name}: every feature works as USAGE + SELECT and pg_dump is unchanged`, async () => {
      const url = await pg.database(`ro_session_${layout.format.replace('-', '_')}`);
      const { hidden } = await layout.write(url);
      const roleUrl = await createReadonlyRole(url, { schemas: ['public'] });
      const connection = connectionOf(roleUrl);
      const before = pgDump(url);

      const dir = tempDir('ro-session');
      const ledger = createLedgerApp({
        paths: { config: path.join(dir, 'config'), cache: path.join(dir, 'cache'), exports: path.join(dir, 'exports') },
        host: browserTestHost(path.join(dir, 'out')),
      });
      const called: string[] = [];
      /** Every call must succeed: a typed error fails the test at the call that made it. */
      async function ok<T>(channel: string, input?: unknown): Promise<T> {
        called.push(channel);
        const result = (await ledger.dispatch(channel, input)) as Result<T>;
        if (!result.ok) expect.fail(`${channel} ${JSON.stringify(input)} failed: ${result.error.code} ${result.error.message}`);
        return result.value;
      }
      async function job<T>(started: JobState): Promise<T> {
        const done = await ledger.jobs.wait(started.id);
        expect(done.status, `${started.kind} job: ${JSON.stringify(done)}`).toBe('succeeded');
        return ledger.jobs.result<T>(started.id) as T;
      }

      try {
        // The connection form: test, then open as the read-only role.
        const test = await ok<ConnectionTest>('store/testConnection', connection);
        expect(test).toMatchObject({ ok: true, readOnly: true, serverVersion: expect.stringMatching(/^PostgreSQL \d+/) });
        expect(test.layout).toMatch(layout.detected);
        const opened = await ok<OpenedStore>('store/openDatabase', { ...connection, remember: 'no' });
        expect(opened.info).toMatchObject({ kind: 'postgres', format: layout.format, readonly: true, hasIntegrityChain: false, layout: { name: layout.layoutName } });
        expect(opened.info.path).not.toContain(connection.password);
        for (const [what, count] of Object.entries(hidden)) expect(opened.info.layout?.hiddenRows).toContainEqual({ what: expect.stringMatching(new RegExp(what, 'i')), count });
        expect(opened.stats).toMatchObject({ events: EVENTS.length, streams: CONTRACT_DATA.length });

        // The server sees the session as the app, with the role's name.
        const live = await roleConnections(pg.adminUrl, connection.database, connection.user);
        expect(live.length).toBeGreaterThan(0);
        expect(new Set(live.map((c) => c.application_name))).toEqual(new Set(['replay-ledger']));

        // Streams: each sort, search, category; the archived stream still shown, marked.
        for (const sort of ['lastActivity', 'id', 'count'] as const) {
          const seen: string[] = [];
          let after: string | null = null;
          do {
            const page: Page<StreamSummary> = await ok('streams/list', { sort, limit: 2, ...(after ? { after } : {}) });
            seen.push(...page.items.map((s) => s.streamId));
            after = page.next;
          } while (after);
          expect(seen.sort(), sort).toEqual(CONTRACT_DATA.map((s) => s.streamId).sort());
        }
        expect((await ok<Page<StreamSummary>>('streams/list', { sort: 'count', limit: 1 })).items[0]).toMatchObject({ streamId: 'cart-1', eventCount: 5 });
        expect((await ok<Page<StreamSummary>>('streams/list', { sort: 'lastActivity', limit: 1 })).items[0].streamId).toBe('order-ünï-1');
        expect((await ok<Page<StreamSummary>>('streams/list', { search: 'ÜNÏ' })).items.map((s) => s.streamId)).toEqual(['order-ünï-1']);
        expect((await ok<Page<StreamSummary>>('streams/list', { category: 'cart' })).items.map((s) => s.streamId)).toEqual(['cart-1']);
        expect(await ok<StreamSummary>('stream/get', { streamId: ARCHIVED })).toMatchObject({ archived: true, eventCount: 2 });
        expect((await ok<StreamSummary>('stream/get', { streamId: 'cart-1' })).archived ?? false).toBe(false);

        // A stream's events, as the database has them.
        const cart = await ok<Page<StoredEvent, number>>('stream/events', { streamId: 'cart-1' });
        expect(cart.items.map((e) => [e.version, e.type, e.data])).toEqual(await layout.rows(url, 'cart-1'));

        // The timeline: all events, then each filter, then histogram and actors.
        const all = await ok<Page<StoredEvent, number>>('events/list', { limit: 1000 });
        expect(all.items).toHaveLength(EVENTS.length);
        expect(all.items.map((e) => e.type).sort()).toEqual(EVENTS.map((e) => e.type).sort());
        const positions = all.items.map((e) => e.position);
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
        const byType = await ok<Page<StoredEvent, number>>('events/list', { types: ['ItemAdded'] });
        expect(byType.items.map((e) => [e.streamId, e.version])).toEqual([['cart-1', 1], ['cart-1', 2]]);
        const byActor = await ok<Page<StoredEvent, number>>('events/list', { actor: 'bob' });
        expect(byActor.items.map((e) => e.type)).toEqual(['ItemRemoved', 'ItemQuantityChanged']);
        const byCorrelation = await ok<Page<StoredEvent, number>>('events/list', { correlationId: 'corr-1' });
        expect(byCorrelation.items.map((e) => e.version)).toEqual([1, 2]);
        // A time range covering cart-1 v3 … account-1's batch: bounds a few ms outside those events.
        const times = all.items.map((e) => Date.parse(e.recordedAt));
        const from = Date.parse(cart.items[2].recordedAt) - 5;
        const to = Date.parse(all.items.find((e) => e.streamId === 'account-1')!.recordedAt) + 5;
        const inRange = all.items.filter((_, i) => times[i] >= from && times[i] <= to).map((e) => e.position);
        expect(inRange.length).toBeGreaterThanOrEqual(5); // cart-1 v3..v5 and account-1's two
        expect(inRange.length).toBeLessThan(EVENTS.length);
        const byTime = await ok<Page<StoredEvent, number>>('events/list', { fromTime: new Date(from).toISOString(), toTime: new Date(to).toISOString() });
        expect(byTime.items.map((e) => e.position)).toEqual(inRange);
        const histogram = await ok<Histogram>('events/histogram', { buckets: 12 });
        expect(histogram.total).toBe(EVENTS.length);
        expect(histogram.buckets.reduce((sum, b) => sum + b.counts.reduce((a, c) => a + c, 0), 0)).toBe(EVENTS.length);
        expect((await ok<Histogram>('events/histogram', { types: ['increment'] })).total).toBe(2);
        const actors = await ok<{ actors: { actor: string; count: number }[] }>('events/actors', { limit: 10 });
        expect(Object.fromEntries(actors.actors.map((a) => [a.actor, a.count]))).toMatchObject({ alice: 2, bob: 2, carol: 1 });
        const related = await ok<{ sameCorrelation: StoredEvent[]; correlationId: string | null }>('events/related', { position: cart.items[0].position });
        expect(related.correlationId).toBe('corr-1');
        expect(related.sameCorrelation.map((e) => e.position)).toContain(cart.items[1].position);

        // Replay: state by version and by time, blame, diff, a field's history, snapshots as a job.
        const v2 = await ok<StateAtResult>('stream/stateAt', { streamId: 'cart-1', version: 2 });
        expect(v2).toMatchObject({ version: 2, state: { total: 600, itemCount: 3 } });
        const atTime = await ok<StateAtResult>('stream/stateAt', { streamId: 'cart-1', time: cart.items[2].recordedAt });
        expect(atTime).toMatchObject({ version: 3, state: { total: 500 } });
        const blame = await ok<BlameResult>('stream/blame', { streamId: 'cart-1', version: 4 });
        expect(blame.version).toBe(4);
        expect(blame.entries.length).toBeGreaterThan(0);
        const diff = await ok<DiffResult>('stream/diff', { streamId: 'cart-1', from: 1, to: 4 });
        expect(diff).toMatchObject({ eventCount: 3, truncated: false });
        expect(diff.changes.length).toBeGreaterThan(0);
        const history = await ok<FieldHistoryResult>('stream/fieldHistory', { streamId: 'cart-1', segments: ['total'] });
        expect(history).toMatchObject({ present: true, value: 1250, upTo: 5 });
        await job(await ok<JobState>('stream/buildSnapshots', { streamId: 'cart-1' }));

        // Export: events, state and diff, each with a manifest that checks out against the store.
        const eventsExport = await job<ExportResult>(await ok<JobState>('export/start', { what: 'events', scope: { kind: 'stream', streamId: 'cart-1' }, format: 'ndjson' }));
        const lines = fs.readFileSync(eventsExport.path, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
        expect(lines.map((e) => [e.version, e.type, e.data])).toEqual(await layout.rows(url, 'cart-1'));
        const stateExport = await job<ExportResult>(await ok<JobState>('export/start', { what: 'state', streamId: 'cart-1', version: 3 }));
        const diffExport = await job<ExportResult>(await ok<JobState>('export/start', { what: 'diff', streamId: 'cart-1', from: 1, to: 5, format: 'json' }));
        for (const result of [eventsExport, stateExport, diffExport]) {
          const manifest = JSON.parse(fs.readFileSync(result.manifestPath, 'utf8'));
          expect(manifest.files[0]).toEqual(expect.objectContaining({ path: result.fileName, sha256: result.sha256 }));
          // Then the viewer's evidence: this store's activity excerpt and its case notes.
          expect(manifest.files.slice(1).map((f: { path: string }) => f.path)).toEqual([expect.stringMatching(/activity\.jsonl$/), expect.stringMatching(/notes\.json$/)]);
        }
        const check = await verifyExport(path.dirname(eventsExport.path), { store: ledger.session.require().store });
        expect(check.ok, JSON.stringify(check.findings)).toBe(true);

        // Verify (no hash chain: versions, positions, summaries, rows read back).
        const report = await job<VerifyReport>(await ok<JobState>('verify/start', {}));
        expect(report, JSON.stringify(report.findings)).toMatchObject({ ok: true, eventsChecked: EVENTS.length, streamsChecked: CONTRACT_DATA.length });
        await ledger.integrity.settled();

        // Nothing the session did so far changed the database.
        expect(pgDump(url)).toBe(before);

        // Live tail: the superuser appends; the session notices and reads it.
        const appended: StoreAppended[] = [];
        const unsubscribe = ledger.session.onAppended((change) => appended.push(change));
        await layout.append(url, 'account-1', TAIL_EVENT);
        const withAppend = pgDump(url);
        expect(withAppend).not.toBe(before); // the dump does see a real change
        for (let i = 0; i < 50 && appended.length === 0; i++) {
          await ledger.session.checkForAppends();
          if (appended.length === 0) await sleep(100);
        }
        unsubscribe();
        expect(appended[0]).toMatchObject({ stats: { events: EVENTS.length + 1 }, previous: { events: EVENTS.length } });
        const account = await ok<Page<StoredEvent, number>>('stream/events', { streamId: 'account-1' });
        expect(account.items.at(-1)).toMatchObject({ version: 3, type: 'MoneyDeposited', data: { amount: 7 } });
        expect((await ok<Page<StoredEvent, number>>('events/list', { actor: 'dora' })).items).toHaveLength(1);

        await ok('store/close');
        expect(await ok('store/current')).toBeNull();
        // Closing lets go of the server.
        let left = await roleConnections(pg.adminUrl, connection.database, connection.user);
        for (let i = 0; i < 50 && left.length > 0; i++) {
          await sleep(100);
          left = await roleConnections(pg.adminUrl, connection.database, connection.user);
        }
        expect(left).toEqual([]);

        expect(pgDump(url)).toBe(withAppend);
        for (const channel of ['store/testConnection', 'store/openDatabase', 'streams/list', 'stream/events', 'events/list', 'events/histogram', 'events/actors', 'events/related', 'stream/stateAt', 'stream/blame', 'stream/diff', 'stream/fieldHistory', 'stream/buildSnapshots', 'export/start', 'verify/start', 'store/close']) {
          expect(called).toContain(channel);
        }
      } finally {
        await ledger.session.close();
        ledger.session.dispose();
      }
    });
  }
});
