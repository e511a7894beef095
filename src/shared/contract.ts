// The one IPC contract: a zod schema for every channel's input (main validates everything the
// renderer sends: the renderer is untrusted) and the type of every output. Used by main, preload
// (types only), the bridge and the renderer.
import { z } from 'zod';
import type { Channel, MethodName } from './channels.ts';
import { CHANNELS } from './channels.ts';
import type { ActorSummary } from './actorFilter.ts';
import type { JobState } from './jobs.ts';
import type { ErrorWords } from './errorWords/index.ts';
import { parseTimeBound } from './timeRange.ts';
import type { BlameResult, DiffResult, FieldHistoryResult, ProjectionInfo, SnapshotBuild, StateAtResult } from './replay.ts';
import type { Result } from './result.ts';
import type { IntegrityStatus, VerifyReport } from './verify.ts';
import type { SearchResult } from './search.ts';
import type { Histogram, Page, QueryEstimate, StoreInfo, StoreStats, StoredEvent, StreamSummary, TableInfo } from './types.ts';
import type { ProjectionFolderInfo } from './projections.ts';
import type { DriftResult, WhatIfResult } from './whatIf.ts';
import type { SignerInfo } from './evidence.ts';
import type { ActivityListing, ActivityVerdict } from './activity.ts';
import type { CaseNote } from './evidence.ts';
import type { NotesListing } from './notes.ts';
import { MASK_PATTERN_NAMES, type MaskingStatus } from './masking.ts';

const text = (max: number) => z.string().max(max);
const streamId = z.string().min(1).max(1024);
const version = z.number().int().min(0);
const position = z.number().int().min(1);
const limit = z.number().int().min(1).max(10_000);
// Checked against the calendar here too (shared parser), so a bad bound is refused at the boundary.
const time = z.union([z.string().min(1).max(64), z.number().int()]).superRefine((value, ctx) => {
  const bound = parseTimeBound(value);
  if (!bound.ok) ctx.addIssue({ code: 'custom', message: bound.message });
});
const projection = text(128).optional();
const none = z.strictObject({}).optional();
const noteText = z.string().max(10_000).refine((t) => t.trim().length > 0, 'A note needs some text.');
const noteId = z.string().min(1).max(64);
/** A path into a state: property names, array indices, or array elements by key field (sku). */
const pathSegments = z
  .array(z.union([text(1024), z.number().int().min(0), z.strictObject({ key: text(256), value: z.union([text(1024), z.number()]) })]))
  .max(256);

const readAllQuery = z.strictObject({
  fromPosition: version.optional(),
  types: z.array(text(512)).max(200).optional(),
  streamPrefix: text(1024).optional(),
  fromTime: time.optional(),
  toTime: time.optional(),
  actor: text(512).optional(),
  correlationId: text(512).optional(),
  causationId: text(512).optional(),
  limit: limit.optional(),
});

const statePoint = {
  streamId,
  version: version.optional(),
  time: time.optional(),
  projection,
  /** Apply events the store marks skipped (Marten's is_skipped). */
  includeSkipped: z.boolean().optional(),
};

export const EXPORT_FORMATS = ['ndjson', 'json', 'csv'] as const;

const eventScope = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('stream'), streamId, fromVersion: version.optional(), toVersion: version.optional() }),
  readAllQuery.omit({ limit: true }).extend({ kind: z.literal('all'), toPosition: version.optional() }).strict(),
]);

export const exportRequest = z.discriminatedUnion('what', [
  z.strictObject({ what: z.literal('events'), scope: eventScope, format: z.enum(EXPORT_FORMATS), sign: z.boolean().optional() }),
  z.strictObject({ what: z.literal('state'), streamId, version, projection, sign: z.boolean().optional() }),
  z.strictObject({ what: z.literal('diff'), streamId, from: version, to: version, projection, format: z.enum(['json', 'html']), sign: z.boolean().optional() }),
]);

/** The languages the renderer speaks; it tells main which (app/setLanguage), so main's native dialogs speak it too. */
export const READER_LANGUAGES = ['en', 'zh-CN'] as const;
export type ReaderLanguage = (typeof READER_LANGUAGES)[number];

/** The languages a printable report is written in (its headings and sentences; the store's data stays as stored): the reader's. */
export const REPORT_LANGUAGES = READER_LANGUAGES;
export type ReportLanguage = ReaderLanguage;

/** A printable report of one stream (report/): range, the versions whose states it shows, how many events it lists. */
export const reportRequest = z.strictObject({
  streamId,
  fromVersion: position.optional(),
  toVersion: position.optional(),
  versions: z.array(version).min(1).max(50).optional(),
  projection,
  includeSkipped: z.boolean().optional(),
  /** Events listed at most (default 10,000); null lists them all. */
  maxEvents: z.number().int().min(0).max(10_000_000).nullable().optional(),
  /** Sign the report's bundle with the local key (made on first use). */
  sign: z.boolean().optional(),
  /** The reader's language: the report's words in it (default English). */
  language: z.enum(REPORT_LANGUAGES).optional(),
});

/** The open store's sidecar search index. */
export interface SearchIndexStatus {
  state: 'none' | 'building' | 'ready' | 'stale';
  indexedUpTo: number;
  events: number;
  bytes: number;
  /** The build job while one runs. */
  jobId: string | null;
}

/** A search as the box and the CLI send it; 100 kB of query text is allowed (hostile input is text too). */
export const SEARCH_QUERY_MAX = 100_000;
const searchFields = {
  q: text(SEARCH_QUERY_MAX),
  literal: z.boolean().optional(),
};
const searchRequest = z.strictObject({
  ...searchFields,
  limit: z.number().int().min(1).max(1000).optional(),
  /** The `next` of the previous page (opaque to the renderer). */
  after: text(4096).nullable().optional(),
  facets: z.boolean().optional(),
});

export const IMPORT_FORMATS = ['ndjson', 'json', 'csv', 'store'] as const;
export const IMPORT_TARGETS = ['streamId', 'type', 'data', 'metadata', 'version', 'eventId', 'time', 'actor', 'correlationId', 'causationId'] as const;
const importMapping = z.partialRecord(z.enum(IMPORT_TARGETS), z.string().min(1).max(512));
const filePath = z.string().min(1).max(4096);

// PostgreSQL stores (issue 10). The password crosses IPC only on the way in (to connect, test or be
// remembered encrypted); no output ever carries it back.
export const SSL_MODES = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export const REMEMBER_CHOICES = ['without-password', 'with-password', 'no'] as const;
/** What a column of "any other events table" can be mapped to: the import's targets plus position. */
export const TABLE_MAP_TARGETS = ['streamId', 'version', 'type', 'data', 'metadata', 'time', 'position', 'eventId'] as const;
/** Targets a mapped table cannot do without (metadata and eventId are optional). */
export const REQUIRED_TABLE_MAP_TARGETS = ['streamId', 'version', 'type', 'data', 'time', 'position'] as const;
const identifier = z.string().min(1).max(128);
const tableMap = z.partialRecord(z.enum(TABLE_MAP_TARGETS), identifier);
/** `table` or `schema.table`, as the CLI's --table takes it. */
const tableName = z.string().min(1).max(260);
const tableMapping = z.strictObject({ table: tableName, map: tableMap });
const connectionFields = {
  host: z.string().trim().min(1).max(255),
  port: z.number().int().min(1).max(65_535),
  database: z.string().min(1).max(128),
  user: z.string().min(1).max(128),
  password: z.string().max(1024).optional(),
  schema: identifier.optional(),
  sslMode: z.enum(SSL_MODES).optional(),
  /** A recent connection whose saved (encrypted) password to use when `password` is absent. */
  recentId: z.string().min(1).max(64).optional(),
};
const connectionRequest = z.strictObject({ ...connectionFields, mapping: tableMapping.optional() });
const profileName = z.string().trim().min(1).max(120);

// What-if and drift (issue 12): versions to skip are capped so one call cannot ask for a huge set.
const whatIfSide = z.strictObject({ projection, skip: z.array(z.number().int().min(1)).max(10_000).optional() });
const whatIfQuery = z.strictObject({
  streamId,
  a: whatIfSide,
  b: whatIfSide,
  atVersion: version.optional(),
  includeSkipped: z.boolean().optional(),
  maxChanges: z.number().int().min(1).max(100_000).optional(),
});
const driftQuery = z.strictObject({
  streamId,
  projection,
  table: tableName,
  keyColumn: identifier,
  key: text(1024).optional(),
  columns: z.array(identifier).min(1).max(64),
  atVersion: version.optional(),
  includeSkipped: z.boolean().optional(),
  maxFields: z.number().int().min(1).max(100_000).optional(),
});

export const inputSchemas = {
  'app/info': none,
  'app/setLanguage': z.strictObject({ language: z.enum(READER_LANGUAGES) }),
  'store/open': z.strictObject({ path: z.string().min(1).max(4096) }),
  'store/openDemo': none,
  'store/current': none,
  'store/close': none,
  'store/recent': none,
  'store/openDatabase': connectionRequest.extend({ remember: z.enum(REMEMBER_CHOICES).optional() }).strict(),
  'store/testConnection': connectionRequest,
  'store/recentConnections': none,
  'store/forgetConnection': z.strictObject({ id: z.string().min(1).max(64) }),
  'store/passwordStorage': none,
  'store/previewMapping': z.strictObject({ ...connectionFields, table: tableName, map: tableMap }),
  'store/mappingProfiles': none,
  'store/saveMappingProfile': z.strictObject({ name: profileName, table: tableName, map: tableMap }),
  'store/deleteMappingProfile': z.strictObject({ name: profileName }),
  'dialog/openFile': none,
  'projections/list': none,
  'dialog/openFolder': none,
  'projections/folder': none,
  /** A folder typed or picked (null: no folder, built-in projections only); remembered for the open store. */
  'projections/setFolder': z.strictObject({ folder: filePath.nullable() }),
  'projections/reload': none,
  'replay/whatIf': whatIfQuery,
  'replay/drift': driftQuery,
  'store/tables': none,
  'streams/list': z.strictObject({
    prefix: text(1024).optional(),
    category: text(1024).optional(),
    search: text(1024).optional(),
    sort: z.enum(['lastActivity', 'id', 'count']).optional(),
    after: text(4096).nullable().optional(),
    limit: limit.optional(),
  }),
  'stream/get': z.strictObject({ streamId }),
  'stream/events': z.strictObject({
    streamId,
    fromVersion: version.optional(),
    toVersion: version.optional(),
    direction: z.enum(['forward', 'backward']).optional(),
    limit: limit.optional(),
  }),
  'stream/stateAt': z.strictObject(statePoint),
  'stream/blame': z.strictObject(statePoint),
  'stream/diff': z.strictObject({ streamId, from: version, to: version, projection, maxChanges: z.number().int().min(1).max(100_000).optional(), includeSkipped: z.boolean().optional() }),
  'stream/fieldHistory': z.strictObject({ streamId, segments: pathSegments, projection, from: version.optional(), upTo: version.optional(), includeSkipped: z.boolean().optional() }),
  'stream/buildSnapshots': z.strictObject({ streamId, projection }),
  'events/list': readAllQuery,
  'events/get': z.strictObject({ ref: z.union([position, z.string().min(1).max(256)]) }),
  'events/related': z.strictObject({ position, limit: limit.optional() }),
  'events/actors': z.strictObject({ actor: text(512).optional(), limit: z.number().int().min(1).max(1000).optional() }),
  'events/histogram': readAllQuery.omit({ limit: true, fromPosition: true }).extend({ buckets: z.number().int().min(1).max(1000).optional() }).strict(),
  /** The filters of events/list without paging: what the planner expects, before running it. */
  'events/estimate': readAllQuery.omit({ limit: true, fromPosition: true }).strict(),
  /** Cancels every read the screens have in flight (events/list, histogram, actors, streams/list, stream/events). */
  'reads/cancel': none,
  'export/start': exportRequest,
  'search/run': searchRequest,
  /** Every result of a search as NDJSON (stored bytes, like an event export) with its manifest. */
  'search/export': z.strictObject({ ...searchFields, sign: z.boolean().optional() }),
  /** Builds the open store's sidecar search index (a job); searches use it once it is ready. */
  'search/buildIndex': none,
  'search/indexStatus': none,
  /** Removes the viewer's caches (search indexes); never anything of an audited store. */
  'cache/clear': none,
  'import/preview': z.strictObject({ path: filePath, format: z.enum(IMPORT_FORMATS).optional(), mapping: importMapping.optional() }),
  'import/start': z.strictObject({
    input: filePath,
    /** The new store to create; Electron asks with a save dialog when absent. */
    out: filePath.optional(),
    format: z.enum(IMPORT_FORMATS).optional(),
    mapping: importMapping.optional(),
    skipBad: z.boolean().optional(),
  }),
  /** A verified copy of the open store; Electron asks with a save dialog when `out` is absent. */
  'import/copyOpenStore': z.strictObject({ out: filePath.optional() }),
  'verify/start': z.strictObject({ expectHead: z.string().regex(/^[0-9a-fA-F]{64}(@\d{1,15})?$/, 'a chain head is 64 hexadecimal characters, optionally @position').optional() }),
  'verify/status': none,
  'jobs/list': none,
  'jobs/get': z.strictObject({ id: text(128) }),
  'jobs/cancel': z.strictObject({ id: text(128) }),
  'keys/show': none,
  'keys/init': z.strictObject({ name: text(200).optional() }),
  'report/create': reportRequest,
  /** The PDF of a report job's file (Electron's printToPDF); UNSUPPORTED in browser mode, which prints from the browser. */
  'report/pdf': z.strictObject({ jobId: text(128) }),
  /** Newest first; thisStore: only the entries about the open store. */
  'activity/list': z.strictObject({ thisStore: z.boolean().optional(), limit: limit.optional() }).optional(),
  'activity/verify': none,
  'notes/list': none,
  /** A note on an event (by global position or event id) or on a stream's state at a version; main checks the store has it. */
  'notes/add': z.strictObject({
    target: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('event'), ref: z.union([position, z.string().min(1).max(256)]) }),
      z.strictObject({ kind: z.literal('state'), streamId, version, projection }),
    ]),
    text: noteText,
  }),
  'notes/edit': z.strictObject({ id: noteId, text: noteText }),
  'notes/remove': z.strictObject({ id: noteId }),
  /** The open store's notes as one JSON file (save dialog in Electron, a download in browser mode). */
  'notes/export': none,
  'masking/get': none,
  /** `policy` replaces the rules (paths checked by main against the grammar); absent keeps them. */
  'masking/set': z.strictObject({
    enabled: z.boolean(),
    policy: z.strictObject({ paths: z.array(text(1024)).max(1000).optional(), patterns: z.array(z.enum(MASK_PATTERN_NAMES)).max(16).optional(), useDefault: z.boolean().optional() }).optional(),
  }),
  /** One event as stored while masking is on: an explicit action the activity log records. */
  'events/getUnmasked': z.strictObject({ ref: z.union([position, z.string().min(1).max(256)]), reason: text(500).optional() }),
} satisfies Record<Channel, z.ZodType>;

export interface AppInfo {
  name: string;
  version: string;
  mode: 'electron' | 'browser';
  /** Whether a native open-file dialog exists (Electron); browser mode shows a path field instead. */
  canChooseFiles: boolean;
  demoPath: string;
}

export interface OpenedStore {
  /**
   * Which opening of a file this is in the session. One open is announced twice to the window that
   * asked (its answer and the store/changed push): screens start afresh per openId, not per message.
   */
  openId: number;
  info: StoreInfo;
  stats: StoreStats;
}

/** An error main did not expect: logged, shown to the user, and the app keeps running. */
export interface AppProblem {
  id: number;
  /** activityLog: the viewer's activity log cannot be written (told once per run of failures). */
  kind: 'uncaughtException' | 'unhandledRejection' | 'activityLog';
  /** ISO time in UTC. */
  at: string;
  /** For people: what happened and that the app keeps working. */
  message: string;
  /** Where the details were written, when they were. */
  logFile: string | null;
}

/** Live tail: the open store grew because another process appended to it. */
export interface StoreAppended {
  stats: StoreStats;
  previous: { events: number; lastPosition: number | null };
}

export interface RecentStore {
  path: string;
  openedAt: string;
  exists: boolean;
}

export type SslMode = (typeof SSL_MODES)[number];
export type RememberChoice = (typeof REMEMBER_CHOICES)[number];
export type TableMapTarget = (typeof TABLE_MAP_TARGETS)[number];
export type TableMap = Partial<Record<TableMapTarget, string>>;
export interface TableMapping {
  table: string;
  map: TableMap;
}
/** What the connection form sends (parsed): see `connectionFields` above. */
export type ConnectionFields = z.output<typeof connectionRequest>;
/** What main hands the session to connect: the form's fields, the password resolved, nothing else. */
export type DatabaseConnection = Omit<ConnectionFields, 'recentId'>;
export type OpenDatabaseRequest = ParsedInput<'store/openDatabase'>;
export type PreviewMappingRequest = ParsedInput<'store/previewMapping'>;

/** "Test connection": what the server and the store are, before opening it. */
export interface ConnectionTest {
  ok: true;
  /** e.g. "PostgreSQL 15.8". */
  serverVersion: string;
  /** e.g. "Marten in schema public", "Mapped table public.events". */
  layout: string;
  /** Whether the session is read-only at the server (it always should be: default_transaction_read_only). */
  readOnly: boolean;
  events?: number;
}

/** A remembered connection; never carries the password, only whether one is saved (encrypted). */
export interface RecentConnection {
  id: string;
  /** e.g. "auditor@db.example.com:5432/orders". */
  label: string;
  host: string;
  port: number;
  database: string;
  user: string;
  schema?: string;
  sslMode?: SslMode;
  mapping?: TableMapping;
  hasSavedPassword: boolean;
  /** ISO time in UTC. */
  lastOpenedAt: string;
}

/** Whether "remember with password" can work here: Electron's safeStorage with an OS keyring. */
export interface PasswordStorage {
  available: boolean;
  /** Why not, in people's words (browser mode, no keyring): main's English. */
  reason: string | null;
  /** The reason as words, for the screen to say in its language. */
  reasonWords?: ErrorWords;
}

/** The mapped table's columns and its first rows as the viewer would show them. */
export interface MappingPreview {
  table: string;
  columns: { name: string; type: string }[];
  /** Required targets with no column yet; rows are empty until none is missing. */
  missing: TableMapTarget[];
  /** Column guesses by name (e.g. stream_id → streamId) for the targets not mapped yet. */
  suggested?: TableMap;
  /** The first rows (up to 20): an event, or why that row cannot be read as one. */
  rows: { event?: StoredEvent; error?: string; field?: TableMapTarget | null }[];
}

export interface MappingProfile {
  name: string;
  table: string;
  map: TableMap;
  /** ISO time in UTC. */
  savedAt: string;
}

export interface RelatedEvents {
  event: StoredEvent;
  correlationId: string | null;
  causationId: string | null;
  /** The event this one names as its cause, when it is in the store. */
  cause: StoredEvent | null;
  /** Events naming this one as their cause. */
  effects: StoredEvent[];
  /** Other events sharing the correlation id, in position order. */
  sameCorrelation: StoredEvent[];
  truncated: boolean;
}

export type ExportRequest = z.infer<typeof exportRequest>;

export interface ExportResult {
  path: string;
  fileName: string;
  bytes: number;
  sha256: string;
  events: number | null;
  /** Browser mode: where to fetch the file (relative URL on the bridge). */
  downloadUrl: string | null;
  /** The manifest written beside the file (sha256, query, chain head at export time). */
  manifestPath: string;
  manifestDownloadUrl: string | null;
  /** Who signed the manifest (issue 14); null or absent when the export is not signed. */
  signed?: { name: string; fingerprint: string; sequence: number | null } | null;
  /** The bundle's other files (signature, signer.pub.pem, VERIFY.txt, activity, notes), with download links in browser mode. */
  bundleFiles?: { name: string; path: string; downloadUrl: string | null }[];
  /** A masked export (the masking switch was on): where its secret is kept, outside the bundle. */
  maskingSecretFile?: string;
}

export type ImportTarget = (typeof IMPORT_TARGETS)[number];

export interface ImportPreview {
  path: string;
  format: (typeof IMPORT_FORMATS)[number];
  /** Every field name seen in the sample records. */
  fields: string[];
  /** Target → source field, recognised or mapped. */
  resolved: Partial<Record<ImportTarget, string>>;
  /** Required targets with no source yet (needs a mapping). */
  missing: ImportTarget[];
  sample: { line: number; event?: { streamId: string; version: number | null; type: string; eventId: string | null; time: string; data: unknown }; error?: string; field?: ImportTarget | null; words?: ErrorWords }[];
}

export interface ImportSummary {
  input: string;
  out: string;
  format: (typeof IMPORT_FORMATS)[number];
  records: number;
  events: number;
  duplicates: number;
  streams: number;
  skippedCount: number;
  skipped: { line: number; field: ImportTarget | null; message: string }[];
  timeDefaulted: number;
  renumberedStreams: number;
  /** A verified copy: how the source numbers versions when not from 1 (source = copy version + offset). */
  sourceVersions?: { offset: number; note: string } | null;
  chainHead: string | null;
  seconds: number;
  reportPath: string | null;
}

export interface JobDetail {
  job: JobState;
  result: ExportResult | ImportSummary | VerifyReport | SnapshotBuild | null;
}

/**
 * The open store's projections folder as the panel shows it. `problem` says why the remembered or
 * chosen folder could not be read (it moved, it is not a folder): the store is open all the same,
 * with the built-in projections.
 */
export interface ProjectionFolderView extends ProjectionFolderInfo {
  problem: string | null;
}

export interface Outputs {
  'app/info': AppInfo;
  'app/setLanguage': null;
  'store/open': OpenedStore;
  'store/openDemo': OpenedStore;
  'store/current': OpenedStore | null;
  'store/close': null;
  'store/recent': RecentStore[];
  'store/openDatabase': OpenedStore;
  'store/testConnection': ConnectionTest;
  'store/recentConnections': RecentConnection[];
  'store/forgetConnection': { forgotten: boolean };
  'store/passwordStorage': PasswordStorage;
  'store/previewMapping': MappingPreview;
  'store/mappingProfiles': MappingProfile[];
  'store/saveMappingProfile': MappingProfile[];
  'store/deleteMappingProfile': MappingProfile[];
  'dialog/openFile': { path: string | null };
  'projections/list': ProjectionInfo[];
  'dialog/openFolder': { path: string | null };
  'projections/folder': ProjectionFolderView;
  'projections/setFolder': ProjectionFolderView;
  'projections/reload': ProjectionFolderView;
  'replay/whatIf': WhatIfResult;
  'replay/drift': DriftResult;
  /** Empty when the store cannot list its tables. */
  'store/tables': TableInfo[];
  'streams/list': Page<StreamSummary>;
  'stream/get': StreamSummary;
  'stream/events': Page<StoredEvent, number>;
  'stream/stateAt': StateAtResult;
  'stream/blame': BlameResult;
  'stream/diff': DiffResult;
  'stream/fieldHistory': FieldHistoryResult;
  'stream/buildSnapshots': JobState;
  'events/list': Page<StoredEvent, number>;
  'events/get': StoredEvent;
  'events/related': RelatedEvents;
  'events/actors': ActorSummary;
  'events/histogram': Histogram;
  /** null for stores without a planner (SQLite files). */
  'events/estimate': QueryEstimate | null;
  'reads/cancel': { cancelled: number };
  'export/start': JobState;
  'search/run': SearchResult;
  'search/export': JobState;
  'search/buildIndex': JobState;
  'search/indexStatus': SearchIndexStatus;
  'cache/clear': { bytes: number };
  'import/preview': ImportPreview;
  'import/start': JobState;
  'import/copyOpenStore': JobState;
  'verify/start': JobState;
  'verify/status': IntegrityStatus | null;
  'jobs/list': JobState[];
  'jobs/get': JobDetail;
  'jobs/cancel': { cancelled: boolean };
  'masking/get': MaskingStatus;
  'masking/set': MaskingStatus;
  'events/getUnmasked': StoredEvent;
  /** null: no signing key yet. */
  'keys/show': SignerInfo | null;
  'keys/init': { info: SignerInfo; created: boolean };
  /** A job of kind 'export' whose result is an ExportResult (the report and its manifest). */
  'report/create': JobState;
  'report/pdf': ReportPdf;
  'activity/list': ActivityListing;
  'activity/verify': ActivityVerdict;
  'notes/list': NotesListing;
  'notes/add': CaseNote;
  'notes/edit': CaseNote;
  'notes/remove': CaseNote;
  'notes/export': NotesExportResult;
}

export type ReportRequest = z.infer<typeof reportRequest>;

/** The PDF written from a report (Electron only). */
export interface ReportPdf {
  path: string;
  fileName: string;
  bytes: number;
  sha256: string;
}

/** Where the notes export went, and its download link in browser mode. */
export interface NotesExportResult {
  path: string;
  fileName: string;
  notes: number;
  downloadUrl: string | null;
}

export type Input<C extends Channel> = z.input<(typeof inputSchemas)[C]>;
export type ParsedInput<C extends Channel> = z.output<(typeof inputSchemas)[C]>;
export type Output<C extends Channel> = Outputs[C];

type ChannelOf<M extends MethodName> = { [C in Channel]: (typeof CHANNELS)[C] extends M ? C : never }[Channel];

/** What the renderer sees: one named method per channel, plus push subscriptions. */
export type LedgerApi = {
  [M in MethodName]: (input?: Input<ChannelOf<M>>) => Promise<Result<Output<ChannelOf<M>>>>;
} & {
  onJobUpdate(listener: (job: JobState) => void): () => void;
  onStoreChanged(listener: (store: OpenedStore | null) => void): () => void;
  onStoreAppended(listener: (change: StoreAppended) => void): () => void;
  onIntegrityStatus(listener: (status: IntegrityStatus) => void): () => void;
  onAppProblem(listener: (problem: AppProblem) => void): () => void;
  onProjectionsChanged(listener: (folder: ProjectionFolderView) => void): () => void;
};

/** Handlers implement every channel with already-validated input. */
export type Handlers = { [C in Channel]: (input: ParsedInput<C>) => Output<C> | Promise<Output<C>> };
