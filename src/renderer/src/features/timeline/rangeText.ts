// The timeline's time range and actor filter said in the reader's language. The shared parsers
// (shared/timeRange.ts, shared/actorFilter.ts) give data — the instants, and why a bound is not a
// time — beside their English message; here that data becomes a sentence from the catalogs. Instants
// are written as the store's UTC digits in every language; the actor and typed text stay as typed.
import type { ActorFilter } from '../../../../shared/actorFilter.ts';
import { formatUtcInstant, type TimeProblem, type TimeRange, type TimeRangeResult } from '../../../../shared/timeRange.ts';
import { currentLanguage, t as translate, type Translate } from '../../i18n/index.ts';

/** "2026-03-01 00:00:00 UTC to 2026-04-01 00:00:00 UTC (exclusive)", or null when unbounded. */
export function rangeText(range: TimeRange, t: Translate = translate): string | null {
  if (range.fromMs === null && range.toMs === null) return null;
  const from = range.fromMs === null ? t('range.firstEvent') : formatUtcInstant(range.fromMs);
  const to = range.toMs === null ? t('range.lastEvent') : t(range.toExclusive ? 'range.endExclusive' : 'range.endInclusive', { time: formatUtcInstant(range.toMs) });
  return t('range.span', { from, to });
}

/** "February 2026" / "2026年2月": the month a day is missing from, in the reader's language. */
function monthName(year: number, month: number): string {
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, 1);
  return new Intl.DateTimeFormat(currentLanguage(), { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(at);
}

/** Why a typed bound is not a time, in people's words. */
export function timeProblemText(problem: TimeProblem, t: Translate = translate): string {
  switch (problem.kind) {
    case 'epochRange':
      return t('range.problem.epochRange', { input: problem.input });
    case 'empty':
      return t('range.problem.empty', { hint: t('range.hint') });
    case 'notTime':
      return t('range.problem.notTime', { text: problem.text, hint: t('range.hint') });
    case 'noMonth':
      return t('range.problem.noMonth', { date: problem.date, month: problem.month });
    case 'noDay':
      return t('range.problem.noDay', { date: problem.date, days: problem.days, monthName: monthName(problem.year, problem.month) });
    case 'timeOfDay':
      return t('range.problem.timeOfDay', { text: problem.text });
    case 'zoneOffset':
      return t('range.problem.zoneOffset', { text: problem.text });
    case 'zoneWithoutTime':
      return t('range.problem.zoneWithoutTime', { text: problem.text });
  }
}

/** A failed range: the bound and why, or that the end is before the start. */
export function rangeFailureText(failure: Extract<TimeRangeResult, { ok: false }>, t: Translate = translate): string {
  if (failure.which === 'range') return t('range.backwards', { range: rangeText(failure.range, t) ?? '' });
  const why = timeProblemText(failure.problem, t);
  return t(failure.which === 'from' ? 'range.fromProblem' : 'range.toProblem', { problem: why });
}

/** "actor is exactly 'user:ada'", "actor starts with 'support:'", "actor matches '*:ken' (* = any text)". */
export function actorFilterText(filter: ActorFilter, t: Translate = translate): string {
  if (filter.kind === 'exact') return t('actorFilter.exact', { actor: filter.actor });
  if (filter.kind === 'prefix') return filter.prefix ? t('actorFilter.prefix', { prefix: filter.prefix }) : t('actorFilter.any');
  return t('actorFilter.pattern', { text: filter.text });
}
