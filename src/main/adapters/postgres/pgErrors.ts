// Whatever node-postgres or the server throws, as a LedgerError an auditor can act on: which server
// could not be reached, whose password was refused, which database is missing, which GRANT is
// missing. Messages never carry a stack trace or the password (only the display URL is used).
import { CancelledError, LedgerError } from '../../errors.ts';

/** What the failing request was about, when the caller knows better than the server's message. */
export interface PgErrorContext {
  schema?: string;
  table?: string;
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused — is the server running and listening on that port?',
  ENOTFOUND: 'the host name is not known (DNS)',
  EAI_AGAIN: 'the host name could not be looked up (DNS is not answering)',
  EHOSTUNREACH: 'the host is unreachable from this machine',
  ENETUNREACH: 'the network is unreachable from this machine',
  ETIMEDOUT: 'the connection timed out',
  ECONNRESET: 'the server reset the connection',
  EPIPE: 'the server closed the connection',
};

const TLS_CODE = /^(ERR_SSL_|ERR_TLS_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|UNABLE_TO_(VERIFY_LEAF_SIGNATURE|GET_ISSUER_CERT(_LOCALLY)?)$|CERT_)/;

export function pgError(error: unknown, displayUrl: string, context: PgErrorContext = {}): LedgerError {
  if (error instanceof LedgerError) {
    // A session's error names the table but not its schema (PostgreSQL's message does not); a caller
    // that knows the schema gets the GRANT spelled out in full.
    const d = error.details;
    if (error.code === 'PERMISSION_DENIED' && context.schema && d && !d.schema && typeof d.table === 'string') {
      return missingGrantsError(displayUrl, context.schema, { usage: false, tables: [d.table] });
    }
    return error;
  }
  const where = describeServer(displayUrl);
  const e = (error ?? {}) as { code?: unknown; message?: unknown; cause?: unknown; table?: unknown; schema?: unknown; errors?: unknown };
  // Node's "happy eyeballs" (several addresses for one name) fails with an AggregateError.
  const inner = Array.isArray(e.errors) ? (e.errors[0] as { code?: unknown } | undefined) : undefined;
  const code = typeof e.code === 'string' ? e.code : typeof inner?.code === 'string' ? inner.code : '';
  const message = typeof e.message === 'string' ? e.message : String(error);
  const sqlState = /^[0-9A-Z]{5}$/.test(code) ? code : '';

  if (sqlState) return serverError(sqlState, message, where, e, context);

  if (NETWORK_CODES[code]) return unreachable(where, NETWORK_CODES[code], code);
  if (TLS_CODE.test(code)) {
    return new LedgerError('CONNECTION_FAILED', `The TLS (SSL) connection to ${where.server} failed: ${message}. Check sslmode (require does not verify the certificate; verify-ca and verify-full need the server's CA as sslrootcert).`, { reason: 'ssl', tls: code, url: displayUrl });
  }
  if (/timeout expired|connection timeout|timeout exceeded when trying to connect/i.test(message)) {
    return unreachable(where, 'the connection timed out', 'CONNECT_TIMEOUT');
  }
  if (/client password must be a (non-empty )?string/i.test(message)) {
    return new LedgerError('AUTH_FAILED', `The server asks for a password for user '${where.user}' and none was given (in the URL, the connection form, PGPASSWORD or ~/.pgpass).`, { reason: 'password_missing', url: displayUrl });
  }
  if (/does not support SSL/i.test(message)) {
    return new LedgerError('CONNECTION_FAILED', `${where.server} does not accept TLS (SSL) connections, but sslmode requires it. Use sslmode=prefer or sslmode=disable if an unencrypted connection is acceptable.`, { reason: 'ssl', url: displayUrl });
  }
  if (/Connection terminated|server closed the connection|Client has encountered a connection error|Client was closed/i.test(message)) {
    return new LedgerError('CONNECTION_FAILED', `The connection to ${where.server} was closed by the server or the network. Try again; if it keeps happening, ask the database administrator (the server may be restarting or ending idle sessions).`, { reason: 'closed', url: displayUrl });
  }
  // A wrapped cause (pg-pool wraps connect timeouts) may say more.
  if (e.cause && e.cause !== error) {
    const inner = pgError(e.cause, displayUrl, context);
    if (inner.code !== 'INTERNAL') return inner;
  }
  return new LedgerError('INTERNAL', `Unexpected error from ${where.server}: ${firstLine(message)}`, { url: displayUrl });
}

function serverError(sqlState: string, message: string, where: ServerName, e: { table?: unknown; schema?: unknown }, context: PgErrorContext): LedgerError {
  const url = where.url;
  const details = { sqlState, url };
  switch (sqlState) {
    case '28P01':
      return new LedgerError('AUTH_FAILED', `The server refused the password for user '${where.user}' on ${where.server}. Check the user name and password.`, { ...details, reason: 'password' });
    case '28000':
      if (/pg_hba\.conf/.test(message)) {
        const ssl = /no encryption|SSL off/i.test(message) ? ' It may accept only encrypted connections: try sslmode=require.' : '';
        return new LedgerError('AUTH_FAILED', `${where.server} does not allow user '${where.user}' to connect to database '${where.database}' from this machine (pg_hba.conf).${ssl} Ask the database administrator for access.`, { ...details, reason: 'hba' });
      }
      return new LedgerError('AUTH_FAILED', `${where.server} refused user '${where.user}': ${firstLine(message)}.`, { ...details, reason: 'authorization' });
    case '3D000':
      return new LedgerError('NOT_FOUND', `There is no database '${where.database}' on ${where.server}. Check the database name (it is case-sensitive).`, { ...details, reason: 'database_missing', database: where.database });
    case '42501':
      return permissionDenied(message, where, e, context, details);
    case '57014':
      if (/statement timeout/i.test(message)) {
        return new LedgerError('TIMEOUT', `The query took longer than the session's statement timeout on ${where.server} and was stopped by the server. Narrow the request (filters, a shorter range) or raise the timeout.`, { ...details, reason: 'statement_timeout' });
      }
      return new CancelledError('The query');
    case '25006':
      return new LedgerError('READ_ONLY', `The session is read-only and the server refused a write: ${firstLine(message)}.`, details);
    case '42P01':
      return new LedgerError('NOT_FOUND', `A table is missing on ${where.server}: ${firstLine(message)}.`, { ...details, reason: 'table_missing' });
    case '42703':
      return new LedgerError('INVALID_INPUT', `A column is missing on ${where.server}: ${firstLine(message)}. Check the column mapping.`, { ...details, reason: 'column_missing' });
    case '53300':
    case '57P01':
    case '57P02':
    case '57P03':
    case '08000':
    case '08003':
    case '08006':
      return new LedgerError('CONNECTION_FAILED', `${where.server} is not accepting this connection now: ${firstLine(message)}. Try again later.`, { ...details, reason: sqlState === '53300' ? 'too_many_connections' : 'closed' });
  }
  if (sqlState.startsWith('08')) return new LedgerError('CONNECTION_FAILED', `The connection to ${where.server} failed: ${firstLine(message)}.`, { ...details, reason: 'closed' });
  if (sqlState.startsWith('22')) return new LedgerError('BAD_DATA', `The server could not read a value: ${firstLine(message)}.`, details);
  return new LedgerError('INTERNAL', `PostgreSQL error ${sqlState} from ${where.server}: ${firstLine(message)}.`, details);
}

function permissionDenied(message: string, where: ServerName, e: { table?: unknown; schema?: unknown }, context: PgErrorContext, details: Record<string, unknown>): LedgerError {
  // "permission denied for table mt_events" / "… for schema audit" / "… for sequence …" (PG ≥ 15 wording; older: "relation").
  const match = /permission denied for (table|relation|view|schema|sequence|materialized view|function) "?([^"\s]+)"?/i.exec(message);
  const kind = match?.[1].toLowerCase();
  const named = match?.[2];
  const schema = (kind === 'schema' ? named : undefined) ?? context.schema ?? (typeof e.schema === 'string' ? e.schema : undefined);
  const table = kind && kind !== 'schema' ? (named?.includes('.') ? named.split('.').pop() : named) : (context.table ?? (typeof e.table === 'string' ? e.table : undefined));
  const role = quoteIdentLoose(where.user);
  const grants: string[] = [];
  if (schema) grants.push(`GRANT USAGE ON SCHEMA ${quoteIdentLoose(schema)} TO ${role};`);
  if (table) grants.push(`GRANT SELECT ON ${schema ? `${quoteIdentLoose(schema)}.` : ''}${quoteIdentLoose(table)} TO ${role};`);
  if (!grants.length) grants.push(`GRANT USAGE ON SCHEMA <schema> TO ${role};`, `GRANT SELECT ON ALL TABLES IN SCHEMA <schema> TO ${role};`);
  const what = kind === 'schema' ? `schema '${schema}'` : table ? `table '${schema ? `${schema}.` : ''}${table}'` : 'an object';
  return new LedgerError(
    'PERMISSION_DENIED',
    `User '${where.user}' may not read ${what} on ${where.server}. Reading needs only USAGE on the schema and SELECT on the tables; ask the database administrator to run: ${grants.join(' ')}`,
    { ...details, reason: 'permission', ...(schema ? { schema } : {}), ...(table ? { table } : {}), grants },
  );
}

/**
 * The typed permission error for grants found missing in the catalog (has_schema_privilege /
 * has_table_privilege) before reading: names every table and the exact GRANTs an auditor needs.
 */
export function missingGrantsError(displayUrl: string, schema: string, missing: { usage: boolean; tables: string[] }): LedgerError {
  const where = describeServer(displayUrl);
  const role = quoteIdentLoose(where.user);
  const grants = [
    ...(missing.usage ? [`GRANT USAGE ON SCHEMA ${quoteIdentLoose(schema)} TO ${role};`] : []),
    ...missing.tables.map((table) => `GRANT SELECT ON ${quoteIdentLoose(schema)}.${quoteIdentLoose(table)} TO ${role};`),
  ];
  const what = [...(missing.usage ? [`schema '${schema}'`] : []), ...missing.tables.map((t) => `table '${schema}.${t}'`)].join(', ');
  return new LedgerError(
    'PERMISSION_DENIED',
    `User '${where.user}' may not read ${what} on ${where.server}. Reading needs only USAGE on the schema and SELECT on the tables; ask the database administrator to run: ${grants.join(' ')}`,
    { reason: 'permission', url: displayUrl, schema, ...(missing.tables.length === 1 ? { table: missing.tables[0] } : {}), tables: missing.tables, grants },
  );
}

function unreachable(where: ServerName, why: string, code: string): LedgerError {
  return new LedgerError('CONNECTION_FAILED', `Cannot reach the PostgreSQL server at ${where.server}: ${why}.`, { reason: 'unreachable', network: code, url: where.url });
}

interface ServerName {
  server: string;
  user: string;
  database: string;
  url: string;
}

function describeServer(displayUrl: string): ServerName {
  try {
    const url = new URL(displayUrl);
    const socket = url.searchParams.get('host');
    const host = socket ?? url.hostname.replace(/^\[(.*)\]$/, '$1');
    return {
      server: `${host}${url.port ? `:${url.port}` : ''}`,
      user: decodeURIComponent(url.username),
      database: decodeURIComponent(url.pathname.slice(1)),
      url: displayUrl,
    };
  } catch {
    return { server: 'the server', user: '', database: '', url: displayUrl };
  }
}

/** An identifier as SQL, quoted only when it must be (for messages people copy). */
export function quoteIdentLoose(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

function firstLine(text: string): string {
  return text.split('\n')[0].replace(/\.$/, '');
}
