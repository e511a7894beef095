// Test helper run as a child process: appends N entries to the activity log in HOME, as a second
// viewer (the CLI beside the app) would. Usage: node appendMany.fixture.ts HOME N TAG
import { createActivityLog } from './activityLog.ts';

const [home, count, tag] = process.argv.slice(2);
const log = createActivityLog({ home, lockTimeoutMs: 20_000 });
let failed = 0;
for (let i = 0; i < Number(count); i++) {
  if (!log.record({ action: 'search', details: { q: `${tag}-${i}` } })) failed++;
}
process.exitCode = failed === 0 ? 0 : 1;
