// A real PostgreSQL server for tests: LEDGER_TEST_PG_URL when set, otherwise a throwaway cluster
// from Debian's binaries (initdb into a temp folder, start on a free port, stop at the end). Where
// neither is possible the caller gets the reason, to print and skip with — never a silent pass.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface PgServer {
  /** Superuser URL of the server's `postgres` database. */
  adminUrl: string;
  host: string;
  port: number;
  user: string;
  /** Creates an empty database and returns its superuser URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

export type PgServerOrReason = { server: PgServer; reason?: undefined } | { server?: undefined; reason: string };

const POSTGRES_BIN_ROOT = '/usr/lib/postgresql';

/** The newest installed server's bin folder, or null. */
export function findPostgresBin(): string | null {
  if (process.env.LEDGER_PG_BIN) return process.env.LEDGER_PG_BIN;
  let versions: string[];
  try {
    versions = fs.readdirSync(POSTGRES_BIN_ROOT).filter((v) => fs.existsSync(path.join(POSTGRES_BIN_ROOT, v, 'bin', 'initdb')));
  } catch {
    return null;
  }
  versions.sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(POSTGRES_BIN_ROOT, versions[0], 'bin') : null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function urlWithDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

function serverFromUrl(adminUrl: string, stop: () => Promise<void>): PgServer {
  const parsed = new URL(adminUrl);
  return {
    adminUrl,
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username || 'postgres'),
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`test database names are lower-case identifiers, got ${name}`);
      await withClient(adminUrl, async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.query(`CREATE DATABASE ${name}`);
      });
      return urlWithDatabase(adminUrl, name);
    },
    stop,
  };
}

/** Runs a server binary as the `postgres` user when we are root (initdb refuses root). */
function runAsServerUser(bin: string, args: string[]): { status: number | null; output: string } {
  const asRoot = process.getuid?.() === 0;
  const command = asRoot ? 'runuser' : bin;
  const argv = asRoot ? ['-u', 'postgres', '--', bin, ...args] : args;
  const run = spawnSync(command, argv, { encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, output: `${run.stdout ?? ''}${run.stderr ?? ''}${run.error ? String(run.error) : ''}` };
}

/** Starts (or reuses, via LEDGER_TEST_PG_URL) a PostgreSQL server, or says why it cannot. */
export async function startPgServer(): Promise<PgServerOrReason> {
  const external = process.env.LEDGER_TEST_PG_URL;
  if (external) {
    try {
      await withClient(external, (client) => client.query('SELECT 1'));
    } catch (error) {
      return { reason: `LEDGER_TEST_PG_URL is set but cannot be reached: ${(error as Error).message}` };
    }
    return { server: serverFromUrl(external, async () => {}) };
  }
  const bin = findPostgresBin();
  if (!bin) return { reason: `no PostgreSQL server binaries under ${POSTGRES_BIN_ROOT} (apt-get install postgresql) and LEDGER_TEST_PG_URL is not set` };
  if (process.getuid?.() === 0) {
    try {
      execFileSync('id', ['postgres'], { stdio: 'ignore' });
    } catch {
      return { reason: 'running as root and there is no postgres user to run initdb as' };
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-pg-'));
  fs.chmodSync(dir, 0o755);
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres', dir]);
  const data = path.join(dir, 'data');
  const init = runAsServerUser(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  if (init.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    return { reason: `initdb failed: ${init.output.trim().split('\n').slice(-3).join(' ')}` };
  }
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  const start = runAsServerUser(path.join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', '-t', '60', 'start']);
  if (start.status !== 0) {
    let log = '';
    try {
      log = fs.readFileSync(path.join(dir, 'log'), 'utf8').trim().split('\n').slice(-3).join(' ');
    } catch {}
    fs.rmSync(dir, { recursive: true, force: true });
    return { reason: `pg_ctl start failed: ${start.output.trim()} ${log}` };
  }
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    runAsServerUser(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  // A test run killed midway must not leave a server behind holding the temp folder.
  process.once('exit', () => {
    if (!stopped) runAsServerUser(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
  });
  return { server: serverFromUrl(`postgres://postgres@127.0.0.1:${port}/postgres`, stop) };
}

/** Where pg_dump lives (beside the server binaries, or on PATH). */
export function pgDumpBinary(): string {
  const bin = findPostgresBin();
  return bin && fs.existsSync(path.join(bin, 'pg_dump')) ? path.join(bin, 'pg_dump') : 'pg_dump';
}

/** A full, deterministic dump of one database (schema and data), to prove nothing changed. */
export function pgDump(url: string): string {
  const dump = execFileSync(pgDumpBinary(), ['--no-owner', '--no-privileges', '--inserts', '--dbname', url], { encoding: 'utf8', maxBuffer: 1 << 30 });
  // pg_dump ≥ 15.14 brackets its output with \restrict <random key> lines: not part of the data.
  return dump.replace(/^\\(un)?restrict .*$/gm, '');
}

export { withClient };
