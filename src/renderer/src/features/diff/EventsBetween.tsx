// The events a diff spans, (from, to], paged by version: what happened, in order, between the two
// states being compared.
import { useT } from '../../i18n/index.ts';
import type { StoredEvent } from '../../../../shared/types.ts';
import { api } from '../../api.ts';
import { hrefs } from '../../app/routes.ts';
import { ErrorView, Loading } from '../../components/StatusViews.tsx';
import { actorOf, formatCount, formatTimeShort } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { useKeysetPages } from '../../lib/useKeysetPages.ts';
import { useRovingList } from '../../components/useRovingRows.ts';

export function EventsBetween({ streamId, from, to }: { streamId: string; from: number; to: number }) {
  const t = useT();
  const pages = useKeysetPages<StoredEvent, number>(`${streamId}|${from}|${to}`, (cursor) =>
    to > from ? api.readStream({ streamId, fromVersion: cursor ?? from + 1, toVersion: to, limit: 200 }) : Promise.resolve({ ok: true as const, value: { items: [], next: null } }),
  );
  const roving = useRovingList<HTMLOListElement>(pages.items.length);
  if (to <= from) return <p className="muted">{t('diff.between.same')}</p>;
  if (pages.error && pages.items.length === 0) return <ErrorView error={pages.error} onRetry={pages.reload} />;
  if (!pages.ready) return <Loading />;
  return (
    <>
      <ol className="between-list" data-testid="diff-events" {...roving.listProps}>
        {pages.items.map((e, i) => (
          <li key={e.position}>
            <a href={hrefs.stream(streamId, e.version)} data-testid="diff-between-event" data-version={e.version} {...roving.itemProps(i)}>
              <span className="mono">{t('common.v', { version: e.version })}</span> <span className="type-name"><SafeText text={e.type} max={60} /></span>
            </a>
            <span className="muted small">
              {formatTimeShort(e.recordedAt)}
              {actorOf(e.metadata) && <> · <SafeText text={actorOf(e.metadata) ?? ''} max={40} /></>}
            </span>
          </li>
        ))}
      </ol>
      {pages.hasMore && (
        <button type="button" className="link-button" onClick={pages.error ? pages.retryMore : pages.loadMore} disabled={pages.loading}>
          {pages.loading ? t('common.loading') : pages.error ? t('diff.between.retry') : t('diff.between.more', { count: to - from - pages.items.length })}
        </button>
      )}
    </>
  );
}
