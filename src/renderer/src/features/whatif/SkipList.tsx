// The stream's events up to the compared version, each with a box to leave it out of side B's
// replay ("what if this event had not happened"). The latest 1,000 are listed; older ones can be
// typed as versions.
import { useRovingList } from '../../components/useRovingRows.ts';
import { useT } from '../../i18n/index.ts';
import type { StoredEvent } from '../../../../shared/types.ts';
import { api } from '../../api.ts';
import { ErrorView, Loading } from '../../components/StatusViews.tsx';
import { formatCount, formatTime } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { useApi } from '../../lib/useApi.ts';

const LISTED = 1000;

export function SkipList({ streamId, upTo, skip, onToggle }: { streamId: string; upTo: number; skip: ReadonlySet<number>; onToggle: (version: number) => void }) {
  const t = useT();
  const events = useApi(() => api.readStream({ streamId, toVersion: upTo, direction: 'backward', limit: LISTED }), [streamId, upTo]);
  // One Tab stop: ↑/↓, Home/End, PageUp/PageDown move between the events, Space ticks one.
  const roving = useRovingList<HTMLUListElement>(events.value?.items.length ?? 0);
  if (events.error) return <ErrorView error={events.error} onRetry={events.reload} />;
  if (!events.value) return <Loading label={t('whatif.loadingEvents')} />;
  const items: StoredEvent[] = [...events.value.items].reverse();
  return (
    <>
      {upTo > LISTED && <p className="muted small">{t('whatif.latestListed', { count: LISTED, version: upTo })}</p>}
      <ul className="compare-skip-list" data-testid="whatif-skip-list" {...roving.listProps}>
        {items.map((e, i) => (
          <li key={e.version}>
            <label className="inline">
              <input type="checkbox" checked={skip.has(e.version)} onChange={() => onToggle(e.version)} data-testid="whatif-skip" data-version={e.version} {...roving.itemProps(i)} />
              <span className="mono">{t('common.v', { version: e.version })}</span> <SafeText text={e.type} max={80} /> <span className="muted">{formatTime(e.recordedAt)}</span>
            </label>
          </li>
        ))}
      </ul>
    </>
  );
}
