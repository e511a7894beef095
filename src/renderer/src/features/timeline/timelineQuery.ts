// The timeline's URL filters as a store query (empty fields left out), shared by the event list,
// the plot and "export these events".
import { parseActorFilter } from '../../../../shared/actorFilter.ts';
import { parseTimeRange } from '../../../../shared/timeRange.ts';
import { actorFilterText, rangeFailureText, rangeText } from './rangeText.ts';
import type { TimelineFilters } from '../../app/routes.ts';
import { t } from '../../i18n/index.ts';

export interface GlobalQuery {
  types?: string[];
  fromTime?: string;
  toTime?: string;
  actor?: string;
  streamPrefix?: string;
  correlationId?: string;
  causationId?: string;
}

export function timelineQuery(filters: TimelineFilters): GlobalQuery {
  const query: GlobalQuery = {};
  if (filters.types.length > 0) query.types = filters.types;
  if (filters.from.trim()) query.fromTime = filters.from.trim();
  if (filters.to.trim()) query.toTime = filters.to.trim();
  const actor = parseActorFilter(filters.actor);
  if (actor) query.actor = actor.text;
  if (filters.prefix) query.streamPrefix = filters.prefix;
  if (filters.correlation) query.correlationId = filters.correlation;
  if (filters.causation) query.causationId = filters.causation;
  return query;
}

/**
 * The exact time range of the filters ("2026-03-01 00:00:00 UTC to 2026-04-01 00:00:00 UTC
 * (exclusive)"), null when unbounded, or the reason the bounds are not a range.
 */
export function timelineRange(filters: TimelineFilters): { ok: true; description: string | null } | { ok: false; message: string } {
  const result = parseTimeRange(filters.from, filters.to);
  return result.ok ? { ok: true, description: rangeText(result.range) } : { ok: false, message: rangeFailureText(result) };
}

/** "type ItemAdded, actor is exactly 'user:ada', time …" for summaries (and exports); null when nothing is filtered. */
export function describeFilters(filters: TimelineFilters): string | null {
  const parts: string[] = [];
  // Type names, ids and prefixes are data: passed in as stored, never translated.
  if (filters.types.length) parts.push(t('filters.type', { types: filters.types.join(t('filters.or')) }));
  if (filters.prefix) parts.push(t('filters.prefix', { prefix: filters.prefix }));
  const actor = parseActorFilter(filters.actor);
  if (actor) parts.push(actorFilterText(actor));
  const range = timelineRange(filters);
  if (range.ok && range.description) parts.push(t('filters.time', { range: range.description }));
  if (filters.correlation) parts.push(t('filters.correlation', { id: filters.correlation }));
  if (filters.causation) parts.push(t('filters.causation', { id: filters.causation }));
  return parts.length ? parts.join(t('filters.separator')) : null;
}
