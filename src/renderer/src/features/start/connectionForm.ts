// The connection form's draft and how it becomes a request: text fields as typed, checked here so
// the common slips (no host, a port that is not a number) are said next to the field instead of
// coming back from main as a schema error.
import { t } from '../../i18n/index.ts';
import type { Input, RecentConnection, RememberChoice, SslMode, TableMap, TableMapTarget } from '../../../../shared/contract.ts';
import { TABLE_MAP_TARGETS } from '../../../../shared/contract.ts';

export interface ConnectionDraft {
  host: string;
  port: string;
  database: string;
  user: string;
  password: string;
  schema: string;
  sslMode: SslMode | '';
  remember: RememberChoice;
  /** The recent connection the form was filled from; its saved password is used when none is typed. */
  recentId: string | null;
  hasSavedPassword: boolean;
}

export interface MappingDraft {
  enabled: boolean;
  table: string;
  map: Record<TableMapTarget, string>;
}

export const emptyMap = (): Record<TableMapTarget, string> =>
  Object.fromEntries(TABLE_MAP_TARGETS.map((target) => [target, ''])) as Record<TableMapTarget, string>;

export const emptyConnection = (): ConnectionDraft => ({
  host: '',
  port: '5432',
  database: '',
  user: '',
  password: '',
  schema: '',
  sslMode: '',
  remember: 'without-password',
  recentId: null,
  hasSavedPassword: false,
});

export const emptyMapping = (): MappingDraft => ({ enabled: false, table: '', map: emptyMap() });

/** Fields that name the place; changing one means a saved password no longer applies. */
const PLACE_FIELDS = ['host', 'port', 'database', 'user', 'schema'] as const;

/** The draft after one field changed: leaving the recent connection's place forgets its saved password. */
export function editConnection<K extends keyof ConnectionDraft>(draft: ConnectionDraft, key: K, value: ConnectionDraft[K]): ConnectionDraft {
  const next = { ...draft, [key]: value };
  if ((PLACE_FIELDS as readonly string[]).includes(key) && draft[key] !== value) {
    next.recentId = null;
    next.hasSavedPassword = false;
  }
  return next;
}

export function fromRecent(entry: RecentConnection, remember: RememberChoice): ConnectionDraft {
  return {
    host: entry.host,
    port: String(entry.port),
    database: entry.database,
    user: entry.user,
    password: '',
    schema: entry.schema ?? '',
    sslMode: entry.sslMode ?? '',
    remember: entry.hasSavedPassword ? 'with-password' : remember === 'with-password' ? 'without-password' : remember,
    recentId: entry.id,
    hasSavedPassword: entry.hasSavedPassword,
  };
}

export function mappingFrom(table: string, map: TableMap): MappingDraft {
  const full = emptyMap();
  for (const target of TABLE_MAP_TARGETS) full[target] = map[target] ?? '';
  return { enabled: true, table, map: full };
}

/** Only the targets with a column. */
export function compactMap(map: Record<TableMapTarget, string>): TableMap {
  const out: TableMap = {};
  for (const target of TABLE_MAP_TARGETS) {
    const column = map[target].trim();
    if (column) out[target] = column;
  }
  return out;
}

export type FieldProblem = { field: 'host' | 'port' | 'database' | 'user' | 'table'; message: string };

type ConnectionInput = Omit<Input<'store/testConnection'>, 'mapping'>;

/** The place and credentials of a draft, or what is wrong with it. */
export function connectionInput(draft: ConnectionDraft): { ok: true; input: ConnectionInput } | { ok: false; problem: FieldProblem } {
  const host = draft.host.trim();
  if (!host) return { ok: false, problem: { field: 'host', message: t('connection.problem.host') } };
  const portText = draft.port.trim() || '5432';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65_535) return { ok: false, problem: { field: 'port', message: t('connection.problem.port') } };
  const database = draft.database.trim();
  if (!database) return { ok: false, problem: { field: 'database', message: t('connection.problem.database') } };
  const user = draft.user.trim();
  if (!user) return { ok: false, problem: { field: 'user', message: t('connection.problem.user') } };
  const input: ConnectionInput = { host, port, database, user };
  if (draft.password) input.password = draft.password;
  else if (draft.recentId && draft.hasSavedPassword) input.recentId = draft.recentId;
  if (draft.schema.trim()) input.schema = draft.schema.trim();
  if (draft.sslMode) input.sslMode = draft.sslMode;
  return { ok: true, input };
}

/** The request for test/open: the connection plus the mapping when that section is on. */
export function connectionRequest(draft: ConnectionDraft, mapping: MappingDraft): { ok: true; input: Input<'store/testConnection'> } | { ok: false; problem: FieldProblem } {
  const base = connectionInput(draft);
  if (!base.ok || !mapping.enabled) return base;
  const table = mapping.table.trim();
  if (!table) return { ok: false, problem: { field: 'table', message: t('connection.problem.table') } };
  return { ok: true, input: { ...base.input, mapping: { table, map: compactMap(mapping.map) } } };
}
