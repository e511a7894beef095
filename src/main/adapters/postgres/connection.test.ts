import { spawnSync } from 'node:child_process';
import net from 'node:net';
import { afterEach, expect, it } from 'vitest';
import pg from 'pg';
import { LedgerError } from '../../errors.ts';
import { withClient } from '../../testing/pgServer.ts';
import { describePg } from '../../testing/pgTest.ts';
import { createReadonlyRole } from '../../testing/pgRoles.ts';
import { connectPg, type PgConnection } from './connection.ts';
import { parsePgTarget } from './target.ts';
import { rejection } from '../../testing/rejection.ts';

describePg('connectPg', (ctx) => {
  const open: PgConnection[] = [];
  afterEach(async () => {
    for (const session of open.splice(0)) await session.close();
  });

  async function connect(url: string, options?: Parameters<typeof connectPg>[1]): Promise<PgConnection> {
    const session = await connectPg(parsePgTarget(url, {})!, options);
    open.push(session);
    return session;
  }

  const admin = withClient;


  /** Queries running on the server right now (other than the admin's own). */
  async function running(url: string, like: string): Promise<{ pid: number; state: string }[]> {
    return admin(url, async (client) => (await client.query(`SELECT pid, state FROM pg_stat_activity WHERE query LIKE $1 AND state = 'active' AND datname = current_database() AND pid <> pg_backend_pid()`, [like])).rows);
  }

  it('is read-only at the server: writes and DDL are refused, even when the URL asks otherwise', async () => {
    const url = await ctx.database('conn_ro');
    await admin(url, (c) => c.query('CREATE TABLE t (x int)'));
    const session = await connect(url);
    expect(session.serverVersion).toMatch(/^\d+/);
    expect(await session.sessionFacts()).toMatchObject({ readOnly: true, user: 'postgres', database: expect.stringMatching(/^conn_ro_/) });
    expect((await rejection(session.query('INSERT INTO t VALUES (1)'))).code).toBe('READ_ONLY');
    expect((await rejection(session.query('CREATE TABLE u (x int)'))).code).toBe('READ_ONLY');
    // A cursor cannot write either: DECLARE takes only a query, without data-modifying WITH.
    for (const sql of ['INSERT INTO t VALUES (2) RETURNING x', 'WITH ins AS (INSERT INTO t VALUES (2) RETURNING x) SELECT * FROM ins']) {
      const viaCursor = rejection((async () => {
        for await (const _ of session.cursor(sql)) void _;
      })());
      expect((await viaCursor).code).not.toBe('CANCELLED');
    }
    const sneaky = await connect(`${url}?options=${encodeURIComponent('-c default_transaction_read_only=off')}`);
    expect((await rejection(sneaky.query('INSERT INTO t VALUES (3)'))).code).toBe('READ_ONLY');
    expect(await admin(url, async (c) => (await c.query('SELECT count(*)::int AS n FROM t')).rows[0].n)).toBe(0);
  });

  it('refuses a connection whose read-only startup options were dropped on the way (a pooler)', async () => {
    const url = await ctx.database('conn_pooler');
    const server = new URL(url);
    const proxy = await optionsStrippingProxy(server.hostname, Number(server.port));
    try {
      const through = new URL(url);
      through.port = String(proxy.port);
      const error = await rejection(connectPg(parsePgTarget(`${through}?sslmode=disable`, {})!));
      expect(error.code).toBe('UNSUPPORTED');
      expect(error.message).toContain('ignored the read-only startup options');
      expect(proxy.stripped()).toBeGreaterThan(0);
    } finally {
      await proxy.close();
    }
    // Every pooled connection is checked, not only the first.
    const later = await optionsStrippingProxy(server.hostname, Number(server.port), 2);
    try {
      const through = new URL(url);
      through.port = String(later.port);
      const session = await connect(`${through}?sslmode=disable`);
      expect((await rejection(session.query('SELECT 1'))).code).toBe('UNSUPPORTED');
      expect(later.stripped()).toBe(1);
    } finally {
      await later.close();
    }
  });

  it('names itself replay-ledger in pg_stat_activity and keeps the user search_path', async () => {
    const url = await ctx.database('conn_app');
    await admin(url, (c) => c.query('CREATE SCHEMA audit'));
    const session = await connect(`${url}?options=${encodeURIComponent('-csearch_path=audit')}`);
    const [{ pid }] = await session.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const app = await admin(url, async (c) => (await c.query('SELECT application_name FROM pg_stat_activity WHERE pid = $1', [pid])).rows[0]?.application_name);
    expect(app).toBe('replay-ledger');
    expect((await session.query<{ search_path: string }>('SHOW search_path'))[0].search_path).toBe('audit');
  });

  it('applies statement_timeout: a long query is stopped by the server as TIMEOUT', async () => {
    const url = await ctx.database('conn_timeout');
    const session = await connect(url, { statementTimeoutMs: 300 });
    expect((await session.query<{ statement_timeout: string }>('SHOW statement_timeout'))[0].statement_timeout).toBe('300ms');
    const started = Date.now();
    const error = await rejection(session.query('SELECT pg_sleep(10)'));
    expect(error.code).toBe('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(8000); // the sleep asked for 10 s
    await expect((await connect(url)).query<{ statement_timeout: string }>('SHOW statement_timeout')).resolves.toEqual([{ statement_timeout: '2min' }]);
  });

  it('bounds each cursor chunk by statement_timeout, not the whole read (a slow consumer is fine)', async () => {
    const url = await ctx.database('conn_chunk_timeout');
    const session = await connect(url, { statementTimeoutMs: 400 });
    let n = 0;
    const started = Date.now();
    for await (const rows of session.cursor<{ g: number }>('SELECT g FROM generate_series(1, $1::int) g', [2000], { chunkSize: 100 })) {
      n += rows.length;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(n).toBe(2000);
    expect(Date.now() - started).toBeGreaterThan(800); // well past the timeout in total
    // One chunk that takes too long is still stopped by the server.
    const slow = rejection((async () => {
      for await (const _ of session.cursor('SELECT pg_sleep(5)')) void _;
    })());
    expect((await slow).code).toBe('TIMEOUT');
  });

  it('cancels the backend query on abort, not just the promise', async () => {
    const url = await ctx.database('conn_cancel');
    const session = await connect(url);
    const controller = new AbortController();
    const pending = session.query('SELECT pg_sleep(30) AS cancel_me', [], { signal: controller.signal });
    await waitFor(async () => (await running(url, '%pg_sleep(30) AS cancel_me%')).length === 1);
    await new Promise((r) => setTimeout(r, 200));
    const aborted = Date.now();
    controller.abort();
    const error = await rejection(pending);
    expect(error.code).toBe('CANCELLED');
    expect(Date.now() - aborted).toBeLessThan(10_000); // against a 30 s sleep
    expect(await running(url, '%pg_sleep(30) AS cancel_me%')).toEqual([]);
    // The session still works afterwards.
    expect(await session.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('cancels a cursor read on abort and leaves no transaction open', async () => {
    const url = await ctx.database('conn_cancel_cursor');
    const session = await connect(url);
    const controller = new AbortController();
    const reading = (async () => {
      for await (const _ of session.cursor('SELECT pg_sleep(30) AS cursor_cancel_me', [], { signal: controller.signal })) void _;
    })();
    // The query runs in the FETCH of the SQL cursor the session declared for it.
    await waitFor(async () => (await running(url, 'FETCH FORWARD % FROM ledger_cursor_%')).length === 1);
    const aborted = Date.now();
    controller.abort();
    expect((await rejection(reading)).code).toBe('CANCELLED');
    expect(Date.now() - aborted).toBeLessThan(10_000); // against a 30 s sleep
    await waitFor(async () => (await ours(url)).every((s) => s.state !== 'idle in transaction' && s.state !== 'active'));
    expect(await running(url, 'FETCH FORWARD%')).toEqual([]);
  });

  it('rejects an already aborted signal without running anything', async () => {
    const url = await ctx.database('conn_preabort');
    const session = await connect(url);
    const error = await rejection(session.query('SELECT 1', [], { signal: AbortSignal.abort() }));
    expect(error.code).toBe('CANCELLED');
  });

  it('reads 50,000 rows through a cursor in chunks, in order', async () => {
    const url = await ctx.database('conn_cursor');
    const session = await connect(url);
    const sizes: number[] = [];
    let expected = 1;
    for await (const rows of session.cursor<{ g: number }>('SELECT g FROM generate_series(1, 50000) g ORDER BY g', [], { chunkSize: 5000 })) {
      sizes.push(rows.length);
      for (const row of rows) expect(row.g).toBe(expected++);
    }
    expect(sizes).toEqual(Array(10).fill(5000));
    expect(expected).toBe(50001);
  });

  it('binds cursor parameters like queries do (types inferred from the query)', async () => {
    const url = await ctx.database('conn_params');
    await admin(url, (c) => c.query(`CREATE TABLE e (stream_id text, version int, data jsonb); INSERT INTO e SELECT 's' || (g % 3), g, jsonb_build_object('n', g) FROM generate_series(1, 30) g`));
    const session = await connect(url);
    const rows: { version: number; data: { n: number } }[] = [];
    for await (const chunk of session.cursor<{ version: number; data: { n: number } }>('SELECT version, data FROM e WHERE stream_id = $1 AND version > $2 ORDER BY version', ['s1', 10], { chunkSize: 2 })) rows.push(...chunk);
    expect(rows.map((r) => r.version)).toEqual([13, 16, 19, 22, 25, 28]);
    expect(rows[0].data).toEqual({ n: 13 });
  });

  it('breaking out of a cursor early closes it: no idle-in-transaction session is left', async () => {
    const url = await ctx.database('conn_break');
    const session = await connect(url, { maxConnections: 1 });
    let chunks = 0;
    for await (const rows of session.cursor<{ g: number }>('SELECT g FROM generate_series(1, 50000) g', [], { chunkSize: 1000 })) {
      expect(rows).toHaveLength(1000);
      chunks++;
      if (chunks === 2) {
        // Mid-read, the cursor's transaction is open…
        expect((await ours(url)).filter((s) => s.in_transaction)).toHaveLength(1);
        break;
      }
    }
    // …and afterwards it is not.
    const after = await ours(url);
    expect(after.length).toBeGreaterThan(0);
    expect(after.map((s) => s.state)).not.toContain('idle in transaction');
    expect(after.filter((s) => s.in_transaction)).toEqual([]);
    // With one connection, the next query works only if the connection was released.
    expect(await session.query('SELECT 2 AS two')).toEqual([{ two: 2 }]);
  });

  it('survives the server ending a connection between two chunks: the read fails typed, the session goes on', async () => {
    const url = await ctx.database('conn_terminated');
    const session = await connect(url, { maxConnections: 1 });
    const iterator = session.cursor<{ g: number }>('SELECT g FROM generate_series(1, 10000) g', [], { chunkSize: 100 })[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toHaveLength(100);
    const [held] = await ours(url);
    await admin(url, (c) => c.query('SELECT pg_terminate_backend($1)', [held.pid]));
    await new Promise((r) => setTimeout(r, 200)); // the 'error' event arrives meanwhile: no crash
    const next = await iterator.next().then(
      () => null,
      (e: unknown) => e as LedgerError,
    );
    expect(next?.code).toBe('CONNECTION_FAILED');
    expect(await session.query('SELECT 5 AS five')).toEqual([{ five: 5 }]);
  });

  it('a throw inside the loop also releases the connection', async () => {
    const url = await ctx.database('conn_throw');
    const session = await connect(url, { maxConnections: 1 });
    await expect(
      (async () => {
        for await (const _ of session.cursor('SELECT g FROM generate_series(1, 10000) g', [], { chunkSize: 100 })) throw new Error('consumer failed');
      })(),
    ).rejects.toThrow('consumer failed');
    expect((await ours(url)).map((s) => s.state)).not.toContain('idle in transaction');
    expect(await session.query('SELECT 3 AS three')).toEqual([{ three: 3 }]);
  });

  it('does not keep a CLI process alive with idle connections', async () => {
    const url = await ctx.database('conn_exit');
    const script = `
      import { connectPg } from ${JSON.stringify(new URL('./connection.ts', import.meta.url).pathname)};
      import { parsePgTarget } from ${JSON.stringify(new URL('./target.ts', import.meta.url).pathname)};
      const session = await connectPg(parsePgTarget(${JSON.stringify(url)}, {}));
      console.log(JSON.stringify(await session.query('SELECT 6 AS six')));`;
    const started = Date.now();
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(run.stdout.trim()).toBe('[{"six":6}]');
    expect(run.status).toBe(0);
    expect(Date.now() - started).toBeLessThan(8000); // the pool's idle timeout is 10 s
  });

  it('refuses queries after close', async () => {
    const url = await ctx.database('conn_closed');
    const session = await connectPg(parsePgTarget(url, {})!);
    await session.close();
    expect((await rejection(session.query('SELECT 1'))).code).toBe('NO_STORE_OPEN');
  });

  it('runs one statement per call: a batch that would switch read-only off is refused', async () => {
    const url = await ctx.database('conn_batch');
    await admin(url, (c) => c.query('CREATE TABLE t (x int)'));
    const session = await connect(url);
    await expect(session.query('SET default_transaction_read_only = off; INSERT INTO t VALUES (1)')).rejects.toBeInstanceOf(LedgerError);
    await expect(session.query('SELECT 1; SELECT 2')).rejects.toThrow(/multiple commands/);
    expect(await admin(url, async (c) => (await c.query('SELECT count(*)::int AS n FROM t')).rows[0].n)).toBe(0);
    expect((await session.sessionFacts()).readOnly).toBe(true);
  });

  it('an abort while waiting for a free connection rejects at once', async () => {
    const url = await ctx.database('conn_wait');
    const session = await connect(url, { maxConnections: 1 });
    const first = new AbortController();
    const busy = session.query('SELECT pg_sleep(30) AS hold_the_pool', [], { signal: first.signal }).catch((e: unknown) => e);
    await waitFor(async () => (await running(url, '%hold_the_pool%')).length === 1);
    const second = new AbortController();
    const waiting = session.query('SELECT 1', [], { signal: second.signal });
    await new Promise((r) => setTimeout(r, 100));
    const aborted = Date.now();
    second.abort();
    expect((await rejection(waiting)).code).toBe('CANCELLED');
    expect(Date.now() - aborted).toBeLessThan(5000); // the pool frees up only when the 30 s sleep ends
    first.abort();
    expect(((await busy) as LedgerError).code).toBe('CANCELLED');
    expect(await session.query('SELECT 4 AS four')).toEqual([{ four: 4 }]);
  });

  it('close() ends a cursor nobody finished, and its backend', async () => {
    const url = await ctx.database('conn_abandon');
    const session = await connectPg(parsePgTarget(url, {})!);
    const iterator = session.cursor<{ g: number }>('SELECT g FROM generate_series(1, 100000) g', [], { chunkSize: 100 })[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toHaveLength(100);
    expect(await ours(url)).toHaveLength(1);
    const started = Date.now();
    await session.close();
    expect(Date.now() - started).toBeLessThan(8000); // pg's pool.end() waits for every checked-out client: a cursor left holding one would hang close()
    await waitFor(async () => (await ours(url)).length === 0);
    // The abandoned loop, resumed, ends with "closed" rather than hanging.
    const next = await iterator.next().then(
      (r) => r,
      (e: unknown) => e as LedgerError,
    );
    expect(next instanceof LedgerError ? next.code : next).toBe('NO_STORE_OPEN');
  });

  it('works for a role with nothing but USAGE and SELECT, including cancelling its own query', async () => {
    const adminUrl = await ctx.database('conn_role');
    await admin(adminUrl, (c) => c.query('CREATE SCHEMA audit; CREATE TABLE audit.events AS SELECT g AS position FROM generate_series(1, 5000) g'));
    const reader = await createReadonlyRole(adminUrl, { schemas: ['audit'] });
    const session = await connect(reader);
    expect((await session.sessionFacts()).user).toBe(decodeURIComponent(new URL(reader).username));
    let n = 0;
    for await (const rows of session.cursor<{ position: number }>('SELECT position FROM audit.events ORDER BY position', [], { chunkSize: 1000 })) n += rows.length;
    expect(n).toBe(5000);
    const controller = new AbortController();
    const pending = session.query('SELECT pg_sleep(30) AS role_cancel_me', [], { signal: controller.signal });
    await waitFor(async () => (await running(adminUrl, '%role_cancel_me%')).length === 1);
    const aborted = Date.now();
    controller.abort();
    expect((await rejection(pending)).code).toBe('CANCELLED');
    expect(Date.now() - aborted).toBeLessThan(10_000); // against a 30 s sleep
    expect(await running(adminUrl, '%role_cancel_me%')).toEqual([]);
  });

  async function ours(url: string): Promise<{ pid: number; state: string; in_transaction: boolean }[]> {
    return admin(url, async (c) => (await c.query(`SELECT pid, state, xact_start IS NOT NULL AS in_transaction FROM pg_stat_activity WHERE application_name = 'replay-ledger' AND datname = current_database()`)).rows);
  }
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A TCP proxy that removes `options` from the startup packet, as some connection poolers do. */
async function optionsStrippingProxy(host: string, port: number, fromConnection = 1): Promise<{ port: number; stripped(): number; close(): Promise<void> }> {
  let stripped = 0;
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const strip = ++connections >= fromConnection;
    sockets.add(client);
    const upstream = net.connect(port, host);
    sockets.add(upstream);
    let buffered = Buffer.alloc(0);
    let started = false;
    const onData = (chunk: Buffer) => {
      if (started) return;
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length < 8 || buffered.length < buffered.readInt32BE(0)) return;
      const length = buffered.readInt32BE(0);
      const fields = buffered.subarray(8, length - 1).toString('utf8').split('\0');
      const kept: string[] = [];
      for (let i = 0; i + 1 < fields.length; i += 2) {
        if (fields[i] === 'options' && strip) stripped++;
        else kept.push(fields[i], fields[i + 1]);
      }
      const body = Buffer.from(`${kept.join('\0')}\0\0`, 'utf8');
      const head = Buffer.alloc(8);
      head.writeInt32BE(8 + body.length, 0);
      head.writeInt32BE(buffered.readInt32BE(4), 4);
      upstream.write(Buffer.concat([head, body, buffered.subarray(length)]));
      started = true;
      client.off('data', onData);
      client.pipe(upstream);
      upstream.pipe(client);
    };
    client.on('data', onData);
    for (const s of [client, upstream]) {
      s.on('error', () => {});
      s.on('close', () => sockets.delete(s));
    }
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    stripped: () => stripped,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
