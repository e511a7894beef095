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
import { t as translate, useT, type MessageKey, type Translate } from '../../i18n/index.ts';
import { problemWords, summaryWords, type Words } from '../../../../shared/activityVerdictWords.ts';
import { Message } from '../../i18n/Message.tsx';
import './activity.css';
import { useState } from 'react';
import { useRovingRows } from '../../components/useRovingRows.ts';

// The action names are the log's data (shown as stored when this viewer does not know one).
const ACTION_WORDS: Record<string, MessageKey> = {
  'store.opened': 'activity.action.store.opened' satisfies MessageKey,
  search: 'activity.action.search' satisfies MessageKey,
  verify: 'activity.action.verify' satisfies MessageKey,
  export: 'activity.action.export' satisfies MessageKey,
  report: 'activity.action.report' satisfies MessageKey,
  'unmasked.shown': 'activity.action.unmasked.shown' satisfies MessageKey,
  'note.added': 'activity.action.note.added' satisfies MessageKey,
  'note.edited': 'activity.action.note.edited' satisfies MessageKey,
  'note.removed': 'activity.action.note.removed' satisfies MessageKey,
  'keys.created': 'activity.action.keys.created' satisfies MessageKey,
};

/** The facts of an entry worth a glance, in words. */
export function entryFacts(entry: ActivityEntry, t = translate): string {
  const d = entry.details;
  const parts: string[] = [];
  if (typeof d.q === 'string') {
    parts.push(typeof d.total === 'number' ? t('activity.fact.matches', { q: d.q, count: d.total, total: `${formatCount(d.total)}${d.totalIsLowerBound ? '+' : ''}` }) : t('activity.fact.quoted', { text: d.q }));
  }
  if (typeof d.verdict === 'string') parts.push(d.verdict === 'intact' ? t('activity.fact.intact') : t('activity.fact.findings'));
  if (typeof d.file === 'string') parts.push(d.file);
  if (typeof d.text === 'string') parts.push(t('activity.fact.quoted', { text: d.text }));
  // The command line as it was typed: never translated.
  if (Array.isArray(d.args)) parts.push(`ledger ${String(d.command ?? '')} ${d.args.join(' ')}`);
  if (entry.action === 'store.opened' && typeof d.events === 'number') parts.push(t('common.events', { count: d.events }));
  if (typeof d.error === 'string') parts.push(t('activity.fact.failed', { error: d.error }));
  else if (typeof d.status === 'string' && d.status !== 'succeeded') parts.push(d.status);
  return parts.join(t('activity.fact.separator'));
}

/** The verdict's words in the reader's language (main sends facts; its English is for --json). */
const say = (t: Translate, words: Words): string => t(words.key, words.values);

function Verdict({ verdict }: { verdict: ActivityVerdict }) {
  const t = useT();
  return (
    <div className={`activity-verdict ${verdict.ok ? 'ok' : 'failed'}`} role={verdict.ok ? 'status' : 'alert'} data-testid="activity-verdict" data-ok={verdict.ok}>
      <strong>{verdict.ok ? '✓' : '✗'}</strong> <span data-testid="activity-verdict-summary">{say(t, summaryWords(verdict))}</span>
      {verdict.head && <span className="mono small muted">{t('activity.verdict.head', { head: shortHash(verdict.head, 16) })}</span>}
      {verdict.problems.length > 0 && (
        <ul data-testid="activity-problems">
          {verdict.problems.slice(0, 20).map((p, i) => (
            <li key={i}>
              {/* the facts hold numbers, a time and an action id from the log: shortened as any log text */}
              <SafeText text={say(t, problemWords(p))} max={400} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ActivityScreen({ all }: { all: boolean }) {
  const t = useT();
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
          <h1>{t('activity.title')}</h1>
          <span className="muted small">{t('activity.about')}</span>
          <span className="toolbar-spacer" />
          <a href={hrefs.activity(!all)} data-testid="activity-scope">
            {all ? t('activity.onlyThis') : t('activity.allStores')}
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
          <Loading label={t('activity.loading')} />
        ) : listing.value.entries.length === 0 ? (
          <EmptyState title={all ? t('activity.empty.all') : t('activity.empty.store')} testId="activity-empty" />
        ) : (
          <table className="mini-table activity-table" data-testid="activity-table" role="grid" {...roving.gridProps}>
            <thead>
              <tr>
                <th>#</th>
                <th>{t('activity.col.when')}</th>
                <th>{t('activity.col.who')}</th>
                <th>{t('activity.col.what')}</th>
                {all && <th>{t('activity.col.store')}</th>}
                <th>{t('activity.col.head')}</th>
                <th>{t('activity.col.details')}</th>
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
                  <td>{Object.hasOwn(ACTION_WORDS, e.action) ? t(ACTION_WORDS[e.action]) : e.action}</td>
                  {all && (
                    <td className="mono small break">
                      <SafeText text={e.storeLabel ?? '—'} max={200} />
                    </td>
                  )}
                  <td className="mono small" title={e.chainHead ?? undefined}>
                    {e.chainHead ? shortHash(e.chainHead) : '—'}
                  </td>
                  <td className="small" data-testid="activity-details">
                    <SafeText text={entryFacts(e, t)} max={400} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {listing.value && (
          <p className="muted small">
            <Message k="activity.keptIn" components={{ file: <SafeText text={listing.value.file} max={300} />, code: <code /> }} />
          </p>
        )}
      </div>
    </div>
  );
}
