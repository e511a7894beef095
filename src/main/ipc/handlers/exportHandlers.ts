// export/start and jobs/*: exports run as cancellable jobs on a lease of the open store; the file
// is always written by main (save dialog in Electron, a download slot in browser mode).
import path from 'node:path';
import type { ExportRequest, ExportResult, Handlers, JobDetail } from '../../../shared/contract.ts';
import type { JobSubject } from '../../../shared/jobs.ts';
import { startVerifyJob } from '../../verify/verifyJob.ts';
import { verify } from '../../verify/verify.ts';
import type { VerifyPhase } from '../../../shared/verify.ts';
import { CancelledError, LedgerError } from '../../errors.ts';
import { exportEventsSigned, manifestPathFor } from '../../export/manifest.ts';
import type { WrittenFile } from '../../export/fileWriter.ts';
import { exportDiffSigned, exportStateSigned } from '../../export/replayExports.ts';
import type { JobRegistry } from '../../jobs/jobRegistry.ts';
import type { Session } from '../../session/session.ts';
import type { BackgroundVerify } from '../../verify/backgroundVerify.ts';
import { manifestIntegrity } from '../../verify/integrityStatus.ts';
import { parseExpectedHead } from '../../../shared/expectedHead.ts';
import type { Host } from './host.ts';
import { bundleEvidence, sealedParts, type EvidenceDeps } from './bundleEvidence.ts';
import type { ExportManifest } from '../../../shared/verify.ts';
import type { ScreenMasking } from '../../masking/screenMasking.ts';
import { words } from '../../../shared/errorWords/index.ts';

/** What each phase of verifyWithoutChain is doing, in the job's words. */
const CHAINLESS_PHASES: Record<VerifyPhase, string> = {
  chain: 'reading every event',
  streams: 'reading every event: positions, ids and stream versions',
  summaries: 'comparing the stream summaries with the events',
  types: 'reading each stream back through its own path',
  integrity: 'checking',
  done: 'done',
};

type ExportChannels = 'export/start' | 'verify/start' | 'verify/status' | 'jobs/list' | 'jobs/get' | 'jobs/cancel';

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

/** The title's facts, for screens to say it in their language (`title` is main's English). */
function subject(request: ExportRequest): JobSubject {
  if (request.what === 'events') return { case: 'exportEvents', streamId: request.scope.kind === 'stream' ? request.scope.streamId : null, format: request.format.toUpperCase() };
  return request.what === 'state' ? { case: 'exportState', streamId: request.streamId, version: request.version } : { case: 'exportDiff', streamId: request.streamId, from: request.from, to: request.to };
}

/** What the renderer is told of a written export: the file, its manifest beside it, and their download links in browser mode. */
export function exportResultOf(file: WrittenFile, events: number | null, downloadUrl: string | null, sealed?: { manifest: ExportManifest; signaturePath: string | null }): ExportResult {
  return {
    ...(sealed ? sealedParts(sealed.manifest, manifestPathFor(file.path), sealed.signaturePath, downloadUrl) : {}),
    path: file.path,
    fileName: path.basename(file.path),
    bytes: file.bytes,
    sha256: file.sha256,
    events,
    downloadUrl,
    manifestPath: manifestPathFor(file.path),
    manifestDownloadUrl: downloadUrl ? `${downloadUrl}${encodeURIComponent('.manifest.json')}` : null,
  };
}

export function createExportHandlers(deps: { session: Session; jobs: JobRegistry; host: Host; integrity?: BackgroundVerify; masking?: ScreenMasking } & EvidenceDeps): Pick<Handlers, ExportChannels> {
  const { session, jobs, host, integrity } = deps;
  return {
    'export/start': async (request) => {
      session.require(); // fail before asking for a file name when nothing is open
      const evidence = bundleEvidence(deps, request.sign);
      const target = await host.chooseSavePath(suggestedFileName(request));
      if (!target) throw new CancelledError('Export');
      const lease = session.lease();
      // The verdict of this opening's background verification, as it stands when the export starts.
      const verdict = manifestIntegrity(integrity?.current() ?? null);
      // The masking switch on: this bundle is masked, with its own kept secret (masking/).
      const bundle = deps.masking?.forBundle() ?? null;
      const masker = bundle?.masker;
      return jobs.start('export', title(request), async (ctx): Promise<ExportResult> => {
        try {
          // Every export gets its manifest beside it (sha256, query, chain head): see manifest.ts.
          const done = (file: WrittenFile, events: number | null, sealed: { manifest: ExportManifest; signaturePath: string | null }) => ({ ...exportResultOf(file, events, target.downloadUrl, sealed), ...(bundle ? { maskingSecretFile: bundle.secret.file } : {}) });
          if (request.what === 'events') {
            const result = await exportEventsSigned(lease.store, {
              scope: request.scope,
              format: request.format,
              out: target.path,
              signal: ctx.signal,
              onProgress: (p) => ctx.progress(p.done, p.total, `${p.done.toLocaleString('en-US')} of ${p.total.toLocaleString('en-US')} events`),
              masker,
            }, verdict, evidence);
            return done(result, result.events, result);
          }
          if (request.what === 'state') {
            const { file, manifest } = await exportStateSigned(lease.store, lease.engine, { streamId: request.streamId, version: request.version, projection: request.projection, out: target.path, masker }, verdict, evidence);
            return done(file, null, manifest);
          }
          const { file, manifest } = await exportDiffSigned(
            lease.store,
            lease.engine,
            { streamId: request.streamId, from: request.from, to: request.to, projection: request.projection, format: request.format, out: target.path, masker },
            verdict,
            evidence,
          );
          return done(file, null, manifest);
        } finally {
          lease.release();
        }
      }, subject(request));
    },
    'verify/start': ({ expectHead }) => {
      const lease = session.lease();
      if (!lease.store.info.hasIntegrityChain && expectHead !== undefined) {
        lease.release();
        throw new LedgerError('UNSUPPORTED', words('errorWords.host.noChainHead', { adapter: lease.store.info.adapterWords ?? lease.store.info.adapter }));
      }
      const head = expectHead === undefined ? null : parseExpectedHead(expectHead).value;
      // Without a chain, verify() runs the checks the reader allows (verifyReader.ts): its phases say so.
      const store = lease.store;
      const job = store.info.hasIntegrityChain
        ? startVerifyJob(jobs, store, head ? { expectHead: head } : {})
        : jobs.start('verify', `Check ${store.info.path}`, (ctx) => verify(store, { signal: ctx.signal, onProgress: (p) => ctx.progress(p.done, p.total, CHAINLESS_PHASES[p.phase], `chainless.${p.phase}`) }), { case: 'check', path: store.info.path });
      void jobs.wait(job.id).finally(lease.release);
      return job;
    },
    'verify/status': () => integrity?.current() ?? null,
    'jobs/list': () => jobs.list(),
    'jobs/get': ({ id }) => {
      const job = jobs.get(id);
      if (!job) throw new LedgerError('NOT_FOUND', words('errorWords.read.noJob', { id }));
      return { job, result: jobs.result<JobDetail['result']>(id) ?? null };
    },
    'jobs/cancel': ({ id }) => ({ cancelled: jobs.cancel(id) }),
  };
}
