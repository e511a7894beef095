// Composition root shared by the Electron app and browser mode: session + jobs + handlers + dispatch.
// The host (dialogs, downloads) is the only thing that differs between the two.
import type { DemoOptions } from './demo/generateDemo.ts';
import { createDispatch, type Dispatch } from './ipc/dispatch.ts';
import type { Host } from './ipc/handlers/host.ts';
import { createHandlers } from './ipc/handlers/index.ts';
import { createJobRegistry, type JobRegistry } from './jobs/jobRegistry.ts';
import type { AppPaths } from './session/paths.ts';
import { createBackgroundVerify, type BackgroundVerify } from './verify/backgroundVerify.ts';
import { createSession, type Session } from './session/session.ts';

export interface LedgerApp {
  session: Session;
  jobs: JobRegistry;
  /** The open store's verification, run in the background on every opening. */
  integrity: BackgroundVerify;
  dispatch: Dispatch;
}

export function createLedgerApp(options: { host: Host; paths: AppPaths; demoOptions?: DemoOptions }): LedgerApp {
  const session = createSession({ paths: options.paths, demoOptions: options.demoOptions });
  const jobs = createJobRegistry();
  const integrity = createBackgroundVerify({ session, jobs });
  const dispatch = createDispatch(createHandlers({ session, jobs, host: options.host, integrity }));
  return { session, jobs, integrity, dispatch };
}
