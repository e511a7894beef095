// The mapped-table layout over home-grown tables: checked columns, quoted names, column types.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONTRACT_DATA, CONTRACT_READ_MODEL, describeReaderContract } from '../../readerContract.ts';
import { writePgReadModel } from '../../../testing/readModelFixture.ts';
import { createReadonlyRole } from '../../../testing/pgRoles.ts';
import { describePg } from '../../../testing/pgTest.ts';
import { withClient } from '../../../testing/pgFixtures/emmettPostgres.ts';
import { expectedRows, layoutRows, openLayoutReader, planChecker, layoutTestKit } from '../../../testing/pgFixtures/layoutRows.ts';
import { EVENTS_LOG, EVENTS_LOG_MAP, writeMappedTable, writeMappedTableBulk } from '../../../testing/pgFixtures/mappedTable.ts';
import type { PgSession } from '../pgSession.ts';
import { mappedTableLayout, previewMappedTable } from './mappedTable.ts';
import { parseTableMapping } from './tableMapping.ts';

const { open, scratch } = layoutTestKit('mapped-contract');
const { mapping } = parseTableMapping('audit.events_log', EVENTS_LOG_MAP);
const project = (rows: Awaited<ReturnType<typeof layoutRows>>) =>
  rows.map(({ streamId, version, type, data, actor, correlationId }) => ({ streamId, version, type, data, actor, correlationId }));

describePg('mapped table layout', (ctx) => {
  it('reads a table through the CLI mapping, 1-based versions as they are', async () => {
    const url = await ctx.database('mapped_layout');
    await writeMappedTable(url, CONTRACT_DATA);
    const session = await open(url);
    const layout = await mappedTableLayout(session, EVENTS_LOG, mapping);
    expect(layout.format).toBe('postgres-table');
    expect(layout.columns.sourceVersion).toBeUndefined();
    const rows = await layoutRows(session, layout);
    expect(project(rows)).toEqual(expectedRows(CONTRACT_DATA));
    expect(rows.map((r) => r.position)).toEqual(rows.map((_, i) => i + 1));
    expect(rows[0].eventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(rows[0].metadata).toEqual({ actor: 'alice', correlationId: 'corr-1' });
    expect(rows[5].metadata).toEqual({});
    expect(layout.facts.notes.join(' ')).not.toMatch(/No unique index|No index starts/);
    const token = (await session.query<{ token: string }>(layout.changeTokenSql))[0].token;
    await writeMappedTable(url, [{ streamId: 'more-1', batches: [[{ type: 'X', data: {} }]] }]);
    expect((await session.query<{ token: string }>(layout.changeTokenSql))[0].token).not.toBe(token);
  });

  it('counts versions from 0 when the table does (found on its own, or told), and keeps the source number', async () => {
    const url = await ctx.database('mapped_layout_zero');
    await writeMappedTable(url, CONTRACT_DATA, { seqBase: 0 });
    const session = await open(url);
    const auto = await mappedTableLayout(session, EVENTS_LOG, mapping);
    const rows = await layoutRows(session, auto);
    expect(project(rows)).toEqual(expectedRows(CONTRACT_DATA));
    for (const row of rows) expect(row.sourceVersion).toBe(row.version - 1);
    expect(auto.facts.notes.join(' ')).toMatch(/count from 0/);
    const told = await mappedTableLayout(session, EVENTS_LOG, { ...mapping, versionBase: 1 });
    expect((await layoutRows(session, told)).slice(0, 2).map((r) => [r.version, r.sourceVersion])).toEqual([
      [0, null],
      [1, null],
    ]);
  });

  it('names a missing column and the columns that exist; rejects unusable types; lists the tables when the table is missing', async () => {
    const url = await ctx.database('mapped_layout_errors');
    await writeMappedTable(url, CONTRACT_DATA.slice(0, 1));
    const session = await open(url);
    await expect(mappedTableLayout(session, EVENTS_LOG, { ...mapping, type: 'kind' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/audit\.events_log has no column kind \(mapped as type=kind\)\. Its columns: id \(bigint\), aggregate_id \(text\), seq \(integer\), event_type \(text\)/),
    });
    await expect(mappedTableLayout(session, EVENTS_LOG, { ...mapping, time: 'event_type' })).rejects.toMatchObject({
      message: expect.stringMatching(/Column event_type of audit\.events_log \(mapped to time\) is text; time needs one of: timestamp with time zone/),
    });
    await expect(mappedTableLayout(session, { schema: 'audit', table: 'nope' }, mapping)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'There is no table audit.nope that this role can read. Tables this role can read in schema audit: events_log.',
    });
  });

  it('quotes every name, and reads text JSON, epoch-millisecond times and tables without metadata or ids', async () => {
    const url = await ctx.database('mapped_layout_types');
    await withClient(url, (c) =>
      c.query(`
        CREATE SCHEMA "Odd ""Schema""";
        CREATE TABLE "Odd ""Schema"""."Events Log" ("Pos" int PRIMARY KEY, "Stream Id" uuid, "v" smallint, "kind" text, "body" text, "meta data" json, "at" bigint);
        INSERT INTO "Odd ""Schema"""."Events Log" VALUES
          (10, '00000000-0000-0000-0000-000000000001', 1, 'Opened', '{"a": 1}', '{"actor": "ann", "correlation_id": "c-9"}', 1700000000123),
          (20, '00000000-0000-0000-0000-000000000001', 2, 'Closed', 'not json', '[1]', 1700000000456),
          (30, '00000000-0000-0000-0000-000000000002', 1, 'Opened', '{}', NULL, 1700000000789);`),
    );
    const session = await open(url);
    const parsed = parseTableMapping('"Odd ""Schema"""."Events Log"', ['streamId=Stream Id', 'version=v', 'type=kind', 'data=body', 'metadata=meta data', 'time=at', 'position=Pos']);
    const layout = await mappedTableLayout(session, parsed.table, parsed.mapping);
    expect(layout.facts.notes.join(' ')).toMatch(/epoch milliseconds/);
    expect(layout.facts.notes.join(' ')).toMatch(/position stands in for the event id/);
    expect(layout.facts.notes.join(' ')).toMatch(/No index starts with Stream Id: reading a stream scans the whole table/);
    const rows = await session.query<Record<string, string | null>>(
      `SELECT (${layout.columns.position})::text AS p, ${layout.columns.streamId} AS s, ${layout.columns.eventId} AS id, ${layout.columns.recordedAtMs}::text AS t,
              ${layout.columns.actor} AS actor, ${layout.columns.correlationId} AS corr, ${layout.columns.dataText} AS data
       FROM ${layout.eventsTable} e WHERE ${layout.columns.position} >= 10 ORDER BY ${layout.columns.position}`,
    );
    expect(rows).toEqual([
      { p: '10', s: '00000000-0000-0000-0000-000000000001', id: '10', t: '1700000000123', actor: 'ann', corr: 'c-9', data: '{"a": 1}' },
      { p: '20', s: '00000000-0000-0000-0000-000000000001', id: '20', t: '1700000000456', actor: null, corr: null, data: 'not json' },
      { p: '30', s: '00000000-0000-0000-0000-000000000002', id: '30', t: '1700000000789', actor: null, corr: null, data: '{}' },
    ]);
    // The preview shows them as the viewer would: decoded, bad JSON kept as text with the reason.
    const preview = await previewMappedTable(session, parsed.table, parsed.mapping, 2);
    expect(preview).toHaveLength(2);
    expect(preview[0]).toMatchObject({ position: 10, version: 1, type: 'Opened', data: { a: 1 }, metadata: { actor: 'ann', correlation_id: 'c-9' }, recordedAt: '2023-11-14T22:13:20.123Z', hash: null });
    expect(preview[1]).toMatchObject({ data: 'not json', metadata: { value: [1] }, decodeError: expect.stringMatching(/data is not valid JSON/) });
  });

  it('takes actor, correlation and causation from columns of their own, over the metadata keys', async () => {
    const url = await ctx.database('mapped_layout_own');
    await withClient(url, (c) =>
      c.query(`
        CREATE TABLE ev (pos bigint PRIMARY KEY, sid text, v int, t text, d jsonb, m jsonb, at timestamptz DEFAULT now(), user_name text, corr uuid, cause text);
        CREATE INDEX ON ev (sid, v);
        INSERT INTO ev (pos, sid, v, t, d, m, user_name, corr, cause) VALUES
          (1, 's-1', 1, 'A', '{}', '{"actor": "from-meta", "source": "web"}', 'ann', '00000000-0000-0000-0000-0000000000aa', NULL),
          (2, 's-1', 2, 'B', '{}', '[1]', NULL, NULL, '1'),
          (3, 's-1', 3, 'C', '{}', NULL, 'bob', NULL, NULL);`),
    );
    const session = await open(url);
    const { table, mapping: m } = parseTableMapping('ev', ['streamId=sid', 'version=v', 'type=t', 'data=d', 'metadata=m', 'time=at', 'position=pos', 'actor=user_name', 'correlationId=corr', 'causationId=cause']);
    const layout = await mappedTableLayout(session, table, m);
    expect(layout.facts.notes.join(' ')).toMatch(/actor comes from column user_name; correlationId comes from column corr; causationId comes from column cause/);
    const rows = await layoutRows(session, layout);
    expect(rows.map((r) => [r.actor, r.correlationId, r.causationId, r.metadata])).toEqual([
      ['ann', '00000000-0000-0000-0000-0000000000aa', null, { actor: 'ann', source: 'web', correlationId: '00000000-0000-0000-0000-0000000000aa' }],
      [null, null, '1', { causationId: '1' }],
      ['bob', null, null, { actor: 'bob' }],
    ]);
    expect(await layoutRows(session, layout, `${layout.columns.actor} = 'bob'`)).toHaveLength(1);
  });

  it('reads timestamps to the exact millisecond, truncated like the viewer, and timestamps without zone as UTC', async () => {
    const url = await ctx.database('mapped_layout_times');
    await withClient(url, (c) =>
      c.query(`
        CREATE TABLE ev (pos bigint PRIMARY KEY, sid text, v int, t text, d jsonb, at timestamptz, naive timestamp);
        INSERT INTO ev VALUES
          (1, 's-1', 1, 'A', '{}', '2023-11-14 22:13:20.123+00', '2023-11-14 22:13:20.123'),
          (2, 's-1', 2, 'B', '{}', '2023-11-14 22:13:20.1239+00', '2023-11-14 22:13:20.999999'),
          (3, 's-1', 3, 'C', '{}', '1969-12-31 23:59:59.9995+00', '2001-02-03 04:05:06.007');`),
    );
    const session = await open(url);
    const map = (time: string) => parseTableMapping('public.ev', ['streamId=sid', 'version=v', 'type=t', 'data=d', `time=${time}`, 'position=pos']);
    const read = async (time: string) => {
      const { table, mapping: m } = map(time);
      const layout = await mappedTableLayout(session, table, m);
      return (await layoutRows(session, layout)).map((r) => new Date(r.recordedAtMs).toISOString());
    };
    expect(await read('at')).toEqual(['2023-11-14T22:13:20.123Z', '2023-11-14T22:13:20.123Z', '1969-12-31T23:59:59.999Z']);
    expect(await read('naive')).toEqual(['2023-11-14T22:13:20.123Z', '2023-11-14T22:13:20.999Z', '2001-02-03T04:05:06.007Z']);
  });

  it('previews the first rows of the fixture table, with source versions for a 0-based table', async () => {
    const url = await ctx.database('mapped_layout_preview');
    await writeMappedTable(url, CONTRACT_DATA, { seqBase: 0 });
    const session = await open(url);
    const preview = await previewMappedTable(session, EVENTS_LOG, mapping, 3);
    expect(preview.map((e) => [e.streamId, e.version, e.sourceVersion, e.type])).toEqual([
      ['cart-1', 1, 0, 'ItemAdded'],
      ['cart-1', 2, 1, 'ItemAdded'],
      ['cart-1', 3, 2, 'ItemRemoved'],
    ]);
    expect(preview[0].eventId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describePg('mapped table stores', (ctx) => {
  for (const seqBase of [1, 0] as const) {
    describeReaderContract(
      `mapped table audit.events_log (seq from ${seqBase}, read through a read-only role)`,
      async () => {
        const url = await ctx.database(`mapped_contract_${seqBase}`);
        await writeMappedTable(url, CONTRACT_DATA, { seqBase });
        await writePgReadModel(url, 'audit');
        const { table, mapping: parsed } = parseTableMapping('audit.events_log', EVENTS_LOG_MAP);
        return openLayoutReader(await createReadonlyRole(url, { schemas: ['audit'] }), (s) => mappedTableLayout(s, table, parsed), 'Mapped PostgreSQL table');
      },
      scratch,
      { readModelTable: `audit.${CONTRACT_READ_MODEL.table}` },
    );
  }

  it('reads a stream, its summary and its replay through indexes, not by scanning the events', async () => {
    const url = await ctx.database('mapped_plans');
    await writeMappedTableBulk(url, { streams: 400, events: 20_000 });
    const check = await planChecker(url, (s) => mappedTableLayout(s, EVENTS_LOG, mapping));
    try {
      const { store } = check;
      expect(await check.streamReadScans('bulk-7')).toEqual({ readStream: [], readStreamBackward: [], replay: [], replayWithMetadata: [], versionAtTime: [], getStream: [] });
      expect((await store.readStream('bulk-7')).items).toHaveLength(50);
    } finally {
      await check.close();
    }
  });
});
