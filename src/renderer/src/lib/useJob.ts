// One long-running job (verify, import) as a screen follows it: pushed updates from main
// (`jobs/update`), a poll as a safety net while it runs, and its result once it succeeded. A job id
// can be remembered under a key (e.g. the open store's path) so that leaving the screen and coming
// back shows the same job, still running or finished.
import { useEffect, useRef, useState } from 'react';
import type { JobState } from '../../../shared/jobs.ts';
import type { ErrorInfo } from '../../../shared/result.ts';
import { api } from '../api.ts';

export interface TrackedJobView<R> {
  job: JobState | null;
  result: R | null;
  /** The job could not be read (e.g. main forgot it): the screen starts afresh. */
  lost: ErrorInfo | null;
}

const remembered = new Map<string, string>();

export function rememberJob(key: string, id: string | null): void {
  if (id) remembered.set(key, id);
  else remembered.delete(key);
}

export function rememberedJob(key: string): string | null {
  return remembered.get(key) ?? null;
}

export function useJob<R>(id: string | null): TrackedJobView<R> {
  const [state, setState] = useState<TrackedJobView<R>>({ job: null, result: null, lost: null });
  const current = useRef(id);
  current.current = id;
  const latest = useRef(state);
  latest.current = state;

  useEffect(() => {
    setState({ job: null, result: null, lost: null });
    if (!id) return;
    let live = true;
    let fetchingResult = false;
    const fetch = () =>
      api.getJob({ id }).then((r) => {
        if (!live || current.current !== id) return;
        if (!r.ok) {
          setState((s) => (s.job ? s : { job: null, result: null, lost: r.error }));
          return;
        }
        setState((s) => {
          // Never move a finished job back to running (a late poll answer).
          if (s.job && s.job.status !== 'running' && r.value.job.status === 'running') return s;
          return { job: r.value.job, result: (r.value.result as R | null) ?? s.result, lost: null };
        });
      });
    const onUpdate = (job: JobState) => {
      if (job.id !== id) return;
      setState((s) => (s.job && s.job.status !== 'running' && job.status === 'running' ? s : { ...s, job, lost: null }));
      if (job.status === 'succeeded' && !fetchingResult) {
        fetchingResult = true;
        void fetch();
      }
    };
    const off = api.onJobUpdate(onUpdate);
    void fetch();
    const timer = setInterval(() => {
      const s = latest.current;
      if (s.lost) return;
      if (!s.job || s.job.status === 'running' || (s.job.status === 'succeeded' && s.result === null)) void fetch();
    }, 1000);
    return () => {
      live = false;
      off();
      clearInterval(timer);
    };
  }, [id]);

  return state;
}
