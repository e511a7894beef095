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
import { versionLabel } from './sourceVersion.ts';
import { useRovingList, type RovingList } from '../../components/useRovingRows.ts';

function EventLinkRow({ event, here, item }: { event: StoredEvent; here: string; item?: ReturnType<RovingList<HTMLElement>['itemProps']> }) {
  const sameStream = event.streamId === here;
  return (
    <li>
      <a
        href={hrefs.stream(event.streamId, event.version)}
        className="related-link"
        data-testid="related-link"
        data-position={event.position}
        {...item}
        title={`${visibleText(event.streamId)} ${versionLabel(event)} ${visibleText(event.type)} at ${event.recordedAt}${actorOf(event.metadata) ? ` by ${visibleText(actorOf(event.metadata) ?? '')}` : ''}`}
      >
        <span className="mono related-stream">{sameStream ? 'this stream' : <SafeText text={event.streamId} max={80} />}</span>
        <span className="mono">v{event.version}</span>
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
  const related = useApi(() => api.relatedEvents({ position: event.position, limit: 100 }), [event.position]);
  if (related.error) return <ErrorView error={related.error} onRetry={related.reload} />;
  if (!related.value) return <Loading label="Finding related events…" />;
  const { cause, effects, sameCorrelation, correlationId, causationId, truncated } = related.value;
  if (!correlationId && !causationId && effects.length === 0) {
    return <p className="muted small">This event names no correlation or causation id, and no event names it as its cause.</p>;
  }
  return (
    <div className="related" data-testid="related-events">
      {causationId && (
        <div className="related-group">
          <h4>Caused by</h4>
          {cause ? (
            <ul>
              <EventLinkRow event={cause} here={event.streamId} />
            </ul>
          ) : (
            <p className="muted small">
              <span className="mono">
                <SafeText text={causationId} max={120} />
              </span>{' '}
              — not an event in this store (a command or an external message).
            </p>
          )}
        </div>
      )}
      <div className="related-group">
        <h4>Caused ({effects.length})</h4>
        {effects.length === 0 ? (
          <p className="muted small">No event names this one as its cause.</p>
        ) : (
          <RelatedList events={effects} here={event.streamId} />
        )}
      </div>
      {correlationId && (
        <div className="related-group">
          <h4>
            Same correlation ({sameCorrelation.length}
            {truncated ? '+' : ''}){' '}
            <a className="small" href={hrefs.timeline({ correlation: correlationId })} data-testid="correlation-timeline">
              show in timeline
            </a>
          </h4>
          {sameCorrelation.length === 0 ? (
            <p className="muted small">No other event shares this correlation id.</p>
          ) : (
            <RelatedList events={sameCorrelation} here={event.streamId} />
          )}
          {truncated && <p className="muted small">Showing the first {sameCorrelation.length}; the timeline lists them all.</p>}
        </div>
      )}
    </div>
  );
}
