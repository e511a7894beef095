// Verification of the open store in the background, started by every opening: a verify job on a
// lease of the store (progress through the job registry like any job), cancelled when another
// store opens or the store closes. The latest verdict per opening (openId) is the header's badge,
// the marks on affected events, and what export manifests record.
import type { IntegrityStatus } from '../../shared/verify.ts';
import { toErrorInfo } from '../errors.ts';
import type { JobRegistry } from '../jobs/jobRegistry.ts';
import type { Session } from '../session/session.ts';
import { emptyStatus, MAX_AFFECTED, statusFromReport, type LocateEvent } from './integrityStatus.ts';
import type { VerifyReport } from '../../shared/verify.ts';
import { startVerifyJob } from './verifyJob.ts';

export interface BackgroundVerify {
  /** The open store's integrity status, or null when no store is open. */
  current(): IntegrityStatus | null;
  /** Resolves with the verdict of the current opening once it is reached (tests, CLI). */
  settled(): Promise<IntegrityStatus | null>;
  onStatus(listener: (status: IntegrityStatus) => void): () => void;
  dispose(): void;
}

export function createBackgroundVerify(deps: { session: Session; jobs: JobRegistry }): BackgroundVerify {
  const { session, jobs } = deps;
  const listeners = new Set<(status: IntegrityStatus) => void>();
  let status: IntegrityStatus | null = null;
  let running: { openId: number; jobId: string | null; done: Promise<void> } | null = null;

  const publish = (next: IntegrityStatus) => {
    // A late answer of an earlier opening never overwrites the current one.
    if (session.current()?.openId !== next.openId) return;
    status = next;
    for (const listener of listeners) {
      try {
        listener(next);
      } catch {
        // a broken listener must not stop the others
      }
    }
  };

  const cancelRunning = () => {
    if (running?.jobId) jobs.cancel(running.jobId);
    running = null;
  };

  const offJobs = jobs.subscribe((job) => {
    if (!running || job.id !== running.jobId || job.status !== 'running' || !status || status.status !== 'checking') return;
    publish({ ...status, done: job.done, total: job.total });
  });

  const start = (openId: number) => {
    cancelRunning();
    let lease: ReturnType<Session['lease']>;
    try {
      lease = session.lease();
    } catch (error) {
      publish(emptyStatus(openId, 'not-checked', toErrorInfo(error).message));
      return;
    }
    if (!lease.store.info.hasIntegrityChain) {
      lease.release();
      const { adapter, adapterWords } = lease.store.info;
      publish(emptyStatus(openId, 'no-chain', `${adapter} keeps no hash chain, so there is nothing to verify.`, { case: 'noChain', adapter, ...(adapterWords ? { adapterWords } : {}) }));
      return;
    }
    publish(emptyStatus(openId, 'checking'));
    const job = startVerifyJob(jobs, lease.store);
    /** Streams and versions of the positions chain findings name (the state view marks by version). */
    const locateAll = async (report: VerifyReport): Promise<LocateEvent> => {
      const found = new Map<number, { streamId: string; version: number } | null>();
      for (const finding of report.findings.slice(0, MAX_AFFECTED)) {
        if (finding.streamId !== undefined || finding.position === null || found.has(finding.position)) continue;
        try {
          const event = await lease.store.getEvent(finding.position);
          found.set(finding.position, { streamId: event.streamId, version: event.version });
        } catch {
          found.set(finding.position, null); // deleted, or unreadable: the position alone still marks it
        }
      }
      return (position) => found.get(position) ?? null;
    };
    const done = jobs.wait(job.id).then(async (finished) => {
      const report = finished.status === 'succeeded' ? jobs.result<VerifyReport>(job.id) : undefined;
      const verdict = report ? statusFromReport(openId, report, finished.finishedAt ?? undefined, await locateAll(report)) : null;
      lease.release();
      if (verdict) return publish(verdict);
      const error = finished.error?.message ?? 'unknown error';
      if (finished.status === 'cancelled') publish(emptyStatus(openId, 'not-checked', 'the check was cancelled', { case: 'cancelled' }));
      else publish(emptyStatus(openId, 'not-checked', `the check failed: ${error}`, { case: 'failed', error }));
    });
    running = { openId, jobId: job.id, done };
  };

  const offSession = session.onChange((opened) => {
    if (!opened) {
      cancelRunning();
      status = null;
      return;
    }
    // One opening is announced more than once; only a new openId starts a new check.
    if (status?.openId === opened.openId) return;
    start(opened.openId);
  });
  const opened = session.current();
  if (opened) start(opened.openId);

  const current = () => (status && status.openId === session.current()?.openId ? status : null);
  return {
    current,
    async settled() {
      while (running && status?.status === 'checking') await running.done;
      return current();
    },
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      cancelRunning();
      offJobs();
      offSession();
    },
  };
}
