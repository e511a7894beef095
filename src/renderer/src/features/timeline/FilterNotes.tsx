// What the timeline's time and actor filters mean, said exactly: the instant range used (UTC, with
// whether its end is included), a bound that is not a time, and how the actor filter matched —
// with the actors ignoring case when it matched nothing ("did you mean 'support:ken' (12 events)?").
import { parseActorFilter, type ActorMatch } from '../../../../shared/actorFilter.ts';
import { actorFilterText } from './rangeText.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { Message } from '../../i18n/Message.tsx';
import { useT } from '../../i18n/index.ts';

export function TimeRangeNote({ range }: { range: { ok: true; description: string | null } | { ok: false; message: string } }) {
  const t = useT();
  if (!range.ok) {
    return (
      <p className="filter-note filter-note-error" role="alert" data-testid="timeline-time-error">
        {range.message}
      </p>
    );
  }
  if (!range.description) return null;
  return (
    <p className="filter-note" data-testid="timeline-range" title={t('filters.range.title')}>
      {t('filters.range.showing', { range: range.description })}
    </p>
  );
}

export function ActorNote({ match, onChoose }: { match: ActorMatch | null | undefined; onChoose: (actor: string) => void }) {
  const t = useT();
  if (!match) return null;
  const rule = t('filters.actor.rule');
  // How the filter was read, in the reader's language (main's description is English).
  const parsed = parseActorFilter(match.text);
  const what = parsed ? actorFilterText(parsed, t) : match.description;
  if (match.actors > 0) {
    return (
      <p className="filter-note" data-testid="timeline-actor-note">
        <Message k="filters.actor.matched" values={{ rule, actors: t('filters.actor.actors', { count: match.actors }), events: t('common.events', { count: match.events }) }} components={{ what: <SafeText text={what} max={300} /> }} />
      </p>
    );
  }
  return (
    <p className="filter-note filter-note-error" data-testid="timeline-actor-note">
      <Message k="filters.actor.none" values={{ rule }} components={{ what: <SafeText text={what} max={300} /> }} />
      {match.suggestions.length > 0 && (
        <>
          {' '}
          {t('filters.actor.didYouMean')}{' '}
          {match.suggestions.map((s, i) => (
            <span key={s.actor}>
              {i > 0 && t('filters.listSeparator')}
              <button type="button" className="link-button mono" onClick={() => onChoose(s.actor)} data-testid="timeline-actor-suggestion">
                <SafeText text={s.actor} max={120} />
              </button>{' '}
              {t('filters.actor.suggestionCount', { events: t('common.events', { count: s.count }) })}
            </span>
          ))}
          {t('filters.actor.didYouMeanEnd')}
        </>
      )}
    </p>
  );
}
