// A store without a hash chain (an Emmett file) has nothing to verify. Instead of a verdict: say so,
// and offer a verified copy — its events imported into a new Replay Ledger store, which computes the
// chain as it goes — then open the copy and verify it from then on.
import { useId, useState, type FormEvent } from 'react';
import type { ImportSummary, OpenedStore } from '../../../../shared/contract.ts';
import type { ErrorInfo } from '../../../../shared/result.ts';
import { api } from '../../api.ts';
import { useStore } from '../../app/StoreContext.tsx';
import { JobRunning } from '../../components/JobRunning.tsx';
import { PathInput } from '../../components/PathInput.tsx';
import { ErrorView } from '../../components/StatusViews.tsx';
import { besidePath, formatCount } from '../../lib/format.ts';
import { rememberedJob, rememberJob, useJob } from '../../lib/useJob.ts';
import { ImportResult } from '../import/ImportResult.tsx';

export function VerifiedCopy({ store }: { store: OpenedStore }) {
  const id = useId();
  const { appInfo } = useStore();
  const canChoose = appInfo?.mode === 'electron';
  const key = `copy:${store.info.path}`;
  const [out, setOut] = useState(() => besidePath(store.info.path));
  const [jobId, setJobId] = useState<string | null>(() => rememberedJob(key));
  const [startError, setStartError] = useState<ErrorInfo | null>(null);
  const [starting, setStarting] = useState(false);
  const { job, result } = useJob<ImportSummary>(jobId);
  const running = starting || job?.status === 'running';

  async function submit(event: FormEvent) {
    event.preventDefault();
    const target = out.trim();
    if (!target && !canChoose) {
      setStartError({ code: 'INVALID_INPUT', message: 'Type the path of the new store to create.' });
      return;
    }
    setStartError(null);
    setStarting(true);
    const started = await api.startImport({ input: store.info.path, format: 'store', ...(target ? { out: target } : {}) });
    setStarting(false);
    if (!started.ok) {
      if (started.error.code !== 'CANCELLED') setStartError(started.error);
      return;
    }
    rememberJob(key, started.value.id);
    setJobId(started.value.id);
  }

  return (
    <>
      <section className="card verdict verdict-none" data-testid="verify-no-chain">
        <div className="verdict-head">
          <span className="verdict-mark" aria-hidden="true">
            ∅
          </span>
          <div>
            <h2>No integrity chain</h2>
            <p className="verdict-summary">
              {store.info.format === 'emmett' ? 'An Emmett SQLite store' : 'This store'} keeps no hash chain, so there is no verdict to give: nothing in this file would
              reveal an event edited, deleted or inserted after it was written. What you see is what the file holds today.
            </p>
          </div>
        </div>
        <dl className="facts verdict-facts">
          <dt>Format</dt>
          <dd data-testid="verify-no-chain-format">{store.info.adapter}</dd>
          <dt>Events</dt>
          <dd>{formatCount(store.stats.events)}</dd>
          <dt>Streams</dt>
          <dd>{formatCount(store.stats.streams)}</dd>
        </dl>
      </section>
      <section className="card" aria-labelledby={`${id}-title`} data-testid="verified-copy">
        <header className="card-head">
          <h2 id={`${id}-title`}>Make a verified copy</h2>
        </header>
        <p className="muted">
          Copies every event, in order, into a new Replay Ledger store that hash-links each event to the one before. Record the copy's chain head: from then on, any change
          to the copy is detected. The open file is only read.
        </p>
        <form className="open-path" onSubmit={submit}>
          <label htmlFor={`${id}-out`}>{canChoose ? 'New store (leave empty to choose with a save dialog)' : 'Path of the new store on this machine'}</label>
          <div className="input-row">
            <PathInput id={`${id}-out`} value={out} onChange={setOut} testId="verified-copy-out" />
            <button type="submit" className="primary" disabled={running} data-testid="verified-copy-start">
              {starting ? 'Starting…' : 'Make a verified copy'}
            </button>
          </div>
          <p className="muted small">The file must not exist yet: a copy never overwrites anything.</p>
        </form>
        {startError && <ErrorView error={startError} testId="verified-copy-error" />}
        {job?.status === 'running' && <JobRunning job={job} label="Copy progress" testId="verified-copy-job" />}
        {job?.status === 'cancelled' && <p className="muted">Cancelled: no copy was made.</p>}
        {job?.status === 'failed' && job.error && <ErrorView error={job.error} testId="verified-copy-error" />}
        {job?.status === 'succeeded' && result && <ImportResult summary={result} openLabel="Open the copy" testId="verified-copy-result" />}
      </section>
    </>
  );
}
