// The Message DB layout's SQL, against a Message DB installed and written by its own code.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { CONTRACT_DATA, CONTRACT_READ_MODEL, describeReaderContract } from '../../readerContract.ts';
import { writePgReadModel } from '../../../testing/readModelFixture.ts';
import { createReadonlyRole } from '../../../testing/pgRoles.ts';
import { describePg } from '../../../testing/pgTest.ts';
import { collect } from '../../../store/asyncReader.ts';
import { withClient } from '../../../testing/pgFixtures/emmettPostgres.ts';
import { expectedRows, layoutRows, openLayoutReader, planChecker, layoutTestKit } from '../../../testing/pgFixtures/layoutRows.ts';
import { writeMessageDb, writeMessageDbBulk, writeMessageDbMessages } from '../../../testing/pgFixtures/messageDb.ts';
import type { PgSession } from '../pgSession.ts';
import { messageDbLayout } from './messageDb.ts';

const { open, scratch } = layoutTestKit('mdb-contract');

describePg('Message DB layout', (ctx) => {
  it('reads messages with 1-based versions beside the 0-based positions, and Eventide metadata under the viewer keys', async () => {
    const url = await ctx.database('mdb_layout');
    await writeMessageDb(url, CONTRACT_DATA);
    const session = await open(url);
    const layout = await messageDbLayout(session);
    expect(layout.format).toBe('message-db');
    const rows = await layoutRows(session, layout);
    expect(rows.map(({ streamId, version, type, data, actor, correlationId }) => ({ streamId, version, type, data, actor, correlationId }))).toEqual(expectedRows(CONTRACT_DATA));
    for (const row of rows) expect(row.sourceVersion).toBe(row.version - 1);
    expect(rows[0].metadata).toEqual({ actor: 'alice', correlationStreamName: 'corr-1', correlationId: 'corr-1' });
    expect(rows[2].metadata).toEqual({ actor: 'bob' });
    expect(rows[0].eventId).toMatch(/^[0-9a-f-]{36}$/);
    for (let i = 1; i < rows.length; i++) expect(rows[i].position).toBeGreaterThan(rows[i - 1].position);
    // Message DB's time is UTC without a zone: read as UTC, it is now, not hours off.
    expect(Math.abs(rows[0].recordedAtMs - Date.now())).toBeLessThan(60_000);
    expect(layout.facts.notes.join(' ')).toMatch(/from 0/);
  });

  it('links a message to its cause by the causation global position, and survives odd metadata', async () => {
    const url = await ctx.database('mdb_layout_causation');
    await writeMessageDb(url, CONTRACT_DATA.slice(0, 1));
    const [cause] = await writeMessageDbMessages(url, [{ streamName: 'payment:command-7', type: 'Pay', data: { amount: 1 }, metadata: { correlationStreamName: 'cart-1' } }]);
    await writeMessageDbMessages(url, [
      {
        streamName: 'payment-7',
        type: 'Paid',
        data: { amount: 1 },
        metadata: { causationMessageStreamName: 'payment:command-7', causationMessagePosition: 0, causationMessageGlobalPosition: cause.globalPosition, correlationStreamName: 'cart-1' },
      },
      { streamName: 'payment-7', type: 'Odd', data: null, metadata: { causationMessageGlobalPosition: 'not a number' } },
      { streamName: 'payment-7', type: 'NoMeta', data: [1, 2], metadata: null },
    ]);
    const session = await open(url);
    const layout = await messageDbLayout(session);
    const rows = await layoutRows(session, layout, `e.stream_name LIKE 'payment%'`);
    expect(rows.map((r) => [r.streamId, r.version, r.sourceVersion, r.type])).toEqual([
      ['payment:command-7', 1, 0, 'Pay'],
      ['payment-7', 1, 0, 'Paid'],
      ['payment-7', 2, 1, 'Odd'],
      ['payment-7', 3, 2, 'NoMeta'],
    ]);
    expect(rows[1]).toMatchObject({ causationId: cause.id, correlationId: 'cart-1' });
    expect(rows[1].metadata).toMatchObject({ causationId: cause.id, correlationId: 'cart-1', causationMessagePosition: 0 });
    expect(rows[2]).toMatchObject({ causationId: null, data: null });
    expect(rows[3]).toMatchObject({ metadata: {}, data: [1, 2] });
    // The filter finds the effects of the cause by its id, as the related-events view asks.
    const effects = await layoutRows(session, layout, `${layout.columns.causationId} = '${cause.id}'`);
    expect(effects.map((r) => r.type)).toEqual(['Paid']);
  });

  it('moves its token when a write that took a lower position commits late', async () => {
    const url = await ctx.database('mdb_layout_late');
    await writeMessageDb(url, CONTRACT_DATA);
    const session = await open(url);
    const layout = await messageDbLayout(session);
    const token = async () => (await session.query<{ token: string }>(layout.changeTokenSql))[0].token;
    const watermark = (await layoutRows(session, layout)).at(-1)!.position + 1;
    const a = new pg.Client({ connectionString: url });
    await a.connect();
    let t1: string;
    try {
      await a.query('BEGIN');
      await a.query("SET LOCAL search_path = message_store, public");
      await a.query(`SELECT message_store.write_message(gen_random_uuid()::text, 'late-1', 'Late', '{}')`);
      await writeMessageDbMessages(url, [{ streamName: 'early-1', type: 'Early', data: {} }]);
      t1 = await token();
      expect((await layoutRows(session, layout, `e.global_position >= ${watermark}`)).map((r) => r.streamId)).toEqual(['early-1']);
      await a.query('COMMIT');
    } finally {
      await a.end();
    }
    expect(await token()).not.toBe(t1);
    expect((await layoutRows(session, layout, `e.global_position >= ${watermark}`)).map((r) => [r.streamId, r.position])).toEqual([
      ['late-1', watermark],
      ['early-1', watermark + 1],
    ]);
  });

  it('says clearly when there is no Message DB', async () => {
    const url = await ctx.database('mdb_layout_none');
    await withClient(url, (c) => c.query('CREATE SCHEMA message_store; CREATE TABLE message_store.messages (id uuid, data jsonb)'));
    const session = await open(url);
    await expect(messageDbLayout(session)).rejects.toMatchObject({ code: 'NOT_AN_EVENT_STORE', message: expect.stringMatching(/lacks Message DB's columns global_position, position, time, stream_name, type, metadata/) });
    await expect(messageDbLayout(session, 'elsewhere')).rejects.toMatchObject({ message: expect.stringMatching(/no table elsewhere\.messages/) });
  });
});

describePg('Message DB stores', (ctx) => {
  describeReaderContract(
    'Message DB (installed by its install.sh, written by write_message, read through a read-only role)',
    async () => {
      const url = await ctx.database('mdb_contract');
      await writeMessageDb(url, CONTRACT_DATA);
      await writePgReadModel(url, 'message_store');
      return openLayoutReader(await createReadonlyRole(url, { schemas: ['message_store'] }), (s) => messageDbLayout(s), 'Message DB (Eventide)');
    },
    scratch,
    { readModelTable: `message_store.${CONTRACT_READ_MODEL.table}` },
  );

  it("replays with Eventide's metadata and the viewer's keys derived from it, when asked", async () => {
    const url = await ctx.database('mdb_replay_metadata');
    await writeMessageDb(url, []);
    const [cause] = await writeMessageDbMessages(url, [{ streamName: 'payment:command-7', type: 'Pay', data: { amount: 1 }, metadata: { correlationStreamName: 'cart-1' } }]);
    await writeMessageDbMessages(url, [
      { streamName: 'payment-7', type: 'Paid', data: { amount: 1 }, metadata: { causationMessageGlobalPosition: cause.globalPosition, correlationStreamName: 'cart-1' } },
      { streamName: 'payment-7', type: 'NoMeta', data: [1, 2], metadata: null },
    ]);
    const store = await openLayoutReader(await createReadonlyRole(url, { schemas: ['message_store'] }), (s) => messageDbLayout(s), 'Message DB (Eventide)');
    try {
      const events = await collect(store.replayChunks('payment-7', 1, 2, { withMetadata: true }));
      expect(events.map((e) => e.metadata)).toEqual([{ causationMessageGlobalPosition: cause.globalPosition, correlationStreamName: 'cart-1', correlationId: 'cart-1', causationId: cause.id }, {}]);
      expect((await collect(store.replayChunks('payment-7', 1, 2))).some((e) => 'metadata' in e)).toBe(false);
    } finally {
      await store.close();
    }
  });

  it("shows Message DB's own 0-based position beside the viewer's version", async () => {
    const url = await ctx.database('mdb_source_version');
    await writeMessageDb(url, CONTRACT_DATA.slice(0, 1));
    const store = await openLayoutReader(await createReadonlyRole(url, { schemas: ['message_store'] }), (s) => messageDbLayout(s), 'Message DB (Eventide)');
    try {
      const { items } = await store.readStream('cart-1', { limit: 2 });
      expect(items.map((e) => [e.version, e.sourceVersion])).toEqual([
        [1, 0],
        [2, 1],
      ]);
      expect((await store.stats()).categories.map((c) => c.category)).toEqual(['cart']);
    } finally {
      await store.close();
    }
  });

  it('reads a stream, its summary and its replay through indexes, not by scanning the events', async () => {
    const url = await ctx.database('mdb_plans');
    await writeMessageDbBulk(url, { streams: 200, events: 10_000 });
    const check = await planChecker(url, (s) => messageDbLayout(s));
    try {
      const { store } = check;
      expect(await check.streamReadScans('bulk-7')).toEqual({ readStream: [], readStreamBackward: [], replay: [], replayWithMetadata: [], versionAtTime: [], getStream: [] });
      expect((await store.readStream('bulk-7')).items).toHaveLength(50);
    } finally {
      await check.close();
    }
  });
});
