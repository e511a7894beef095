// The viewer's own records (issue 14) made once per app or CLI run: the activity log and the case
// notes, both under the ledger home. Signing, masking and the report take `activity` (an
// ActivityRecorder) and `notes` (a NotesReader) from here, through composition.ts or the CLI.
import path from 'node:path';
import { ledgerHome } from '../evidence/home.ts';
import { createCaseNotes, type CaseNotes } from '../notes/caseNotes.ts';
import { createActivityLog, type ActivityLog } from './activityLog.ts';

export interface ViewerRecords {
  home: string;
  activity: ActivityLog;
  notes: CaseNotes;
}

export function createViewerRecords(options: { home: string; user?: string }): ViewerRecords {
  const home = path.resolve(options.home);
  const activity = createActivityLog({ home, user: options.user });
  return { home, activity, notes: createCaseNotes({ home, activity, user: options.user }) };
}

/**
 * The app's ledger home: LEDGER_HOME when set, otherwise the config folder it was given (which is
 * ledgerHome()'s own default in the app, and a private folder in tests that build an app on temp paths).
 */
export function appLedgerHome(configFolder: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.LEDGER_HOME?.trim() ? ledgerHome(env) : path.resolve(configFolder);
}
