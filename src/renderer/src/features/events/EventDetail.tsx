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

const RAW_LIMIT = 2_000_000;

function JsonSection({ title, value, testId, numbers }: { title: string; value: unknown; testId: string; numbers?: Record<string, string> }) {
  const [raw, setRaw] = useState(false);
  const asText = () => JSON.stringify(withNumbersAsWritten(value, numbers), null, 2);
  let text: string | null = null;
  if (raw) {
    try {
      text = asText() ?? 'undefined';
    } catch (error) {
      text = `Cannot show as text: ${(error as Error).message}`;
    }
  }
  return (
    <section className="detail-section" data-testid={testId}>
      <header className="detail-section-head">
        <h3>{title}</h3>
        <span className="toolbar-spacer" />
        <button type="button" className="link-button small" onClick={() => setRaw(!raw)} aria-pressed={raw}>
          {raw ? 'tree' : 'raw JSON'}
        </button>
        <CopyButton text={() => asText() ?? ''} label={`Copy ${title.toLowerCase()} as JSON`} />
      </header>
      <ErrorBoundary what={`the ${title.toLowerCase()} view`} compact>
        {raw && text !== null ? (
          <pre className="raw-json">
            {text.length > RAW_LIMIT ? `${text.slice(0, RAW_LIMIT)}\n… ${formatCount(text.length - RAW_LIMIT)} more characters (use copy)` : text}
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
  const masking = useMasking();
  const [unmasked, setUnmasked] = useState<{ of: StoredEvent; event: StoredEvent } | null>(null);
  const [unmaskError, setUnmaskError] = useState<string | null>(null);
  const event = unmasked && unmasked.of === given && masking?.enabled ? unmasked.event : given;
  const showUnmasked = async () => {
    const result = await api.getEventUnmasked({ ref: given.position });
    if (result.ok) setUnmasked({ of: given, event: result.value });
    setUnmaskError(result.ok ? null : result.error.message);
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
          This event failed verification: its stored bytes or its place in the hash chain are not what was appended. <a href={hrefs.verify()}>See the findings</a>.
        </p>
      )}
      <header className="event-detail-head">
        <h2>
          <span className="mono">v{formatCount(event.version)}</span>{' '}
          {sourceVersion !== null && (
            <>
              <span className="source-version mono" title={sourceVersionTitle(event, layout?.name)} data-testid="event-detail-source-version">
                (source {formatCount(sourceVersion)})
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
            State after this event
          </a>
          {event.version > 0 && (
            <a href={hrefs.diff(event.streamId, event.version - 1, event.version)} data-testid="event-diff-link">
              What it changed
            </a>
          )}
          {showStream && <a href={hrefs.stream(event.streamId, event.version)}>Open in its stream</a>}
          {masking?.enabled && event === given && (
            <button type="button" className="link-button" onClick={() => void showUnmasked()} title="Show this event's data as stored. The viewer's activity log records that you did." data-testid="show-unmasked">
              Show unmasked
            </button>
          )}
        </div>
      </header>
      {event !== given && (
        <p className="unmasked-banner" role="status" data-testid="unmasked-banner">
          Shown unmasked, as stored; the activity log records it. Other screens stay masked.
        </p>
      )}
      {unmaskError && (
        <p className="status status-error" role="alert">
          {unmaskError}
        </p>
      )}
      {event.decodeError && (
        <div className="status status-error" role="alert" data-testid="decode-error">
          <div className="status-title">This event's stored payload is not valid JSON</div>
          <div className="status-message">
            <SafeText text={event.decodeError} max={500} />. The raw stored text is shown below.
          </div>
        </div>
      )}
      <table className="kv-table event-facts">
        <tbody>
          {showStream && (
            <tr>
              <th>Stream</th>
              <td className="mono break">
                <a href={hrefs.stream(event.streamId)}>
                  <SafeText text={event.streamId} max={300} />
                </a>
              </td>
            </tr>
          )}
          <tr>
            <th>Recorded</th>
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
            <th>Actor</th>
            <td>{actor ? <SafeText text={actor} max={200} /> : <span className="muted">not recorded</span>}</td>
          </tr>
          {sourceVersion !== null && (
            <tr>
              <th>Version</th>
              <td className="mono" title={sourceVersionTitle(event, layout?.name)} data-testid="event-detail-versions">
                {formatCount(event.version)} <span className="muted">
                  · {sourceOwner(layout?.name).replace(/^The /, 'the ')} own number: {formatCount(sourceVersion)}
                </span>
              </td>
            </tr>
          )}
          <tr>
            <th>Position</th>
            <td className="mono">{formatCount(event.position)}</td>
          </tr>
          <tr>
            <th>Event id</th>
            <td className="mono break">
              <SafeText text={event.eventId} max={300} /> <CopyButton text={event.eventId} label="Copy event id" />
            </td>
          </tr>
          {correlation && (
            <tr>
              <th>Correlation</th>
              <td className="mono break">
                <a href={hrefs.timeline({ correlation })} title="All events of this correlation">
                  <SafeText text={correlation} max={300} />
                </a>
              </td>
            </tr>
          )}
          {causation && (
            <tr>
              <th>Causation</th>
              <td className="mono break">
                <SafeText text={causation} max={300} />
              </td>
            </tr>
          )}
          <tr>
            <th>Hash</th>
            <td className="mono break small">{event.hash ?? <span className="muted">no chain</span>}</td>
          </tr>
        </tbody>
      </table>
      <TargetNotes target={{ kind: 'event', ref: event.position }} notes={notes} what={`${event.streamId} v${event.version}`} />
      <JsonSection title="Data" value={event.data} testId="event-data" numbers={event.numbersAsWritten?.data} />
      <JsonSection title="Metadata" value={event.metadata} testId="event-metadata" numbers={event.numbersAsWritten?.metadata} />
      <section className="detail-section">
        <header className="detail-section-head">
          <h3>Related events</h3>
        </header>
        <ErrorBoundary what="the related events" compact>
          <RelatedEvents event={event} />
        </ErrorBoundary>
      </section>
    </article>
  );
}
