import { afterEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { LedgerError } from '../../errors.ts';
import { createReadonlyRole } from '../../testing/pgRoles.ts';
import { describePg } from '../../testing/pgTest.ts';
import { connectPg, type PgConnection } from './connection.ts';
import { describeTable, detectLayout, guessMapping, type TableColumn } from './detect.ts';
import { parsePgTarget } from './target.ts';
import { rejection } from '../../testing/rejection.ts';

// Only the table names (and a few columns) detection looks at; the real layouts are the fixtures' job.
const MARTEN = (s: string) => `CREATE SCHEMA IF NOT EXISTS ${s}; CREATE TABLE ${s}.mt_events (seq_id bigint PRIMARY KEY, stream_id text, version int, data jsonb, type text); CREATE TABLE ${s}.mt_streams (id text PRIMARY KEY)`;
const EMMETT = (s: string) => `CREATE SCHEMA IF NOT EXISTS ${s}; CREATE TABLE ${s}.emt_messages (stream_id text, stream_position bigint, partition text) PARTITION BY LIST (partition); CREATE TABLE ${s}.emt_messages_global PARTITION OF ${s}.emt_messages FOR VALUES IN ('global'); CREATE TABLE ${s}.emt_streams (stream_id text)`;
const MESSAGE_DB = `CREATE SCHEMA message_store; CREATE TABLE message_store.messages (global_position bigserial, position bigint, stream_name text, type text, data jsonb, metadata jsonb, id uuid, time timestamp)`;

describePg('detectLayout', (ctx) => {
  const open: PgConnection[] = [];
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
  });
  async function database(name: string, ddl: string): Promise<string> {
    const url = await ctx.database(name);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      if (ddl) await client.query(ddl);
    } finally {
      await client.end();
    }
    return url;
  }
  async function session(url: string): Promise<PgConnection> {
    const s = await connectPg(parsePgTarget(url, {})!);
    open.push(s);
    return s;
  }

  it('finds Marten in any schema, Emmett, and Message DB', async () => {
    expect(await detectLayout(await session(await database('det_marten', MARTEN('audit'))))).toEqual({ kind: 'marten', schema: 'audit' });
    expect(await detectLayout(await session(await database('det_emmett', EMMETT('public'))))).toEqual({ kind: 'emmett-postgres', schema: 'public' });
    expect(await detectLayout(await session(await database('det_mdb', MESSAGE_DB)))).toEqual({ kind: 'message-db', schema: 'message_store' });
  });

  it('needs both tables of a layout', async () => {
    const url = await database('det_half', 'CREATE TABLE mt_events (seq_id bigint); CREATE TABLE emt_streams (x int)');
    expect((await rejection(detectLayout(await session(url)))).code).toBe('NOT_AN_EVENT_STORE');
  });

  it('with two Marten schemas: asks to choose unless the search_path does', async () => {
    const url = await database('det_two', `${MARTEN('shop_a')}; ${MARTEN('shop_b')}`);
    const error = await rejection(detectLayout(await session(url)));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain("Marten in schema 'shop_a', Marten in schema 'shop_b'");
    expect(error.message).toContain('?options=-csearch_path%3Dshop_a');
    expect(error.details?.candidates).toEqual([{ kind: 'marten', schema: 'shop_a' }, { kind: 'marten', schema: 'shop_b' }]);
    expect(await detectLayout(await session(`${url}?options=${encodeURIComponent('-csearch_path=shop_b')}`))).toEqual({ kind: 'marten', schema: 'shop_b' });
    expect(await detectLayout(await session(`${url}?options=${encodeURIComponent('-csearch_path=nothing_here,shop_a')}`))).toEqual({ kind: 'marten', schema: 'shop_a' });
    expect(await detectLayout(await session(url), { schema: 'shop_a' })).toEqual({ kind: 'marten', schema: 'shop_a' });
  });

  it('with no known layout: lists the tables and suggests the mapping for the likeliest', async () => {
    const url = await database(
      'det_orders',
      `CREATE TABLE orders_log (id bigserial PRIMARY KEY, order_id uuid NOT NULL, version int NOT NULL, event_type text NOT NULL, payload jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
       CREATE TABLE customers (id serial PRIMARY KEY, name text);
       CREATE SCHEMA billing; CREATE TABLE billing.invoices (invoice_no text, amount numeric)`,
    );
    const error = await rejection(detectLayout(await session(url)));
    expect(error.code).toBe('NOT_AN_EVENT_STORE');
    expect(error.details?.tables).toEqual(['billing.invoices', 'public.customers', 'public.orders_log']);
    expect(error.message).toContain('Tables found: billing.invoices, public.customers, public.orders_log.');
    const flags = '--table public.orders_log --map streamId=order_id --map version=version --map type=event_type --map data=payload --map time=created_at --map position=id';
    expect(error.message).toContain(`The likeliest events table is public.orders_log; open it with a mapping: ${flags}.`);
    expect(error.details?.suggestion).toMatchObject({ schema: 'public', table: 'orders_log', missing: [], flags });
  });

  it('recognises an older Emmett store (emt_events) and says what to do', async () => {
    const url = await database('det_old_emmett', 'CREATE TABLE emt_events (stream_id text, stream_position bigint, event_data jsonb, event_type text, global_position bigserial, created timestamptz); CREATE TABLE emt_streams (stream_id text)');
    const error = await rejection(detectLayout(await session(url)));
    expect(error.code).toBe('NOT_AN_EVENT_STORE');
    expect(error.message).toContain("Schema 'public' looks like an older Emmett PostgreSQL store (emt_events)");
    expect(error.details?.suggestion).toMatchObject({ table: 'emt_events', map: { streamId: 'stream_id', version: 'stream_position', type: 'event_type', data: 'event_data', time: 'created', position: 'global_position' } });
  });

  it('lists at most 50 tables and says how many more', async () => {
    const ddl = Array.from({ length: 60 }, (_, i) => `CREATE TABLE t${String(i).padStart(2, '0')} (x int)`).join(';');
    const error = await rejection(detectLayout(await session(await database('det_many', ddl))));
    expect(error.details?.tables).toHaveLength(50);
    expect(error.details?.tableCount).toBe(60);
    expect(error.message).toContain('(and 10 more)');
  });

  it('in an empty database says the role sees no tables', async () => {
    const error = await rejection(detectLayout(await session(await database('det_empty', ''))));
    expect(error.code).toBe('NOT_AN_EVENT_STORE');
    expect(error.message).toContain('sees no tables');
  });

  it('a detected store the role may not read is PERMISSION_DENIED with the GRANTs, not "no store"', async () => {
    const admin = await database('det_perm', MARTEN('audit'));
    const reader = await createReadonlyRole(admin, { schemas: ['audit'] });
    // USAGE + SELECT is enough.
    expect(await detectLayout(await session(reader))).toEqual({ kind: 'marten', schema: 'audit' });
    const role = decodeURIComponent(new URL(reader).username);
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    client.on('error', () => {});
    await client.query(`REVOKE SELECT ON audit.mt_streams FROM ${role}`);
    let error = await rejection(detectLayout(await session(reader)));
    expect(error.code).toBe('PERMISSION_DENIED');
    expect(error.message).toContain("table 'audit.mt_streams'");
    expect(error.message).toContain(`GRANT SELECT ON audit.mt_streams TO ${role};`);
    expect(error.message).not.toContain('GRANT USAGE');
    await client.query(`REVOKE USAGE ON SCHEMA audit FROM ${role}`);
    error = await rejection(detectLayout(await session(reader)));
    expect(error.code).toBe('PERMISSION_DENIED');
    expect(error.message).toContain(`GRANT USAGE ON SCHEMA audit TO ${role}; GRANT SELECT ON audit.mt_streams TO ${role};`);
    await client.end();
  });

  it('describeTable gives columns with types; NOT_FOUND and PERMISSION_DENIED are typed', async () => {
    const admin = await database('det_describe', `CREATE SCHEMA s; CREATE TABLE s.orders_log (id bigserial PRIMARY KEY, seq bigint GENERATED ALWAYS AS IDENTITY, order_id uuid NOT NULL, payload jsonb, created_at timestamptz); CREATE TABLE s.private (x int)`);
    const s = await session(admin);
    const described = await describeTable(s, 's', 'orders_log');
    expect(described).toEqual({
      schema: 's',
      table: 'orders_log',
      columns: [
        { name: 'id', type: 'bigint', nullable: false, generated: true },
        { name: 'seq', type: 'bigint', nullable: false, generated: true },
        { name: 'order_id', type: 'uuid', nullable: false, generated: false },
        { name: 'payload', type: 'jsonb', nullable: true, generated: false },
        { name: 'created_at', type: 'timestamp with time zone', nullable: true, generated: false },
      ],
    });
    const missing = await rejection(describeTable(s, 's', 'nope'));
    expect(missing.code).toBe('NOT_FOUND');
    const reader = await createReadonlyRole(admin, { schemas: ['s'] });
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`REVOKE SELECT ON s.private FROM ${decodeURIComponent(new URL(reader).username)}`);
    await client.end();
    const denied = await rejection(describeTable(await session(reader), 's', 'private'));
    expect(denied.code).toBe('PERMISSION_DENIED');
    expect(denied.message).toContain('GRANT SELECT ON s.private');
    expect((await describeTable(await session(reader), 's', 'orders_log')).columns).toHaveLength(5);
  });
});

describe('guessMapping', () => {
  const col = (name: string, type = 'text', generated = false): TableColumn => ({ name, type, nullable: true, generated });
  it('maps the usual names', () => {
    expect(guessMapping([col('stream_name'), col('position', 'bigint'), col('global_position', 'bigint', true), col('type'), col('data', 'jsonb'), col('metadata', 'jsonb'), col('time', 'timestamp without time zone'), col('id', 'uuid')])).toEqual({
      streamId: 'stream_name',
      version: 'position',
      position: 'global_position',
      type: 'type',
      data: 'data',
      metadata: 'metadata',
      time: 'time',
      eventId: 'id',
    });
  });
  it('uses position as the global position when version is taken, and a uuid id as the event id', () => {
    expect(guessMapping([col('aggregate_id'), col('version', 'integer'), col('position', 'bigint'), col('event_type'), col('body', 'json'), col('recorded_at', 'timestamp with time zone'), col('event_id', 'uuid'), col('headers', 'jsonb')])).toEqual({
      streamId: 'aggregate_id',
      version: 'version',
      position: 'position',
      type: 'event_type',
      data: 'body',
      metadata: 'headers',
      time: 'recorded_at',
      eventId: 'event_id',
    });
  });
  it('falls back on types: a generated integer is the position, jsonb the data, a timestamp the time', () => {
    expect(guessMapping([col('n', 'bigint', true), col('account_id'), col('stream_version', 'integer'), col('kind'), col('doc', 'jsonb'), col('at', 'timestamp with time zone')])).toEqual({
      position: 'n',
      streamId: 'account_id',
      version: 'stream_version',
      type: 'kind',
      data: 'doc',
      time: 'at',
    });
  });
});
