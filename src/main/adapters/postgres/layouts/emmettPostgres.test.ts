// The Emmett PostgreSQL layout's SQL, run against stores written by Emmett's own code.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { CONTRACT_DATA, CONTRACT_READ_MODEL, describeReaderContract } from '../../readerContract.ts';
import { writePgReadModel } from '../../../testing/readModelFixture.ts';
import { createReadonlyRole } from '../../../testing/pgRoles.ts';
import { describePg } from '../../../testing/pgTest.ts';
import { appendWithEmmettSql, writeEmmettBulk, archiveEmmettStream, withClient, writeEmmettCommands, writeEmmettPartition, writeEmmettPostgres } from '../../../testing/pgFixtures/emmettPostgres.ts';
import { expectedRows, layoutRows, openLayoutReader, planChecker, layoutTestKit } from '../../../testing/pgFixtures/layoutRows.ts';
import type { PgSession } from '../pgSession.ts';
import { emmettPostgresLayout } from './emmettPostgres.ts';

const { open, scratch } = layoutTestKit('emmett-pg-contract');
const project = (rows: Awaited<ReturnType<typeof layoutRows>>) =>
  rows.map(({ streamId, version, type, data, actor, correlationId }) => ({ streamId, version, type, data, actor, correlationId }));

describePg('Emmett PostgreSQL layout', (ctx) => {
  it("reads the events Emmett appended, in Emmett's order, with the viewer's metadata keys", async () => {
    const url = await ctx.database('emmett_layout');
    await writeEmmettPostgres(url, CONTRACT_DATA);
    const session = await open(url);
    const layout = await emmettPostgresLayout(session, 'public');
    expect(layout.format).toBe('emmett-postgres');
    expect(layout.globalOrder).toEqual(['e.transaction_id', 'e.global_position']);
    expect(layout.facts.notes.join(' ')).toMatch(/\(transaction_id, global_position\)/);
    expect(layout.facts.hiddenRows).toEqual([{ what: expect.stringMatching(/commands/), count: 0 }]);
    const rows = await layoutRows(session, layout);
    expect(rows.map(({ streamId, version, type, data, actor, correlationId }) => ({ streamId, version, type, data, actor, correlationId }))).toEqual(expectedRows(CONTRACT_DATA));
    expect(rows[0].metadata).toEqual({ actor: 'alice', correlationId: 'corr-1' });
    expect(new Set(rows.map((r) => r.eventId)).size).toBe(rows.length);
    for (let i = 1; i < rows.length; i++) expect(rows[i].position).toBeGreaterThan(rows[i - 1].position);
    expect(rows[0].recordedAtMs).toBeGreaterThan(Date.now() - 60_000);
    // The streams table joins its events and has no archived stream yet.
    const streams = await session.query<{ id: string; archived: boolean; n: number }>(
      `SELECT ${layout.streams!.streamId} AS id, ${layout.streams!.archived} AS archived, (SELECT count(*)::int FROM ${layout.eventsTable} e WHERE ${layout.streams!.joinEvents} AND ${layout.eventFilter}) AS n
       FROM ${layout.streams!.table} s ORDER BY 1`,
    );
    expect(streams).toEqual([
      { id: 'account-1', archived: false, n: 2 },
      { id: 'cart-1', archived: false, n: 5 },
      { id: 'counter-1', archived: false, n: 2 },
      { id: 'order-ünï-1', archived: false, n: 1 },
    ]);
  });

  it('skips commands and counts them, keeps archived streams marked, and names streams of other partitions', async () => {
    const url = await ctx.database('emmett_layout_kinds');
    await writeEmmettPostgres(url, CONTRACT_DATA);
    await writeEmmettCommands(url, 'cart-1', [{ type: 'CheckOut', data: {} }, { type: 'Ship', data: {} }]);
    await archiveEmmettStream(url, 'counter-1');
    await writeEmmettPartition(url, 'tenant-b', [{ streamId: 'cart-1', batches: [[{ type: 'ItemAdded', data: { sku: 'Z' }, metadata: { actor: 'zoe' } }]] }]);
    const session = await open(url);
    const layout = await emmettPostgresLayout(session, 'public');
    expect(layout.facts.hiddenRows).toEqual([{ what: expect.stringMatching(/commands/), count: 2 }]);
    expect(layout.facts.notes.join(' ')).toMatch(/2 archived events/);
    const rows = await layoutRows(session, layout);
    expect(rows.map((r) => r.type)).not.toContain('CheckOut');
    expect(rows.filter((r) => r.streamId === 'counter-1').map((r) => r.version)).toEqual([1, 2]);
    expect(rows.filter((r) => r.streamId.startsWith('cart-1'))).toHaveLength(6);
    expect(rows.at(-1)).toMatchObject({ streamId: 'cart-1 @tenant-b', version: 1, actor: 'zoe' });
    const streams = await session.query<{ id: string; archived: boolean }>(`SELECT ${layout.streams!.streamId} AS id, ${layout.streams!.archived} AS archived FROM ${layout.streams!.table} s ORDER BY 1`);
    expect(streams).toEqual([
      { id: 'account-1', archived: false },
      { id: 'cart-1', archived: false },
      { id: 'cart-1 @tenant-b', archived: false },
      { id: 'counter-1', archived: true },
      { id: 'order-ünï-1', archived: false },
    ]);
  });

  it('never shows an append before every earlier transaction has finished, and its token moves when they do', async () => {
    const url = await ctx.database('emmett_layout_late');
    await writeEmmettPostgres(url, CONTRACT_DATA);
    const session = await open(url);
    const layout = await emmettPostgresLayout(session, 'public');
    const token = async () => (await session.query<{ token: string }>(layout.changeTokenSql))[0].token;
    const before = await layoutRows(session, layout);
    const watermark = before.at(-1)!.position + 1;
    const t0 = await token();

    // A takes its transaction id and position first but commits last; B commits in between.
    const a = new pg.Client({ connectionString: url });
    await a.connect();
    try {
      await a.query('BEGIN');
      await appendWithEmmettSql(a, 'late-1', [{ type: 'Late', data: { n: 1 } }]);
      await withClient(url, (b) => appendWithEmmettSql(b, 'early-1', [{ type: 'Early', data: { n: 2 } }]));
      // B is committed (a plain SELECT sees it), but A's transaction is older and still running:
      // a reader that showed B now and moved its watermark past it would skip A forever.
      const committed = await session.query<{ n: number }>(`SELECT count(*)::int AS n FROM emt_messages WHERE stream_id = 'early-1'`);
      expect(committed[0].n).toBe(1);
      expect(await layoutRows(session, layout, `e.global_position >= ${watermark}`)).toEqual([]);
      expect(await token()).toBe(t0);
      await a.query('COMMIT');
    } finally {
      await a.end();
    }
    const t1 = await token();
    expect(t1).not.toBe(t0);
    const reread = await layoutRows(session, layout, `e.global_position >= ${watermark}`);
    expect(reread.map((r) => [r.streamId, r.position])).toEqual([
      ['late-1', watermark],
      ['early-1', watermark + 1],
    ]);
    expect(await token()).toBe(t1);
  });

  it("orders by transaction like Emmett even where positions were taken the other way round", async () => {
    const url = await ctx.database('emmett_layout_interleaved');
    await writeEmmettPostgres(url, CONTRACT_DATA.slice(0, 1));
    const session = await open(url);
    const a = new pg.Client({ connectionString: url });
    await a.connect();
    try {
      await a.query('BEGIN');
      await a.query('SELECT pg_current_xact_id()'); // A's transaction id is older than B's …
      await withClient(url, (b) => appendWithEmmettSql(b, 'b-1', [{ type: 'B', data: {} }]));
      await appendWithEmmettSql(a, 'a-1', [{ type: 'A', data: {} }]); // … its position is higher.
      await a.query('COMMIT');
    } finally {
      await a.end();
    }
    const layout = await emmettPostgresLayout(session, 'public');
    const rows = (await layoutRows(session, layout)).slice(-2);
    expect(rows.map((r) => r.streamId)).toEqual(['a-1', 'b-1']);
    expect(rows[0].position).toBeGreaterThan(rows[1].position);
    expect(layout.facts.notes.join(' ')).toMatch(/can be lower than the one before it/);
  });

  it('reads an Emmett store kept in a schema of its own', async () => {
    const url = await ctx.database('emmett_layout_schema');
    await withClient(url, (c) => c.query('CREATE SCHEMA "Shop Events"'));
    // Emmett creates its tables in the first schema of the search path.
    const inSchema = new URL(url);
    inSchema.searchParams.set('options', '-c search_path="Shop\\ Events"'); // a space in startup options is escaped
    await writeEmmettPostgres(inSchema.toString(), CONTRACT_DATA);
    await writeEmmettCommands(inSchema.toString(), 'cart-1', [{ type: 'CheckOut', data: {} }]);
    const session = await open(url);
    await expect(emmettPostgresLayout(session, 'public')).rejects.toMatchObject({ code: 'NOT_AN_EVENT_STORE' });
    const layout = await emmettPostgresLayout(session, 'Shop Events');
    expect(layout.eventsTable).toBe('"Shop Events"."emt_messages"');
    expect(layout.facts.tables).toEqual(['Shop Events.emt_messages', 'Shop Events.emt_streams']);
    expect(layout.facts.hiddenRows?.[0].count).toBe(1);
    expect(project(await layoutRows(session, layout))).toEqual(expectedRows(CONTRACT_DATA));
  });

  it('says clearly when the schema holds no Emmett store', async () => {
    const url = await ctx.database('emmett_layout_none');
    const session = await open(url);
    await expect(emmettPostgresLayout(session, 'public')).rejects.toMatchObject({ code: 'NOT_AN_EVENT_STORE', message: expect.stringMatching(/no table public\.emt_messages/) });
  });
});

describePg('Emmett PostgreSQL stores', (ctx) => {
  describeReaderContract(
    'Emmett PostgreSQL (written by @event-driven-io/emmett-postgresql, read through a read-only role)',
    async () => {
      const url = await ctx.database('emmett_contract');
      await writeEmmettPostgres(url, CONTRACT_DATA);
      // Rows the viewer must not show or count: commands.
      await writeEmmettCommands(url, 'cart-1', [{ type: 'CheckOut', data: {} }]);
      await writePgReadModel(url, 'public');
      return openLayoutReader(await createReadonlyRole(url, { schemas: ['public'] }), (s) => emmettPostgresLayout(s, 'public'), 'Emmett PostgreSQL event store');
    },
    scratch,
    { readModelTable: `public.${CONTRACT_READ_MODEL.table}` },
  );

  it('lists archived streams marked, streams of other partitions by their own id, and no stream of commands only', async () => {
    const url = await ctx.database('emmett_reader_kinds');
    await writeEmmettPostgres(url, CONTRACT_DATA);
    await archiveEmmettStream(url, 'counter-1');
    await writeEmmettCommands(url, 'job-1', [{ type: 'RunJob', data: {} }]);
    await writeEmmettPartition(url, 'tenant-b', [{ streamId: 'cart-1', batches: [[{ type: 'ItemAdded', data: { sku: 'Z' } }], [{ type: 'ItemRemoved', data: { sku: 'Z' } }]] }]);
    const store = await openLayoutReader(await createReadonlyRole(url, { schemas: ['public'] }), (s) => emmettPostgresLayout(s, 'public'), 'Emmett PostgreSQL event store');
    try {
      const { items } = await store.listStreams({ sort: 'id', limit: 100 });
      expect(items.map((s) => [s.streamId, s.eventCount, s.archived ?? false])).toEqual([
        ['account-1', 2, false],
        ['cart-1', 5, false],
        ['cart-1 @tenant-b', 2, false],
        ['counter-1', 2, true],
        ['order-ünï-1', 1, false],
      ]);
      expect(await store.getStream('cart-1 @tenant-b')).toMatchObject({ version: 2, category: 'cart' });
      expect((await store.readStream('cart-1 @tenant-b')).items.map((e) => [e.version, e.type])).toEqual([
        [1, 'ItemAdded'],
        [2, 'ItemRemoved'],
      ]);
      expect((await store.readStream('cart-1')).items).toHaveLength(5);
      expect(await store.getStream('job-1')).toBeNull();
      expect((await store.stats()).events).toBe(12);
    } finally {
      await store.close();
    }
  });

  it('keeps an archived stream apart from the live one Emmett starts when the same id is appended to again', async () => {
    const url = await ctx.database('emmett_reader_reborn');
    await writeEmmettPostgres(url, CONTRACT_DATA);
    await archiveEmmettStream(url, 'counter-1');
    await writeEmmettPostgres(url, [{ streamId: 'counter-1', batches: [[{ type: 'increment', data: { amount: 100 } }]] }]);
    const store = await openLayoutReader(await createReadonlyRole(url, { schemas: ['public'] }), (s) => emmettPostgresLayout(s, 'public'), 'Emmett PostgreSQL event store');
    try {
      expect(store.info.layout!.notes.join(' ')).toMatch(/appended to again after they were archived/);
      const { items } = await store.listStreams({ prefix: 'counter-', sort: 'id' });
      expect(items.map((s) => [s.streamId, s.eventCount, s.version, s.archived ?? false])).toEqual([
        ['counter-1', 1, 1, false],
        ['counter-1 (archived)', 2, 2, true],
      ]);
      expect((await store.readStream('counter-1')).items.map((e) => e.data)).toEqual([{ amount: 100 }]);
      expect((await store.readStream('counter-1 (archived)')).items.map((e) => [e.version, e.data])).toEqual([
        [1, { amount: 5 }],
        [2, { amount: 10 }],
      ]);
      // Other streams keep their plain ids.
      expect((await store.getStream('cart-1'))?.eventCount).toBe(5);
    } finally {
      await store.close();
    }
  });

  it('tails live through the reader: a late commit moves the token and a re-read from the watermark returns it', async () => {
    const url = await ctx.database('emmett_tail');
    await writeEmmettPostgres(url, CONTRACT_DATA);
    const store = await openLayoutReader(await createReadonlyRole(url, { schemas: ['public'] }), (s) => emmettPostgresLayout(s, 'public'), 'Emmett PostgreSQL event store');
    const a = new pg.Client({ connectionString: url });
    await a.connect();
    try {
      const watermark = (await store.stats()).lastPosition! + 1;
      const before = await store.changeToken();
      await a.query('BEGIN');
      await appendWithEmmettSql(a, 'late-1', [{ type: 'Late', data: {} }]);
      await withClient(url, (b) => appendWithEmmettSql(b, 'early-1', [{ type: 'Early', data: {} }]));
      expect(await store.changeToken()).toBe(before);
      expect((await store.readAll({ fromPosition: watermark })).items).toEqual([]);
      await a.query('COMMIT');
      const after = await store.changeToken();
      expect(after).not.toBe(before);
      expect((await store.readAll({ fromPosition: watermark })).items.map((e) => [e.position, e.type])).toEqual([
        [watermark, 'Late'],
        [watermark + 1, 'Early'],
      ]);
      expect(await store.changeToken()).toBe(after);
    } finally {
      await a.end();
      await store.close();
    }
  });

  // Two appends interleaved: their positions run against Emmett's read order (transaction_id,
  // global_position), so paging by `position >= next` would skip one; pages follow the order tuple.
  it('pages the global log without skipping appends that took their positions the other way round', async () => {
    const url = await ctx.database('emmett_reader_interleaved');
    await writeEmmettPostgres(url, CONTRACT_DATA.slice(0, 1));
    const a = new pg.Client({ connectionString: url });
    await a.connect();
    try {
      await a.query('BEGIN');
      await a.query('SELECT pg_current_xact_id()');
      await withClient(url, (b) => appendWithEmmettSql(b, 'b-1', [{ type: 'B', data: {} }]));
      await appendWithEmmettSql(a, 'a-1', [{ type: 'A', data: {} }]);
      await a.query('COMMIT');
    } finally {
      await a.end();
    }
    const store = await openLayoutReader(url, (s) => emmettPostgresLayout(s, 'public'), 'Emmett PostgreSQL event store');
    try {
      const seen: string[] = [];
      let next: number | null = 1;
      while (next !== null) {
        const page: Awaited<ReturnType<typeof store.readAll>> = await store.readAll({ limit: 1, fromPosition: next });
        seen.push(...page.items.map((e) => e.streamId));
        next = page.next;
      }
      expect(seen.slice(-2)).toEqual(['a-1', 'b-1']);
    } finally {
      await store.close();
    }
  });

  it('reads a stream, its summary and its replay through indexes, not by scanning the events', async () => {
    const url = await ctx.database('emmett_plans');
    await writeEmmettBulk(url, { streams: 400, eventsPerStream: 50 });
    const check = await planChecker(url, (s) => emmettPostgresLayout(s, 'public'));
    try {
      const { store } = check;
      expect(await check.streamReadScans('bulk-7')).toEqual({ readStream: [], readStreamBackward: [], replay: [], replayWithMetadata: [], versionAtTime: [], getStream: [] });
      // The stream list walks emt_streams (one row per stream) and probes the events per stream.
      for (const sort of ['id', 'count', 'lastActivity'] as const) {
        expect((await check.scannedWhole(() => store.listStreams({ sort, limit: 20 }))).filter((r) => !r.startsWith('emt_streams'))).toEqual([]);
      }
      expect((await store.readStream('bulk-7')).items).toHaveLength(50);
    } finally {
      await check.close();
    }
  });
});
