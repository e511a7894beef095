// Where the app's activity is recorded, from the outside of the handlers that do the work: the
// store opened (every new opening of the session), a search (its first page), a verification and an
// export (once their jobs end, with the verdict or the files). Wrapping keeps the handlers
// themselves unaware of the log; a log that cannot be written never fails the action.
import type { ExportResult, Handlers } from '../../shared/contract.ts';
import type { ActivityInput } from '../../shared/evidence.ts';
import type { VerifyReport } from '../../shared/verify.ts';
import type { ActivityRecorder } from '../evidence/services.ts';
import { storeKeyOf, type StoreKey } from '../evidence/storeKey.ts';
import type { JobRegistry } from '../jobs/jobRegistry.ts';
import type { Session } from '../session/session.ts';
import type { JobState } from '../../shared/jobs.ts';

export interface OpenStoreFacts {
  /** The open store's lasting key (cached per opening), or null when nothing is open. */
  storeKey(): StoreKey | null;
  /** storeKey, storeLabel and the chain head of the open store as last read. */
  facts(): Pick<ActivityInput, 'storeKey' | 'storeLabel' | 'chainHead'>;
}

export function openStoreFacts(session: Session): OpenStoreFacts {
  let cached: { openId: number; key: StoreKey } | null = null;
  const storeKey = (): StoreKey | null => {
    const open = session.current();
    if (!open) return null;
    if (cached?.openId !== open.openId) cached = { openId: open.openId, key: storeKeyOf(session.require().store) };
    return cached.key;
  };
  return {
    storeKey,
    facts() {
      const key = storeKey();
      return key ? { storeKey: key.key, storeLabel: key.label, chainHead: session.current()?.stats.chainHead ?? null } : {};
    },
  };
}

/** One 'store.opened' entry per opening (a live-tail re-open keeps its openId and is not one). */
export function recordStoreOpenings(session: Session, activity: ActivityRecorder, facts: OpenStoreFacts = openStoreFacts(session)): () => void {
  let lastOpenId = 0;
  return session.onChange((open) => {
    if (!open || open.openId === lastOpenId) return;
    lastOpenId = open.openId;
    try {
      const key = facts.storeKey();
      activity.record({
        action: 'store.opened',
        storeKey: key?.key ?? null,
        storeLabel: key?.label ?? open.info.path,
        chainHead: open.stats.chainHead,
        details: { storeId: key?.storeId ?? null, format: open.info.format, adapter: open.info.adapter, events: open.stats.events, streams: open.stats.streams, lastPosition: open.stats.lastPosition, access: open.info.access ?? 'direct' },
      });
    } catch (error) {
      console.warn(`[activity] the opening of ${open.info.path} was not recorded: ${(error as Error).message}`);
    }
  });
}

function filesOf(result: ExportResult | null | undefined) {
  return result ? { file: result.path, bytes: result.bytes, sha256: result.sha256, events: result.events, manifest: result.manifestPath } : {};
}

/** The handlers, with an activity entry for what an auditor would be asked about afterwards. */
export function withActivityRecording(handlers: Handlers, deps: { session: Session; jobs: JobRegistry; activity: ActivityRecorder; facts?: OpenStoreFacts }): Handlers {
  const { jobs, activity } = deps;
  const facts = deps.facts ?? openStoreFacts(deps.session);
  const record = (input: ActivityInput) => {
    try {
      activity.record({ ...facts.facts(), ...input });
    } catch {
      /* record() does not throw; facts() might if the store closed meanwhile: the action goes on */
    }
  };
  /** Records once the job ends, with what it produced. */
  const whenDone = <R>(job: JobState, entry: (job: JobState, result: R | undefined) => ActivityInput) => {
    const at = facts.facts();
    void jobs.wait(job.id).then(
      (ended) => {
        try {
          activity.record({ ...at, ...entry(ended, jobs.result<R>(job.id)) });
        } catch {
          /* see record() */
        }
      },
      () => {},
    );
    return job;
  };
  const outcome = (job: JobState) => ({ status: job.status, ...(job.error ? { error: job.error.message } : {}) });
  return {
    ...handlers,
    'search/run': async (request) => {
      const result = await handlers['search/run'](request);
      // One entry per search, not per page scrolled.
      if (!request.after) record({ action: 'search', details: { via: 'app', q: request.q, literal: request.literal ?? false, total: result.total, totalIsLowerBound: result.totalIsLowerBound } });
      return result;
    },
    'search/export': async (request) =>
      whenDone<ExportResult>(await handlers['search/export'](request), (job, result) => ({ action: 'export', details: { via: 'app', what: 'search', q: request.q, literal: request.literal ?? false, ...outcome(job), ...filesOf(result) } })),
    'export/start': async (request) =>
      whenDone<ExportResult>(await handlers['export/start'](request), (job, result) => ({ action: 'export', details: { via: 'app', request, ...outcome(job), ...filesOf(result) } })),
    'report/create': async (request) =>
      whenDone<ExportResult>(await handlers['report/create'](request), (job, result) => ({ action: 'report', details: { via: 'app', request, ...outcome(job), ...filesOf(result) } })),
    'verify/start': async (request) =>
      whenDone<VerifyReport>(await handlers['verify/start'](request), (job, report) => ({
        action: 'verify',
        ...(report?.chainHead ? { chainHead: report.chainHead } : {}),
        details: {
          via: 'app',
          ...outcome(job),
          ...(request.expectHead ? { expectHead: request.expectHead } : {}),
          ...(report ? { verdict: report.ok ? 'intact' : 'failed', findingCounts: report.findingCounts, eventsChecked: report.eventsChecked, mode: report.mode ?? 'chain' } : {}),
        },
      })),
  };
}
