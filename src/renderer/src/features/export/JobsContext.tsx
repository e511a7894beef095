// Export jobs as the UI sees them: started here, progress pushed by main (`jobs/update`), a poll as
// a safety net when a push is missed, and the finished file: downloaded in browser mode, already
// written at the chosen path in Electron.
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { ExportRequest, ExportResult } from '../../../../shared/contract.ts';
import type { JobState } from '../../../../shared/jobs.ts';
import type { Result } from '../../../../shared/result.ts';
import { api, downloadHref } from '../../api.ts';

export interface TrackedJob {
  job: JobState;
  result: ExportResult | null;
}

interface JobsContextValue {
  jobs: TrackedJob[];
  start: (request: ExportRequest) => Promise<Result<JobState>>;
  /** Starts a job of kind 'export' through another channel (search results, a report), tracked and downloaded the same way. */
  startJob: (call: () => Promise<Result<JobState>>) => Promise<Result<JobState>>;
  cancel: (id: string) => void;
  download: (result: ExportResult) => void;
  dismiss: (id: string) => void;
}

const JobsContext = createContext<JobsContextValue | null>(null);

/** jobs/get also answers for imports; only an export has a file to show or download. */
function asExportResult(result: unknown): ExportResult | null {
  return result && typeof result === 'object' && 'sha256' in result && 'fileName' in result ? (result as ExportResult) : null;
}

function triggerDownload(result: ExportResult): void {
  if (!result.downloadUrl) return;
  const link = document.createElement('a');
  link.href = downloadHref(result.downloadUrl);
  link.download = result.fileName;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
}

export function JobsProvider({ children }: { children: ReactNode }) {
  const [jobs, setJobs] = useState<Map<string, TrackedJob>>(new Map());
  const autoDownload = useRef(new Set<string>());
  const fetching = useRef(new Set<string>());

  const upsert = useCallback((job: JobState, result?: ExportResult | null) => {
    setJobs((current) => {
      const previous = current.get(job.id);
      // Pushes can arrive out of order with polls: never move a finished job back to running.
      if (previous && previous.job.status !== 'running' && job.status === 'running') return current;
      const next = new Map(current);
      next.set(job.id, { job, result: result === undefined ? (previous?.result ?? null) : result });
      return next;
    });
  }, []);

  const fetchResult = useCallback(
    (id: string) => {
      if (fetching.current.has(id)) return;
      fetching.current.add(id);
      void api.getJob({ id }).then((r) => {
        if (!r.ok) return;
        const result = asExportResult(r.value.result);
        upsert(r.value.job, result);
        if (result && autoDownload.current.has(id)) {
          autoDownload.current.delete(id);
          triggerDownload(result);
        }
      });
    },
    [upsert],
  );

  const onUpdate = useCallback(
    (job: JobState) => {
      if (job.kind !== 'export') return; // imports and verifications have their own screens
      upsert(job);
      if (job.status === 'succeeded') fetchResult(job.id);
    },
    [upsert, fetchResult],
  );

  useEffect(() => api.onJobUpdate(onUpdate), [onUpdate]);

  // Safety net: poll running jobs (a push can be lost if the event stream reconnects).
  const running = Array.from(jobs.values()).filter((t) => t.job.status === 'running').map((t) => t.job.id);
  const runningKey = running.join(',');
  useEffect(() => {
    if (!runningKey) return;
    const timer = setInterval(() => {
      for (const id of runningKey.split(',')) {
        void api.getJob({ id }).then((r) => {
          if (!r.ok) return;
          onUpdate(r.value.job);
        });
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [runningKey, onUpdate]);

  // Any call that starts an export job (export/start, search/export, report/create): tracked here,
  // and its file downloaded once it is done in browser mode.
  const startJob = useCallback(
    async (call: () => Promise<Result<JobState>>) => {
      const result = await call();
      if (result.ok) {
        autoDownload.current.add(result.value.id);
        upsert(result.value);
        // The job may have finished before this answer arrived.
        if (result.value.status === 'succeeded') fetchResult(result.value.id);
      }
      return result;
    },
    [upsert, fetchResult],
  );
  const start = useCallback((request: ExportRequest) => startJob(() => api.startExport(request)), [startJob]);

  const cancel = useCallback((id: string) => {
    void api.cancelJob({ id });
  }, []);

  const dismiss = useCallback((id: string) => {
    setJobs((current) => {
      const next = new Map(current);
      next.delete(id);
      return next;
    });
  }, []);

  const list = Array.from(jobs.values()).sort((a, b) => b.job.startedAt.localeCompare(a.job.startedAt));
  return <JobsContext.Provider value={{ jobs: list, start, startJob, cancel, download: triggerDownload, dismiss }}>{children}</JobsContext.Provider>;
}

export function useJobs(): JobsContextValue {
  const value = useContext(JobsContext);
  if (!value) throw new Error('useJobs outside JobsProvider');
  return value;
}
