// Every IPC channel and the method the preload exposes for it. Runtime-light on purpose (no zod):
// the sandboxed preload bundles this file. Schemas and result types live in contract.ts.

export const CHANNELS = {
  'app/info': 'appInfo',
  // The renderer's language, for what main itself shows (Electron's native dialogs).
  'app/setLanguage': 'setLanguage',
  'store/open': 'openStore',
  'store/openDemo': 'openDemoStore',
  'store/current': 'currentStore',
  'store/close': 'closeStore',
  'store/recent': 'recentStores',
  // PostgreSQL stores (issue 10): the Start screen's connection form, recent connections, mapped tables.
  'store/openDatabase': 'openDatabase',
  'store/testConnection': 'testConnection',
  'store/recentConnections': 'recentConnections',
  'store/forgetConnection': 'forgetConnection',
  'store/passwordStorage': 'passwordStorage',
  'store/previewMapping': 'previewMapping',
  'store/mappingProfiles': 'mappingProfiles',
  'store/saveMappingProfile': 'saveMappingProfile',
  'store/deleteMappingProfile': 'deleteMappingProfile',
  'dialog/openFile': 'chooseStoreFile',
  'projections/list': 'listProjections',
  // User projections (issue 12): the open store's projections folder (remembered per store), its
  // modules and their load errors, reload; what-if replay, the drift check and the store's tables.
  'dialog/openFolder': 'chooseFolder',
  'projections/folder': 'projectionFolder',
  'projections/setFolder': 'setProjectionFolder',
  'projections/reload': 'reloadProjections',
  'replay/whatIf': 'whatIf',
  'replay/drift': 'driftCheck',
  'store/tables': 'listTables',
  'streams/list': 'listStreams',
  'stream/get': 'getStream',
  'stream/events': 'readStream',
  'stream/stateAt': 'stateAt',
  'stream/blame': 'blame',
  'stream/diff': 'diff',
  'stream/fieldHistory': 'fieldHistory',
  'stream/buildSnapshots': 'buildSnapshots',
  'events/list': 'readAll',
  'events/get': 'getEvent',
  'events/related': 'relatedEvents',
  'events/actors': 'listActors',
  'events/histogram': 'eventHistogram',
  // Issue 10: the planner's estimate of a timeline filter, and Cancel for the screens' reads.
  'events/estimate': 'estimateEvents',
  'reads/cancel': 'cancelReads',
  'export/start': 'startExport',
  // Search (issue 11): one page of matching events (with facets and the plot), and its export.
  'search/run': 'runSearch',
  'search/export': 'exportSearch',
  'search/buildIndex': 'buildSearchIndex',
  'search/indexStatus': 'searchIndexStatus',
  'cache/clear': 'clearCaches',
  'import/preview': 'previewImport',
  'import/start': 'startImport',
  // A verified copy of the open store (any kind, database included) into a new native store.
  'import/copyOpenStore': 'copyOpenStore',
  'verify/start': 'startVerify',
  'verify/status': 'integrityStatus',
  'jobs/list': 'listJobs',
  'jobs/get': 'getJob',
  'jobs/cancel': 'cancelJob',
  // Signed evidence (issue 14): the local signing key shown in the Keys panel, made on request.
  'keys/show': 'showSigningKey',
  'keys/init': 'initSigningKey',
  // The printable report (issue 14): written as an export job; its PDF through Electron only.
  'report/create': 'createReport',
  'report/pdf': 'reportPdf',
  // The viewer's own records (issue 14): its activity log and the open store's case notes.
  'activity/list': 'listActivity',
  'activity/verify': 'verifyActivity',
  'notes/list': 'listNotes',
  'notes/add': 'addNote',
  'notes/edit': 'editNote',
  'notes/remove': 'removeNote',
  'notes/export': 'exportNotes',
  // Masking (issue 14): the header's switch masks what is on screen; showing one event unmasked is explicit and logged.
  'masking/get': 'maskingStatus',
  'masking/set': 'setMasking',
  'events/getUnmasked': 'getEventUnmasked',
} as const;

export type Channel = keyof typeof CHANNELS;
export type MethodName = (typeof CHANNELS)[Channel];

/** Main → renderer pushes (Electron: webContents.send; bridge: server-sent events). */
export const PUSH_CHANNELS = {
  jobUpdate: 'jobs/update',
  storeChanged: 'store/changed',
  /** Another process appended to the open store (live tail). */
  storeAppended: 'store/appended',
  /** The open store's integrity status changed (background verification progress or verdict). */
  integrityStatus: 'store/integrity',
  /** The projections folder changed (a file saved: hot reload, or another folder): re-read the views. */
  projectionsChanged: 'projections/changed',
  /** Main hit an error nobody caught; it logged it and keeps running (crashGuard.ts). */
  appProblem: 'app/problem',
} as const;

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(CHANNELS, value);
}
