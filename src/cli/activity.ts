// The CLI's side of the viewer's activity log: search, verify and export commands are recorded
// with the store they concerned (its lasting key, label and chain head), the command line
// (passwords redacted) and how it ended. Recording never changes a command's outcome.
import type { ActivityAction } from '../shared/evidence.ts';
import { openStoreTarget } from '../main/adapters/openStoreTarget.ts';
import { storeFacts } from '../main/activity/storeFacts.ts';
import { createViewerRecords, type ViewerRecords } from '../main/activity/viewerRecords.ts';
import { ledgerHome } from '../main/evidence/home.ts';
import { redactSecrets, toErrorInfo } from '../main/errors.ts';
import type { EventStoreReader } from '../main/store/eventStore.ts';
import { UsageError, type CliIo } from './io.ts';
import { t } from './i18n/index.ts';

/** The records under the ledger home as it is now (LEDGER_HOME may differ between in-process test runs). */
export function cliRecords(): ViewerRecords {
  return createViewerRecords({ home: ledgerHome() });
}

type StoreFacts = ReturnType<typeof storeFacts>;
/** The store the running command opened (withStore tells us), so its entry names it without opening it again. */
let opened: StoreFacts | null = null;

export function noteOpenedStore(store: EventStoreReader): void {
  try {
    opened = storeFacts(store);
  } catch {
    opened = null;
  }
}

/** The store named on the command line (first positional or --store), when the command did not open it through withStore. */
function storeArg(argv: string[]): string | null {
  const at = argv.indexOf('--store');
  if (at >= 0 && argv[at + 1]) return argv[at + 1];
  return argv.find((a) => !a.startsWith('-')) ?? null;
}

async function factsFor(argv: string[]): Promise<StoreFacts | { storeLabel: string | null }> {
  if (opened) return opened;
  const target = storeArg(argv);
  if (!target) return { storeLabel: null };
  try {
    const store = await openStoreTarget(target);
    try {
      return storeFacts(store);
    } finally {
      await store.close();
    }
  } catch {
    return { storeLabel: redactSecrets(target) };
  }
}

type Run = (argv: string[], io: CliIo) => number | Promise<number>;

/** `run`, with an activity entry once it has ended (however it ended). */
export function recordedCommand(action: ActivityAction, name: string, run: Run): Run {
  return async (argv, io) => {
    opened = null;
    let outcome: { exitCode: number } | { error: string } | null = { exitCode: 1 };
    try {
      const code = await run(argv, io);
      outcome = { exitCode: code };
      return code;
    } catch (error) {
      // A command line that was refused did nothing worth recording.
      outcome = error instanceof UsageError ? null : { error: toErrorInfo(error).message };
      throw error;
    } finally {
      if (outcome && !argv.includes('--help') && !argv.includes('-h')) {
        const facts = await factsFor(argv);
        const entry = cliRecords().activity.record({ action, ...facts, details: { via: 'cli', command: name, args: argv.map(redactSecrets), ...outcome } });
        if (!entry) io.stderr(`${t('cli.activityNotWritten', { name })}\n`);
        opened = null;
      }
    }
  };
}
