// The changed paths of a diff, coloured by kind, with before/after values and the event that made
// each change (a link into the stream). Long lists render in chunks.
import { useT } from '../../i18n/index.ts';
import { useState } from 'react';
import type { ChangeKind, DiffChange, RevertedChange } from '../../../../shared/replay.ts';
import { hrefs } from '../../app/routes.ts';
import { AmountsScope, JsonTree, ScopedValue } from '../../components/JsonTree.tsx';
import { currencyRoot, type FieldUnits, type UnitStep } from '../../../../shared/units.ts';
import { formatCount, formatTime } from '../../lib/format.ts';
import { SafeText, visibleText } from '../../lib/safeText.tsx';
import { api } from '../../api.ts';
import { ErrorView, Loading } from '../../components/StatusViews.tsx';
import { useApi } from '../../lib/useApi.ts';
import { HistoryList, type HistoryAmounts } from './HistoryList.tsx';
import { followRowLink, useRovingList, type RovingList } from '../../components/useRovingRows.ts';

const CHUNK = 300;

/** The projection's declared money fields and, for a currency kept in the state, its text at each end. */
export interface DiffAmounts {
  units?: FieldUnits;
  currencies?: { from: Record<string, string>; to: Record<string, string> };
}

function Value({ value, side, segments, amounts }: { value: unknown; side: 'before' | 'after'; segments: readonly UnitStep[]; amounts: DiffAmounts }) {
  const t = useT();
  const container = typeof value === 'object' && value !== null && Object.keys(value).length > 0;
  // Paths are the change's own; a currency field is looked up beside the amount, then in the state at that end.
  // (currencyRoot: a field such as owner.currency is kept by its dotted path and nested back for lookup.)
  const root = currencyRoot(side === 'before' ? amounts.currencies?.from : amounts.currencies?.to);
  return (
    <div className={`diff-value diff-${side}`} data-testid={`diff-${side}`}>
      <span className="diff-side-label">{t(`diff.side.${side}`)}</span>
      <AmountsScope units={amounts.units} root={root} base={segments}>
        {container ? <JsonTree value={value} openDepth={1} /> : <ScopedValue value={value} steps={[]} />}
      </AmountsScope>
    </div>
  );
}

const SIGN: Record<ChangeKind, string> = { added: '+', removed: '−', changed: '~' };

/** Where a change's history comes from: the diff itself, or (long ranges) one request per path. */
export interface HistorySource {
  walked: boolean;
  from: number;
  to: number;
  projection: string | null;
}

type ItemProps = ReturnType<RovingList<HTMLElement>['itemProps']>;

function ChangeRow({ change, streamId, source, amounts, item }: { change: DiffChange; streamId: string; source: HistorySource; amounts: DiffAmounts; item: ItemProps }) {
  const t = useT();
  const event = change.event;
  return (
    <li className={`diff-change diff-${change.kind}`} data-testid="diff-change" data-kind={change.kind} data-path={change.path} {...item}>
      <div className="diff-change-head">
        <span className="diff-sign" aria-hidden="true">
          {SIGN[change.kind]}
        </span>
        <span className={`badge badge-${change.kind}`}>{t(`diff.kind.${change.kind}`)}</span>
        <span className="mono diff-path" title={visibleText(change.path)}>
          <SafeText text={change.path} max={500} />
        </span>
        <span className="toolbar-spacer" />
        {event ? (
          <a
            href={hrefs.stream(streamId, event.version)}
            className="diff-event"
            title={event.actor ? t('diff.event.titleBy', { type: visibleText(event.type), time: formatTime(event.recordedAt), actor: visibleText(event.actor) }) : t('diff.event.title', { type: visibleText(event.type), time: formatTime(event.recordedAt) })}
            data-testid="diff-event-link"
            data-version={event.version}
          >
            {t('diff.event.by', { version: event.version })} <SafeText text={event.type} max={60} />
            {event.actor && (
              <span className="muted">
                {' '}
                · <SafeText text={event.actor} max={40} />
              </span>
            )}
          </a>
        ) : (
          <span className="muted small" title={t('diff.unattributed.title')}>
            {t('diff.unattributed')}
          </span>
        )}
      </div>
      <div className="diff-values">
        {change.kind !== 'added' && <Value value={change.before} side="before" segments={change.segments} amounts={amounts} />}
        {change.kind !== 'removed' && <Value value={change.after} side="after" segments={change.segments} amounts={amounts} />}
      </div>
      {source.walked ? (
        <PathHistory history={change.history} count={change.historyCount} streamId={streamId} amounts={{ units: amounts.units, segments: change.segments }} />
      ) : (
        <LazyPathHistory segments={change.segments} streamId={streamId} source={source} units={amounts.units} />
      )}
    </li>
  );
}

/** A long range's diff skips the event-by-event walk; a path's history is asked for when opened. */
function LazyPathHistory({ segments, streamId, source, units }: { segments: DiffChange['segments']; streamId: string; source: HistorySource; units: FieldUnits | undefined }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const history = useApi(
    open ? () => api.fieldHistory({ streamId, segments, from: source.from, upTo: source.to, ...(source.projection ? { projection: source.projection } : {}) }) : null,
    [open, streamId, JSON.stringify(segments), source.from, source.to, source.projection],
  );
  return (
    <details className="diff-history" onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="diff-history-lazy">
      <summary>{t('diff.history.lazy')}</summary>
      {history.error ? (
        <ErrorView error={history.error} onRetry={history.reload} />
      ) : !history.value ? (
        open && <Loading label={t('diff.history.replaying')} />
      ) : (
        <HistoryList history={history.value.history} count={history.value.historyCount} streamId={streamId} amounts={{ units: history.value.projection.units ?? units, segments }} />
      )}
    </details>
  );
}

/** Every event in range that changed the path; open by default when more than one did (the last
 * event alone would hide, say, a removal and re-adding in between). */
function PathHistory({ history, count, streamId, amounts }: { history: DiffChange['history']; count: number; streamId: string; amounts: HistoryAmounts }) {
  const t = useT();
  if (count === 0) return null;
  return (
    <details className={`diff-history${count > 1 ? ' diff-history-many' : ''}`} open={count > 1} data-testid="diff-history" data-count={count}>
      <summary>
        {t('diff.history.count', { count })}
      </summary>
      <HistoryList history={history} count={count} streamId={streamId} amounts={amounts} />
    </details>
  );
}

function RevertedRow({ entry, streamId, amounts, item }: { entry: RevertedChange; streamId: string; amounts: DiffAmounts; item: ItemProps }) {
  const t = useT();
  return (
    <li className="diff-change diff-reverted" data-testid="diff-reverted" data-path={entry.path} {...item}>
      <div className="diff-change-head">
        <span className="diff-sign" aria-hidden="true">
          =
        </span>
        <span className="badge">{t('diff.changedBack')}</span>
        <span className="mono diff-path" title={visibleText(entry.path)}>
          <SafeText text={entry.path} max={500} />
        </span>
        <span className="muted small">{entry.present ? t('diff.reverted.same') : t('diff.reverted.absent')}</span>
      </div>
      {entry.present && (
        <div className="diff-values">
          <Value value={entry.value} side="after" segments={entry.segments} amounts={amounts} />
        </div>
      )}
      <PathHistory history={entry.history} count={entry.historyCount} streamId={streamId} amounts={{ units: amounts.units, segments: entry.segments }} />
    </li>
  );
}

/** Paths that changed in the range but hold the same value at both ends: not differences, but an
 * auditor must still see that (and by whom) they were changed. */
export function RevertedList({ entries, streamId, amounts = {} }: { entries: RevertedChange[]; streamId: string; amounts?: DiffAmounts }) {
  const t = useT();
  const roving = useRovingList<HTMLUListElement>(entries.length);
  if (entries.length === 0) return null;
  return (
    <section className="diff-reverted-section" data-testid="diff-reverted-list">
      <h3 className="diff-summary">
        {t('diff.reverted.title')} <span className="muted small">{t('diff.reverted.count', { count: entries.length })}</span>
      </h3>
      <ul className="diff-changes" {...roving.listProps}>
        {entries.map((entry, i) => (
          <RevertedRow key={entry.path} entry={entry} streamId={streamId} amounts={amounts} item={roving.itemProps(i)} />
        ))}
      </ul>
    </section>
  );
}

export function ChangeList({ changes, streamId, source, amounts = {} }: { changes: DiffChange[]; streamId: string; source: HistorySource; amounts?: DiffAmounts }) {
  const t = useT();
  const [limit, setLimit] = useState(CHUNK);
  // One Tab stop: ↑/↓, Home/End, PageUp/PageDown move between the changes (the chosen change's event
  // link and history join the Tab order), Enter opens the event that made the change.
  const roving = useRovingList<HTMLUListElement>(Math.min(limit, changes.length), { onOpen: (i) => followRowLink(roving.itemProps(i).id) });
  return (
    <>
      <ul className="diff-changes" data-testid="diff-changes" {...roving.listProps}>
        {changes.slice(0, limit).map((change, i) => (
          <ChangeRow key={`${change.path}|${i}`} change={change} streamId={streamId} source={source} amounts={amounts} item={roving.itemProps(i)} />
        ))}
      </ul>
      {changes.length > limit && (
        <button type="button" className="link-button" onClick={() => setLimit((l) => l + CHUNK * 3)}>
          {t('diff.changes.more', { count: Math.min(CHUNK * 3, changes.length - limit), total: changes.length })}
        </button>
      )}
    </>
  );
}
