// The PgSession seam over node-postgres (pg 8): a small pool of connections that are
// read-only AT THE SERVER. Every connection starts with `-c default_transaction_read_only=on
// -c statement_timeout=<ms>` in its startup options, placed after the user's own options so they
// cannot be overridden, and `application_name=replay-ledger`; connectPg refuses a server (or a pooler
// in front of it) that ignored them. Cursor reads are SQL cursors (DECLARE … / FETCH n) inside
// BEGIN READ ONLY … COMMIT, so the statement timeout bounds each chunk. Aborting a
// request cancels the backend query with pg_cancel_backend from a separate connection, and the
// connection that ran it is discarded, so a late cancel can never hit someone else's query.
// pg was chosen because it is the most used, well-kept Node client and exposes the backend pid we
// need for cancellation.
import fs from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import pg from 'pg';
import { CancelledError, LedgerError } from '../../errors.ts';
import { words } from '../../../shared/errorWords/index.ts';
import type { ReadOptions } from '../../store/eventStore.ts';
import { pgError } from './pgErrors.ts';
import type { PgSession } from './pgSession.ts';
import type { PgTarget } from './target.ts';

export interface PgConnectOptions {
  /** The server stops any statement running longer (default 120,000 ms). */
  statementTimeoutMs?: number;
  /** Shown in pg_stat_activity (default `replay-ledger`). */
  applicationName?: string;
  /** Connections kept open at most (default 4). */
  maxConnections?: number;
}

export interface PgSessionFacts {
  readOnly: boolean;
  user: string;
  database: string;
}

export type PgConnection = PgSession & {
  readonly serverVersion: string;
  sessionFacts(): Promise<PgSessionFacts>;
};

export const DEFAULT_STATEMENT_TIMEOUT_MS = 120_000;
export const APPLICATION_NAME = 'replay-ledger';
const DEFAULT_CHUNK_SIZE = 2_000;
let cursorSerial = 0;
/** After an abort, how long to wait for the server to confirm before dropping the connection. */
const CANCEL_GRACE_MS = 3_000;

/** Opens a read-only session (one connection is made now, so errors show at connect time). */
export async function connectPg(target: PgTarget, options: PgConnectOptions = {}): Promise<PgConnection> {
  const statementTimeoutMs = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  if (!Number.isInteger(statementTimeoutMs) || statementTimeoutMs < 0) throw new LedgerError('INVALID_INPUT', words('errorWords.pgOption.badStatementTimeout', { value: String(statementTimeoutMs) }));
  const ssl = sslConfig(target);
  let config = clientConfig(target, ssl.config, statementTimeoutMs, options.applicationName ?? APPLICATION_NAME);
  let first: pg.Client;
  try {
    first = await openClient(config);
  } catch (error) {
    // libpq's sslmode=prefer: TLS when the server offers it, otherwise plain.
    if (!ssl.fallbackToPlain || !/does not support SSL/i.test(String((error as Error)?.message))) throw pgError(error, target.displayUrl);
    config = { ...config, ssl: false };
    first = await openClient(config).catch((retry: unknown) => {
      throw pgError(retry, target.displayUrl);
    });
  }
  let serverVersion: string;
  try {
    serverVersion = await checkReadOnly(first, target.displayUrl);
  } catch (error) {
    throw pgError(error, target.displayUrl);
  } finally {
    // The probe connection is not kept: the pool opens its own with the same (now settled) config.
    await first.end().catch(() => {});
  }
  return new PooledSession(target, config, serverVersion, options.maxConnections ?? 4);
}

/** One checked-out connection; released exactly once (by its user, or by close()). */
interface Lease {
  client: pg.PoolClient;
  release(destroy: boolean): void;
}

class PooledSession implements PgSession {
  readonly displayUrl: string;
  readonly serverVersion: string;
  private readonly pool: pg.Pool;
  private readonly config: pg.ClientConfig;
  private readonly leases = new Set<Lease>();
  private closed = false;

  constructor(target: PgTarget, config: pg.ClientConfig, serverVersion: string, max: number) {
    this.displayUrl = target.displayUrl;
    this.serverVersion = serverVersion;
    this.config = config;
    // Each new pooled connection is checked as the first one was (a pooler may route differently).
    this.pool = new pg.Pool({ ...config, max, idleTimeoutMillis: 10_000, allowExitOnIdle: true, onConnect: (client) => checkReadOnly(client, target.displayUrl) } as pg.PoolConfig);
    // An idle connection the server drops must not crash the process; the next query reconnects.
    this.pool.on('error', () => {});
  }

  async query<Row = Record<string, unknown>>(sql: string, params: unknown[] = [], options: ReadOptions = {}): Promise<Row[]> {
    const lease = await this.acquire(options.signal);
    let discard = false;
    try {
      // Always the extended protocol: exactly one statement per call, never a `…; SET …; …` batch.
      // (queryMode is in pg ≥ 8.12, not yet in @types/pg.)
      const config = { text: sql, values: params, queryMode: 'extended' } as pg.QueryConfig;
      const run = () => lease.client.query<Record<string, unknown>>(config);
      const result = await this.cancellable(lease.client, run, options.signal);
      return result.rows as Row[];
    } catch (error) {
      discard = true;
      throw this.failure(error);
    } finally {
      lease.release(discard || options.signal?.aborted === true);
    }
  }

  async *cursor<Row = Record<string, unknown>>(sql: string, params: unknown[] = [], options: ReadOptions & { chunkSize?: number } = {}): AsyncIterable<Row[]> {
    const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
    if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new LedgerError('INVALID_INPUT', words('errorWords.pgOption.badChunkSize', { value: String(chunkSize) }));
    const signal = options.signal;
    const lease = await this.acquire(signal);
    const client = lease.client;
    const name = `ledger_cursor_${++cursorSerial}`;
    let failed = false;
    let inTransaction = false;
    try {
      await client.query('BEGIN READ ONLY');
      inTransaction = true;
      // A SQL cursor, one FETCH per chunk: each FETCH is its own statement, so statement_timeout
      // bounds every chunk, not the whole read (a protocol-level portal, as pg-cursor uses, runs
      // under one statement timer until Sync — a long export would be killed after 2 minutes).
      const declare = { text: `DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`, values: params, queryMode: 'extended' } as pg.QueryConfig;
      await this.cancellable(client, () => client.query(declare), signal);
      const fetch = `FETCH FORWARD ${chunkSize} FROM ${name}`;
      for (;;) {
        if (signal?.aborted) throw new CancelledError('The query');
        const { rows } = await this.cancellable(client, () => client.query<Record<string, unknown>>(fetch), signal);
        if (rows.length === 0) break;
        yield rows as Row[];
        if (rows.length < chunkSize) break;
      }
    } catch (error) {
      failed = true;
      throw this.failure(error);
    } finally {
      // Normal end, or the consumer broke out early: COMMIT closes the cursor and the connection goes
      // back idle. After an error or abort the connection is dropped instead (the server rolls back
      // on disconnect).
      let clean = !failed && !signal?.aborted && !this.closed;
      if (clean && inTransaction) {
        try {
          await client.query('COMMIT');
        } catch {
          clean = false;
        }
      }
      lease.release(!clean);
    }
  }

  async sessionFacts(): Promise<PgSessionFacts> {
    const rows = await this.query<{ read_only: string; user: string; database: string }>(
      `SELECT current_setting('transaction_read_only') AS read_only, current_user AS "user", current_database() AS database`,
    );
    return { readOnly: rows[0].read_only === 'on', user: rows[0].user, database: rows[0].database };
  }

  /** Ends every connection, including ones held by a read nobody finished (their backends end too). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const lease of [...this.leases]) lease.release(true);
    await this.pool.end();
  }

  private failure(error: unknown): LedgerError {
    if (this.closed && !(error instanceof LedgerError)) return closedError(this.displayUrl);
    return pgError(error, this.displayUrl);
  }

  private async acquire(signal: AbortSignal | undefined): Promise<Lease> {
    if (this.closed) throw closedError(this.displayUrl);
    if (signal?.aborted) throw new CancelledError('The query');
    const connecting = this.pool.connect();
    let client: pg.PoolClient;
    try {
      // Waiting for a free connection is cancellable too; one that arrives late goes straight back.
      client = signal ? await raceAbort(connecting, signal) : await connecting;
    } catch (error) {
      if (signal?.aborted) {
        connecting.then((late) => late.release(), () => {});
        throw new CancelledError('The query');
      }
      throw this.failure(error);
    }
    if (this.closed) {
      client.release(true);
      throw closedError(this.displayUrl);
    }
    // pg-pool listens for errors only on idle clients: a connection the server ends while we hold
    // it (between two chunks of a cursor) would emit an unhandled 'error' and end the process.
    // The next query on it then rejects, and the broken connection is dropped at release.
    let broken = false;
    const onError = () => {
      broken = true;
    };
    client.on('error', onError);
    let released = false;
    const lease: Lease = {
      client,
      release: (destroy) => {
        if (released) return;
        released = true;
        this.leases.delete(lease);
        client.removeListener('error', onError);
        client.release(destroy || broken);
      },
    };
    this.leases.add(lease);
    return lease;
  }

  /**
   * Runs one round trip; on abort, asks the server to cancel that backend's query and rejects with
   * CANCELLED once the server confirms (or after a grace period, when the caller drops the connection).
   */
  private cancellable<T>(client: pg.PoolClient, run: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
    if (!signal) return run();
    if (signal.aborted) return Promise.reject(new CancelledError('The query'));
    const pid = (client as unknown as { processID: number }).processID;
    return new Promise<T>((resolve, reject) => {
      let grace: NodeJS.Timeout | undefined;
      const onAbort = () => {
        void this.cancelBackend(pid);
        grace = setTimeout(() => reject(new CancelledError('The query')), CANCEL_GRACE_MS);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      run().then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          clearTimeout(grace);
          if (signal.aborted) reject(new CancelledError('The query'));
          else resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          clearTimeout(grace);
          reject(signal.aborted ? new CancelledError('The query') : error);
        },
      );
    });
  }

  /** pg_cancel_backend from a connection of its own (the pool may be full); failures are ignored. */
  private async cancelBackend(pid: number): Promise<void> {
    const client = new pg.Client({ ...this.config, options: readOnlyOptions(undefined, 10_000) });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('SELECT pg_cancel_backend($1)', [pid]);
    } catch {
      // The grace timer still rejects and the connection is dropped.
    } finally {
      await client.end().catch(() => {});
    }
  }
}

function closedError(displayUrl: string): LedgerError {
  return new LedgerError('NO_STORE_OPEN', words('errorWords.pg.closed', { url: displayUrl }));
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new CancelledError('The query'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Every connection proves it is read-only at the server before it is used; returns the server version. */
async function checkReadOnly(client: pg.ClientBase, displayUrl: string): Promise<string> {
  const checked = await client.query<{ ro: string; version: string }>(`SELECT current_setting('default_transaction_read_only') AS ro, current_setting('server_version') AS version`);
  if (checked.rows[0].ro !== 'on') {
    throw new LedgerError(
      'UNSUPPORTED',
      words('errorWords.pg.readOnlyIgnored', { url: displayUrl }),
    );
  }
  return checked.rows[0].version;
}

async function openClient(config: pg.ClientConfig): Promise<pg.Client> {
  const client = new pg.Client(config);
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    // pg leaves the socket open after errors it raises itself during authentication (e.g. no
    // password for SCRAM); the backend would then wait for authentication_timeout (60 s).
    (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
    await client.end().catch(() => {});
    throw error;
  }
  return client;
}

/** The user's options first, ours last: the server applies them in order, so ours win. */
export function readOnlyOptions(userOptions: string | undefined, statementTimeoutMs: number): string {
  const ours = `-c default_transaction_read_only=on -c statement_timeout=${statementTimeoutMs}`;
  return userOptions ? `${userOptions} ${ours}` : ours;
}

function clientConfig(target: PgTarget, ssl: pg.ClientConfig['ssl'], statementTimeoutMs: number, applicationName: string): pg.ClientConfig {
  return {
    host: target.host,
    port: target.port,
    user: target.user,
    database: target.database,
    ...(target.password !== undefined ? { password: target.password } : {}),
    ssl,
    options: readOnlyOptions(target.options, statementTimeoutMs),
    application_name: applicationName,
    connectionTimeoutMillis: target.connectTimeoutMs,
    keepAlive: true,
  };
}

/** libpq's sslmode meanings on top of Node's TLS options. */
function sslConfig(target: PgTarget): { config: false | ConnectionOptions; fallbackToPlain: boolean } {
  if (target.sslMode === 'disable') return { config: false, fallbackToPlain: false };
  const files: ConnectionOptions = {};
  try {
    if (target.sslRootCert) files.ca = fs.readFileSync(target.sslRootCert, 'utf8');
    if (target.sslCert) files.cert = fs.readFileSync(target.sslCert, 'utf8');
    if (target.sslKey) files.key = fs.readFileSync(target.sslKey, 'utf8');
  } catch (error) {
    throw new LedgerError('IO_ERROR', words('errorWords.pg.tlsFile', { error: (error as Error).message }));
  }
  switch (target.sslMode) {
    case 'prefer':
      return { config: { ...files, rejectUnauthorized: false }, fallbackToPlain: true };
    case 'require':
      // As in libpq, require with a root certificate behaves like verify-ca.
      return target.sslRootCert ? { config: { ...files, checkServerIdentity: () => undefined }, fallbackToPlain: false } : { config: { ...files, rejectUnauthorized: false }, fallbackToPlain: false };
    case 'verify-ca':
      return { config: { ...files, checkServerIdentity: () => undefined }, fallbackToPlain: false };
    case 'verify-full':
      return { config: { ...files }, fallbackToPlain: false };
  }
}
