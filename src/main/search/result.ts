// The one shape every search path answers with: the page, the cursor after it, the blind spot of
// events whose data is not JSON, and the facets and histogram when they were counted.
import type { SearchResult } from '../../shared/search.ts';
import type { StoredEvent } from '../../shared/types.ts';
import { encodeSearchCursor } from './cursor.ts';
import type { FacetAccumulator } from './facets.ts';

export function blindSpotText(count: number): string {
  return count === 1
    ? '1 event has data that is not valid JSON: free text still finds its raw text, but field and path terms (data.x:…, has:…) never match it.'
    : `${count} events have data that is not valid JSON: free text still finds their raw text, but field and path terms (data.x:…, has:…) never match them.`;
}

export function searchResult(parts: { total: number; items: StoredEvent[]; more: boolean; invalid: number; plan: string; facets: FacetAccumulator | null }): SearchResult {
  const { items } = parts;
  const result: SearchResult = {
    total: parts.total,
    items,
    next: parts.more && items.length > 0 ? encodeSearchCursor(items[items.length - 1].position) : null,
    blindSpots: parts.invalid > 0 ? [blindSpotText(parts.invalid)] : [],
    plan: parts.plan,
  };
  if (parts.facets) {
    result.facets = parts.facets.facets();
    result.histogram = parts.facets.histogram();
  }
  return result;
}
