// One path's history: every event that changed it, oldest first, with the value at the path before
// and after it, each linked to the event. Shared by the Diff screen (per change) and the State
// screen's field history panel.
import { useT } from '../../i18n/index.ts';
import { useState } from 'react';
import type { PathHistoryEntry, PathSegment } from '../../../../shared/replay.ts';
import { currencyRoot, type FieldUnits } from '../../../../shared/units.ts';
import { hrefs } from '../../app/routes.ts';
import { AmountsScope, ScopedValue } from '../../components/JsonTree.tsx';
import { formatCount, formatTime } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';
import './history.css';
import { useRovingList } from '../../components/useRovingRows.ts';

/** The projection's declared money fields, and the path the history is of (where their paths start). */
export interface HistoryAmounts {
  units?: FieldUnits;
  segments: readonly PathSegment[];
}

function Side({ entry, side, amounts }: { entry: PathHistoryEntry; side: 'before' | 'after'; amounts?: HistoryAmounts }) {
  const t = useT();
  if (!(side in entry)) return <span className="muted history-absent">{t('diff.absent')}</span>;
  // Money in a currency kept in the state is shown in the currency of the state on that side of this
  // event (main reads it during the walk), not the one it has today.
  return (
    <AmountsScope units={amounts?.units} root={currencyRoot(entry.currencies?.[side])} base={amounts?.segments ?? []}>
      <ScopedValue value={entry[side]} steps={[]} />
    </AmountsScope>
  );
}

/** Entries rendered at first: a diff opens hundreds of histories, some of a thousand events. */
const CHUNK = 50;

export function HistoryList({ history, count, streamId, amounts }: { history: readonly PathHistoryEntry[]; count: number; streamId: string; amounts?: HistoryAmounts }) {
  const t = useT();
  const [limit, setLimit] = useState(CHUNK);
  // One Tab stop: ↑/↓, Home/End move between the events, Enter opens one.
  const roving = useRovingList<HTMLOListElement>(Math.min(limit, history.length));
  return (
    <>
      <ol className="path-history" data-testid="path-history" {...roving.listProps}>
        {history.slice(0, limit).map((entry, i) => (
          <li key={entry.event.position} className={`history-entry history-${entry.kind}`} data-testid="history-entry" data-version={entry.event.version} data-kind={entry.kind}>
            <a href={hrefs.stream(streamId, entry.event.version)} className="history-event" data-testid="history-event-link" {...roving.itemProps(i)}>
              {t('common.v', { version: entry.event.version })} <SafeText text={entry.event.type} max={60} />
            </a>
            <span className="muted small">
              {formatTime(entry.event.recordedAt)}
              {entry.event.actor && (
                <>
                  {' '}
                  · <SafeText text={entry.event.actor} max={40} />
                </>
              )}
            </span>
            <span className={`badge badge-${entry.kind}`}>{t(`diff.kind.${entry.kind}`)}</span>
            <span className="history-values mono">
              <Side entry={entry} side="before" amounts={amounts} /> → <Side entry={entry} side="after" amounts={amounts} />
            </span>
          </li>
        ))}
      </ol>
      {history.length > limit && (
        <button type="button" className="link-button" onClick={() => setLimit((l) => l + CHUNK * 10)} data-testid="history-more">
          {t('diff.history.more', { count: Math.min(CHUNK * 10, history.length - limit), total: history.length })}
        </button>
      )}
      {count > history.length && <p className="muted small">{t('diff.history.unlisted', { count: count - history.length, listed: history.length })}</p>}
    </>
  );
}
