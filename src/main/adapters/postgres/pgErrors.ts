// Whatever node-postgres or the server throws, as a LedgerError an auditor can act on: which server
// could not be reached, whose password was refused, which database is missing, which GRANT is
// missing. Messages never carry a stack trace or the password (only the display URL is used).
import { words, type ErrorFact, type ErrorWordKey } from '../../../shared/errorWords/index.ts';
import { CancelledError, LedgerError } from '../../errors.ts';

/** What the failing request was about, when the caller knows better than the server's message. */
export interface PgErrorContext {
  schema?: string;
  table?: string;
}

// Node's network error codes, each said in errorWords (pg.network.<code>).
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE']);

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

  if (NETWORK_CODES.has(code)) return unreachable(where, `errorWords.pg.network.${code}` as ErrorWordKey, code);
  if (TLS_CODE.test(code)) {
    return new LedgerError('CONNECTION_FAILED', words('errorWords.pg.tlsFailed', { server: where.server, error: message }), { reason: 'ssl', tls: code, url: displayUrl });
  }
  if (/timeout expired|connection timeout|timeout exceeded when trying to connect/i.test(message)) {
    return unreachable(where, 'errorWords.pg.network.ETIMEDOUT', 'CONNECT_TIMEOUT');
  }
  if (/client password must be a (non-empty )?string/i.test(message)) {
    return new LedgerError('AUTH_FAILED', words('errorWords.pg.passwordMissing', { user: where.user }), { reason: 'password_missing', url: displayUrl });
  }
  if (/does not support SSL/i.test(message)) {
    return new LedgerError('CONNECTION_FAILED', words('errorWords.pg.noTls', { server: where.server }), { reason: 'ssl', url: displayUrl });
  }
  if (/Connection terminated|server closed the connection|Client has encountered a connection error|Client was closed/i.test(message)) {
    return new LedgerError('CONNECTION_FAILED', words('errorWords.pg.closedByServer', { server: where.server }), { reason: 'closed', url: displayUrl });
  }
  // A wrapped cause (pg-pool wraps connect timeouts) may say more.
  if (e.cause && e.cause !== error) {
    const inner = pgError(e.cause, displayUrl, context);
    if (inner.code !== 'INTERNAL') return inner;
  }
  return new LedgerError('INTERNAL', words('errorWords.pg.unexpected', { server: where.server, error: firstLine(message) }), { url: displayUrl });
}

function serverError(sqlState: string, message: string, where: ServerName, e: { table?: unknown; schema?: unknown }, context: PgErrorContext): LedgerError {
  const url = where.url;
  const details = { sqlState, url };
  switch (sqlState) {
    case '28P01':
      return new LedgerError('AUTH_FAILED', words('errorWords.pg.passwordRefused', { user: where.user, server: where.server }), { ...details, reason: 'password' });
    case '28000':
      if (/pg_hba\.conf/.test(message)) {
        const encrypted = /no encryption|SSL off/i.test(message);
        return new LedgerError('AUTH_FAILED', words(encrypted ? 'errorWords.pg.hbaEncrypted' : 'errorWords.pg.hba', { server: where.server, user: where.user, database: where.database }), { ...details, reason: 'hba' });
      }
      return new LedgerError('AUTH_FAILED', words('errorWords.pg.userRefused', { server: where.server, user: where.user, error: firstLine(message) }), { ...details, reason: 'authorization' });
    case '3D000':
      return new LedgerError('NOT_FOUND', words('errorWords.pg.noDatabase', { database: where.database, server: where.server }), { ...details, reason: 'database_missing', database: where.database });
    case '42501':
      return permissionDenied(message, where, e, context, details);
    case '57014':
      if (/statement timeout/i.test(message)) {
        return new LedgerError('TIMEOUT', words('errorWords.pg.statementTimeout', { server: where.server }), { ...details, reason: 'statement_timeout' });
      }
      return new CancelledError('The query');
    case '25006':
      return new LedgerError('READ_ONLY', words('errorWords.pg.readOnlySession', { error: firstLine(message) }), details);
    case '42P01':
      return new LedgerError('NOT_FOUND', words('errorWords.pg.tableMissing', { server: where.server, error: firstLine(message) }), { ...details, reason: 'table_missing' });
    case '42703':
      return new LedgerError('INVALID_INPUT', words('errorWords.pg.columnMissing', { server: where.server, error: firstLine(message) }), { ...details, reason: 'column_missing' });
    case '53300':
    case '57P01':
    case '57P02':
    case '57P03':
    case '08000':
    case '08003':
    case '08006':
      return new LedgerError('CONNECTION_FAILED', words('errorWords.pg.notAccepting', { server: where.server, error: firstLine(message) }), { ...details, reason: sqlState === '53300' ? 'too_many_connections' : 'closed' });
  }
  if (sqlState.startsWith('08')) return new LedgerError('CONNECTION_FAILED', words('errorWords.pg.connectionFailed', { server: where.server, error: firstLine(message) }), { ...details, reason: 'closed' });
  if (sqlState.startsWith('22')) return new LedgerError('BAD_DATA', words('errorWords.pg.badValue', { error: firstLine(message) }), details);
  return new LedgerError('INTERNAL', words('errorWords.pg.serverError', { sqlState, server: where.server, error: firstLine(message) }), details);
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
  const what =
    kind === 'schema' ? words('errorWords.pg.schema', { name: String(schema) }) : table ? words('errorWords.pg.table', { name: `${schema ? `${schema}.` : ''}${table}` }) : words('errorWords.pg.anObject', {});
  return new LedgerError(
    'PERMISSION_DENIED',
    words('errorWords.pg.mayNotRead', { user: where.user, what, server: where.server, grants: grants.join(' ') }),
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
  const what = { list: [...(missing.usage ? [words('errorWords.pg.schema', { name: schema })] : []), ...missing.tables.map((t) => words('errorWords.pg.table', { name: `${schema}.${t}` }))] };
  return new LedgerError(
    'PERMISSION_DENIED',
    words('errorWords.pg.mayNotRead', { user: where.user, what, server: where.server, grants: grants.join(' ') }),
    { reason: 'permission', url: displayUrl, schema, ...(missing.tables.length === 1 ? { table: missing.tables[0] } : {}), tables: missing.tables, grants },
  );
}

function unreachable(where: ServerName, why: ErrorWordKey, code: string): LedgerError {
  return new LedgerError('CONNECTION_FAILED', words('errorWords.pg.unreachable', { server: where.server, why: { key: why, facts: {} } }), { reason: 'unreachable', network: code, url: where.url });
}

interface ServerName {
  /** host:port as written, or "the server" (said in the reader's language) when the URL does not parse. */
  server: ErrorFact;
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
    return { server: words('errorWords.pg.theServer', {}), user: '', database: '', url: displayUrl };
  }
}

/** An identifier as SQL, quoted only when it must be (for messages people copy). */
export function quoteIdentLoose(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

function firstLine(text: string): string {
  return text.split('\n')[0].replace(/\.$/, '');
}
