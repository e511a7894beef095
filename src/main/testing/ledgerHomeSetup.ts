// Every test file runs with LEDGER_HOME in a throwaway folder, so no test (nor a CLI it spawns,
// which inherits the environment) writes the activity log, notes or keys into a real config folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-home-test-'));
process.env.LEDGER_HOME = home;
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));
