// One event as a row of a global-log list (the timeline, search results): position, time, stream,
// version, type with its colour, actor.
import type { StoredEvent } from '../../../../shared/types.ts';
import { actorOf, formatCount, formatTime, localTimeTitle } from '../../lib/format.ts';
import { SafeText, visibleText } from '../../lib/safeText.tsx';
import { typeColor } from './palette.ts';

export function LogRow({ event, selected, onSelect, allTypes, testId }: { event: StoredEvent; selected: boolean; onSelect: () => void; allTypes: readonly string[]; testId: string }) {
  const actor = actorOf(event.metadata);
  return (
    <button type="button" className={`grid-row timeline-grid${selected ? ' selected' : ''}`} role="row" aria-selected={selected} onClick={onSelect} data-testid={testId} data-position={event.position}>
      <span role="cell" className="mono num muted">
        {formatCount(event.position)}
      </span>
      <span role="cell" className="time" title={localTimeTitle(event.recordedAt)}>
        {formatTime(event.recordedAt)}
      </span>
      <span role="cell" className="mono ellipsis" title={visibleText(event.streamId)}>
        <SafeText text={event.streamId} max={200} />
      </span>
      <span role="cell" className="mono num">
        {formatCount(event.version)}
      </span>
      <span role="cell" className="ellipsis type-name">
        <span className="swatch" style={{ background: typeColor(event.type, allTypes) }} />
        <SafeText text={event.type} max={120} />
      </span>
      <span role="cell" className="ellipsis">
        {actor ? <SafeText text={actor} max={120} /> : <span className="muted">—</span>}
      </span>
    </button>
  );
}
