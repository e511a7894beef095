// One verification run of the open store (with or without a chain): start it, follow its job,
// remember it across screen changes under `key`. A new run replaces the previous verdict at once,
// so an old answer never stays on screen as if it answered the new question.
import { useState } from 'react';
import type { ErrorInfo } from '../../../../shared/result.ts';
import type { VerifyReport } from '../../../../shared/verify.ts';
import { api } from '../../api.ts';
import { rememberedJob, rememberJob, useJob } from '../../lib/useJob.ts';

export function useVerifyRun(key: string) {
  const [jobId, setJobId] = useState<string | null>(() => rememberedJob(key));
  const [startError, setStartError] = useState<ErrorInfo | null>(null);
  const [starting, setStarting] = useState(false);
  const { job, result, lost } = useJob<VerifyReport>(jobId);

  async function start(input: Parameters<typeof api.startVerify>[0]) {
    rememberJob(key, null);
    setJobId(null);
    setStartError(null);
    setStarting(true);
    const started = await api.startVerify(input);
    setStarting(false);
    if (!started.ok) {
      setStartError(started.error);
      return;
    }
    rememberJob(key, started.value.id);
    setJobId(started.value.id);
  }

  return { jobId, job, result, lost, startError, starting, running: starting || job?.status === 'running', start };
}
