// One event in full: identity, time, actor, hash, its data and metadata as collapsible JSON, and the
// events linked to it. Everything from the store is rendered as text.
import { useState } from 'react';
import { withNumbersAsWritten } from '../../../../shared/numbersAsWritten.ts';
import type { StoredEvent } from '../../../../shared/types.ts';
import { ErrorBoundary } from '../../ErrorBoundary.tsx';
import { hrefs } from '../../app/routes.ts';
import { useStore } from '../../app/StoreContext.tsx';
import { CopyButton } from '../../components/CopyButton.tsx';
import { JsonTree } from '../../components/JsonTree.tsx';
import { actorOf, formatCount, formatTime, otherZoneTitle, metadataText } from '../../lib/format.ts';
import { useT } from '../../i18n/index.ts';
import { Message } from '../../i18n/Message.tsx';
import { SafeText } from '../../lib/safeText.tsx';
import { RelatedEvents } from './RelatedEvents.tsx';
import { isAffectedEvent } from '../verify/affectedEvents.ts';
import { differingSourceVersion, sourceOwner, sourceVersionTitle } from './sourceVersion.ts';
import './events.css';
import { notesOnEvent, useCaseNotes } from '../notes/useCaseNotes.ts';
import { NoteMark } from '../notes/NoteMark.tsx';
import { TargetNotes } from '../notes/TargetNotes.tsx';
import { api } from '../../api.ts';
import { useMasking } from '../masking/maskingState.ts';
import '../masking/masking.css';
import { errorMessage } from '../../lib/errors.ts';

const RAW_LIMIT = 2_000_000;

function JsonSection({ part, value, testId, numbers }: { part: 'data' | 'metadata'; value: unknown; testId: string; numbers?: Record<string, string> }) {
  const t = useT();
  const [raw, setRaw] = useState(false);
  const asText = () => JSON.stringify(withNumbersAsWritten(value, numbers), null, 2);
  let text: string | null = null;
  if (raw) {
    try {
      text = asText() ?? 'undefined';
    } catch (error) {
      text = t('event.raw.error', { message: (error as Error).message });
    }
  }
  return (
    <section className="detail-section" data-testid={testId}>
      <header className="detail-section-head">
        <h3>{t(`event.${part}`)}</h3>
        <span className="toolbar-spacer" />
        <button type="button" className="link-button small" onClick={() => setRaw(!raw)} aria-pressed={raw}>
          {raw ? t('event.raw.tree') : t('event.raw.json')}
        </button>
        <CopyButton text={() => asText() ?? ''} label={t(`event.${part}.copy`)} />
      </header>
      <ErrorBoundary what={t(`event.${part}.view`)} compact>
        {raw && text !== null ? (
          <pre className="raw-json">
            {text.length > RAW_LIMIT ? `${text.slice(0, RAW_LIMIT)}\n${t('event.raw.more', { count: text.length - RAW_LIMIT })}` : text}
          </pre>
        ) : (
          <JsonTree value={value} testId={`${testId}-tree`} numbersAsWritten={numbers} />
        )}
      </ErrorBoundary>
    </section>
  );
}

export function EventDetail({ event: given, showStream = false }: { event: StoredEvent; showStream?: boolean }) {
  // Masking on: "Show unmasked" fetches this one event as stored (recorded in the activity log).
  const t = useT();
  const masking = useMasking();
  const [unmasked, setUnmasked] = useState<{ of: StoredEvent; event: StoredEvent } | null>(null);
  const [unmaskError, setUnmaskError] = useState<string | null>(null);
  const event = unmasked && unmasked.of === given && masking?.enabled ? unmasked.event : given;
  const showUnmasked = async () => {
    const result = await api.getEventUnmasked({ ref: given.position });
    if (result.ok) setUnmasked({ of: given, event: result.value });
    setUnmaskError(result.ok ? null : errorMessage(result.error));
  };
  const actor = actorOf(event.metadata);
  const correlation = metadataText(event.metadata, 'correlationId', '$correlationId', 'correlation_id');
  const causation = metadataText(event.metadata, 'causationId', '$causationId', 'causation_id');
  const { integrity, store } = useStore();
  const affected = isAffectedEvent(integrity, event);
  const layout = store?.info.layout;
  const sourceVersion = differingSourceVersion(event);
  const notes = notesOnEvent(useCaseNotes().notes, event.position);
  return (
    <article className="event-detail" data-testid="event-detail" data-version={event.version} data-position={event.position}>
      {affected && (
        <p className="integrity-banner" role="alert" data-testid="event-detail-affected">
          <Message k="event.affected" components={{ findings: <a href={hrefs.verify()} /> }} />
        </p>
      )}
      <header className="event-detail-head">
        <h2>
          <span className="mono">{t('common.v', { version: event.version })}</span>{' '}
          {sourceVersion !== null && (
            <>
              <span className="source-version mono" title={sourceVersionTitle(event, layout?.name)} data-testid="event-detail-source-version">
                {t('sourceVersion.source', { source: sourceVersion })}
              </span>{' '}
            </>
          )}
          <span className="type-name" data-testid="event-detail-type">
            <SafeText text={event.type} max={200} />
          </span>
          <NoteMark notes={notes} />
        </h2>
        <div className="event-actions">
          <a href={hrefs.state(event.streamId, event.version)} data-testid="event-state-link">
            {t('event.stateAfter')}
          </a>
          {event.version > 0 && (
            <a href={hrefs.diff(event.streamId, event.version - 1, event.version)} data-testid="event-diff-link">
              {t('event.whatChanged')}
            </a>
          )}
          {showStream && <a href={hrefs.stream(event.streamId, event.version)}>{t('event.openInStream')}</a>}
          {masking?.enabled && event === given && (
            <button type="button" className="link-button" onClick={() => void showUnmasked()} title={t('event.showUnmasked.title')} data-testid="show-unmasked">
              {t('event.showUnmasked')}
            </button>
          )}
        </div>
      </header>
      {event !== given && (
        <p className="unmasked-banner" role="status" data-testid="unmasked-banner">
          {t('event.unmaskedBanner')}
        </p>
      )}
      {unmaskError && (
        <p className="status status-error" role="alert">
          {unmaskError}
        </p>
      )}
      {event.decodeError && (
        <div className="status status-error" role="alert" data-testid="decode-error">
          <div className="status-title">{t('event.decodeError.title')}</div>
          <div className="status-message">
            <Message k="event.decodeError.body" components={{ error: <SafeText text={event.decodeError} max={500} /> }} />
          </div>
        </div>
      )}
      <table className="kv-table event-facts">
        <tbody>
          {showStream && (
            <tr>
              <th>{t('event.stream')}</th>
              <td className="mono break">
                <a href={hrefs.stream(event.streamId)}>
                  <SafeText text={event.streamId} max={300} />
                </a>
              </td>
            </tr>
          )}
          <tr>
            <th>{t('event.recorded')}</th>
            <td>
              <span title={otherZoneTitle(event.recordedAt)} data-testid="event-detail-recorded">
                {formatTime(event.recordedAt)}
              </span>
              {layout?.timeMeaning && (
                <div className="muted small time-meaning" data-testid="event-time-meaning">
                  {layout.timeMeaning}
                </div>
              )}
            </td>
          </tr>
          <tr>
            <th>{t('event.actor')}</th>
            <td>{actor ? <SafeText text={actor} max={200} /> : <span className="muted">{t('event.actor.none')}</span>}</td>
          </tr>
          {sourceVersion !== null && (
            <tr>
              <th>{t('event.version')}</th>
              <td className="mono" title={sourceVersionTitle(event, layout?.name)} data-testid="event-detail-versions">
                {formatCount(event.version)} <span className="muted">
                  {t('event.version.source', { owner: sourceOwner(layout?.name, true), source: sourceVersion })}
                </span>
              </td>
            </tr>
          )}
          <tr>
            <th>{t('event.position')}</th>
            <td className="mono">{formatCount(event.position)}</td>
          </tr>
          <tr>
            <th>{t('event.eventId')}</th>
            <td className="mono break">
              <SafeText text={event.eventId} max={300} /> <CopyButton text={event.eventId} label={t('event.eventId.copy')} />
            </td>
          </tr>
          {correlation && (
            <tr>
              <th>{t('event.correlation')}</th>
              <td className="mono break">
                <a href={hrefs.timeline({ correlation })} title={t('event.correlation.title')}>
                  <SafeText text={correlation} max={300} />
                </a>
              </td>
            </tr>
          )}
          {causation && (
            <tr>
              <th>{t('event.causation')}</th>
              <td className="mono break">
                <SafeText text={causation} max={300} />
              </td>
            </tr>
          )}
          <tr>
            <th>{t('event.hash')}</th>
            <td className="mono break small">{event.hash ?? <span className="muted">{t('event.hash.none')}</span>}</td>
          </tr>
        </tbody>
      </table>
      <TargetNotes target={{ kind: 'event', ref: event.position }} notes={notes} what={`${event.streamId} ${t('common.v', { version: event.version })}`} />
      <JsonSection part="data" value={event.data} testId="event-data" numbers={event.numbersAsWritten?.data} />
      <JsonSection part="metadata" value={event.metadata} testId="event-metadata" numbers={event.numbersAsWritten?.metadata} />
      <section className="detail-section">
        <header className="detail-section-head">
          <h3>{t('event.related')}</h3>
        </header>
        <ErrorBoundary what={t('event.theRelated')} compact>
          <RelatedEvents event={event} />
        </ErrorBoundary>
      </section>
    </article>
  );
}
