// import/*: preview a file for the mapping dialog, then import it into a new store as a job.
import path from 'node:path';
import type { Handlers, ImportSummary } from '../../../shared/contract.ts';
import { CancelledError, LedgerError } from '../../errors.ts';
import { importEvents } from '../../import/importEvents.ts';
import { previewImport } from '../../import/previewImport.ts';
import type { JobRegistry } from '../../jobs/jobRegistry.ts';
import type { Host } from './host.ts';
import type { PathGrants } from './pathGrants.ts';

type ImportChannels = 'import/preview' | 'import/start';

export function createImportHandlers(deps: { jobs: JobRegistry; host: Host; grants: PathGrants }): Pick<Handlers, ImportChannels> {
  const { jobs, host, grants } = deps;
  return {
    'import/preview': async ({ path: file, format, mapping }) => previewImport(await grants.authorize(file, 'read'), { format, mapping }),
    'import/start': async ({ input: typedInput, out, format, mapping, skipBad }) => {
      const input = await grants.authorize(typedInput, 'read');
      let target = out === undefined ? undefined : await grants.authorize(out, 'create');
      if (!target) {
        if (host.mode === 'browser') throw new LedgerError('INVALID_INPUT', 'Give the path of the new store to create.');
        const suggested = `${path.basename(input).replace(/\.[^.]+$/, '')}.ledger.db`;
        const chosen = await host.chooseSavePath(suggested, path.dirname(input));
        if (!chosen) throw new CancelledError('Import');
        target = chosen.path;
      }
      const out_ = target;
      return jobs.start('import', `Import ${path.basename(input)}`, async (ctx): Promise<ImportSummary> => {
        const report = await importEvents({
          input,
          out: out_,
          format,
          mapping,
          skipBad,
          signal: ctx.signal,
          onProgress: (p) => ctx.progress(p.done, p.total, `${p.events.toLocaleString('en-US')} events imported`),
        });
        return { ...report };
      });
    },
  };
}
