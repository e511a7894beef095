// export/start and jobs/*: exports run as cancellable jobs on a lease of the open store; the file
// is always written by main (save dialog in Electron, a download slot in browser mode).
import path from 'node:path';
import type { ExportRequest, ExportResult, Handlers, ImportSummary } from '../../../shared/contract.ts';
import { CancelledError, LedgerError } from '../../errors.ts';
import { exportEvents } from '../../export/exportEvents.ts';
import { exportDiffHtml, exportDiffJson, exportState } from '../../export/reports.ts';
import type { JobRegistry } from '../../jobs/jobRegistry.ts';
import type { Session } from '../../session/session.ts';
import type { Host } from './host.ts';

type ExportChannels = 'export/start' | 'jobs/list' | 'jobs/get' | 'jobs/cancel';

/** A file-system-safe name that still says what is inside. */
function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 80) || 'export';
}

export function suggestedFileName(request: ExportRequest): string {
  switch (request.what) {
    case 'events': {
      const { scope } = request;
      const range = scope.kind === 'stream' ? `${safeName(scope.streamId)}_v${scope.fromVersion ?? 1}-${scope.toVersion ?? 'end'}` : 'all-events';
      return `${range}.${request.format}`;
    }
    case 'state':
      return `${safeName(request.streamId)}_state_v${request.version}.json`;
    case 'diff':
      return `${safeName(request.streamId)}_diff_v${request.from}-v${request.to}.${request.format}`;
  }
}

function title(request: ExportRequest): string {
  if (request.what === 'events') {
    const { scope } = request;
    return `Export ${scope.kind === 'stream' ? scope.streamId : 'events'} as ${request.format.toUpperCase()}`;
  }
  return request.what === 'state' ? `Export state of ${request.streamId} at v${request.version}` : `Export diff of ${request.streamId} v${request.from}→v${request.to}`;
}

export function createExportHandlers(deps: { session: Session; jobs: JobRegistry; host: Host }): Pick<Handlers, ExportChannels> {
  const { session, jobs, host } = deps;
  return {
    'export/start': async (request) => {
      session.require(); // fail before asking for a file name when nothing is open
      const target = await host.chooseSavePath(suggestedFileName(request));
      if (!target) throw new CancelledError('Export');
      const lease = session.lease();
      return jobs.start('export', title(request), async (ctx): Promise<ExportResult> => {
        try {
          const done = (file: { path: string; bytes: number; sha256: string }, events: number | null): ExportResult => ({
            path: file.path,
            fileName: path.basename(file.path),
            bytes: file.bytes,
            sha256: file.sha256,
            events,
            downloadUrl: target.downloadUrl,
          });
          if (request.what === 'events') {
            const result = await exportEvents(lease.store, {
              scope: request.scope,
              format: request.format,
              out: target.path,
              signal: ctx.signal,
              onProgress: (p) => ctx.progress(p.done, p.total, `${p.done.toLocaleString('en-US')} of ${p.total.toLocaleString('en-US')} events`),
            });
            return done(result, result.events);
          }
          if (request.what === 'state') {
            const state = lease.engine.stateAt(request.streamId, { version: request.version }, { projection: request.projection });
            return done(exportState(state, target.path), null);
          }
          const diff = lease.engine.diff(request.streamId, request.from, request.to, { projection: request.projection, maxChanges: 100_000 });
          return done(request.format === 'html' ? exportDiffHtml(diff, target.path) : exportDiffJson(diff, target.path), null);
        } finally {
          lease.release();
        }
      });
    },
    'jobs/list': () => jobs.list(),
    'jobs/get': ({ id }) => {
      const job = jobs.get(id);
      if (!job) throw new LedgerError('NOT_FOUND', `There is no job '${id}'.`);
      return { job, result: jobs.result<ExportResult | ImportSummary>(id) ?? null };
    },
    'jobs/cancel': ({ id }) => ({ cancelled: jobs.cancel(id) }),
  };
}
