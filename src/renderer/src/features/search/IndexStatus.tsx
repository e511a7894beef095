// The open store's sidecar search index, beside the results: what it holds, its build as a job
// (progress, cancel), and "Clear caches". Searches never wait for it; without it they scan.
import { useT } from '../../i18n/index.ts';
import { useEffect, useState } from 'react';
import type { SearchIndexStatus } from '../../../../shared/contract.ts';
import { api } from '../../api.ts';
import { JobRunning } from '../../components/JobRunning.tsx';
import { formatBytes } from '../../lib/format.ts';
import { useJob } from '../../lib/useJob.ts';

export function IndexStatus({ refreshKey }: { refreshKey: string }) {
  const t = useT();
  const [status, setStatus] = useState<SearchIndexStatus | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [asked, setAsked] = useState(0);
  const { job } = useJob(jobId);

  useEffect(() => {
    let live = true;
    void api.searchIndexStatus().then((answer) => {
      if (!live || !answer.ok) return;
      setStatus(answer.value);
      if (answer.value.jobId) setJobId(answer.value.jobId);
    });
    return () => {
      live = false;
    };
  }, [refreshKey, asked, job?.status]);

  if (!status) return null;
  if (job?.status === 'running') return <JobRunning job={job} label={t('index.job')} testId="search-index-job" />;
  const build = async () => {
    const started = await api.buildSearchIndex();
    if (started.ok) setJobId(started.value.id);
  };
  const clear = async () => {
    await api.clearCaches();
    setJobId(null);
    setAsked((n) => n + 1);
  };
  return (
    <p className="muted small search-index" data-testid="search-index" data-state={status.state}>
      {status.state === 'ready' && (
        <>
          {t('index.ready', { events: t('common.events', { count: status.events }), size: formatBytes(status.bytes) })}{' '}
          <button type="button" className="link-button" onClick={() => void clear()} data-testid="search-index-clear">
            {t('index.clear')}
          </button>
        </>
      )}
      {status.state === 'stale' && (
        <>
          {t('index.stale')}{' '}
          <button type="button" className="link-button" onClick={() => void build()} data-testid="search-index-build">
            {t('index.rebuild')}
          </button>
        </>
      )}
      {(status.state === 'none' || status.state === 'building') && (
        <>
          {t('index.none')}{' '}
          <button type="button" className="link-button" onClick={() => void build()} data-testid="search-index-build">
            {t('index.build')}
          </button>
        </>
      )}
    </p>
  );
}
