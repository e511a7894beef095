// Masking applied to what the replay engine, the search and the event reads answer: states (matched
// as `data`), diffs and blame (each value masked as the rules say for its path, the path itself
// too, and the actor of each event), search results with their facets, related events. Used by the
// state/diff exports and by the app's masking switch (screenMasking.ts).
import type { ActorSummary } from '../../shared/actorFilter.ts';
import type { RelatedEvents } from '../../shared/contract.ts';
import type { BlameResult, DiffChange, DiffResult, EventRef, FieldHistoryResult, PathHistoryEntry, PathSegment, RevertedChange, StateAtResult } from '../../shared/replay.ts';
import type { SearchResult } from '../../shared/search.ts';
import type { Page, StoredEvent } from '../../shared/types.ts';
import type { DriftResult, WhatIfResult } from '../../shared/whatIf.ts';
import { pathText } from '../replay/jsonPath.ts';
import type { Masker } from './masker.ts';

/** Every string in a value of no known shape (a warning, an interruption) through the patterns. */
export function maskTextsDeep<T>(m: Masker, value: T): T {
  if (!m.active) return value;
  const visit = (v: unknown): unknown => {
    if (typeof v === 'string') return m.maskText(v);
    if (Array.isArray(v)) return v.map(visit);
    if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, item]) => [m.maskText(k), visit(item)]));
    return v;
  };
  return visit(value) as T;
}

/** A metadata field shown on its own (the actor of a diff's event, an actor facet). */
export const maskMetadataField = (m: Masker, field: string, value: string): string => m.maskAt(value, 'metadata', [field]) as string;

const maskRef = (m: Masker, ref: EventRef | null): EventRef | null => (ref && ref.actor !== null ? { ...ref, actor: maskMetadataField(m, 'actor', ref.actor) } : ref);

const maskSides = <T extends { before?: unknown; after?: unknown }>(m: Masker, item: T, segments: readonly PathSegment[]): T => ({
  ...item,
  ...('before' in item ? { before: m.maskAt(item.before, 'data', segments) } : {}),
  ...('after' in item ? { after: m.maskAt(item.after, 'data', segments) } : {}),
});

const maskHistory = (m: Masker, history: PathHistoryEntry[], segments: readonly PathSegment[]) =>
  history.map((entry) => ({ ...maskSides(m, entry, segments), event: maskRef(m, entry.event) as EventRef }));

/** A place in the state: its masked segments, and its path text rebuilt from them. */
function maskPlace(m: Masker, segments: PathSegment[]): { segments: PathSegment[]; path: string } {
  const masked = m.maskSegments('data', segments);
  return { segments: masked, path: pathText(masked) };
}

/**
 * A replay warning: "skipped: data is not valid JSON (Unexpected token … "raw text"…)" quotes the
 * stored text the parser choked on, which path rules cannot see into, so that detail is dropped.
 */
export function maskWarningText(m: Masker, message: string): string {
  return /not valid JSON|not a JSON object/.test(message) ? message.replace(/ \(.*$/s, ' (details masked)') : m.maskText(message);
}

export function maskStateResult(m: Masker, result: StateAtResult): StateAtResult {
  if (!m.active) return result;
  return {
    ...maskTextsDeep(m, { ...result, state: null, warnings: [] }),
    state: m.maskValue(result.state, 'data'),
    projection: result.projection,
    streamId: m.maskText(result.streamId),
    warnings: result.warnings.map((w) => ({ ...w, message: maskWarningText(m, w.message) })),
  };
}

function maskChange(m: Masker, change: DiffChange): DiffChange {
  return { ...maskSides(m, change, change.segments), ...maskPlace(m, change.segments), event: maskRef(m, change.event), history: maskHistory(m, change.history, change.segments) };
}

function maskReverted(m: Masker, change: RevertedChange): RevertedChange {
  return {
    ...change,
    ...maskPlace(m, change.segments),
    ...('value' in change ? { value: m.maskAt(change.value, 'data', change.segments) } : {}),
    history: maskHistory(m, change.history, change.segments),
  };
}

export function maskDiffResult(m: Masker, result: DiffResult): DiffResult {
  if (!m.active) return result;
  return {
    ...result,
    streamId: m.maskText(result.streamId),
    ...(result.interrupted ? { interrupted: maskTextsDeep(m, result.interrupted) } : {}),
    changes: result.changes.map((c) => maskChange(m, c)),
    reverted: result.reverted.map((c) => maskReverted(m, c)),
  };
}

export function maskBlameResult(m: Masker, result: BlameResult): BlameResult {
  if (!m.active) return result;
  return {
    ...result,
    streamId: m.maskText(result.streamId),
    ...(result.interrupted ? { interrupted: maskTextsDeep(m, result.interrupted) } : {}),
    entries: result.entries.map((e) => ({ ...e, ...maskPlace(m, e.segments), value: m.maskAt(e.value, 'data', e.segments), event: maskRef(m, e.event) })),
  };
}

export function maskFieldHistory(m: Masker, result: FieldHistoryResult): FieldHistoryResult {
  if (!m.active) return result;
  return {
    ...result,
    streamId: m.maskText(result.streamId),
    ...(result.interrupted ? { interrupted: maskTextsDeep(m, result.interrupted) } : {}),
    ...maskPlace(m, result.segments),
    ...('value' in result ? { value: m.maskAt(result.value, 'data', result.segments) } : {}),
    history: maskHistory(m, result.history, result.segments),
  };
}

export const maskEvents = (m: Masker, events: StoredEvent[]): StoredEvent[] => (m.active ? events.map((e) => m.maskEvent(e)) : events);

export function maskEventPage<C>(m: Masker, page: Page<StoredEvent, C>): Page<StoredEvent, C> {
  return m.active ? { ...page, items: maskEvents(m, page.items) } : page;
}

export function maskSearchResult(m: Masker, result: SearchResult): SearchResult {
  if (!m.active) return result;
  return {
    ...result,
    items: maskEvents(m, result.items),
    ...(result.facets ? { facets: { ...result.facets, actors: result.facets.actors.map((a) => ({ ...a, value: maskMetadataField(m, 'actor', a.value) })) } } : {}),
  };
}

export function maskRelated(m: Masker, related: RelatedEvents): RelatedEvents {
  if (!m.active) return related;
  return {
    ...related,
    event: m.maskEvent(related.event),
    cause: related.cause ? m.maskEvent(related.cause) : null,
    effects: maskEvents(m, related.effects),
    sameCorrelation: maskEvents(m, related.sameCorrelation),
    correlationId: related.correlationId === null ? null : maskMetadataField(m, 'correlationId', related.correlationId),
    causationId: related.causationId === null ? null : maskMetadataField(m, 'causationId', related.causationId),
  };
}

export function maskActorSummary(m: Masker, summary: ActorSummary): ActorSummary {
  if (!m.active) return summary;
  const actor = <T extends { actor: string }>(a: T): T => ({ ...a, actor: maskMetadataField(m, 'actor', a.actor) });
  return {
    ...summary,
    actors: summary.actors.map(actor),
    match: summary.match ? { ...summary.match, top: summary.match.top.map(actor), suggestions: summary.match.suggestions.map(actor) } : null,
  };
}

/**
 * A query as a manifest records it: filter values that are masked data (an actor, a correlation id,
 * an e-mail in a stream id) become their tokens, so the manifest does not name who was exported.
 */
export function maskQueryValues<T extends object>(m: Masker, query: T): T {
  if (!m.active) return query;
  const out = { ...query } as Record<string, unknown>;
  for (const field of ['actor', 'correlationId', 'causationId'] as const) {
    if (typeof out[field] === 'string') out[field] = maskMetadataField(m, field, out[field] as string);
  }
  for (const field of ['streamId', 'streamPrefix', 'q'] as const) if (typeof out[field] === 'string') out[field] = m.maskText(out[field] as string);
  if (Array.isArray(out.types)) out.types = out.types.map((t) => (typeof t === 'string' ? m.maskText(t) : t));
  return out as T;
}

/** What-if: both states matched as `data`, each change at its path, the divergence's actor and paths. */
export function maskWhatIfResult(m: Masker, result: WhatIfResult): WhatIfResult {
  if (!m.active) return result;
  const side = (s: WhatIfResult['a']) => ({ ...s, state: m.maskValue(s.state, 'data'), ...(s.interrupted ? { interrupted: maskTextsDeep(m, s.interrupted) } : {}) });
  return {
    ...result,
    streamId: m.maskText(result.streamId),
    a: side(result.a),
    b: side(result.b),
    changes: result.changes.map((c) => ({
      ...c,
      ...maskPlace(m, c.segments),
      ...('a' in c ? { a: m.maskAt(c.a, 'data', c.segments) } : {}),
      ...('b' in c ? { b: m.maskAt(c.b, 'data', c.segments) } : {}),
    })),
    firstDivergence: result.firstDivergence ? { ...(maskRef(m, result.firstDivergence) as EventRef), paths: result.firstDivergence.paths.map((p) => m.maskText(p)) } : null,
    ...(result.initialDifference ? { initialDifference: { paths: result.initialDifference.paths.map((p) => m.maskText(p)) } } : {}),
  };
}

/** Drift: the replayed and the stored value of each field at its path, the row key, the event's actor. */
export function maskDriftResult(m: Masker, result: DriftResult): DriftResult {
  if (!m.active) return result;
  return {
    ...result,
    streamId: m.maskText(result.streamId),
    key: m.maskText(result.key),
    ...(result.interrupted ? { interrupted: maskTextsDeep(m, result.interrupted) } : {}),
    fields: result.fields.map((f) => ({
      ...f,
      ...maskPlace(m, f.segments),
      ...('replayed' in f ? { replayed: m.maskAt(f.replayed, 'data', f.segments) } : {}),
      ...('stored' in f ? { stored: m.maskAt(f.stored, 'data', f.segments) } : {}),
      event: maskRef(m, f.event),
      ...(f.note ? { note: m.maskText(f.note) } : {}),
    })),
  };
}
