import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { CancelledError, LedgerError } from '../../errors.ts';
import { withClient } from '../../testing/pgServer.ts';
import { describePg } from '../../testing/pgTest.ts';
import { connectPg } from './connection.ts';
import { pgError } from './pgErrors.ts';
import { parsePgTarget } from './target.ts';

const SECRET = 'Sup3r-Secret-Pw';

describePg('pgError against the real server', (ctx) => {
  let url: string;
  const port = () => Number(new URL(ctx.adminUrl).port);

  const admin = <T>(run: (client: pg.Client) => Promise<T>, target = ctx.adminUrl): Promise<T> => withClient(target, run);

  async function failure(input: string, options?: Parameters<typeof connectPg>[1]): Promise<LedgerError> {
    try {
      const session = await connectPg(parsePgTarget(input, {})!, options);
      await session.close();
    } catch (error) {
      expect(error).toBeInstanceOf(LedgerError);
      const e = error as LedgerError;
      expect(e.message).not.toContain(SECRET);
      expect(e.message).not.toMatch(/\n\s+at /);
      return e;
    }
    throw new Error('expected the connection to fail');
  }

  function urlAs(user: string, password?: string, database = new URL(url).pathname.slice(1)): string {
    return `postgres://${user}${password ? `:${password}` : ''}@127.0.0.1:${port()}/${database}`;
  }

  // The test cluster trusts every local connection; for password and pg_hba errors, lines for two
  // throwaway roles (only them) go first in pg_hba.conf, written through the server (COPY … TO) and
  // reloaded, and the original file is put back afterwards.
  let hbaFile = '';
  let hbaOriginal = '';
  const suffix = `${process.pid}`;
  const pwRole = `pw_auditor_${suffix}`;
  const rejectedRole = `rejected_auditor_${suffix}`;
  beforeAll(async () => {
    url = await ctx.database('pgerr');
    await admin(async (c) => {
      hbaFile = (await c.query('SHOW hba_file')).rows[0].hba_file;
      hbaOriginal = (await c.query('SELECT pg_read_file($1) AS text', [hbaFile])).rows[0].text;
      await c.query(`DROP ROLE IF EXISTS ${pwRole}`);
      await c.query(`DROP ROLE IF EXISTS ${rejectedRole}`);
      await c.query(`SET password_encryption = 'scram-sha-256'; CREATE ROLE ${pwRole} LOGIN PASSWORD 'right-password'`);
      await c.query(`CREATE ROLE ${rejectedRole} LOGIN`);
      await writeHba(c, `host all ${pwRole} 127.0.0.1/32 scram-sha-256\nhost all ${rejectedRole} 127.0.0.1/32 reject\n${hbaOriginal}`);
    });
  });
  afterAll(async () => {
    if (!hbaFile) return;
    await admin(async (c) => {
      await writeHba(c, hbaOriginal);
      expect((await c.query('SELECT pg_read_file($1) AS text', [hbaFile])).rows[0].text).toBe(hbaOriginal);
      await c.query(`DROP ROLE IF EXISTS ${pwRole}`);
      await c.query(`DROP ROLE IF EXISTS ${rejectedRole}`);
    });
  });
  async function writeHba(c: pg.Client, text: string): Promise<void> {
    // One row per line; COPY's text format escapes only backslashes and its delimiter (here \x01).
    if (text.includes('\\')) throw new Error('pg_hba.conf has backslashes: this test would not restore it faithfully');
    const lines = text.replace(/\n$/, '').split('\n');
    await c.query('CREATE TEMP TABLE hba_lines (n serial, line text)');
    for (const line of lines) await c.query('INSERT INTO hba_lines (line) VALUES ($1)', [line]);
    await c.query(`COPY (SELECT line FROM hba_lines ORDER BY n) TO ${c.escapeLiteral(hbaFile)} WITH (DELIMITER E'\\x01')`);
    await c.query('DROP TABLE hba_lines');
    await c.query('SELECT pg_reload_conf()');
    await new Promise((r) => setTimeout(r, 300));
  }

  it('the right password works (so the next test is about the password)', async () => {
    const session = await connectPg(parsePgTarget(urlAs(pwRole, 'right-password'), {})!);
    expect((await session.sessionFacts()).user).toBe(pwRole);
    await session.close();
  });

  it('a wrong password is AUTH_FAILED, naming the user and not the password', async () => {
    const error = await failure(urlAs(pwRole, SECRET));
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.details).toMatchObject({ sqlState: '28P01', reason: 'password' });
    expect(error.message).toContain(pwRole);
    expect(error.message).toContain(`127.0.0.1:${port()}`);
  });

  it('no password where the server asks for one is AUTH_FAILED (password_missing)', async () => {
    const error = await failure(urlAs(pwRole));
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.details).toMatchObject({ reason: 'password_missing' });
    expect(error.message).toContain(pwRole);
  });

  it('a pg_hba.conf rejection is AUTH_FAILED (28000) and says so', async () => {
    const error = await failure(urlAs(rejectedRole));
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.details).toMatchObject({ sqlState: '28000', reason: 'hba' });
    expect(error.message).toContain('pg_hba.conf');
  });

  it('a missing database is NOT_FOUND, naming it', async () => {
    const name = `missing_${Math.random().toString(36).slice(2)}`;
    const error = await failure(urlAs('postgres', SECRET, name));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.details).toMatchObject({ sqlState: '3D000', reason: 'database_missing', database: name });
    expect(error.message).toContain(`'${name}'`);
  });

  it('a closed port is CONNECTION_FAILED (unreachable)', async () => {
    const closed = await freePort();
    const error = await failure(`postgres://postgres:${SECRET}@127.0.0.1:${closed}/x`);
    expect(error.code).toBe('CONNECTION_FAILED');
    expect(error.details).toMatchObject({ reason: 'unreachable', network: 'ECONNREFUSED' });
    expect(error.message).toContain(`127.0.0.1:${closed}`);
  });

  it('an unknown host name is CONNECTION_FAILED (DNS)', async () => {
    const error = await failure(`postgres://postgres@no-such-host.invalid:5432/x?connect_timeout=5`);
    expect(error.code).toBe('CONNECTION_FAILED');
    expect(error.details).toMatchObject({ reason: 'unreachable' });
    expect(['ENOTFOUND', 'EAI_AGAIN', 'CONNECT_TIMEOUT']).toContain(error.details?.network);
  });

  it('a server that never answers is CONNECTION_FAILED after connect_timeout', async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const started = Date.now();
      const error = await failure(`postgres://postgres@127.0.0.1:${(silent.address() as net.AddressInfo).port}/x?connect_timeout=1&sslmode=disable`);
      expect(error.code).toBe('CONNECTION_FAILED');
      expect(error.details).toMatchObject({ reason: 'unreachable', network: 'CONNECT_TIMEOUT' });
      expect(Date.now() - started).toBeLessThan(8000); // connect_timeout=1; without it the silent server holds the connect
    } finally {
      silent.close();
    }
  });

  it('sslmode=require against a server without TLS is CONNECTION_FAILED (ssl); prefer falls back', async () => {
    const error = await failure(`${urlAs('postgres')}?sslmode=require`);
    expect(error.code).toBe('CONNECTION_FAILED');
    expect(error.details).toMatchObject({ reason: 'ssl' });
    expect(error.message).toMatch(/sslmode=prefer or sslmode=disable/);
    const session = await connectPg(parsePgTarget(`${urlAs('postgres')}?sslmode=prefer`, {})!);
    await session.close();
  });

  describe('permission denied', () => {
    const role = `noperm_${suffix}`;
    beforeAll(async () => {
      await admin(async (c) => {
        await c.query(`DROP ROLE IF EXISTS ${role}`);
        await c.query(`CREATE ROLE ${role} LOGIN`);
      });
      await admin(async (c) => {
        await c.query('CREATE SCHEMA hidden; CREATE TABLE hidden.mt_events (x int)');
        await c.query('CREATE SCHEMA visible; CREATE TABLE visible.mt_events (x int)');
        await c.query(`GRANT USAGE ON SCHEMA visible TO ${role}`);
      }, url);
    });
    afterAll(async () => {
      await admin((c) => c.query(`DROP OWNED BY ${role}; `), url).catch(() => {});
      await admin((c) => c.query(`DROP ROLE IF EXISTS ${role}`)).catch(() => {});
    });

    it('on a schema: PERMISSION_DENIED with the GRANT USAGE needed', async () => {
      const session = await connectPg(parsePgTarget(urlAs(role), {})!);
      try {
        const error = await session.query('SELECT * FROM hidden.mt_events').catch((e: unknown) => e as LedgerError);
        expect(error).toBeInstanceOf(LedgerError);
        expect((error as LedgerError).code).toBe('PERMISSION_DENIED');
        expect((error as LedgerError).message).toContain(`GRANT USAGE ON SCHEMA hidden TO ${role};`);
      } finally {
        await session.close();
      }
    });

    it('on a table: PERMISSION_DENIED naming schema.table and both GRANTs when the reader says which', async () => {
      const session = await connectPg(parsePgTarget(urlAs(role), {})!);
      try {
        const raw = await rawError(urlAs(role), 'SELECT * FROM visible.mt_events');
        const error = pgError(raw, session.displayUrl, { schema: 'visible', table: 'mt_events' });
        expect(error.code).toBe('PERMISSION_DENIED');
        expect(error.message).toContain("table 'visible.mt_events'");
        expect(error.message).toContain(`GRANT USAGE ON SCHEMA visible TO ${role}; GRANT SELECT ON visible.mt_events TO ${role};`);
        expect(error.details).toMatchObject({ schema: 'visible', table: 'mt_events', sqlState: '42501' });
        // Through the session the table is still named.
        const viaSession = (await session.query('SELECT * FROM visible.mt_events').catch((e: unknown) => e)) as LedgerError;
        expect(viaSession.code).toBe('PERMISSION_DENIED');
        expect(viaSession.message).toContain(`GRANT SELECT ON mt_events TO ${role};`);
        // A reader that knows the schema gets the qualified GRANT from the session's error too.
        const qualified = pgError(viaSession, session.displayUrl, { schema: 'visible' });
        expect(qualified.code).toBe('PERMISSION_DENIED');
        expect(qualified.message).toContain(`GRANT SELECT ON visible.mt_events TO ${role};`);
        expect(qualified.details).toMatchObject({ schema: 'visible', table: 'mt_events' });
      } finally {
        await session.close();
      }
    });
  });

  it('the server ending the session mid-query is CONNECTION_FAILED (closed), and the session recovers', async () => {
    const session = await connectPg(parsePgTarget(url, {})!);
    try {
      const [{ pid }] = await session.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const pending = session.query('SELECT pg_sleep(30)').then(() => null, (e: unknown) => e as LedgerError);
      await new Promise((r) => setTimeout(r, 200));
      await admin((c) => c.query('SELECT pg_terminate_backend($1)', [pid]));
      const error = await pending;
      expect(error).toBeInstanceOf(LedgerError);
      expect(error?.code).toBe('CONNECTION_FAILED');
      expect(error?.details).toMatchObject({ reason: 'closed' });
      expect(await session.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await session.close();
    }
  });

  it('statement timeout is TIMEOUT and a cancel is CANCELLED (57014 both)', async () => {
    const timeout = await rawError(`${url}?options=${encodeURIComponent('-c statement_timeout=50')}`, 'SELECT pg_sleep(2)');
    expect((timeout as { code: string }).code).toBe('57014');
    expect(pgError(timeout, 'postgres://u@h:1/d').code).toBe('TIMEOUT');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const pending = client.query('SELECT pg_sleep(30)').catch((e: unknown) => e);
      // Cancelled once it runs (a fixed wait could come first on a busy machine), and only here.
      const sleeping = `FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(30)' AND state = 'active' AND datname = current_database()`;
      await waitUntil(() => admin(async (c) => (await c.query(`SELECT count(*)::int AS n ${sleeping}`)).rows[0].n === 1, url));
      await admin((c) => c.query(`SELECT pg_cancel_backend(pid) ${sleeping}`), url);
      const cancelled = pgError(await pending, 'postgres://u@h:1/d');
      expect(cancelled).toBeInstanceOf(CancelledError);
    } finally {
      await client.end();
    }
  });

  // TLS: the cluster gets a self-signed certificate for `ledger.test` (written through the server,
  // so the key belongs to its user), ssl=on by ALTER SYSTEM + reload, and back off afterwards. Runs
  // after the "server without TLS" test above (tests in a file run in order). Not on an external server.
  describe.skipIf(!!process.env.LEDGER_TEST_PG_URL)('TLS (sslmode) against a server with a self-signed certificate', () => {
    let dir = '';
    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-tls-'));
      execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-days', '2', '-subj', '/CN=ledger.test', '-addext', 'subjectAltName=DNS:ledger.test'], { stdio: 'ignore' });
      await admin(async (c) => {
        const data = (await c.query('SHOW data_directory')).rows[0].data_directory as string;
        for (const [file, name] of [['cert.pem', 'ledger_test.crt'], ['key.pem', 'ledger_test.key']] as const) {
          await writeServerFile(c, path.join(data, name), fs.readFileSync(path.join(dir, file), 'utf8'));
        }
        // COPY writes 0644; the server wants its key private (we are root or the server's own user here).
        fs.chmodSync(path.join(data, 'ledger_test.key'), 0o600);
        await c.query(`ALTER SYSTEM SET ssl_cert_file = 'ledger_test.crt'`);
        await c.query(`ALTER SYSTEM SET ssl_key_file = 'ledger_test.key'`);
        await c.query(`ALTER SYSTEM SET ssl = on`);
        await c.query('SELECT pg_reload_conf()');
      });
      // SHOW ssl says on even when the certificate failed to load; a TLS connection is the proof.
      await waitUntil(async () => {
        const client = new pg.Client({ connectionString: ctx.adminUrl, ssl: { rejectUnauthorized: false } });
        client.on('error', () => {});
        try {
          await client.connect();
          await client.end();
          return true;
        } catch {
          return false;
        }
      });
    });
    afterAll(async () => {
      await admin(async (c) => {
        await c.query('ALTER SYSTEM RESET ssl');
        await c.query('ALTER SYSTEM RESET ssl_cert_file');
        await c.query('ALTER SYSTEM RESET ssl_key_file');
        await c.query('SELECT pg_reload_conf()');
      });
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    async function tlsInUse(input: string): Promise<boolean> {
      const session = await connectPg(parsePgTarget(input, {})!);
      try {
        return (await session.query<{ ssl: boolean }>('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()'))[0].ssl;
      } finally {
        await session.close();
      }
    }

    it('require and prefer encrypt without verifying (libpq meaning); disable does not encrypt', async () => {
      expect(await tlsInUse(`${urlAs('postgres')}?sslmode=require`)).toBe(true);
      expect(await tlsInUse(`${urlAs('postgres')}?sslmode=prefer`)).toBe(true);
      expect(await tlsInUse(urlAs('postgres'))).toBe(true);
      expect(await tlsInUse(`${urlAs('postgres')}?sslmode=disable`)).toBe(false);
    });

    it('verify-full without the CA is CONNECTION_FAILED (ssl): the certificate is not trusted', async () => {
      const error = await failure(`${urlAs('postgres')}?sslmode=verify-full`);
      expect(error.code).toBe('CONNECTION_FAILED');
      expect(error.details).toMatchObject({ reason: 'ssl' });
    });

    it('verify-ca with the CA checks the chain only; verify-full also checks the host name', async () => {
      const ca = encodeURIComponent(path.join(dir, 'cert.pem'));
      expect(await tlsInUse(`${urlAs('postgres')}?sslmode=verify-ca&sslrootcert=${ca}`)).toBe(true);
      // The certificate is for ledger.test, not 127.0.0.1.
      const error = await failure(`${urlAs('postgres')}?sslmode=verify-full&sslrootcert=${ca}`);
      expect(error.code).toBe('CONNECTION_FAILED');
      expect(error.details).toMatchObject({ reason: 'ssl', tls: 'ERR_TLS_CERT_ALTNAME_INVALID' });
    });
  });
});

describe('pgError without a server', () => {
  it('keeps LedgerErrors and never leaks a stack for unknown errors', () => {
    const own = new LedgerError('NOT_FOUND', 'x');
    expect(pgError(own, 'postgres://u@h:1/d')).toBe(own);
    const odd = pgError(new Error('something odd\n    at foo (bar.js:1:1)'), 'postgres://u@h:1/d');
    expect(odd.code).toBe('INTERNAL');
    expect(odd.message).toBe('Unexpected error from h:1: something odd');
  });
  it('reads the network code of an AggregateError (several addresses for one host)', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' });
    const error = pgError(new AggregateError([refused, refused], ''), 'postgres://u@localhost:5432/d');
    expect(error.code).toBe('CONNECTION_FAILED');
    expect(error.details).toMatchObject({ reason: 'unreachable', network: 'ECONNREFUSED' });
    expect(error.message).toContain('localhost:5432');
  });
  it('recognises TLS certificate failures', () => {
    const error = pgError(Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), 'postgres://u@db:5432/d?sslmode=verify-full');
    expect(error.code).toBe('CONNECTION_FAILED');
    expect(error.details).toMatchObject({ reason: 'ssl' });
  });
});

async function rawError(url: string, sql: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } catch (error) {
    return error;
  } finally {
    await client.end();
  }
  throw new Error('expected the query to fail');
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Writes a text file as the server's user (COPY … TO), one row per line; refuses backslashes. */
async function writeServerFile(c: pg.Client, file: string, text: string): Promise<void> {
  if (text.includes('\\')) throw new Error(`${file}: backslashes would not survive COPY's text format`);
  await c.query('CREATE TEMP TABLE file_lines (n serial, line text)');
  for (const line of text.replace(/\n$/, '').split('\n')) await c.query('INSERT INTO file_lines (line) VALUES ($1)', [line]);
  await c.query(`COPY (SELECT line FROM file_lines ORDER BY n) TO ${c.escapeLiteral(file)} WITH (DELIMITER E'\\x01')`);
  await c.query('DROP TABLE file_lines');
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
