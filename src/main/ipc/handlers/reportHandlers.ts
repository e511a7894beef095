// report/create and report/pdf: the printable report of a stream, written by main as an export job
// (save dialog in Electron, a download slot in browser mode) with its manifest beside it; its PDF
// through the host's printToPdf, which only the Electron app has.
import path from 'node:path';
import type { ExportResult, Handlers } from '../../../shared/contract.ts';
import type { SignerInfo } from '../../../shared/evidence.ts';
import { CancelledError, LedgerError } from '../../errors.ts';
import type { EventMasker, NotesReader } from '../../evidence/services.ts';
import type { JobRegistry } from '../../jobs/jobRegistry.ts';
import { writeBytesAtomically } from '../../report/pdfFile.ts';
import { sealReport } from '../../report/reportBundle.ts';
import { resolveRange } from '../../report/reportRequest.ts';
import { writeReport } from '../../report/writeReport.ts';
import type { Session } from '../../session/session.ts';
import type { BackgroundVerify } from '../../verify/backgroundVerify.ts';
import { manifestIntegrity } from '../../verify/integrityStatus.ts';
import { exportResultOf } from './exportHandlers.ts';
import type { Host } from './host.ts';
import { bundleEvidence, type EvidenceDeps } from './bundleEvidence.ts';
import { withMaskingEvidence } from '../../export/manifest.ts';
import type { ScreenMasking } from '../../masking/screenMasking.ts';
import { noSuchStream } from '../../notFound.ts';
import { words } from '../../../shared/errorWords/index.ts';

/** The evidence services a report draws on, when the app has them (composition.ts wires them). */
export interface ReportEvidence {
  notes?: NotesReader | null;
  /** A new masker for each report (one secret per bundle), or null when masking is off. */
  masker?: () => EventMasker | null;
  /** The signing identity whose key seals the bundle, or null when the report is not signed. */
  signer?: () => SignerInfo | null;
}

export interface ReportHandlerDeps extends EvidenceDeps {
  session: Session;
  /** The header's masking switch: while it is on, a report is masked with its own kept secret, as exports are. */
  masking?: ScreenMasking;
  jobs: JobRegistry;
  host: Host;
  integrity?: BackgroundVerify;
  evidence?: ReportEvidence;
  /** How long a PDF may take before the user is told it failed (default 2 minutes): printing must never hang the app. */
  pdfTimeoutMs?: number;
}

const PDF_TIMEOUT_MS = 120_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new LedgerError('IO_ERROR', words('errorWords.host.pdfTimeout', { seconds: Math.round(ms / 1000) }))), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const safeName = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 80) || 'stream';

export function createReportHandlers(deps: ReportHandlerDeps): Pick<Handlers, 'report/create' | 'report/pdf'> {
  const { session, jobs, host, integrity, evidence = {} } = deps;
  /** Jobs that wrote a report: only their files may be turned into a PDF. */
  const reportJobs = new Set<string>();
  return {
    'report/create': async (request) => {
      session.require();
      // Check the stream and the versions before asking where to save: no dialog for a report that cannot be made.
      const check = session.lease();
      let range;
      try {
        const stream = await check.store.getStream(request.streamId);
        if (!stream) throw noSuchStream(request.streamId);
        range = resolveRange(stream, request);
      } finally {
        check.release();
      }
      const target = await host.chooseSavePath(`${safeName(request.streamId)}_report_v${range.fromVersion}-v${range.toVersion}.html`);
      if (!target) throw new CancelledError('Report');
      const lease = session.lease();
      // The verdict of this opening's background verification as it stands now; the report prints it as it is.
      const verdict = manifestIntegrity(integrity?.current() ?? null);
      // The bundle: signed when asked (the key is made on first use), with this store's activity
      // excerpt and notes; masked like an export while the masking switch is on.
      const signed = bundleEvidence(deps, request.sign);
      const bundle = deps.masking?.forBundle() ?? null;
      const masker = bundle?.masker ?? evidence.masker?.() ?? null;
      const sealedEvidence = withMaskingEvidence({ ...signed, notes: signed.notes ?? evidence.notes ?? null }, bundle?.masker);
      const job = jobs.start('export', `Report on ${request.streamId} v${range.fromVersion}–v${range.toVersion}`, async (ctx): Promise<ExportResult> => {
        try {
          const report = await writeReport(lease.store, lease.engine, request, target.path, {
            integrity: verdict,
            notes: evidence.notes ?? signed.notes ?? null,
            masker,
            // Named only when the bundle really is sealed with that key.
            signer: signed.signer?.info ?? evidence.signer?.() ?? null,
            signal: ctx.signal,
            // main's English line, and the step as facts for the renderer to say in its language
            onProgress: (done, total, message, step) => ctx.progress(done, total, message, undefined, undefined, step),
          });
          const sealed = await sealReport(lease.store, report, sealedEvidence);
          return { ...exportResultOf(sealed.file, report.totals.eventsListed, target.downloadUrl, sealed), ...(bundle ? { maskingSecretFile: bundle.secret.file } : {}) };
        } finally {
          lease.release();
        }
      }, { case: 'report', streamId: request.streamId, from: range.fromVersion, to: range.toVersion });
      reportJobs.add(job.id);
      return job;
    },
    'report/pdf': async ({ jobId }) => {
      if (!host.printToPdf) {
        throw new LedgerError('UNSUPPORTED', words('errorWords.host.pdfInBrowser', {}));
      }
      const job = jobs.get(jobId);
      const result = reportJobs.has(jobId) && job?.status === 'succeeded' ? jobs.result<ExportResult>(jobId) : undefined;
      if (!result) throw new LedgerError('NOT_FOUND', words('errorWords.read.noReport', {}), { jobId });
      const target = await host.chooseSavePath(result.fileName.replace(/\.html?$/i, '') + '.pdf', path.dirname(result.path));
      if (!target) throw new CancelledError('PDF');
      const written = writeBytesAtomically(target.path, await withTimeout(host.printToPdf(result.path), deps.pdfTimeoutMs ?? PDF_TIMEOUT_MS));
      return { path: written.path, fileName: path.basename(written.path), bytes: written.bytes, sha256: written.sha256 };
    },
  };
}
