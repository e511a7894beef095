// Builds the e2e demo store once (deterministic) and the hostile-data store, starts the PostgreSQL
// server of the database journeys (support/postgresStore.ts; its teardown is returned), and says up
// front whether the electron project can run on this machine.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { assertElectronWhenRequired, electronBinary } from '../scripts/electronBinary.ts';
import { CLI, DEMO_ARGS, DEMO_STORE, FIXTURE_DIR, HOSTILE_STORE } from './support/paths.ts';
import { setUpPostgres } from './support/postgresStore.ts';

export default async function globalSetup(): Promise<() => Promise<void>> {
  fs.mkdirSync(FIXTURE_DIR, { recursive: true });
  if (!fs.existsSync(DEMO_STORE)) execFileSync(process.execPath, [CLI, 'demo', '--out', DEMO_STORE, ...DEMO_ARGS], { stdio: 'inherit' });
  // Rewritten every run (under a second) so it always matches hostileStore.ts.
  execFileSync(process.execPath, [path.join(import.meta.dirname, 'support', 'hostileStore.ts'), HOSTILE_STORE], { stdio: 'inherit' });
  const electron = electronBinary();
  assertElectronWhenRequired(electron);
  if ('reason' in electron) console.log(`\n[e2e] electron project: every test skipped — ${electron.reason}\n`);
  else console.log(`\n[e2e] electron project: using ${electron.path}\n`);
  return setUpPostgres();
}
