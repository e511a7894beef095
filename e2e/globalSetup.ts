// Builds the e2e demo store once (deterministic), and says up front whether the electron project
// can run on this machine.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { electronBinary } from '../scripts/electronBinary.ts';
import { CLI, DEMO_ARGS, DEMO_STORE, FIXTURE_DIR } from './support/paths.ts';

export default function globalSetup(): void {
  fs.mkdirSync(FIXTURE_DIR, { recursive: true });
  if (!fs.existsSync(DEMO_STORE)) execFileSync(process.execPath, [CLI, 'demo', '--out', DEMO_STORE, ...DEMO_ARGS], { stdio: 'inherit' });
  const electron = electronBinary();
  if ('reason' in electron) console.log(`\n[e2e] electron project: every test skipped — ${electron.reason}\n`);
  else console.log(`\n[e2e] electron project: using ${electron.path}\n`);
}
