// A verified copy of the open store (a file or a database): its events, in the store's order, into a
// new Replay Ledger store that computes the hash chain as they land. Progress and cancel; then the
// copy's chain head is the evidence, and "Open the copy" verifies it from then on.
import { useT } from '../../i18n/index.ts';
import { useId, useState, type FormEvent } from 'react';
import type { ImportSummary, OpenedStore } from '../../../../shared/contract.ts';
import type { ErrorInfo } from '../../../../shared/result.ts';
import { api } from '../../api.ts';
import { useStore } from '../../app/StoreContext.tsx';
import { JobRunning } from '../../components/JobRunning.tsx';
import { PathInput } from '../../components/PathInput.tsx';
import { ErrorView } from '../../components/StatusViews.tsx';
import { besidePath } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { rememberedJob, rememberJob, useJob } from '../../lib/useJob.ts';
import { ImportResult } from '../import/ImportResult.tsx';

export function VerifiedCopy({ store }: { store: OpenedStore }) {
  const t = useT();
  const id = useId();
  const { appInfo } = useStore();
  const canChoose = appInfo?.mode === 'electron';
  const database = store.info.kind === 'postgres';
  const key = `copy:${store.info.path}`;
  // A file's copy goes beside it by default; a database has no folder, so the user names the file.
  const [out, setOut] = useState(() => (database ? '' : besidePath(store.info.path)));
  const [jobId, setJobId] = useState<string | null>(() => rememberedJob(key));
  const [startError, setStartError] = useState<ErrorInfo | null>(null);
  const [starting, setStarting] = useState(false);
  const { job, result } = useJob<ImportSummary>(jobId);
  const running = starting || job?.status === 'running';

  async function submit(event: FormEvent) {
    event.preventDefault();
    const target = out.trim();
    if (!target && !canChoose) {
      setStartError({ code: 'INVALID_INPUT', message: t('copy.typePath') });
      return;
    }
    setStartError(null);
    setStarting(true);
    const started = await api.copyOpenStore(target ? { out: target } : {});
    setStarting(false);
    if (!started.ok) {
      if (started.error.code !== 'CANCELLED') setStartError(started.error);
      return;
    }
    rememberJob(key, started.value.id);
    setJobId(started.value.id);
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid="verified-copy">
      <header className="card-head">
        <h2 id={`${id}-title`}>{t('copy.title')}</h2>
      </header>
      <p className="muted">
        {t(database ? 'copy.about.database' : 'copy.about.file')}
      </p>
      <form className="open-path" onSubmit={submit}>
        <label htmlFor={`${id}-out`}>{canChoose ? t('copy.out.choose') : t('copy.out.path')}</label>
        <div className="input-row">
          <PathInput id={`${id}-out`} value={out} onChange={setOut} testId="verified-copy-out" />
          <button type="submit" className="primary" disabled={running} data-testid="verified-copy-start">
            {starting ? t('job.starting') : t('copy.title')}
          </button>
        </div>
        <p className="muted small">{t('copy.mustNotExist')}</p>
      </form>
      {startError && <ErrorView error={startError} testId="verified-copy-error" />}
      {job?.status === 'running' && <JobRunning job={job} label={t('copy.progress')} testId="verified-copy-job" />}
      {job?.status === 'cancelled' && (
        <p className="muted" data-testid="verified-copy-cancelled">
          {t('copy.cancelled')}
        </p>
      )}
      {job?.status === 'failed' && job.error && <ErrorView error={job.error} testId="verified-copy-error" />}
      {job?.status === 'succeeded' && result && (
        <>
          <ImportResult summary={result} openLabel={t('copy.open')} testId="verified-copy-result" />
          {result.sourceVersions && (
            <p className="muted small" data-testid="verified-copy-source-versions">
              <SafeText text={result.sourceVersions.note} max={500} />
            </p>
          )}
        </>
      )}
    </section>
  );
}
