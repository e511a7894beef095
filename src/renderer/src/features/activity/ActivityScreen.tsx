// The Activity panel: the viewer's own activity log, newest first — stores opened, searches,
// verifications, exports, notes — with the verdict of its hash chain. By default this store's
// entries (by its lasting identity); "all" shows every store's.
import { EvidenceTabs } from '../evidence/EvidenceTabs.tsx';
import type { ActivityEntry } from '../../../../shared/evidence.ts';
import type { ActivityVerdict } from '../../../../shared/activity.ts';
import { api } from '../../api.ts';
import { hrefs } from '../../app/routes.ts';
import { EmptyState, ErrorView, Loading } from '../../components/StatusViews.tsx';
import { formatCount, formatTime, shortHash } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { useApi } from '../../lib/useApi.ts';
import { useStore } from '../../app/StoreContext.tsx';
import { useCaseNotes } from '../notes/useCaseNotes.ts';
import './activity.css';
import { useState } from 'react';
import { useRovingRows } from '../../components/useRovingRows.ts';

const ACTION_WORDS: Record<string, string> = {
  'store.opened': 'Opened the store',
  search: 'Searched',
  verify: 'Verified',
  export: 'Exported',
  report: 'Made a report',
  'unmasked.shown': 'Showed unmasked data',
  'note.added': 'Added a note',
  'note.edited': 'Edited a note',
  'note.removed': 'Removed a note',
  'keys.created': 'Created a signing key',
};

/** The facts of an entry worth a glance, in words. */
export function entryFacts(entry: ActivityEntry): string {
  const d = entry.details;
  const parts: string[] = [];
  if (typeof d.q === 'string') parts.push(`“${d.q}”${typeof d.total === 'number' ? ` — ${formatCount(d.total)}${d.totalIsLowerBound ? '+' : ''} matches` : ''}`);
  if (typeof d.verdict === 'string') parts.push(d.verdict === 'intact' ? 'intact' : 'findings');
  if (typeof d.file === 'string') parts.push(d.file);
  if (typeof d.text === 'string') parts.push(`“${d.text}”`);
  if (Array.isArray(d.args)) parts.push(`ledger ${String(d.command ?? '')} ${d.args.join(' ')}`);
  if (entry.action === 'store.opened' && typeof d.events === 'number') parts.push(`${formatCount(d.events)} events`);
  if (typeof d.error === 'string') parts.push(`failed: ${d.error}`);
  else if (typeof d.status === 'string' && d.status !== 'succeeded') parts.push(d.status);
  return parts.join(' · ');
}

function Verdict({ verdict }: { verdict: ActivityVerdict }) {
  return (
    <div className={`activity-verdict ${verdict.ok ? 'ok' : 'failed'}`} role={verdict.ok ? 'status' : 'alert'} data-testid="activity-verdict" data-ok={verdict.ok}>
      <strong>{verdict.ok ? '✓' : '✗'}</strong> <SafeText text={verdict.summary} max={300} />
      {verdict.head && <span className="mono small muted"> head {shortHash(verdict.head, 16)}</span>}
      {verdict.problems.length > 0 && (
        <ul data-testid="activity-problems">
          {verdict.problems.slice(0, 20).map((p, i) => (
            <li key={i}>
              <SafeText text={p.message} max={400} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ActivityScreen({ all }: { all: boolean }) {
  const { store } = useStore();
  const { notes } = useCaseNotes(); // re-read the log when a note changes
  const listing = useApi(() => api.listActivity({ thisStore: !all, limit: 1000 }), [all, store?.openId, notes], { keepPrevious: true });
  const verdict = useApi(() => api.verifyActivity(), [listing.value]);
  // One Tab stop: ↑/↓, Home/End, PageUp/PageDown read the log entry by entry.
  const [active, setActive] = useState<number | null>(null);
  const entries = listing.value?.entries.length ?? 0;
  const roving = useRovingRows<HTMLTableElement>({ count: entries, active: active !== null && active < entries ? active : null, onActive: setActive, pageSize: 10, label: 'keyboard.activity.table' });
  return (
    <div className="screen page-screen activity-screen" data-testid="activity-screen">
      <EvidenceTabs current="activity" storeOpen={store !== null} />
      <div className="page-column">
        <header className="page-head">
          <h1>Activity</h1>
          <span className="muted small">What this viewer did, by whom and when — kept by the viewer, append-only and hash-chained.</span>
          <span className="toolbar-spacer" />
          <a href={hrefs.activity(!all)} data-testid="activity-scope">
            {all ? 'Only this store' : 'All stores'}
          </a>
        </header>
        {verdict.value ? <Verdict verdict={verdict.value} /> : verdict.error ? <ErrorView error={verdict.error} /> : null}
        {listing.value?.problem && (
          <p className="integrity-banner" role="alert" data-testid="activity-problem">
            <SafeText text={listing.value.problem} max={500} />
          </p>
        )}
        {listing.error ? (
          <ErrorView error={listing.error} onRetry={listing.reload} />
        ) : !listing.value ? (
          <Loading label="Reading the activity log…" />
        ) : listing.value.entries.length === 0 ? (
          <EmptyState title={all ? 'No activity recorded yet' : 'No activity on this store yet'} testId="activity-empty" />
        ) : (
          <table className="mini-table activity-table" data-testid="activity-table" role="grid" {...roving.gridProps}>
            <thead>
              <tr>
                <th>#</th>
                <th>When</th>
                <th>Who</th>
                <th>What</th>
                {all && <th>Store</th>}
                <th>Chain head</th>
                <th>Details</th>
              </tr>
            </thead>
            <tbody>
              {listing.value.entries.map((e, i) => (
                <tr key={e.seq} {...roving.rowProps(i)} data-testid="activity-entry" data-action={e.action}>
                  <td className="num mono">{e.seq}</td>
                  <td className="time">{formatTime(e.at)}</td>
                  <td>
                    <SafeText text={e.user} max={80} />
                  </td>
                  <td>{ACTION_WORDS[e.action] ?? e.action}</td>
                  {all && (
                    <td className="mono small break">
                      <SafeText text={e.storeLabel ?? '—'} max={200} />
                    </td>
                  )}
                  <td className="mono small" title={e.chainHead ?? undefined}>
                    {e.chainHead ? shortHash(e.chainHead) : '—'}
                  </td>
                  <td className="small" data-testid="activity-details">
                    <SafeText text={entryFacts(e)} max={400} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {listing.value && (
          <p className="muted small">
            Kept in <SafeText text={listing.value.file} max={300} />. <code>ledger log --verify</code> checks it from a terminal.
          </p>
        )}
      </div>
    </div>
  );
}
