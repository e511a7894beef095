// import/*: preview a file for the mapping dialog, then import it into a new store as a job; and a
// verified copy of the open store (a file or a database) into a new native store.
import path from 'node:path';
import type { Handlers, ImportSummary } from '../../../shared/contract.ts';
import { words } from '../../../shared/errorWords/index.ts';
import { CancelledError, LedgerError } from '../../errors.ts';
import type { ImportOptions } from '../../import/importEvents.ts';
import { importOnThread } from '../../import/workerImport.ts';
import { previewImport } from '../../import/previewImport.ts';
import type { JobRegistry } from '../../jobs/jobRegistry.ts';
import type { JobSubject } from '../../../shared/jobs.ts';
import type { Session } from '../../session/session.ts';
import type { Host } from './host.ts';
import type { PathGrants } from './pathGrants.ts';

type ImportChannels = 'import/preview' | 'import/start' | 'import/copyOpenStore';

export function createImportHandlers(deps: { session: Session; jobs: JobRegistry; host: Host; grants: PathGrants }): Pick<Handlers, ImportChannels> {
  const { session, jobs, host, grants } = deps;

  /** The new store's path: a typed one main vouches for ('create'), or Electron's save dialog. */
  async function targetPath(out: string | undefined, suggested: string, directory: string | undefined, what: string): Promise<string> {
    if (out !== undefined) return grants.authorize(out, 'create');
    if (host.mode === 'browser') throw new LedgerError('INVALID_INPUT', words('errorWords.host.newStorePath', {}));
    const chosen = await host.chooseSavePath(suggested, directory);
    if (!chosen) throw new CancelledError(what);
    return chosen.path;
  }

  function runImport(title: string, subject: JobSubject, options: Omit<ImportOptions, 'signal' | 'onProgress'>, finished?: () => void) {
    return jobs.start('import', title, async (ctx): Promise<ImportSummary> => {
      try {
        // A file (or a store by its path or URL) is imported on its own thread, so this one keeps
        // answering the UI through the parse, the inserts and the indexes built at the end; a copy of
        // the open store reads that store's connection and runs here (workerImport.ts).
        const report = await importOnThread({
          ...options,
          signal: ctx.signal,
          onProgress: (p) => ctx.progress(p.done, p.total, `${p.events.toLocaleString('en-US')} events ${options.source ? 'copied' : 'imported'}`, undefined, p.events),
        });
        // Main made this file itself: "Open the copy" / "Open the store" need no further confirmation.
        grants.grant(report.out, 'open');
        return { ...report };
      } finally {
        finished?.();
      }
    }, subject);
  }

  return {
    'import/preview': async ({ path: file, format, mapping }) => previewImport(await grants.authorize(file, 'read'), { format, mapping }),
    'import/start': async ({ input: typedInput, out, format, mapping, skipBad }) => {
      const input = await grants.authorize(typedInput, 'read');
      const target = await targetPath(out, `${path.basename(input).replace(/\.[^.]+$/, '')}.ledger.db`, path.dirname(input), 'Import');
      return runImport(`Import ${path.basename(input)}`, { case: 'import', file: path.basename(input) }, { input, out: target, format, mapping, skipBad });
    },
    'import/copyOpenStore': async ({ out }) => {
      const { store } = session.require(); // fail before asking for a file name when nothing is open
      const database = store.info.kind === 'postgres';
      const name = database ? databaseName(store.info.path) : path.basename(store.info.path).replace(/\.[^.]+$/, '');
      const target = await targetPath(out, `${name}.verified-copy.ledger.db`, database ? undefined : path.dirname(store.info.path), 'Verified copy');
      // A lease: the copy keeps reading this store even if the user opens another meanwhile.
      const lease = session.lease();
      try {
        const source = database ? store.info.path : path.basename(store.info.path);
        return runImport(`Verified copy of ${source}`, { case: 'copy', source }, { input: lease.store.info.path, source: lease.store, out: target, format: 'store' }, lease.release);
      } catch (error) {
        lease.release();
        throw error;
      }
    },
  };
}

/** A file-system-safe name from a database URL (shown without its password): its database name. */
function databaseName(url: string): string {
  let name = 'database';
  try {
    name = decodeURIComponent(new URL(url).pathname.slice(1)) || name;
  } catch {
    // keep the default
  }
  return name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80) || 'database';
}
