// The generic path for any reader (PostgreSQL, Emmett, …): the events' stored text read in
// position order through iterateRaw's chunks (cancellable between chunks), each evaluated in JS
// (evaluate.ts); the page's events are then read whole by position.
import type { SearchNode, SearchRequest, SearchResult } from '../../shared/search.ts';
import type { StoredEvent } from '../../shared/types.ts';
import { CancelledError } from '../errors.ts';
import type { EventStoreReader, RawEvent } from '../store/eventStore.ts';
import { matchesNode, RowView, type SearchRow } from './evaluate.ts';
import { FacetAccumulator } from './facets.ts';
import type { SearchOptions } from './types.ts';
import { searchResult } from './result.ts';

export interface GenericSearchInput {
  node: SearchNode | null;
  request: SearchRequest;
  after: number;
  limit: number;
  candidates?: { positions: number[]; indexedUpTo: number } | null;
}

export function rowOfRaw(raw: RawEvent): SearchRow {
  return {
    position: raw.position,
    eventId: raw.eventId,
    streamId: raw.streamId,
    version: raw.version,
    type: raw.type,
    recordedAtMs: Date.parse(raw.recordedAt),
    dataText: raw.dataText,
    metadataText: raw.metadataText,
  };
}

/** Position ranges that cover sorted candidates, merging near neighbours into one read. */
function candidateRanges(positions: number[], gap = 64): [number, number][] {
  const sorted = [...new Set(positions)].sort((a, b) => a - b);
  const ranges: [number, number][] = [];
  for (const p of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && p - last[1] <= gap) last[1] = p;
    else ranges.push([p, p]);
  }
  return ranges;
}

/**
 * Events whose data is not valid JSON, counted once per reader up to a position: later searches
 * parse only events appended since (the log is append-only under a reader).
 */
const invalidCache = new WeakMap<EventStoreReader, { upTo: number; invalid: number }>();

export async function searchGeneric(store: EventStoreReader, input: GenericSearchInput, options: SearchOptions): Promise<SearchResult> {
  const signal = options.signal;
  if (signal?.aborted) throw new CancelledError('The search');
  const facets = input.request.facets ? new FacetAccumulator() : null;
  const page: number[] = [];
  let total = 0;
  let invalid: number;
  let done = 0;
  const expected = options.onProgress ? await store.countEvents({ kind: 'all' }, { signal }) : 0;

  const known = invalidCache.get(store) ?? { upTo: 0, invalid: 0 };
  let invalidAfter = 0;
  let seenUpTo = 0;
  const consider = (raw: RawEvent) => {
    const view = new RowView(rowOfRaw(raw));
    if (raw.position > known.upTo && !view.data().ok) invalidAfter++;
    if (raw.position > seenUpTo) seenUpTo = raw.position;
    if (input.node && !matchesNode(input.node, view)) return;
    total++;
    if (raw.position > input.after && page.length <= input.limit) page.push(raw.position);
    facets?.add({ type: raw.type, streamId: raw.streamId, actor: view.actor(), recordedAtMs: view.row.recordedAtMs });
  };

  let plan = 'scan';
  if (input.candidates) {
    plan = 'index+scan';
    const wanted = new Set(input.candidates.positions);
    const ranges = candidateRanges(input.candidates.positions);
    // Blind-spot counting needs every row; with an index only candidates and the unindexed tail are read.
    for (const [from, end] of ranges) {
      if (from > input.candidates.indexedUpTo) break;
      const to = Math.min(end, input.candidates.indexedUpTo);
      for await (const chunk of store.iterateRaw({ kind: 'all', fromPosition: from, toPosition: to }, { signal })) {
        for (const raw of chunk) if (wanted.has(raw.position)) consider(raw);
      }
    }
    for await (const chunk of store.iterateRaw({ kind: 'all', fromPosition: input.candidates.indexedUpTo + 1 }, { signal })) {
      for (const raw of chunk) consider(raw);
    }
    invalid = known.invalid; // what earlier full scans counted; the candidates alone cannot say more
  } else {
    for await (const chunk of store.iterateRaw({ kind: 'all' }, { signal })) {
      for (const raw of chunk) consider(raw);
      done += chunk.length;
      options.onProgress?.(done, expected);
      if (signal?.aborted) throw new CancelledError('The search');
    }
    invalid = known.invalid + invalidAfter;
    if (seenUpTo >= known.upTo) invalidCache.set(store, { upTo: seenUpTo, invalid });
  }

  const more = page.length > input.limit;
  if (more) page.pop();
  const items: StoredEvent[] = [];
  for (const position of page) items.push(await store.getEvent(position));
  if (signal?.aborted) throw new CancelledError('The search');
  return searchResult({ total, items, more, invalid, plan, facets });
}
