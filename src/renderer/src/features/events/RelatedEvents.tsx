// Events linked to one event through its metadata: the cause it names (causationId), the events
// naming it as their cause, and the other events of the same correlation (one business operation
// across streams).
import type { StoredEvent } from '../../../../shared/types.ts';
import { api } from '../../api.ts';
import { hrefs } from '../../app/routes.ts';
import { ErrorView, Loading } from '../../components/StatusViews.tsx';
import { actorOf, formatTimeShort } from '../../lib/format.ts';
import { SafeText, visibleText } from '../../lib/safeText.tsx';
import { useApi } from '../../lib/useApi.ts';
import { useT } from '../../i18n/index.ts';
import { Message } from '../../i18n/Message.tsx';
import { versionLabel } from './sourceVersion.ts';
import { useRovingList, type RovingList } from '../../components/useRovingRows.ts';

function EventLinkRow({ event, here, item }: { event: StoredEvent; here: string; item?: ReturnType<RovingList<HTMLElement>['itemProps']> }) {
  const t = useT();
  const sameStream = event.streamId === here;
  const actor = actorOf(event.metadata);
  const facts = { stream: visibleText(event.streamId), version: versionLabel(event), type: visibleText(event.type), time: event.recordedAt };
  return (
    <li>
      <a
        href={hrefs.stream(event.streamId, event.version)}
        className="related-link"
        data-testid="related-link"
        data-position={event.position}
        {...item}
        title={actor ? t('related.titleBy', { ...facts, actor: visibleText(actor) }) : t('related.title', facts)}
      >
        <span className="mono related-stream">{sameStream ? t('related.thisStream') : <SafeText text={event.streamId} max={80} />}</span>
        <span className="mono">{t('common.v', { version: event.version })}</span>
        <span className="type-name ellipsis">
          <SafeText text={event.type} max={80} />
        </span>
        <span className="muted small related-time">{formatTimeShort(event.recordedAt)}</span>
      </a>
    </li>
  );
}

/** Up to a hundred links: one Tab stop, ↑/↓, Home/End, PageUp/PageDown between them. */
function RelatedList({ events, here }: { events: StoredEvent[]; here: string }) {
  const roving = useRovingList<HTMLUListElement>(events.length);
  return (
    <ul {...roving.listProps}>
      {events.map((e, i) => (
        <EventLinkRow key={e.position} event={e} here={here} item={roving.itemProps(i)} />
      ))}
    </ul>
  );
}

export function RelatedEvents({ event }: { event: StoredEvent }) {
  const t = useT();
  const related = useApi(() => api.relatedEvents({ position: event.position, limit: 100 }), [event.position]);
  if (related.error) return <ErrorView error={related.error} onRetry={related.reload} />;
  if (!related.value) return <Loading label={t('related.finding')} />;
  const { cause, effects, sameCorrelation, correlationId, causationId, truncated } = related.value;
  if (!correlationId && !causationId && effects.length === 0) {
    return <p className="muted small">{t('related.none')}</p>;
  }
  return (
    <div className="related" data-testid="related-events">
      {causationId && (
        <div className="related-group">
          <h4>{t('related.causedBy')}</h4>
          {cause ? (
            <ul>
              <EventLinkRow event={cause} here={event.streamId} />
            </ul>
          ) : (
            <p className="muted small">
              <Message
                k="related.notAnEvent"
                components={{
                  id: (
                    <span className="mono">
                      <SafeText text={causationId} max={120} />
                    </span>
                  ),
                }}
              />
            </p>
          )}
        </div>
      )}
      <div className="related-group">
        <h4>{t('related.caused', { n: effects.length })}</h4>
        {effects.length === 0 ? (
          <p className="muted small">{t('related.caused.none')}</p>
        ) : (
          <RelatedList events={effects} here={event.streamId} />
        )}
      </div>
      {correlationId && (
        <div className="related-group">
          <h4>
            {t(truncated ? 'related.sameCorrelation.truncated' : 'related.sameCorrelation', { n: sameCorrelation.length })}{' '}
            <a className="small" href={hrefs.timeline({ correlation: correlationId })} data-testid="correlation-timeline">
              {t('related.showInTimeline')}
            </a>
          </h4>
          {sameCorrelation.length === 0 ? (
            <p className="muted small">{t('related.sameCorrelation.none')}</p>
          ) : (
            <RelatedList events={sameCorrelation} here={event.streamId} />
          )}
          {truncated && <p className="muted small">{t('related.truncated', { n: sameCorrelation.length })}</p>}
        </div>
      )}
    </div>
  );
}
