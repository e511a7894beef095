// The timeline's URL filters as a store query (empty fields left out), shared by the event list,
// the plot and "export these events".
import type { TimelineFilters } from '../../app/routes.ts';

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
  if (filters.actor) query.actor = filters.actor;
  if (filters.prefix) query.streamPrefix = filters.prefix;
  if (filters.correlation) query.correlationId = filters.correlation;
  if (filters.causation) query.causationId = filters.causation;
  return query;
}

/** "type ItemAdded, actor user:ada, …" for summaries; null when nothing is filtered. */
export function describeFilters(filters: TimelineFilters): string | null {
  const parts: string[] = [];
  if (filters.types.length) parts.push(`type ${filters.types.join(' or ')}`);
  if (filters.prefix) parts.push(`stream starts with "${filters.prefix}"`);
  if (filters.actor) parts.push(`actor ${filters.actor}`);
  if (filters.from) parts.push(`from ${filters.from}`);
  if (filters.to) parts.push(`to ${filters.to}`);
  if (filters.correlation) parts.push(`correlation ${filters.correlation}`);
  if (filters.causation) parts.push(`caused by ${filters.causation}`);
  return parts.length ? parts.join(', ') : null;
}
