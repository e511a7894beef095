// Where the app keeps its own files (never beside an audited store): config, cache, exports.
import os from 'node:os';
import path from 'node:path';

export interface AppPaths {
  /** recent.json and other settings. */
  config: string;
  /** Demo store and other regenerable data. */
  cache: string;
  /** Browser mode: exported files waiting to be downloaded. */
  exports: string;
}

export function defaultAppPaths(): AppPaths {
  const home = os.homedir();
  const config = process.env.LEDGER_CONFIG_DIR ?? path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'replay-ledger');
  const cache = process.env.LEDGER_CACHE_DIR ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(home, '.cache'), 'replay-ledger');
  return { config, cache, exports: path.join(cache, 'exports') };
}
