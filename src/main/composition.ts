// Composition root shared by the Electron app and browser mode: session + jobs + handlers + dispatch.
// The host (dialogs, downloads) is the only thing that differs between the two.
import type { AppProblem } from '../shared/contract.ts';
import type { DemoOptions } from './demo/generateDemo.ts';
import { createDispatch, type Dispatch } from './ipc/dispatch.ts';
import type { Host } from './ipc/handlers/host.ts';
import { createHandlers } from './ipc/handlers/index.ts';
import { createJobRegistry, type JobRegistry } from './jobs/jobRegistry.ts';
import type { AppPaths } from './session/paths.ts';
import { createBackgroundVerify, type BackgroundVerify } from './verify/backgroundVerify.ts';
import { createSession, type Session } from './session/session.ts';
import { createDatabaseStores } from './session/databaseStores.ts';
import { createSearchIndexes } from './session/searchIndexes.ts';
import { createHistogramCaches } from './session/histogramCaches.ts';
import { createRecentConnections, type SecretBox } from './session/recentConnections.ts';
import path from 'node:path';

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
}): LedgerApp {
  const session = createSession({ paths: options.paths, demoOptions: options.demoOptions });
  const jobs = createJobRegistry();
  const integrity = createBackgroundVerify({ session, jobs });
  const recent = createRecentConnections({ file: path.join(options.paths.config, 'connections.json'), secrets: options.secrets ?? null });
  const databases = createDatabaseStores(session);
  const searchIndexes = createSearchIndexes({ session, jobs, cacheDir: options.paths.cache });
  const histograms = createHistogramCaches({ session, cacheDir: options.paths.cache });
  const dispatch = createDispatch(createHandlers({ session, jobs, host: options.host, integrity, databases, recent, searchIndexes, histograms }));
  return { session, jobs, integrity, dispatch, problems: createProblemHub() };
}
