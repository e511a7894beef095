// Browser mode end to end: the app's services with a browser host (no native dialogs; exports go to
// download slots), pushes forwarded as server-sent events, and the bridge serving it all.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PUSH_CHANNELS } from '../shared/channels.ts';
import { createLedgerApp, type LedgerApp } from '../main/composition.ts';
import type { DemoOptions } from '../main/demo/generateDemo.ts';
import { installCrashGuard } from '../main/crashGuard.ts';
import { LedgerError } from '../main/errors.ts';
import type { Host } from '../main/ipc/handlers/host.ts';
import { defaultAppPaths, type AppPaths } from '../main/session/paths.ts';
import { startBridge, type Bridge } from './server.ts';
import { redactSecrets } from '../main/errors.ts';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
export const DEFAULT_RENDERER_DIR = path.join(REPO_ROOT, 'out', 'renderer');
const DAY = 86_400_000;

export function appVersion(): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).version;
  } catch {
    return '0.0.0';
  }
}

function browserHost(exportsDir: string): Host {
  return {
    mode: 'browser',
    version: appVersion(),
    chooseOpenPath: () => Promise.reject(new LedgerError('UNSUPPORTED', 'Browser mode has no file dialog: type or paste the path of the store file.')),
    chooseSavePath: async (suggestedName) => {
      const slot = randomUUID();
      return { path: path.join(exportsDir, slot, suggestedName), downloadUrl: `/api/download/${slot}/${encodeURIComponent(suggestedName)}` };
    },
    // The bridge's token is the boundary here: whoever holds it may type any path (README).
    confinesPaths: false,
    confirmPath: async () => true,
  };
}

/** Export slots from earlier sessions are only waiting for a download that will not come. */
function removeOldExports(exportsDir: string): void {
  if (!fs.existsSync(exportsDir)) return;
  for (const slot of fs.readdirSync(exportsDir)) {
    const full = path.join(exportsDir, slot);
    try {
      if (Date.now() - fs.statSync(full).mtimeMs > DAY) fs.rmSync(full, { recursive: true, force: true });
    } catch {
      // another process may be cleaning up too
    }
  }
}

export interface BrowserModeOptions {
  file?: string;
  openDemo?: boolean;
  port?: number;
  token?: string;
  paths?: AppPaths;
  demoOptions?: DemoOptions;
  rendererDir?: string;
  /**
   * `ledger serve --projections DIR`: the team's projections folder (absolute) for the store opened
   * at start; it is then remembered for that store, as if chosen in the Projections panel.
   */
  projectionsFolder?: string;
  /** Where to report a store that could not be opened at start (the UI then shows the start screen). */
  warn?: (message: string) => void;
  /**
   * A long-running service (`ledger serve`, `npm start`): log and report errors nobody caught and
   * keep serving, instead of dying. Off for tests, whose runner must see such errors.
   */
  guardProcess?: boolean;
}

export async function startBrowserMode(options: BrowserModeOptions = {}): Promise<{ bridge: Bridge; app: LedgerApp }> {
  const paths = options.paths ?? defaultAppPaths();
  removeOldExports(paths.exports);
  const app = createLedgerApp({ host: browserHost(paths.exports), paths, demoOptions: options.demoOptions });
  if (options.guardProcess) installCrashGuard(process, { logFile: path.join(paths.config, 'problems.log'), report: (problem) => app.problems.report(problem) });
  try {
    if (options.file) await app.session.open(options.file);
    else if (options.openDemo) await app.session.openDemo();
  } catch (error) {
    options.warn?.(redactSecrets(`Could not open ${options.file ?? 'the demo store'}: ${(error as Error).message}`));
  }
  if (options.projectionsFolder && app.session.current()) {
    try {
      await app.session.setProjectionFolder(options.projectionsFolder);
    } catch (error) {
      // The store is open and usable with the built-ins; the panel offers another folder.
      options.warn?.(`Could not load the projections folder ${options.projectionsFolder}: ${(error as Error).message}`);
    }
  }
  const bridge = await startBridge({
    dispatch: app.dispatch,
    subscribe: (push) => {
      const offJobs = app.jobs.subscribe((job) => push(PUSH_CHANNELS.jobUpdate, job));
      const offStore = app.session.onChange((store) => push(PUSH_CHANNELS.storeChanged, store));
      const offAppended = app.session.onAppended((change) => push(PUSH_CHANNELS.storeAppended, change));
      const offProjections = app.session.onProjectionsChanged((folder) => push(PUSH_CHANNELS.projectionsChanged, folder));
      const offIntegrity = app.integrity.onStatus((status) => push(PUSH_CHANNELS.integrityStatus, status));
      const offProblems = app.problems.subscribe((problem) => push(PUSH_CHANNELS.appProblem, problem));
      return () => {
        offIntegrity();
        offJobs();
        offStore();
        offAppended();
        offProjections();
        offProblems();
      };
    },
    rendererDir: options.rendererDir ?? DEFAULT_RENDERER_DIR,
    exportsDir: paths.exports,
    port: options.port,
    token: options.token,
  });
  return { bridge, app };
}
