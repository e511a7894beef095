// The changed paths of a diff, coloured by kind, with before/after values and the event that made
// each change (a link into the stream). Long lists render in chunks.
import { useState } from 'react';
import type { ChangeKind, DiffChange } from '../../../../shared/replay.ts';
import { hrefs } from '../../app/routes.ts';
import { JsonInline, JsonTree } from '../../components/JsonTree.tsx';
import { formatCount, formatTime } from '../../lib/format.ts';
import { SafeText, visibleText } from '../../lib/safeText.tsx';

const CHUNK = 300;

function Value({ value, side }: { value: unknown; side: 'before' | 'after' }) {
  const container = typeof value === 'object' && value !== null && Object.keys(value).length > 0;
  return (
    <div className={`diff-value diff-${side}`} data-testid={`diff-${side}`}>
      <span className="diff-side-label">{side}</span>
      {container ? <JsonTree value={value} openDepth={1} /> : <JsonInline value={value} />}
    </div>
  );
}

const SIGN: Record<ChangeKind, string> = { added: '+', removed: '−', changed: '~' };

function ChangeRow({ change, streamId }: { change: DiffChange; streamId: string }) {
  const event = change.event;
  return (
    <li className={`diff-change diff-${change.kind}`} data-testid="diff-change" data-kind={change.kind} data-path={change.path}>
      <div className="diff-change-head">
        <span className="diff-sign" aria-hidden="true">
          {SIGN[change.kind]}
        </span>
        <span className={`badge badge-${change.kind}`}>{change.kind}</span>
        <span className="mono diff-path" title={visibleText(change.path)}>
          <SafeText text={change.path} max={500} />
        </span>
        <span className="toolbar-spacer" />
        {event ? (
          <a
            href={hrefs.stream(streamId, event.version)}
            className="diff-event"
            title={`${visibleText(event.type)} at ${formatTime(event.recordedAt)}${event.actor ? ` by ${visibleText(event.actor)}` : ''}`}
            data-testid="diff-event-link"
            data-version={event.version}
          >
            by v{formatCount(event.version)} <SafeText text={event.type} max={60} />
            {event.actor && (
              <span className="muted">
                {' '}
                · <SafeText text={event.actor} max={40} />
              </span>
            )}
          </a>
        ) : (
          <span className="muted small" title="The replay could not attribute this change to a single event in the range.">
            event not attributed
          </span>
        )}
      </div>
      <div className="diff-values">
        {change.kind !== 'added' && <Value value={change.before} side="before" />}
        {change.kind !== 'removed' && <Value value={change.after} side="after" />}
      </div>
    </li>
  );
}

export function ChangeList({ changes, streamId }: { changes: DiffChange[]; streamId: string }) {
  const [limit, setLimit] = useState(CHUNK);
  return (
    <>
      <ul className="diff-changes" data-testid="diff-changes">
        {changes.slice(0, limit).map((change, i) => (
          <ChangeRow key={`${change.path}|${i}`} change={change} streamId={streamId} />
        ))}
      </ul>
      {changes.length > limit && (
        <button type="button" className="link-button" onClick={() => setLimit((l) => l + CHUNK * 3)}>
          Show {formatCount(Math.min(CHUNK * 3, changes.length - limit))} more of {formatCount(changes.length)} changes
        </button>
      )}
    </>
  );
}
