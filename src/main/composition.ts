// Composition root shared by the Electron app and browser mode: session + jobs + handlers + dispatch.
// The host (dialogs, downloads) is the only thing that differs between the two.
import type { AppProblem } from '../shared/contract.ts';
import type { DemoOptions } from './demo/generateDemo.ts';
import { createDispatch, type Dispatch } from './ipc/dispatch.ts';
import type { Host } from './ipc/handlers/host.ts';
import { createHandlers } from './ipc/handlers/index.ts';
import type { ReportEvidence } from './ipc/handlers/reportHandlers.ts';
import { createJobRegistry, type JobRegistry } from './jobs/jobRegistry.ts';
import type { AppPaths } from './session/paths.ts';
import { createBackgroundVerify, type BackgroundVerify } from './verify/backgroundVerify.ts';
import { createSession, type Session } from './session/session.ts';
import { createDatabaseStores } from './session/databaseStores.ts';
import { createSearchIndexes } from './session/searchIndexes.ts';
import { createHistogramCaches } from './session/histogramCaches.ts';
import { createRecentConnections, type SecretBox } from './session/recentConnections.ts';
import path from 'node:path';
import type { KeyProtectorSource } from './evidence/signing/keyProtector.ts';
import { createSigningKeys } from './evidence/signing/signingKeys.ts';
import { appLedgerHome, createViewerRecords, type ViewerRecords } from './activity/viewerRecords.ts';
import { recordStoreOpenings } from './activity/recordActivity.ts';
import { createScreenMasking } from './masking/screenMasking.ts';

/** Problems main did not expect (crashGuard.ts), fanned out to whichever windows listen. */
export interface ProblemHub {
  report(problem: AppProblem): void;
  subscribe(listener: (problem: AppProblem) => void): () => void;
}

export interface LedgerApp {
  session: Session;
  jobs: JobRegistry;
  /** The open store's verification, run in the background on every opening. */
  integrity: BackgroundVerify;
  dispatch: Dispatch;
  problems: ProblemHub;
  /** The viewer's own records: `records.activity` (ActivityRecorder) and `records.notes` (NotesReader). */
  records: ViewerRecords;
}

function createProblemHub(): ProblemHub {
  const listeners = new Set<(problem: AppProblem) => void>();
  return {
    report: (problem) => {
      for (const listener of listeners) listener(problem);
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function createLedgerApp(options: {
  host: Host;
  paths: AppPaths;
  demoOptions?: DemoOptions;
  /** Encrypts a remembered database password (Electron's safeStorage); absent in browser mode, where none is stored. */
  secrets?: SecretBox | null;
  /** Encrypts the private signing key (Electron's safeStorage) when available; absent: an owner-only file. */
  keyProtector?: KeyProtectorSource;
  /** Notes, masking and the signer the printable report draws on (issue 14; wired when those services exist). */
  reportEvidence?: ReportEvidence;
  /** The ledger home (activity log, notes, keys); default LEDGER_HOME, else paths.config. */
  home?: string;
}): LedgerApp {
  const session = createSession({ paths: options.paths, demoOptions: options.demoOptions });
  const jobs = createJobRegistry();
  const integrity = createBackgroundVerify({ session, jobs });
  const recent = createRecentConnections({ file: path.join(options.paths.config, 'connections.json'), secrets: options.secrets ?? null });
  const databases = createDatabaseStores(session);
  const searchIndexes = createSearchIndexes({ session, jobs, cacheDir: options.paths.cache });
  // One ledger home for the activity log, the case notes and the signing key.
  const home = options.home ?? appLedgerHome(options.paths.config);
  const records = createViewerRecords({ home });
  recordStoreOpenings(session, records.activity);
  const problems = createProblemHub();
  // A log that cannot be written is shown once in the window's problem banner; the work goes on.
  let unrecorded = 0;
  records.activity.onProblem((message) => problems.report({ id: -++unrecorded, kind: 'activityLog', at: new Date().toISOString(), message, logFile: null }));
  // The header's masking switch (off at start); its exports keep their secrets in the ledger home.
  const masking = createScreenMasking({ home: () => home });
  const signing = createSigningKeys({ home, protector: options.keyProtector, activity: records.activity });
  // Every bundle from the app carries this store's activity excerpt and notes; the report draws on the notes too.
  const reportEvidence: ReportEvidence = { notes: records.notes, ...options.reportEvidence };
  const histograms = createHistogramCaches({ session, cacheDir: options.paths.cache });
  const dispatch = createDispatch(
    createHandlers({ session, jobs, host: options.host, integrity, databases, recent, searchIndexes, records, signing, activity: records.activity, notes: records.notes, reportEvidence, masking, histograms }),
  );
  return { session, jobs, integrity, dispatch, problems, records };
}
