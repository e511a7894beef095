// Recent PostgreSQL connections and named table-mapping profiles, kept as one small JSON file in the
// user's config folder (never in the database). The password is not stored unless the user asks,
// and then only as ciphertext from the injected SecretBox (Electron's safeStorage, which uses the
// OS keyring); without a SecretBox (browser mode) a password is never stored. A damaged or
// unreadable file is treated as empty, and failing to write it never stops a connection.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  SSL_MODES,
  TABLE_MAP_TARGETS,
  type DatabaseConnection,
  type MappingProfile,
  type PasswordStorage,
  type RecentConnection,
  type RememberChoice,
  type SslMode,
  type TableMap,
  type TableMapping,
} from '../../shared/contract.ts';
import { englishError, words } from '../../shared/errorWords/index.ts';
import { LedgerError } from '../errors.ts';

/** Why a password cannot be kept here (PasswordStorage.reason is their English; the handler says them as words). */
export const NO_KEYRING = words('errorWords.password.noKeyring', {});
export const BROWSER_KEEPS_NO_PASSWORDS = words('errorWords.password.browser', {});

/** Encrypts secrets for this user on this machine (Electron: safeStorage). */
export interface SecretBox {
  available(): boolean;
  encrypt(text: string): Buffer;
  decrypt(data: Buffer): string;
}

export interface RecentConnections {
  list(): RecentConnection[];
  /** Records a connection that just opened (newest first, one entry per host/port/db/user/schema). */
  remember(connection: DatabaseConnection, choice: RememberChoice): void;
  /** The saved password of a recent connection, decrypted; null when none is saved or it cannot be read. */
  password(id: string): string | null;
  forget(id: string): boolean;
  passwordStorage(): PasswordStorage;
  profiles(): MappingProfile[];
  saveProfile(profile: { name: string; table: string; map: TableMap }): MappingProfile[];
  deleteProfile(name: string): MappingProfile[];
}

const MAX_CONNECTIONS = 12;
const MAX_PROFILES = 50;

/** One entry as written to the file: the password only as base64 ciphertext, never in clear. */
interface StoredConnection {
  id: string;
  host: string;
  port: number;
  database: string;
  user: string;
  schema?: string;
  sslMode?: SslMode;
  mapping?: TableMapping;
  lastOpenedAt: string;
  secret?: string;
}

interface StoredFile {
  version: 1;
  connections: StoredConnection[];
  profiles: MappingProfile[];
}

const isString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

function readMap(value: unknown): TableMap | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const map: TableMap = {};
  for (const [key, column] of Object.entries(value)) {
    if ((TABLE_MAP_TARGETS as readonly string[]).includes(key) && isString(column)) map[key as keyof TableMap] = column;
  }
  return map;
}

function readMapping(value: unknown): TableMapping | undefined {
  const v = value as { table?: unknown; map?: unknown } | null;
  const map = readMap(v?.map);
  return v && isString(v.table) && map ? { table: v.table, map } : undefined;
}

/** Keeps only well-formed entries: a hand-edited or half-written file must not break the list. */
function readConnection(value: unknown): StoredConnection | null {
  const v = value as Record<string, unknown> | null;
  if (!v || !isString(v.id) || !isString(v.host) || !isString(v.database) || !isString(v.user) || !isString(v.lastOpenedAt)) return null;
  if (typeof v.port !== 'number' || !Number.isInteger(v.port) || v.port < 1 || v.port > 65_535) return null;
  const entry: StoredConnection = { id: v.id, host: v.host, port: v.port, database: v.database, user: v.user, lastOpenedAt: v.lastOpenedAt };
  if (isString(v.schema)) entry.schema = v.schema;
  if (isString(v.sslMode) && (SSL_MODES as readonly string[]).includes(v.sslMode)) entry.sslMode = v.sslMode as SslMode;
  const mapping = readMapping(v.mapping);
  if (mapping) entry.mapping = mapping;
  if (isString(v.secret)) entry.secret = v.secret;
  return entry;
}

function readProfile(value: unknown): MappingProfile | null {
  const v = value as Record<string, unknown> | null;
  const map = readMap(v?.map);
  return v && isString(v.name) && isString(v.table) && isString(v.savedAt) && map ? { name: v.name, table: v.table, map, savedAt: v.savedAt } : null;
}

/** Same server, database, role and schema: the same place, whatever the SSL mode or mapping. */
export function connectionId(c: { host: string; port: number; database: string; user: string; schema?: string | undefined }): string {
  const key = JSON.stringify([c.host.toLowerCase(), c.port, c.database, c.user, c.schema ?? '']);
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

export function connectionLabel(c: { host: string; port: number; database: string; user: string; schema?: string | undefined; mapping?: TableMapping | undefined }): string {
  const where = `${c.user}@${c.host}:${c.port}/${c.database}`;
  return [where, c.schema ? `schema ${c.schema}` : null, c.mapping ? `table ${c.mapping.table}` : null].filter(Boolean).join(' · ');
}

export function createRecentConnections(options: { file: string | null; secrets: SecretBox | null; now?: () => Date }): RecentConnections {
  const { file, secrets } = options;
  const now = options.now ?? (() => new Date());
  // Computed per call: safeStorage only becomes available once Electron is ready.
  const canEncrypt = (): boolean => {
    try {
      return !!secrets && secrets.available();
    } catch {
      return false;
    }
  };

  const read = (): StoredFile => {
    const empty: StoredFile = { version: 1, connections: [], profiles: [] };
    if (!file) return empty;
    try {
      const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { connections?: unknown; profiles?: unknown };
      const connections = Array.isArray(parsed?.connections) ? parsed.connections.map(readConnection).filter((c): c is StoredConnection => c !== null) : [];
      const profiles = Array.isArray(parsed?.profiles) ? parsed.profiles.map(readProfile).filter((p): p is MappingProfile => p !== null) : [];
      return { version: 1, connections, profiles };
    } catch {
      return empty;
    }
  };

  const write = (data: StoredFile): void => {
    if (!file) return;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      // Whole file or nothing: a crash mid-write leaves the previous list, not half a JSON document.
      const temp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temp, JSON.stringify(data, null, 2), { mode: 0o600 });
      fs.renameSync(temp, file);
    } catch {
      // Not being able to remember a connection must never stop the user from using it.
    }
  };

  const toPublic = (entry: StoredConnection): RecentConnection => {
    const { secret, ...rest } = entry;
    return { ...rest, label: connectionLabel(entry), hasSavedPassword: !!secret };
  };

  return {
    list: () => read().connections.map(toPublic),

    remember(connection, choice) {
      if (choice === 'no') return;
      if (choice === 'with-password' && !canEncrypt()) {
        // Checked by the handler before connecting too; here so no caller can store it in clear.
        throw new LedgerError('UNSUPPORTED', words('errorWords.password.notStored', {}));
      }
      const data = read();
      const id = connectionId(connection);
      const entry: StoredConnection = {
        id,
        host: connection.host,
        port: connection.port,
        database: connection.database,
        user: connection.user,
        lastOpenedAt: now().toISOString(),
      };
      if (connection.schema) entry.schema = connection.schema;
      if (connection.sslMode) entry.sslMode = connection.sslMode;
      if (connection.mapping) entry.mapping = { table: connection.mapping.table, map: { ...connection.mapping.map } };
      if (choice === 'with-password' && connection.password) entry.secret = secrets!.encrypt(connection.password).toString('base64');
      data.connections = [entry, ...data.connections.filter((c) => c.id !== id)].slice(0, MAX_CONNECTIONS);
      write(data);
    },

    password(id) {
      const entry = read().connections.find((c) => c.id === id);
      if (!entry?.secret || !canEncrypt()) return null;
      try {
        return secrets!.decrypt(Buffer.from(entry.secret, 'base64'));
      } catch {
        // Another keyring or user: the password is asked again instead.
        return null;
      }
    },

    forget(id) {
      const data = read();
      const kept = data.connections.filter((c) => c.id !== id);
      if (kept.length === data.connections.length) return false;
      write({ ...data, connections: kept });
      return true;
    },

    passwordStorage: () =>
      canEncrypt()
        ? { available: true, reason: null }
        : {
            available: false,
            reason: englishError(secrets ? NO_KEYRING : BROWSER_KEEPS_NO_PASSWORDS),
            reasonWords: secrets ? NO_KEYRING : BROWSER_KEEPS_NO_PASSWORDS,
          },

    profiles: () => read().profiles,

    saveProfile(profile) {
      const data = read();
      const saved: MappingProfile = { name: profile.name, table: profile.table, map: { ...profile.map }, savedAt: now().toISOString() };
      data.profiles = [saved, ...data.profiles.filter((p) => p.name !== profile.name)].slice(0, MAX_PROFILES);
      write(data);
      return data.profiles;
    },

    deleteProfile(name) {
      const data = read();
      data.profiles = data.profiles.filter((p) => p.name !== name);
      write(data);
      return data.profiles;
    },
  };
}
