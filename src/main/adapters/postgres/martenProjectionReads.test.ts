// What user projections read from a Marten store beyond the contract: events Marten marks skipped
// (is_skipped, detected, never assumed), metadata assembled from Marten's columns and headers, and
// the read models beside the events: Marten's documents (mt_doc_*) listed, its own bookkeeping not,
// only what the auditor role may SELECT, with the columns it may see and the planner's estimate.
import { describe, expect, it } from 'vitest';
import { collect } from '../../store/asyncReader.ts';
import type { EventStoreReader } from '../../store/eventStore.ts';
import { withClient } from '../../testing/pgServer.ts';
import { describePg } from '../../testing/pgTest.ts';
import { createReadonlyRole } from '../../testing/pgRoles.ts';
import { markMartenEventsSkipped, writeMartenStreams } from '../../testing/pgFixtures/marten.ts';
import { openMarten } from './martenTestKit.ts';

const ev = (type: string, data: Record<string, unknown>, metadata?: Record<string, unknown>) => ({ type, data, metadata });
const STREAM = [{ streamId: 'acct-1', batches: [[ev('Opened', { owner: 'ada' }, { actor: 'alice', correlationId: 'c-1', tenantHint: 'eu' }), ev('Deposited', { amount: 5 }), ev('Deposited', { amount: 7 }, { actor: 'bob' })]] }];

describePg('Marten reads for user projections', (pgx) => {
  describe('events marked skipped (Marten 8.6+ is_skipped)', () => {
    it('flags the skipped events in replays, with or without metadata, and nothing else', async () => {
      const url = await pgx.database('marten_skipped');
      const positions = await writeMartenStreams(url, { skipping: true }, STREAM);
      await markMartenEventsSkipped(url, {}, [positions[1]]);
      const store = await openMarten(await createReadonlyRole(url, { schemas: ['public'] }));
      try {
        const events = await collect(store.replayChunks('acct-1', 1, 3));
        expect(events.map((e) => [e.version, e.skipped])).toEqual([
          [1, undefined],
          [2, true],
          [3, undefined],
        ]);
        expect((await collect(store.replayChunks('acct-1', 1, 3, { withMetadata: true }))).map((e) => e.skipped)).toEqual([undefined, true, undefined]);
        // The log itself still shows the event: skipping is for folds, not for the audit.
        expect((await store.readStream('acct-1')).items).toHaveLength(3);
        expect(store.info.layout?.notes.join(' ')).toMatch(/is_skipped/);
      } finally {
        await store.close();
      }
    });

    it('reads a store without the column (Marten before 8.6, or skipping off) and never sets skipped', async () => {
      const url = await pgx.database('marten_no_skipping');
      await writeMartenStreams(url, { generation: 8 }, STREAM);
      const store = await openMarten(await createReadonlyRole(url, { schemas: ['public'] }));
      try {
        const events = await collect(store.replayChunks('acct-1', 1, 3));
        expect(events.map((e) => 'skipped' in e)).toEqual([false, false, false]);
        expect(store.info.layout?.notes.join(' ')).not.toMatch(/is_skipped/);
      } finally {
        await store.close();
      }
    });
  });

  it("gives replays the metadata Marten keeps in its columns and headers, only when asked", async () => {
    const url = await pgx.database('marten_metadata');
    await writeMartenStreams(url, {}, STREAM);
    const store = await openMarten(await createReadonlyRole(url, { schemas: ['public'] }));
    try {
      const events = await collect(store.replayChunks('acct-1', 1, 3, { withMetadata: true }));
      expect(events.map((e) => e.metadata)).toEqual([{ tenantHint: 'eu', correlationId: 'c-1', actor: 'alice' }, {}, { actor: 'bob' }]);
      expect((await collect(store.replayChunks('acct-1', 1, 3))).some((e) => 'metadata' in e)).toBe(false);
    } finally {
      await store.close();
    }
  });

  describe('read-model tables', () => {
    let store: EventStoreReader;
    let url = '';

    it('opens a Marten store with documents, bookkeeping, a view, a partitioned table and tables the role may not read', async () => {
      url = await pgx.database('marten_tables');
      await writeMartenStreams(url, {}, STREAM);
      await withClient(url, async (client) => {
        for (const sql of [
          // A Marten document table (its read model) and Marten's id bookkeeping.
          `CREATE TABLE public.mt_doc_account (id varchar PRIMARY KEY, data jsonb NOT NULL, mt_last_modified timestamptz DEFAULT now(), mt_version uuid NOT NULL DEFAULT gen_random_uuid(), mt_dotnet_type varchar)`,
          `INSERT INTO public.mt_doc_account (id, data) VALUES ('acct-1', '{"owner":"ada","balance":12}'), ('acct-2', '{"owner":"bo","balance":0}')`,
          `CREATE TABLE public.mt_hilo (entity_name varchar PRIMARY KEY, hi_value bigint)`,
          `ANALYZE public.mt_doc_account`,
          // Never analyzed: no estimate yet.
          `CREATE TABLE public.balances (account text PRIMARY KEY, amount numeric, big bigint, at timestamptz)`,
          `INSERT INTO public.balances VALUES ('acct-1', 12.5, 9007199254740993, '2026-01-02T03:04:05.678Z')`,
          `CREATE VIEW public.rich_accounts AS SELECT id, data FROM public.mt_doc_account WHERE (data->>'balance')::int > 10`,
          `CREATE TABLE public.ledger_lines (account text, n int) PARTITION BY LIST (account)`,
          `CREATE TABLE public.ledger_lines_a PARTITION OF public.ledger_lines FOR VALUES IN ('acct-1')`,
          `CREATE TABLE public.ledger_lines_b PARTITION OF public.ledger_lines FOR VALUES IN ('acct-2')`,
          `INSERT INTO public.ledger_lines SELECT 'acct-1', g FROM generate_series(1, 30) g`,
          `INSERT INTO public.ledger_lines SELECT 'acct-2', g FROM generate_series(1, 12) g`,
          `ANALYZE public.ledger_lines`,
          // Elsewhere: a schema the role has no USAGE on, and a table beside the events it may not read.
          `CREATE SCHEMA secret`,
          `CREATE TABLE secret.salaries (who text, amount int)`,
        ]) {
          await client.query(sql);
        }
      });
      const roleUrl = await createReadonlyRole(url, { schemas: ['public'] });
      const role = decodeURIComponent(new URL(roleUrl).username);
      await withClient(url, async (client) => {
        await client.query(`CREATE TABLE public.payroll (who text PRIMARY KEY, amount int, notes text)`);
        // Column-level grants only: the role sees those columns and no other.
        await client.query(`REVOKE ALL ON public.payroll FROM ${client.escapeIdentifier(role)}`);
        await client.query(`GRANT SELECT (who, notes) ON public.payroll TO ${client.escapeIdentifier(role)}`);
        await client.query(`INSERT INTO public.payroll VALUES ('ada', 100, '["a", "b"]')`);
        await client.query(`CREATE TABLE public.hidden (x int)`);
        await client.query(`REVOKE ALL ON public.hidden FROM ${client.escapeIdentifier(role)}`);
      });
      store = await openMarten(roleUrl);
    });

    it('lists documents and tables the role can read, without Marten\'s own tables, partitions or unreadable tables', async () => {
      const tables = await store.listTables!();
      expect(tables.map((t) => t.name)).toEqual(['public.balances', 'public.ledger_lines', 'public.mt_doc_account', 'public.payroll', 'public.rich_accounts']);
      const byName = Object.fromEntries(tables.map((t) => [t.name, t]));
      expect(byName['public.mt_doc_account'].rows).toBe(2);
      expect(byName['public.mt_doc_account'].columns.slice(0, 2)).toEqual([
        { name: 'id', type: 'character varying' },
        { name: 'data', type: 'jsonb' },
      ]);
      expect(byName['public.ledger_lines'].rows).toBe(42);
      expect(byName['public.balances'].rows).toBeNull();
      expect(byName['public.rich_accounts'].rows).toBeNull();
      expect(byName['public.payroll'].columns.map((c) => c.name)).toEqual(['who', 'notes']);
    });

    it('reads document rows, exact numbers and times, and refuses columns the role cannot see', async () => {
      expect(await store.readTableRow!('public.mt_doc_account', 'id', 'acct-1', ['data'])).toEqual({ data: { owner: 'ada', balance: 12 } });
      expect(await store.readTableRow!('public.rich_accounts', 'id', 'acct-1', ['id'])).toEqual({ id: 'acct-1' });
      expect(await store.readTableRow!('public.rich_accounts', 'id', 'acct-2', ['id'])).toBeNull();
      // numeric and bigint as numbers when a JS number holds them exactly, else as their text.
      expect(await store.readTableRow!('public.balances', 'account', 'acct-1', ['amount', 'big', 'at'])).toEqual({ amount: 12.5, big: '9007199254740993', at: '2026-01-02T03:04:05.678Z' });
      expect(await store.readTableRow!('public.payroll', 'who', 'ada', ['notes'])).toEqual({ notes: ['a', 'b'] });
      await expect(store.readTableRow!('public.payroll', 'who', 'ada', ['amount'])).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/no column 'amount'.*who, notes/) });
      await expect(store.readTableRow!('public.mt_events', 'seq_id', '1', ['data'])).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      await expect(store.readTableRow!('public.hidden', 'x', '1', ['x'])).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      await expect(store.readTableRow!('secret.salaries', 'who', 'ada', ['amount'])).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      await expect(store.readTableRow!('public.ledger_lines_a', 'account', 'acct-1', ['n'])).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    });

    it('finds a table created after the last listing, and stops a read whose signal is aborted', async () => {
      await withClient(url, (client) => client.query(`CREATE TABLE public.late (k int PRIMARY KEY, v text); INSERT INTO public.late VALUES (1, 'x')`));
      expect(await store.readTableRow!('public.late', 'k', '1', ['v'])).toEqual({ v: 'x' });
      const controller = new AbortController();
      controller.abort();
      await expect(store.listTables!({ signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
      await expect(store.readTableRow!('public.late', 'k', '1', ['v'], { signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
      await store.close();
    });
  });
});
