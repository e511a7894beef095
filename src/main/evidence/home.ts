// The viewer's own evidence folder: signing keys, the activity log, case notes and the export
// chain. Never beside an audited store. LEDGER_HOME overrides it for scripts and tests; otherwise
// it is the app's config folder (which LEDGER_CONFIG_DIR / XDG_CONFIG_HOME already steer).
import fs from 'node:fs';
import path from 'node:path';
import { defaultAppPaths } from '../session/paths.ts';

export function ledgerHome(env: NodeJS.ProcessEnv = process.env): string {
  const chosen = env.LEDGER_HOME?.trim();
  return path.resolve(chosen ? chosen : defaultAppPaths().config);
}

/** A folder inside the ledger home, created (owner-only) on first use. */
export function homeFolder(home: string, ...parts: string[]): string {
  const folder = path.join(home, ...parts);
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  return folder;
}
