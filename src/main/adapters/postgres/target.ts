// Where a PostgreSQL store lives: a `postgres://` / `postgresql://` URL (anywhere a file path is
// accepted) or the Start screen's connection form, resolved ONCE into explicit settings. Missing parts
// come from libpq's environment variables exactly as node-postgres would fill them (PGHOST, PGPORT,
// PGUSER, PGPASSWORD, PGDATABASE, PGSSLMODE, PGOPTIONS; database defaults to the user), so the
// connection never consults the environment again and what we display is what we connect to.
// The password never appears in `displayUrl`, in URLs built for display, or in any error message.
import os from 'node:os';
import { LedgerError } from '../../errors.ts';
import { words } from '../../../shared/errorWords/index.ts';

/** libpq's SSL modes, with libpq's meaning (not node-postgres's older "require = verify-full"). */
export const PG_SSL_MODES = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export type PgSslMode = (typeof PG_SSL_MODES)[number];

/** Holds the password: never log it or send it to the renderer; show `displayUrl`. */
export interface PgTarget {
  host: string;
  port: number;
  database: string;
  user: string;
  /** Absent: node-postgres then looks in ~/.pgpass, like libpq. */
  password?: string;
  /** disable: plain; prefer (libpq's default): TLS when the server offers it, unverified; require: TLS, unverified; verify-ca: chain; verify-full: chain + host name. */
  sslMode: PgSslMode;
  /** Files for TLS (libpq's sslrootcert/sslcert/sslkey), as paths. */
  sslRootCert?: string;
  sslCert?: string;
  sslKey?: string;
  /** The user's own startup options (libpq `options`, e.g. `-csearch_path=audit`); ours are added by connectPg. */
  options?: string;
  /** The first schema of the search_path the options select, when they select one. */
  schema?: string;
  connectTimeoutMs: number;
  /** `postgres://user@host:port/db[?sslmode=…&options=…]`, never with the password. */
  displayUrl: string;
}

/** The Start screen's connection form. */
export interface PgConnectFields {
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
  schema?: string;
  sslMode?: PgSslMode;
}

type Env = Record<string, string | undefined>;

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** Query parameters we honour (libpq's names; pg-connection-string's `host`/`port`/`user`/`password` overrides). */
const KNOWN_PARAMS = new Set(['sslmode', 'options', 'sslrootcert', 'sslcert', 'sslkey', 'connect_timeout', 'host', 'port', 'user', 'password', 'dbname']);

export function isPgUrl(input: string): boolean {
  return /^postgres(ql)?:\/\//i.test(input.trim());
}

/** A database URL resolved into a target, or null when the input is not one (then it is a file path). */
export function parsePgTarget(input: string, env: Env = process.env): PgTarget | null {
  const text = input.trim();
  if (!isPgUrl(text)) return null;
  let url: URL;
  try {
    // The WHATWG parser needs a host; `postgres:///db` (all from the environment) is valid libpq.
    url = new URL(
      text
        .replace(/^postgres(ql)?:\/\//i, 'postgres://')
        .replace(/^postgres:\/\/\//, 'postgres://__env_host__/')
        .replace(/^(postgres:\/\/[^/?#]*@)(?=[/?#:]|$)/, '$1__env_host__'),
    );
  } catch {
    throw new LedgerError('INVALID_INPUT', words('errorWords.pgUrl.invalid', { url: redact(text) }));
  }
  const params = new Map<string, string>();
  for (const [key, value] of url.searchParams) {
    if (!KNOWN_PARAMS.has(key)) {
      throw new LedgerError('INVALID_INPUT', words('errorWords.pgUrl.unknownParameter', { parameter: key, supported: [...KNOWN_PARAMS].join(', ') }), { parameter: key });
    }
    params.set(key, value);
  }
  const hostInUrl = url.hostname === '__env_host__' ? '' : decodeURIComponent(url.hostname.replace(/^\[(.*)\]$/, '$1'));
  if (hostInUrl.includes(',')) throw new LedgerError('INVALID_INPUT', words('errorWords.pgUrl.severalHosts', {}));
  const user = params.get('user') || safeDecode(url.username) || env.PGUSER || os.userInfo().username;
  const password = params.get('password') || safeDecode(url.password) || env.PGPASSWORD || undefined;
  const host = params.get('host') || hostInUrl || env.PGHOST || 'localhost';
  const database = params.get('dbname') || safeDecode(url.pathname.slice(1)) || env.PGDATABASE || user;
  const portText = params.get('port') || url.port || env.PGPORT || '5432';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new LedgerError('INVALID_INPUT', words('errorWords.pgUrl.badPort', { port: String(portText) }));
  const sslText = params.get('sslmode') ?? env.PGSSLMODE ?? 'prefer';
  if (!(PG_SSL_MODES as readonly string[]).includes(sslText)) {
    throw new LedgerError('INVALID_INPUT', words('errorWords.pgUrl.badSslmode', { sslmode: sslText, modes: PG_SSL_MODES.join(', ') }));
  }
  const timeoutText = params.get('connect_timeout');
  const connectTimeoutMs = timeoutText ? Number(timeoutText) * 1000 : DEFAULT_CONNECT_TIMEOUT_MS;
  if (!Number.isFinite(connectTimeoutMs) || connectTimeoutMs < 0) throw new LedgerError('INVALID_INPUT', words('errorWords.pgUrl.badConnectTimeout', { value: String(timeoutText) }));
  const options = params.get('options') ?? env.PGOPTIONS ?? undefined;
  return buildTarget({
    host,
    port,
    database,
    user,
    password,
    sslMode: sslText as PgSslMode,
    sslRootCert: params.get('sslrootcert'),
    sslCert: params.get('sslcert'),
    sslKey: params.get('sslkey'),
    options: options || undefined,
    connectTimeoutMs,
  });
}

/** The connection form's fields as a target (blank parts filled like a URL's). */
export function pgTargetFromFields(fields: PgConnectFields, env: Env = process.env): PgTarget {
  const target = parsePgTarget(pgUrlFromFields(fields, { withPassword: true }), env);
  if (!target) throw new LedgerError('INTERNAL', 'A URL built from the connection form did not parse.');
  return target;
}

/** The form's fields as a URL; without the password unless asked (recent connections store no password). */
export function pgUrlFromFields(fields: PgConnectFields, opts: { withPassword?: boolean } = {}): string {
  const auth = fields.user ? `${encodeURIComponent(fields.user)}${opts.withPassword && fields.password ? `:${encodeURIComponent(fields.password)}` : ''}@` : '';
  const query = new URLSearchParams();
  if (fields.sslMode) query.set('sslmode', fields.sslMode);
  if (fields.schema) query.set('options', searchPathOption(fields.schema));
  return `postgres://${auth}${hostPart(fields.host)}${fields.port ? `:${fields.port}` : ''}/${encodeURIComponent(fields.database)}${queryText(query)}`;
}

/** A target back as form fields (e.g. to fill the form from a recent connection). */
export function pgFieldsFromTarget(target: PgTarget): PgConnectFields {
  return {
    host: target.host,
    port: target.port,
    database: target.database,
    user: target.user,
    ...(target.password !== undefined ? { password: target.password } : {}),
    ...(target.schema !== undefined ? { schema: target.schema } : {}),
    sslMode: target.sslMode,
  };
}

/** `-csearch_path=<schema>` in libpq's options syntax (backslash escapes whitespace). */
export function searchPathOption(schema: string): string {
  const value = /^[a-z_][a-z0-9_$]*$/.test(schema) ? schema : `"${schema.replace(/"/g, '""')}"`;
  return `-csearch_path=${value.replace(/([\\\s])/g, '\\$1')}`;
}

/** The first schema named by a `search_path` setting in libpq options, or undefined. */
export function schemaFromOptions(options: string | undefined): string | undefined {
  if (!options) return undefined;
  const args = splitOptions(options);
  let value: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    let setting: string | undefined;
    if (arg === '-c' && i + 1 < args.length) setting = args[++i];
    else if (arg.startsWith('-c')) setting = arg.slice(2);
    else if (arg.startsWith('--')) setting = arg.slice(2);
    const match = setting && /^search_path=(.*)$/s.exec(setting);
    if (match) value = match[1]; // later settings win, as in the server
  }
  if (value === undefined) return undefined;
  const first = firstSearchPathEntry(value);
  return first === '' ? undefined : first;
}

/** libpq splits options on unescaped whitespace; a backslash escapes the next character. */
export function splitOptions(options: string): string[] {
  const args: string[] = [];
  let current = '';
  let inArg = false;
  for (let i = 0; i < options.length; i++) {
    const ch = options[i];
    if (ch === '\\' && i + 1 < options.length) {
      current += options[++i];
      inArg = true;
    } else if (/\s/.test(ch)) {
      if (inArg) args.push(current);
      current = '';
      inArg = false;
    } else {
      current += ch;
      inArg = true;
    }
  }
  if (inArg) args.push(current);
  return args;
}

function firstSearchPathEntry(value: string): string {
  const text = value.trim();
  if (text.startsWith('"')) {
    let name = '';
    for (let i = 1; i < text.length; i++) {
      if (text[i] === '"') {
        if (text[i + 1] === '"') {
          name += '"';
          i++;
        } else return name;
      } else name += text[i];
    }
    return name;
  }
  const raw = text.split(',')[0].trim();
  // Unquoted identifiers fold to lower case; `$user` stays as written.
  return raw.startsWith('$') ? raw : raw.toLowerCase();
}

function buildTarget(parts: Omit<PgTarget, 'displayUrl' | 'schema'>): PgTarget {
  const target: PgTarget = { ...parts } as PgTarget;
  for (const key of ['password', 'sslRootCert', 'sslCert', 'sslKey', 'options'] as const) {
    if (target[key] === undefined) delete target[key];
  }
  const schema = schemaFromOptions(parts.options);
  if (schema !== undefined) target.schema = schema;
  target.displayUrl = displayUrlOf(target);
  return target;
}

function displayUrlOf(target: Omit<PgTarget, 'displayUrl'>): string {
  const query = new URLSearchParams();
  if (target.sslMode !== 'prefer') query.set('sslmode', target.sslMode);
  if (target.options) query.set('options', target.options);
  const host = target.host.startsWith('/') ? 'localhost' : hostPart(target.host);
  if (target.host.startsWith('/')) query.set('host', target.host);
  return `postgres://${encodeURIComponent(target.user)}@${host}:${target.port}/${encodeURIComponent(target.database)}${queryText(query)}`;
}

function hostPart(host: string): string {
  return host.includes(':') ? `[${host}]` : encodeURIComponent(host);
}

function queryText(query: URLSearchParams): string {
  const text = query.toString();
  return text ? `?${text}` : '';
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new LedgerError('INVALID_INPUT', words('errorWords.pgUrl.badEscape', {}));
  }
}

/** The input with any password removed, for messages about a URL that did not parse. */
export function redact(text: string): string {
  return text.replace(/^(postgres(?:ql)?:\/\/[^:/@?#]*):[^@/?#]*@/i, '$1:***@').replace(/([?&]password=)[^&]*/gi, '$1***');
}
