// What a long read looks like while it runs and after it was stopped: "Reading… 12 s" with a
// Cancel button (reads/cancel stops the server's queries, not just the wait), the notice before a
// filter that reads a whole big table, and the note that a read was cancelled.
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api.ts';
import { scanSentence, type WideScan } from './scanWarning.ts';
import { useT } from '../../i18n/index.ts';
import './readProgress.css';

/** Seconds since `running` became true (updated every second); null while idle. */
export function useElapsedSeconds(running: boolean): number | null {
  const [seconds, setSeconds] = useState<number | null>(null);
  useEffect(() => {
    if (!running) {
      setSeconds(null);
      return;
    }
    const started = Date.now();
    setSeconds(0);
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 250);
    return () => clearInterval(timer);
  }, [running]);
  return seconds;
}

/** Shown once a read has taken a second: how long so far, and Cancel. */
export function ReadingStatus({ running, onCancelled, testId = 'reading-status' }: { running: boolean; onCancelled: () => void; testId?: string }) {
  const t = useT();
  const seconds = useElapsedSeconds(running);
  const [cancelling, setCancelling] = useState(false);
  useEffect(() => setCancelling(false), [running]);
  if (seconds === null || seconds < 1) return null;
  const cancel = () => {
    setCancelling(true);
    // Main first: reads the screen starts after this (going back to the previous filter) must not be caught by it.
    void api.cancelReads().finally(onCancelled);
  };
  return (
    <div className="read-progress" role="status" data-testid={testId}>
      <span className="read-progress-spinner" aria-hidden="true" />
      <span data-testid={`${testId}-elapsed`}>{t('read.reading', { seconds })}</span>
      <button type="button" onClick={cancel} disabled={cancelling} data-testid={`${testId}-cancel`}>
        {cancelling ? t('read.cancelling') : t('common.cancel')}
      </button>
    </div>
  );
}

/** Before a filter that reads a whole big table: say so, then let the person choose. */
export function ScanNotice({ scans, onRun, onChange }: { scans: WideScan[]; onRun: () => void; onChange: () => void }) {
  const t = useT();
  const run = useRef<HTMLButtonElement>(null);
  // The choice is the next thing to do: put the keyboard on it.
  useEffect(() => run.current?.focus(), []);
  return (
    <div className="read-progress read-notice" role="alert" data-testid="scan-notice">
      <span data-testid="scan-notice-text">{scanSentence(scans)}</span>
      <span className="read-notice-actions">
        <button type="button" className="primary" ref={run} onClick={onRun} data-testid="scan-notice-run">
          {t('read.runIt')}
        </button>
        <button type="button" onClick={onChange} data-testid="scan-notice-change">
          {t('read.changeFilter')}
        </button>
      </span>
    </div>
  );
}

/** After Cancel: what was not read, and a way to read it after all. */
export function CancelledNote({ what, onRetry, testId = 'read-cancelled' }: { what: string; onRetry: () => void; testId?: string }) {
  const t = useT();
  return (
    <div className="read-progress read-cancelled" role="status" data-testid={testId}>
      <span>{what}</span>
      <button type="button" className="link-button" onClick={onRetry} data-testid={`${testId}-retry`}>
        {t('read.runAgain')}
      </button>
    </div>
  );
}
