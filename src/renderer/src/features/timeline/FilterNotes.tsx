// What the timeline's time and actor filters mean, said exactly: the instant range used (UTC, with
// whether its end is included), a bound that is not a time, and how the actor filter matched —
// with the actors ignoring case when it matched nothing ("did you mean 'support:ken' (12 events)?").
import type { ActorMatch } from '../../../../shared/actorFilter.ts';
import { formatCount } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';

export function TimeRangeNote({ range }: { range: { ok: true; description: string | null } | { ok: false; message: string } }) {
  if (!range.ok) {
    return (
      <p className="filter-note filter-note-error" role="alert" data-testid="timeline-time-error">
        {range.message}
      </p>
    );
  }
  if (!range.description) return null;
  return (
    <p className="filter-note" data-testid="timeline-range" title="From is inclusive. A date alone as To includes that whole day (up to the next midnight, exclusive); a date and time as To is included.">
      Showing {range.description}
    </p>
  );
}

export function ActorNote({ match, onChoose }: { match: ActorMatch | null | undefined; onChoose: (actor: string) => void }) {
  if (!match) return null;
  const rule = 'case-sensitive; * stands for any text';
  if (match.actors > 0) {
    return (
      <p className="filter-note" data-testid="timeline-actor-note">
        Where <SafeText text={match.description} max={300} /> ({rule}): {formatCount(match.actors)} actor{match.actors === 1 ? '' : 's'}, {formatCount(match.events)} events.
      </p>
    );
  }
  return (
    <p className="filter-note filter-note-error" data-testid="timeline-actor-note">
      No actor matches: <SafeText text={match.description} max={300} /> ({rule}).
      {match.suggestions.length > 0 && (
        <>
          {' '}
          Did you mean{' '}
          {match.suggestions.map((s, i) => (
            <span key={s.actor}>
              {i > 0 && ', '}
              <button type="button" className="link-button mono" onClick={() => onChoose(s.actor)} data-testid="timeline-actor-suggestion">
                <SafeText text={s.actor} max={120} />
              </button>{' '}
              ({formatCount(s.count)} events)
            </span>
          ))}
          ?
        </>
      )}
    </p>
  );
}
